/** `q=` search in selectOccurrences: title, location and description; case and accents ignored. */
import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../test/support/occurrence';
import { type Selection, searchTerms, selectOccurrences } from './select';

const NOW = new Date('2026-11-01T00:00:00Z');
const all: Selection = {
  tagIds: [],
  featuredOnly: false,
  eventId: undefined,
  search: [],
  window: 'not-ended',
  pastDays: 0,
  futureDays: 365,
  limit: undefined,
};
const occurrences = [
  makeOccurrence({ id: '1', title: 'Café Night', location: null }),
  makeOccurrence({ id: '2', title: 'Choir', location: 'Salle Émile-Zola' }),
  makeOccurrence({
    id: '3',
    title: 'Lunch',
    descriptionHtml: '<p>Bring a <strong>friend</strong> &amp; a dish</p>',
  }),
  makeOccurrence({ id: '4', title: 'Prayer', summary: 'Quiet prayer in the CHAPEL' }),
];
const ids = (q: string) =>
  selectOccurrences(occurrences, { ...all, search: searchTerms(q) }, NOW).map((o) => o.id);

describe('q search', () => {
  it('folds case and accents on both sides', () => {
    expect(searchTerms('  CAFÉ  nìght ')).toEqual(['cafe', 'night']);
    expect(ids('cafe')).toEqual(['1']);
    expect(ids('CAFÉ')).toEqual(['1']);
    expect(ids('emile')).toEqual(['2']);
  });

  it('searches title, location, summary and the description text, not its markup', () => {
    expect(ids('salle')).toEqual(['2']);
    expect(ids('friend & dish')).toEqual(['3']);
    expect(ids('strong')).toEqual([]);
    expect(ids('chapel')).toEqual(['4']);
  });

  it('needs every word; a blank query selects everything', () => {
    expect(ids('lunch friend')).toEqual(['3']);
    expect(ids('lunch choir')).toEqual([]);
    expect(ids('   ')).toEqual(['1', '2', '3', '4']);
  });
});
