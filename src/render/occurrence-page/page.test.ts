/**
 * The event page's "Where" for the three kinds of location: a place (with a map search), an
 * online occurrence whose location is a link (the link itself, no map), and none (no section).
 */
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../test/support/html';
import { makeOccurrence } from '../../../test/support/occurrence';
import { renderOccurrencePage } from './page';

const render = (location: string | null) =>
  renderOccurrencePage({
    occurrence: makeOccurrence({ location }),
    others: [],
    calendarTitle: 'Grace',
    organizer: { name: 'Grace Community Church', url: 'https://feeds.test/' },
    style: { timeZone: 'America/Chicago', twentyFourHourTime: false },
    lang: 'en',
    accent: '#2563eb',
    theme: 'light',
    pageUrl: 'https://feeds.test/occurrences/1001',
    query: [],
  }).html;

/** The `href`s of the page's links, decoded. */
const hrefs = (html: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ''));

describe('event page location', () => {
  it('links a place to a map search', () => {
    const html = render('Fellowship Hall, 100 Main St');
    expect(html).toContain('<h2 id="where">Where</h2>');
    const maps = hrefs(html).filter((h) => h.startsWith('https://www.google.com/maps/search/'));
    expect(maps.map((h) => new URL(h).searchParams.get('query'))).toEqual([
      'Fellowship Hall, 100 Main St',
    ]);
  });

  it('links an online location to itself, with no map search', () => {
    const html = render('https://www.youtube.com/@gracechurch/live');
    expect(html).toContain('<h2 id="where">Where</h2>');
    expect(hrefs(html)).toContain('https://www.youtube.com/@gracechurch/live');
    expect(hrefs(html).some((h) => h.startsWith('https://www.google.com/maps/'))).toBe(false);
  });

  it('has no Where section without a location', () => {
    const html = render(null);
    expect(html).not.toContain('id="where"');
    expect(hrefs(html).some((h) => h.startsWith('https://www.google.com/maps/'))).toBe(false);
  });
});
