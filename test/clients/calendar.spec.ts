/**
 * `/calendar.ics` as two independent parsers read it, ical.js (Mozilla's, in Thunderbird) and
 * Debian's python3-icalendar (under khal, and many Python tools), and the structural rules of
 * RFC 5545 checked on the bytes as served.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_MARKER } from '../fixtures/church';
import { type ParsedEvent, parseIcs } from '../support/ics';
import {
  buildConformanceFixture,
  type ConformanceFixture,
  SERIES_DESCRIPTIONS,
  TRICKY_TAG,
  XSS_MARKERS,
} from './fixture';
import { clients, fetchApp } from './support/context';
import { python } from './support/exec';
import {
  type ExpectedOccurrence,
  inCalendarWindow,
  publishedOccurrences,
  uidOf,
} from './support/expected';

/** What py/ics_events.py prints. */
interface PythonCalendar {
  timezones: string[];
  events: Array<{
    uid: string;
    summary: string;
    description: string;
    all_day: boolean;
    start: string;
    end: string;
  }>;
}

const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** `uid start end`: UTC instants, or local dates when all-day (DTEND exclusive). */
function expectedLines(occurrences: readonly ExpectedOccurrence[]): string[] {
  return occurrences
    .map((o) =>
      o.dates
        ? `${o.uid} ${o.dates.start} ${o.dates.endExclusive}`
        : `${o.uid} ${o.start} ${o.end}`,
    )
    .sort();
}

function icalJsLines(events: readonly ParsedEvent[]): string[] {
  return events
    .map((e) =>
      e.allDay ? `${e.uid} ${e.startDate} ${e.endDate}` : `${e.uid} ${iso(e.start)} ${iso(e.end)}`,
    )
    .sort();
}

/** The calendar's content lines, unfolded (RFC 5545 §3.1). */
function unfold(body: string): string[] {
  return body.replace(/\r\n[ \t]/g, '').split('\r\n');
}

describe('GET /calendar.ics read by ical.js and python3-icalendar', () => {
  let fixture: ConformanceFixture;
  let body: string;
  let expected: ExpectedOccurrence[];

  beforeAll(async () => {
    fixture = buildConformanceFixture(new Date(clients().fixtureNow), 1);
    const requestedAt = new Date();
    body = await (await fetchApp('/calendar.ics')).text();
    expected = inCalendarWindow(publishedOccurrences(fixture.church.dataset), requestedAt);
  });

  it('holds about 1,400 occurrences, so reading PCO took many pages', () => {
    expect(expected.length).toBeGreaterThan(1_350);
  });

  it('stays under the 1,000,000 bytes Google Calendar is reported to import, for its occurrence count and projected to 1,500', () => {
    const bytes = new TextEncoder().encode(body).length;
    console.log(`calendar.ics: ${expected.length} occurrences, ${bytes} bytes`);
    expect(bytes).toBeLessThan(1_000_000);
    // A large church has about 1,500 occurrences in the default window: same bytes per VEVENT.
    expect((bytes / expected.length) * 1_500).toBeLessThan(1_000_000);
  });

  /**
   * Every occurrence whose event has a description: the parser's DESCRIPTION holds it whole
   * (its first and last sentences, and every sentence of the long one), as Google Calendar and
   * Apple Calendar, which show DESCRIPTION only, will show it.
   */
  function expectFullDescriptions(events: ReadonlyArray<{ uid: string; description: string }>) {
    const byUid = new Map(events.map((e) => [e.uid, e.description]));
    let checked = 0;
    for (const o of expected) {
      const series = SERIES_DESCRIPTIONS[o.title];
      if (!series) continue;
      const description = byUid.get(o.uid) ?? '';
      expect(description, o.uid).toContain(series.first);
      expect(description, o.uid).toContain(series.last);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1_000);
    const long = byUid.get(uidOf(fixture.ids.longDescription)) ?? '';
    expect(long).toContain('We read the Psalms together: one a day, with notes & questions.');
    for (let day = 1; day <= 40; day += 1)
      expect(long).toContain(`Day ${day}: Psalm ${day}, “Blessed`);
  }

  it('ical.js: DESCRIPTION holds the full description of every occurrence that has one', () => {
    expectFullDescriptions(parseIcs(body).events);
  });

  it('python3-icalendar: DESCRIPTION holds the full description of every occurrence that has one', async () => {
    const parsed = await python<PythonCalendar>('ics_events.py', [], body);
    expectFullDescriptions(parsed.events);
  });

  it('ical.js: every occurrence at the instants the fixture implies, and nothing else', () => {
    expect(icalJsLines(parseIcs(body).events)).toEqual(expectedLines(expected));
  });

  it('python3-icalendar: every occurrence at the instants the fixture implies, and nothing else', async () => {
    const parsed = await python<PythonCalendar>('ics_events.py', [], body);
    const lines = parsed.events.map((e) => `${e.uid} ${e.start} ${e.end}`).sort();
    expect(lines).toEqual(expectedLines(expected));
    expect(parsed.timezones).toEqual(['America/Chicago']);
  });

  it('puts the DST cases at the instants the zone offsets give (CST −06:00, CDT −05:00)', () => {
    const { byUid } = parseIcs(body);
    const span = (id: string) => {
      const event = byUid.get(uidOf(id));
      return event ? `${iso(event.start)} ${iso(event.end)}` : 'missing';
    };
    const { springForward: sf, fallBack: fb, ids: church } = fixture.church;
    const { ids } = fixture;
    // Sunday services 09:00–12:15 local; hidden setup and teardown do not count.
    expect(span(church.worshipSpring)).toBe(`${sf}T14:00:00Z ${sf}T17:15:00Z`);
    expect(span(church.worshipFall)).toBe(`${fb}T15:00:00Z ${fb}T18:15:00Z`);
    // Sat 22:00 CST → Sun 03:30 CDT across the nonexistent hour; 22:00 CDT → 02:30 CST.
    expect(span(church.vigilSpring)).toBe(`${sf}T04:00:00Z ${sf}T08:30:00Z`);
    expect(span(church.vigilFall)).toBe(`${fb}T03:00:00Z ${fb}T08:30:00Z`);
    // 01:10–01:50 happens twice on the fall-back Sunday: CDT first, CST an hour later.
    expect(span(ids.repeatedHourFirst)).toBe(`${fb}T06:10:00Z ${fb}T06:50:00Z`);
    expect(span(ids.repeatedHourSecond)).toBe(`${fb}T07:10:00Z ${fb}T07:50:00Z`);
    // 02:30 does not exist on the spring-forward Sunday: PCO stores 03:30 CDT.
    expect(span(ids.springGap)).toBe(`${sf}T08:30:00Z ${sf}T09:00:00Z`);
  });

  it('ical.js reads a tag with `,` `;` `\\` and an emoji back as one category', () => {
    const { byUid } = parseIcs(body);
    const prayer = expected.find((o) => o.title === 'Morning Prayer');
    expect(byUid.get(prayer?.uid ?? '')?.categories).toEqual([TRICKY_TAG]);
  });

  it('shows nothing hidden and no XSS payload', () => {
    const text = body.replace(/\r\n[ \t]/g, '').toLowerCase();
    for (const marker of [PRIVATE_MARKER.toLowerCase(), ...XSS_MARKERS]) {
      expect(text.includes(marker), marker).toBe(false);
    }
  });
});

describe('GET /calendar.ics structural rules (RFC 5545)', () => {
  let bytes: Uint8Array;
  let body: string;
  let etag: string | null;

  beforeAll(async () => {
    const response = await fetchApp('/calendar.ics');
    etag = response.headers.get('ETag');
    bytes = new Uint8Array(await response.arrayBuffer());
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  });

  it('ends every line with CRLF and has no bare CR or LF', () => {
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has no line longer than 75 octets and never folds inside a UTF-8 sequence', () => {
    let offset = 0;
    let lines = 0;
    while (offset < bytes.length) {
      let end = offset;
      while (!(bytes[end] === 0x0d && bytes[end + 1] === 0x0a)) end += 1;
      expect(end - offset, `line ${lines + 1}`).toBeLessThanOrEqual(75);
      // A continuation byte (10xxxxxx) right after the fold's space means a split character.
      const first = offset < end ? (bytes[offset] ?? 0) : 0;
      const second = bytes[offset + 1] ?? 0;
      expect((first & 0xc0) !== 0x80, `line ${lines + 1} starts mid-character`).toBe(true);
      if (first === 0x20) {
        expect((second & 0xc0) !== 0x80, `line ${lines + 1} continues mid-character`).toBe(true);
      }
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset, end));
      offset = end + 2;
      lines += 1;
    }
    expect(lines).toBeGreaterThan(10_000);
  });

  it('has an RRULE-style VTIMEZONE (no RDATE lists) for every TZID it uses', () => {
    const lines = unfold(body);
    const tzids = new Set(
      lines.flatMap((line) => [...line.matchAll(/;TZID=("?)([^:;"]+)\1[:;]/g)].map((m) => m[2])),
    );
    const { calendar } = parseIcs(body);
    const vtimezones = calendar.getAllSubcomponents('vtimezone');
    expect(new Set(vtimezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))))).toEqual(
      tzids,
    );
    for (const tz of vtimezones) {
      const observances = [
        ...tz.getAllSubcomponents('standard'),
        ...tz.getAllSubcomponents('daylight'),
      ];
      expect(observances.length).toBeGreaterThan(0);
      for (const observance of observances) {
        expect(observance.getFirstProperty('rrule')).not.toBeNull();
        expect(observance.getAllProperties('rdate')).toHaveLength(0);
      }
    }
  });

  it('writes DTSTAMP, CREATED and LAST-MODIFIED in UTC', () => {
    const lines = unfold(body);
    const stamps = lines.filter((l) => /^(DTSTAMP|CREATED|LAST-MODIFIED)[;:]/.test(l));
    expect(stamps.filter((l) => l.startsWith('DTSTAMP')).length).toBeGreaterThan(1_000);
    for (const line of stamps) expect(line).toMatch(/^[A-Z-]+:\d{8}T\d{6}Z$/);
  });

  it('gives each occurrence one UID, stable and byte-identical across renders', async () => {
    const uids = unfold(body).filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(uids.length);
    // A second URL with the same selection is rendered on its own, not served from a cache.
    for (const path of ['/calendar.ics', '/calendar.ics?days=365&past_days=30']) {
      const again = await fetchApp(path);
      expect(await again.text(), path).toBe(body);
      const againEtag = again.headers.get('ETag');
      if (etag !== null && againEtag !== null) expect(againEtag, path).toBe(etag);
    }
  });
});
