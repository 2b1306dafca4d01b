/**
 * The whole Worker in workerd (SELF), live mode, reading the test church from the fake PCO
 * server over its outbound service. Outputs are read back with independent parsers: ical.js
 * for iCalendar, fast-xml-parser for RSS and Atom, JSON.parse for the JSON outputs.
 */
import { SELF } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { buildTestChurch, PRIVATE_MARKER, TRICKY_TEXT } from './fixtures/church';
import { parseIcs } from './support/ics';

const church = buildTestChurch(new Date(inject('fixtureNow')));
const { ids } = church;
const ORIGIN = 'https://feeds.example.org';
/** UIDs and item ids carry the PCO organization id, never the host (README, UIDs). */
const UID_DOMAIN = `pco-organization-${church.dataset.organization.id}`;
const uid = (instanceId: string) => `pco-event-instance-${instanceId}@${UID_DOMAIN}`;
const get = (path: string, init?: RequestInit) => SELF.fetch(`${ORIGIN}${path}`, init);
const text = async (path: string) => {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.text();
};
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('GET /calendar.ics', () => {
  it('is served as text/calendar with the calendar properties subscribers rely on', async () => {
    const res = await get('/calendar.ics');
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const { calendar } = parseIcs(await res.text());
    // No METHOD: METHOD:PUBLISH would need an ORGANIZER per VEVENT (RFC 5546 §3.2.1).
    expect(calendar.getFirstProperty('method')).toBeNull();
    expect(calendar.getFirstPropertyValue('prodid')).toContain('pco-feeds');
    expect(calendar.getFirstPropertyValue('name')).toBe('Test Church');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Test Church');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('America/Chicago');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
  });

  it('puts services on the DST Sundays at the right UTC instants, ignoring hidden setup and teardown', async () => {
    const { byUid } = parseIcs(await text('/calendar.ics'));
    const spring = byUid.get(uid(ids.worshipSpring));
    const fall = byUid.get(uid(ids.worshipFall));
    // 09:00–12:15 local: CDT (−05:00) after spring-forward, CST (−06:00) after fall-back.
    expect(spring?.start.toISOString()).toBe(`${church.springForward}T14:00:00.000Z`);
    expect(spring?.end.toISOString()).toBe(`${church.springForward}T17:15:00.000Z`);
    expect(fall?.start.toISOString()).toBe(`${church.fallBack}T15:00:00.000Z`);
    expect(fall?.end.toISOString()).toBe(`${church.fallBack}T18:15:00.000Z`);
    expect(spring?.tzid).toBe('America/Chicago');
    expect(spring?.startLocal).toBe(`${church.springForward}T09:00:00`);
  });

  it('keeps the real duration across the nonexistent and the repeated hour', async () => {
    const { byUid } = parseIcs(await text('/calendar.ics'));
    const spring = byUid.get(uid(ids.vigilSpring));
    const fall = byUid.get(uid(ids.vigilFall));
    // Sat 22:00 CST → Sun 03:30 CDT: 04:00Z → 08:30Z (4.5 h, the 02:00 hour does not exist).
    expect(spring?.start.toISOString()).toBe(`${church.springForward}T04:00:00.000Z`);
    expect(spring?.end.toISOString()).toBe(`${church.springForward}T08:30:00.000Z`);
    // Sat 22:00 CDT → Sun 02:30 CST (after the second 01:30): 03:00Z → 08:30Z (5.5 h).
    expect(fall?.start.toISOString()).toBe(`${church.fallBack}T03:00:00.000Z`);
    expect(fall?.end.toISOString()).toBe(`${church.fallBack}T08:30:00.000Z`);
    expect(fall?.endLocal).toBe(`${church.fallBack}T02:30:00`);
    expect(fall?.description).toMatch(/First watch[\s\S]*Second watch/);
  });

  it('writes a midnight-crossing event with its two local days', async () => {
    const { byUid } = parseIcs(await text('/calendar.ics'));
    const lockIn = byUid.get(uid(ids.lockIn));
    expect(lockIn?.startLocal).toBe(`${church.lockInFriday}T21:00:00`);
    expect(lockIn?.endLocal).toBe(`${plusDays(church.lockInFriday, 1)}T07:00:00`);
  });

  it('writes an all-day Fri–Sun retreat as dates ending on Monday (exclusive DTEND)', async () => {
    const body = await text('/calendar.ics');
    const retreat = parseIcs(body).byUid.get(uid(ids.retreat));
    expect(retreat?.allDay).toBe(true);
    expect(retreat?.startDate).toBe(church.retreatFriday);
    expect(retreat?.endDate).toBe(plusDays(church.retreatFriday, 3));
    expect(body).toContain(`DTSTART;VALUE=DATE:${church.retreatFriday.replace(/-/g, '')}`);
  });

  it('has a VTIMEZONE for every TZID, DTSTAMP in UTC and unique UIDs', async () => {
    const body = await text('/calendar.ics');
    const { calendar, events } = parseIcs(body);
    const tzids = new Set([...body.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]));
    const vtimezones = new Set(
      calendar.getAllSubcomponents('vtimezone').map((c) => c.getFirstPropertyValue('tzid')),
    );
    expect(tzids.size).toBeGreaterThan(0);
    for (const tzid of tzids) expect(vtimezones.has(tzid as string)).toBe(true);
    const stamps = body.split('\r\n').filter((l) => l.startsWith('DTSTAMP'));
    expect(stamps).toHaveLength(events.length);
    for (const stamp of stamps) expect(stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('folds at 75 octets with CRLF, never inside a UTF-8 character, and escapes , ; \\', async () => {
    const body = await text('/calendar.ics');
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const encoder = new TextEncoder();
    const lines = body.split('\r\n');
    for (const line of lines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    // Every line is valid UTF-8 on its own: no character was split across a fold.
    const bytes = encoder.encode(body);
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let offset = 0;
    for (const line of lines) {
      const length = encoder.encode(line).length;
      expect(() => decoder.decode(bytes.subarray(offset, offset + length))).not.toThrow();
      offset += length + 2;
    }
    const noche = parseIcs(body).byUid.get(uid(ids.noche));
    expect(noche?.summary).toBe('Noche de Alabanza 🎶');
    expect(noche?.description).toBe(TRICKY_TEXT);
    expect(body).toContain('Café\\, pan\\; y \\\\ más');
  });

  it('describes several visible times in local time, with registration and connection links', async () => {
    const { byUid } = parseIcs(await text('/calendar.ics'));
    const worship = byUid.get(uid(ids.worshipNext));
    expect(worship?.summary).toBe('Communion Sunday');
    expect(worship?.description).toContain('9:00 AM – 10:15 AM (First Service)');
    expect(worship?.description).toContain('11:00 AM – 12:15 PM (Second Service)');
    const lockIn = byUid.get(uid(ids.lockIn));
    expect(lockIn?.description).toContain(
      'Register: https://test.churchcenter.com/registrations/events/42',
    );
    expect(lockIn?.description).toContain(
      'High School Group: https://test.churchcenter.com/groups/hs',
    );
    expect(lockIn?.description).toContain('All night games & worship.');
    expect(lockIn?.categories).toEqual(['Youth']);
  });

  it('carries URL, attachments with their media type, and change tracking; no IMAGE, STATUS or X-ALT-DESC', async () => {
    const { byUid } = parseIcs(await text('/calendar.ics'));
    const lockIn = byUid.get(uid(ids.lockIn))?.component;
    expect(lockIn?.getFirstPropertyValue('url')).toBe(
      `https://test.churchcenter.com/calendar/event/${ids.lockIn}`,
    );
    const attach = lockIn
      ?.getAllProperties('attach')
      .map((p) => [p.getParameter('fmttype'), p.getFirstValue()]);
    expect(attach).toEqual([
      ['application/pdf', 'https://files.test/permission-slip.pdf'],
      ['image/png', 'https://files.test/schedule.png'],
    ]);
    // Shown by no major client; dropped for size (render/ics).
    expect(lockIn?.getFirstProperty('image')).toBeNull();
    expect(lockIn?.getFirstProperty('status')).toBeNull();
    expect(lockIn?.getFirstProperty('x-alt-desc')).toBeNull();
    expect(Number(lockIn?.getFirstPropertyValue('sequence'))).toBeGreaterThan(0);
    expect(lockIn?.getFirstProperty('created')).toBeTruthy();
    expect(lockIn?.getFirstProperty('last-modified')).toBeTruthy();
  });

  it('renders the same bytes for the same data', async () => {
    expect(await text('/calendar.ics')).toBe(await text('/calendar.ics'));
  });
});

describe('privacy', () => {
  it('never shows hidden, pending, rejected, blockout or hidden-times-only records, nor hidden times', async () => {
    for (const path of [
      '/calendar.ics?past_days=30',
      '/feed.rss',
      '/feed.atom',
      '/feed.json',
      '/events.json',
    ]) {
      const body = await text(path);
      expect(body, path).not.toContain(PRIVATE_MARKER);
      expect(body, path).not.toContain('7:30 AM');
    }
  });

  it('strips script, event handlers and javascript: URLs from published HTML', async () => {
    for (const path of ['/calendar.ics', '/feed.rss', '/feed.atom', '/feed.json', '/events.json']) {
      const body = await text(path);
      expect(body, path).not.toMatch(/onerror|javascript:|<script>alert\(1\)/);
    }
    // The event's name is plain text in the RSS title (CDATA), never markup elsewhere.
    const rss = await text('/feed.rss');
    expect(rss.replace(/<title><!\[CDATA\[[^\]]*\]\]><\/title>/g, '')).not.toContain('<script');
    expect(rss).toContain('<title><![CDATA[Talent Night <script>alert("xss")</script>: ');
  });
});

describe('GET /feed.rss and /feed.atom', () => {
  it('lists upcoming occurrences in start order with titles, links and dates', async () => {
    const res = await get('/feed.rss');
    expect(res.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
    const rss = xml.parse(await res.text());
    const items = asArray(rss.rss.channel.item) as Array<Record<string, unknown>>;
    const events = (
      JSON.parse(await text('/events.json')) as {
        occurrences: Array<{ id: string; starts_at: string }>;
      }
    ).occurrences;
    const upcoming = events.filter((o) => Date.parse(o.starts_at) >= Date.now());
    expect(items.map((i) => String((i.guid as Record<string, string>)['#text']))).toEqual(
      upcoming.map((o) => `tag:${UID_DOMAIN},2020:pco-event-instance:${o.id}`),
    );
    const lockIn = items.find((i) => String(i.title).startsWith('Youth Lock-In'));
    if (!lockIn) throw new Error('no Youth Lock-In item');
    expect(String(lockIn.title)).toMatch(
      /^Youth Lock-In: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, 9:00 PM$/,
    );
    expect(lockIn.link).toBe(`https://test.churchcenter.com/calendar/event/${ids.lockIn}`);
    expect((lockIn.enclosure as Record<string, string>)['@type']).toBe('image/png');
    expect(Number.isNaN(Date.parse(String(lockIn.pubDate)))).toBe(false);
    expect(String(lockIn['content:encoded'])).toContain('Permission slip.pdf');
  });

  it('falls back to the registration link when there is no Church Center URL, and honours limit', async () => {
    const rss = xml.parse(await text('/feed.rss?limit=2'));
    expect(asArray(rss.rss.channel.item)).toHaveLength(2);
    const atom = xml.parse(await text('/feed.atom?limit=3'));
    expect(asArray(atom.feed.entry)).toHaveLength(3);
  });

  it('writes Atom entries in the same order as RSS items, with ids, links and an updated date', async () => {
    const rss = asArray(xml.parse(await text('/feed.rss')).rss.channel.item) as Array<
      Record<string, unknown>
    >;
    const res = await get('/feed.atom');
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const atom = xml.parse(await res.text()).feed;
    const entries = asArray(atom.entry) as Array<Record<string, unknown>>;
    expect(entries.map((e) => e.id)).toEqual(
      rss.map((i) => (i.guid as Record<string, string>)['#text']),
    );
    expect(atom.author.name).toBe('Test Church');
    expect(Number.isNaN(Date.parse(atom.updated))).toBe(false);
    const first = asArray(
      entries[0]?.link as Record<string, string> | Array<Record<string, string>>,
    )[0];
    expect(first?.['@href']).toMatch(/^https:\/\/test\.churchcenter\.com\/calendar\/event\/\d+$/);
  });
});

describe('GET /feed.json and /events.json', () => {
  it('is a JSON Feed 1.1 with plain-text titles', async () => {
    const res = await get('/feed.json');
    expect(res.headers.get('Content-Type')).toBe('application/feed+json; charset=utf-8');
    const feed = (await res.json()) as {
      version: string;
      items: Array<{ title: string; id: string }>;
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(
      feed.items.some((i) => i.title.startsWith('Talent Night <script>alert("xss")</script>: ')),
    ).toBe(true);
  });

  it('lists occurrences with UTC and local times', async () => {
    const doc = (await (await get('/events.json')).json()) as {
      time_zone: string;
      occurrences: Array<{
        id: string;
        starts_at: string;
        local_starts_at: string;
        all_day: boolean;
      }>;
    };
    expect(doc.time_zone).toBe('America/Chicago');
    const spring = doc.occurrences.find((o) => o.id === ids.worshipSpring);
    expect(spring?.starts_at).toBe(`${church.springForward}T14:00:00Z`);
    expect(spring?.local_starts_at).toBe(`${church.springForward}T09:00:00-05:00`);
  });
});

describe('query parameters', () => {
  const idsOf = async (path: string) =>
    ((await (await get(path)).json()) as { occurrences: Array<{ id: string }> }).occurrences
      .map((o) => o.id)
      .sort();

  it('filters by tag (any of several), featured and event', async () => {
    expect(await idsOf(`/events.json?tag=${ids.tags.youth}`)).toEqual([ids.lockIn]);
    expect(await idsOf(`/events.json?tag=${ids.tags.youth}&tag=${ids.tags.retreats}`)).toEqual(
      [ids.lockIn, ids.retreat].sort(),
    );
    expect(await idsOf('/events.json?featured=true')).toEqual([ids.retreat]);
    const worship = parseIcs(await text(`/calendar.ics?event=${ids.events.worship}`));
    expect(worship.events.map((e) => e.uid).sort()).toEqual(
      [ids.worshipSpring, ids.worshipFall, ids.worshipNext].map(uid).sort(),
    );
  });

  it('narrows the window with days and past_days', async () => {
    const none = parseIcs(await text('/calendar.ics?days=0&past_days=0'));
    expect(none.events).toHaveLength(0);
    const past = parseIcs(await text('/calendar.ics?days=0&past_days=30'));
    expect(past.byUid.has(uid(ids.worshipFall))).toBe(
      Date.parse(`${church.fallBack}T18:15:00Z`) < Date.now(),
    );
  });

  it.each([
    ['/calendar.ics?days=abc', 'days'],
    ['/calendar.ics?days=-1', 'days'],
    ['/calendar.ics?days=366', 'days'],
    ['/calendar.ics?past_days=31', 'past_days'],
    ['/feed.rss?limit=0', 'limit'],
    ['/feed.rss?limit=501', 'limit'],
    ['/events.json?tag=youth', 'tag'],
    ['/events.json?featured=yes', 'featured'],
    ['/events.json?event=1%3B2', 'event'],
    ['/events.json?days=1&days=2', 'days'],
    ['/feed.atom?fbclid=x&limit=abc', 'limit'],
  ])('answers %s with a 400 naming %s', async (path, name) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('text/plain');
    expect(await res.text()).toContain(name);
  });

  it('redirects a path with a trailing slash to the route, keeping the query', async () => {
    // Else /occurrences/{id}/ served the event page, whose relative links (`{id}.ics`,
    // `{id}/google`, other dates) then resolved under it, to 404s.
    const redirects: [string, string][] = [
      [`/occurrences/${ids.retreat}/`, `/occurrences/${ids.retreat}`],
      ['/calendar.ics/?tag=1&days=30', '/calendar.ics?tag=1&days=30'],
      ['/widget/', '/widget'],
    ];
    for (const [path, target] of redirects) {
      for (const method of ['GET', 'HEAD']) {
        const res = await get(path, { method, redirect: 'manual' });
        expect(res.status, `${method} ${path}`).toBe(301);
        expect(res.headers.get('Location')).toBe(`${ORIGIN}${target}`);
      }
    }
    expect((await get('/')).status).toBe(200);
  });

  it('answers unknown routes with 404 and HEAD without a body', async () => {
    expect((await get('/calendar.xml')).status).toBe(404);
    const head = await get('/calendar.ics', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(await head.text()).toBe('');
  });
});

describe('GET /health', () => {
  it('reports the organization and snapshot without secrets', async () => {
    await text('/calendar.ics');
    const res = await get('/health');
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({
      status: 'ok',
      mode: 'live',
      organization: { name: 'Test Church', time_zone: 'America/Chicago' },
    });
    expect(body).not.toContain('test-secret-value');
    expect(body).not.toContain('test-app-id');
  });
});
