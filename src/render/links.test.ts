import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../test/support/occurrence';
import type { Occurrence } from '../model/occurrence';
import {
  addToCalendarUrl,
  encodeQuery,
  googleTemplateUrl,
  occurrencePaths,
  outlookComposeUrl,
  subscribeLinks,
  TEMPLATE_FIELD_MAX_CHARS,
  TEMPLATE_URL_MAX_CHARS,
  webcalUrl,
  withQuery,
} from './links';

const timed: Occurrence = makeOccurrence({
  title: 'Worship & Prayer: 100% "live" #1',
  end: '2026-11-22T18:15:00Z',
  times: [{ start: '2026-11-22T15:00:00Z', end: '2026-11-22T18:15:00Z', name: null }],
  location: 'Main Sanctuary, 100 Main St; Springfield',
});
const allDay: Occurrence = {
  ...timed,
  id: '1002',
  title: 'Family Retreat',
  allDay: true,
  dates: { start: '2026-11-20', endExclusive: '2026-11-23' },
  start: '2026-11-20T06:00:00Z',
  end: '2026-11-23T06:00:00Z',
  location: null,
};

/** The query of a URL as name → values, decoded by the platform's own parser. */
const query = (url: string) => {
  const params = new URL(url).searchParams;
  return Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]));
};

describe('encodeQuery', () => {
  it('percent-encodes names and values, with %20 for spaces and never +', () => {
    expect(encodeQuery([['a b', 'c&d=e/f?g#h+i ü']])).toBe(
      'a%20b=c%26d%3De%2Ff%3Fg%23h%2Bi%20%C3%BC',
    );
  });

  it('keeps repeated names in order', () => {
    expect(
      withQuery('https://x.test/calendar.ics', [
        ['tag', '3'],
        ['tag', '5'],
      ]),
    ).toBe('https://x.test/calendar.ics?tag=3&tag=5');
    expect(withQuery('https://x.test/a', [])).toBe('https://x.test/a');
  });
});

describe('webcalUrl', () => {
  it('swaps http and https for webcal, keeping host, path and query', () => {
    expect(webcalUrl('https://feeds.example.org/calendar.ics?tag=3')).toBe(
      'webcal://feeds.example.org/calendar.ics?tag=3',
    );
    expect(webcalUrl('http://127.0.0.1:8795/calendar.ics')).toBe(
      'webcal://127.0.0.1:8795/calendar.ics',
    );
  });
});

describe('subscribeLinks', () => {
  const feed = 'https://feeds.example.org/calendar.ics?tag=3&tag=5';
  const links = subscribeLinks(feed, 'Grace & Co: Youth');

  it('hands Google the webcal URL as cid, encoded so its own query survives', () => {
    expect(links.google.startsWith('https://calendar.google.com/calendar/render?cid=')).toBe(true);
    expect(query(links.google)).toEqual({
      cid: ['webcal://feeds.example.org/calendar.ics?tag=3&tag=5'],
    });
    expect(links.google).toContain(
      'cid=webcal%3A%2F%2Ffeeds.example.org%2Fcalendar.ics%3Ftag%3D3%26tag%3D5',
    );
  });

  it('gives Outlook.com and Microsoft 365 the https URL and the name to add from web', () => {
    expect(links.outlook.startsWith('https://outlook.live.com/calendar/0/addfromweb?')).toBe(true);
    expect(links.microsoft365.startsWith('https://outlook.office.com/calendar/0/addfromweb?')).toBe(
      true,
    );
    for (const url of [links.outlook, links.microsoft365]) {
      expect(query(url)).toEqual({ url: [feed], name: ['Grace & Co: Youth'] });
    }
  });

  it('offers the webcal and https forms as they are', () => {
    expect(links.https).toBe(feed);
    expect(links.webcal).toBe('webcal://feeds.example.org/calendar.ics?tag=3&tag=5');
  });
});

describe('googleTemplateUrl', () => {
  it('writes a timed occurrence as UTC basic times with the zone as ctz', () => {
    const url = googleTemplateUrl(timed, {
      details: 'Join us\nhttps://x',
      timeZone: 'America/Chicago',
    });
    expect(url.startsWith('https://calendar.google.com/calendar/render?action=TEMPLATE&')).toBe(
      true,
    );
    expect(query(url)).toEqual({
      action: ['TEMPLATE'],
      text: ['Worship & Prayer: 100% "live" #1'],
      dates: ['20261122T150000Z/20261122T181500Z'],
      details: ['Join us\nhttps://x'],
      location: ['Main Sanctuary, 100 Main St; Springfield'],
      ctz: ['America/Chicago'],
    });
  });

  it('writes an all-day occurrence as dates with the exclusive end, and no empty location', () => {
    const q = query(googleTemplateUrl(allDay, { details: '', timeZone: 'America/Chicago' }));
    expect(q.dates).toEqual(['20261120/20261123']);
    expect(q.location).toBeUndefined();
  });

  it('keeps a description that fits whole', () => {
    const details = `${'Bring a friend. '.repeat(200)}end`;
    const q = query(googleTemplateUrl(timed, { details, timeZone: 'UTC' }));
    expect(q.details).toEqual([details]);
  });
});

describe('template links are capped (issue 9: a 56 KB Location header)', () => {
  // 56 KB of title and location, and a description of emoji (12 encoded characters each).
  const huge: Occurrence = {
    ...timed,
    title: `Title ${'t'.repeat(28_000)}`,
    location: `Hall ${'l'.repeat(28_000)}`,
  };
  const details = `Start ${'🙏'.repeat(5_000)}`;
  const cases = [
    ['google', 'details', 'text'],
    ['outlook', 'body', 'subject'],
    ['microsoft365', 'body', 'subject'],
  ] as const;
  for (const [service, detailsKey, titleKey] of cases) {
    it(`${service}: at most ${TEMPLATE_URL_MAX_CHARS} characters, every field cut with an ellipsis`, () => {
      const url = addToCalendarUrl(huge, service, { details, timeZone: 'America/Chicago' });
      expect(url.length).toBeLessThanOrEqual(TEMPLATE_URL_MAX_CHARS);
      expect(url.length).toBeGreaterThan(TEMPLATE_URL_MAX_CHARS - 20);
      const q = query(url);
      expect(Array.from(q[titleKey]?.[0] ?? '')).toHaveLength(TEMPLATE_FIELD_MAX_CHARS);
      expect(q[titleKey]?.[0]).toMatch(/^Title t+…$/);
      expect(q.location?.[0]).toMatch(/^Hall l+…$/);
      // Cut between emoji, never inside one (no lone surrogate, no U+FFFD).
      expect(q[detailsKey]?.[0]).toMatch(/^Start (🙏)+…$/u);
      expect(q.startdt ?? q.dates).toBeTruthy();
    });
  }
});

describe('outlookComposeUrl', () => {
  it('writes a timed occurrence as UTC ISO instants for Outlook.com', () => {
    const url = outlookComposeUrl(timed, 'live', { details: 'Body' });
    expect(url.startsWith('https://outlook.live.com/calendar/0/action/compose?')).toBe(true);
    expect(query(url)).toEqual({
      rru: ['addevent'],
      subject: ['Worship & Prayer: 100% "live" #1'],
      startdt: ['2026-11-22T15:00:00Z'],
      enddt: ['2026-11-22T18:15:00Z'],
      allday: ['false'],
      body: ['Body'],
      location: ['Main Sanctuary, 100 Main St; Springfield'],
    });
  });

  it('writes an all-day occurrence as dates with allday=true for Microsoft 365', () => {
    const url = outlookComposeUrl(allDay, 'office', { details: '' });
    expect(url.startsWith('https://outlook.office.com/calendar/0/action/compose?')).toBe(true);
    const q = query(url);
    expect([q.startdt, q.enddt, q.allday]).toEqual([['2026-11-20'], ['2026-11-23'], ['true']]);
  });
});

describe('addToCalendarUrl', () => {
  it('picks the service', () => {
    const options = { details: '', timeZone: 'UTC' };
    expect(addToCalendarUrl(timed, 'google', options)).toMatch(
      /^https:\/\/calendar\.google\.com\//,
    );
    expect(addToCalendarUrl(timed, 'outlook', options)).toMatch(/^https:\/\/outlook\.live\.com\//);
    expect(addToCalendarUrl(timed, 'microsoft365', options)).toMatch(
      /^https:\/\/outlook\.office\.com\//,
    );
  });
});

describe('occurrencePaths', () => {
  it('are relative, so they resolve under whatever base served the page', () => {
    expect(occurrencePaths('1001')).toEqual({
      ics: 'occurrences/1001.ics',
      google: 'occurrences/1001/google',
      outlook: 'occurrences/1001/outlook',
      microsoft365: 'occurrences/1001/microsoft365',
    });
    expect(new URL(occurrencePaths('7').ics, 'https://x.test/cal/widget?view=list').href).toBe(
      'https://x.test/cal/occurrences/7.ics',
    );
  });

  it('are shorter under a page whose base is the occurrences directory', () => {
    const google = occurrencePaths('7', '', '').google;
    expect(google).toBe('7/google');
    const base = new URL('occurrences/', 'https://x.test/cal/widget?view=list');
    expect(new URL(google, base).href).toBe('https://x.test/cal/occurrences/7/google');
  });
});
