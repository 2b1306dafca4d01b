/**
 * Regressions found by real clients (`npm run test:clients`, docs/compatibility.md), kept here
 * so `npm test` catches them in workerd without the Debian clients. Each reads the client
 * conformance fixture through the whole Worker, as the client suite does.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { isRepeatedWallTime } from '../src/model/zoned-time';
import { buildConformanceFixture } from './clients/fixture';
import { TEST_ZONE } from './fixtures/church';
import { parseIcs } from './support/ics';
import { clearKv } from './support/kv';
import { FEED_ROUTES, liveApp } from './support/live-app';

const fixture = buildConformanceFixture(new Date(inject('fixtureNow')), 1);
// Each test starts cold (a refresh of the whole fixture, about 1,400 occurrences, in workerd):
// seconds on a loaded machine, over vitest's 5-second default.
vi.setConfig({ testTimeout: 30_000 });
const uid = (id: string) =>
  `pco-event-instance-${id}@pco-organization-${fixture.church.dataset.organization.id}`;
const iso = (date: Date | undefined) => date?.toISOString().replace('.000Z', 'Z');

/** The conformance calendar served by a fresh app. */
function app() {
  return liveApp({}, fixture.church.dataset);
}

async function text(request: ReturnType<typeof app>['request'], path: string): Promise<string> {
  const response = await request(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('regression: a local time in the repeated fall-back hour was read an hour off', () => {
  // ical.js and python3-icalendar read DTSTART;TZID=America/Chicago:…T011000 on the fall-back
  // Sunday as the second 01:10 (CST), so the first 01:10 (CDT) moved an hour late in both.
  const fb = fixture.church.fallBack;

  it('writes an occurrence starting or ending in that hour in UTC, read alike by every client', async () => {
    const body = await text(app().request, '/calendar.ics');
    const { byUid } = parseIcs(body);
    const first = byUid.get(uid(fixture.ids.repeatedHourFirst));
    const second = byUid.get(uid(fixture.ids.repeatedHourSecond));
    expect([iso(first?.start), iso(first?.end)]).toEqual([`${fb}T06:10:00Z`, `${fb}T06:50:00Z`]);
    expect([iso(second?.start), iso(second?.end)]).toEqual([`${fb}T07:10:00Z`, `${fb}T07:50:00Z`]);
    expect(first?.tzid).toBeNull();
    expect(first?.component.toString()).toContain(`DTSTART:${fb.replace(/-/g, '')}T061000Z`);
    // Everything else keeps its local time, the night vigil across the same hour included.
    expect(byUid.get(uid(fixture.church.ids.vigilFall))?.tzid).toBe(TEST_ZONE);
  });

  it.each([
    ['the first 01:10 (CDT)', `${fb}T06:10:00Z`, true],
    ['the second 01:10 (CST)', `${fb}T07:10:00Z`, true],
    ['00:59 CDT, before the hour', `${fb}T05:59:00Z`, false],
    ['02:00 CST, after it', `${fb}T08:00:00Z`, false],
    ['03:30 CDT on the spring-forward Sunday', `${fixture.church.springForward}T08:30:00Z`, false],
  ])('isRepeatedWallTime: %s (%s) → %s', (_, instant, repeated) => {
    expect(isRepeatedWallTime(instant, TEST_ZONE)).toBe(repeated);
  });
});

describe('regression: a control character in PCO text broke the feeds and khal', () => {
  // A vertical tab (Word's line break) made RSS and Atom not well-formed XML: feedparser bozo,
  // newsboat silently stopped at that item. Python's splitlines() (python3-icalendar, so khal and
  // vdirsyncer) also breaks content lines at VT, FF, NEL, U+2028 and U+2029.
  const FORBIDDEN =
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what must not appear
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029]/;

  it('publishes none of them in any output, and keeps the line break as whitespace', async () => {
    const { request } = app();
    for (const path of FEED_ROUTES) {
      const body = await text(request, path);
      expect(FORBIDDEN.test(body), path).toBe(false);
    }
    const ics = parseIcs(await text(request, '/calendar.ics'));
    const noon = ics.byUid.get(uid(fixture.ids.longDescription));
    // In HTML the break is whitespace: the two lines stay apart, nothing is glued together.
    expect(noon?.description).toMatch(/Pasted from Word:\s+the second line/);
  });
});

describe('regression: RSS titles were HTML-escaped twice (newsboat showed "&lt;script&gt;")', () => {
  it('writes RSS titles as plain text, and Atom titles as text (type="text", XML-escaped only)', async () => {
    const { request } = app();
    const rss = await text(request, '/feed.rss');
    expect(rss).toContain('<title><![CDATA[Talent Night <script>alert("xss")</script>: ');
    expect(rss).not.toContain('Talent Night &lt;');
    const atom = await text(request, '/feed.atom');
    expect(atom).toContain(
      '<title type="text">Talent Night &lt;script&gt;alert("xss")&lt;/script&gt;: ',
    );
  });
});
