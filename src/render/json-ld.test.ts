/**
 * The Event JSON-LD's `location`, which Google's event rich results require: a Place for a
 * venue, a VirtualLocation for an online occurrence, the church when Planning Center has none.
 *
 * @see https://developers.google.com/search/docs/appearance/structured-data/event
 */
import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../test/support/occurrence';
import { eventJsonLd, jsonLdText } from './json-ld';

const grace = { name: 'Grace Community Church', url: 'https://feeds.test/' };
const PAGE = 'https://feeds.test/occurrences/1001';

/** The Event as a JSON-LD consumer reads it: the page's text, parsed. */
const parsed = (location: string | null) =>
  JSON.parse(
    jsonLdText(eventJsonLd(makeOccurrence({ location }), PAGE, 'America/Chicago', grace)),
  ) as Record<string, unknown>;

describe('eventJsonLd location', () => {
  it('is a Place with the location text as name and address, attended offline', () => {
    expect(parsed('Fellowship Hall, 100 Main St, Springfield')).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'Fellowship Hall, 100 Main St, Springfield',
        address: 'Fellowship Hall, 100 Main St, Springfield',
      },
    });
  });

  it('is a VirtualLocation with the URL, attended online, when the location is only a link', () => {
    expect(parsed(' https://www.youtube.com/@gracechurch/live ')).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://www.youtube.com/@gracechurch/live' },
    });
    // A link among words, or another scheme, is still a place's text.
    expect(parsed('Zoom: https://zoom.us/j/1')).toMatchObject({
      location: { '@type': 'Place', address: 'Zoom: https://zoom.us/j/1' },
    });
    expect(parsed('javascript:alert(1)')).toMatchObject({ location: { '@type': 'Place' } });
  });

  it('is the church, as a Place named after the organization, when there is no location', () => {
    for (const location of [null, '', '   ']) {
      const ld = parsed(location);
      expect(ld.location).toEqual({ '@type': 'Place', name: 'Grace Community Church' });
      expect(ld.eventAttendanceMode).toBe('https://schema.org/OfflineEventAttendanceMode');
    }
  });
});
