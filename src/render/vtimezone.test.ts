import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../test/support/ics';
import { makeOccurrence, makeSnapshot } from '../../test/support/occurrence';
import {
  CHANGES,
  FROM,
  probes,
  SAO_PAULO_2018_CHANGES,
  SAO_PAULO_2018_FROM,
  SAO_PAULO_2018_TO,
  TO,
} from '../../test/support/vtimezone-cases';
import type { Occurrence } from '../model/occurrence';
import { snapshotVtimezone } from './ics';
import { vtimezone } from './vtimezone';

const lines = (...l: string[]) => `${l.join('\r\n')}\r\n`;

/**
 * Written by hand from the tz database's rules (northamerica: US 2007+; europe: EU 1981+, Eire;
 * australasia: AN 2008+, Chatham 2007+; southamerica: Brazil), not from the code's output. DTSTART
 * is the local time of the first change in 2025, in the offset before it (RFC 5545 §3.6.5).
 */
const EXPECTED: Record<string, string> = {
  'America/Chicago': lines(
    'BEGIN:VTIMEZONE',
    'TZID:America/Chicago',
    // US: second Sunday of March, 2:00 local standard time → 3:00 CDT.
    'BEGIN:DAYLIGHT',
    'DTSTART:20250309T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'TZOFFSETFROM:-0600',
    'TZOFFSETTO:-0500',
    'TZNAME:CDT',
    'END:DAYLIGHT',
    // First Sunday of November, 2:00 CDT → 1:00 CST.
    'BEGIN:STANDARD',
    'DTSTART:20251102T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0600',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ),
  'Europe/London': lines(
    'BEGIN:VTIMEZONE',
    'TZID:Europe/London',
    // EU: last Sunday of March at 01:00 UTC (01:00 GMT) → 02:00 BST.
    'BEGIN:DAYLIGHT',
    'DTSTART:20250330T010000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'TZOFFSETFROM:+0000',
    'TZOFFSETTO:+0100',
    'TZNAME:BST',
    'END:DAYLIGHT',
    // Last Sunday of October at 01:00 UTC (02:00 BST) → 01:00 GMT.
    'BEGIN:STANDARD',
    'DTSTART:20251026T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0000',
    'TZNAME:GMT',
    'END:STANDARD',
    'END:VTIMEZONE',
  ),
  'Australia/Sydney': lines(
    'BEGIN:VTIMEZONE',
    'TZID:Australia/Sydney',
    // Southern: summer time ends first Sunday of April, 2:00 standard (3:00 AEDT) → 2:00 AEST.
    'BEGIN:STANDARD',
    'DTSTART:20250406T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU',
    'TZOFFSETFROM:+1100',
    'TZOFFSETTO:+1000',
    'TZNAME:AEST',
    'END:STANDARD',
    // Starts first Sunday of October, 2:00 AEST → 3:00 AEDT.
    'BEGIN:DAYLIGHT',
    'DTSTART:20251005T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU',
    'TZOFFSETFROM:+1000',
    'TZOFFSETTO:+1100',
    'TZNAME:AEDT',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ),
  // No DST since 1945: one STANDARD.
  'Asia/Kolkata': lines(
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Kolkata',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0530',
    'TZOFFSETTO:+0530',
    'TZNAME:IST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ),
  // Brazil abolished DST in 2019: one STANDARD; tzdata's name is "-03", not letters: no TZNAME.
  'America/Sao_Paulo': lines(
    'BEGIN:VTIMEZONE',
    'TZID:America/Sao_Paulo',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:-0300',
    'TZOFFSETTO:-0300',
    'END:STANDARD',
    'END:VTIMEZONE',
  ),
  'Pacific/Chatham': lines(
    'BEGIN:VTIMEZONE',
    'TZID:Pacific/Chatham',
    // +12:45; NZ rules at 2:45 standard time: ends first Sunday of April (3:45 CHADT).
    'BEGIN:STANDARD',
    'DTSTART:20250406T034500',
    'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU',
    'TZOFFSETFROM:+1345',
    'TZOFFSETTO:+1245',
    'TZNAME:CHAST',
    'END:STANDARD',
    // Starts last Sunday of September, 2:45 CHAST → 3:45 CHADT.
    'BEGIN:DAYLIGHT',
    'DTSTART:20250928T024500',
    'RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU',
    'TZOFFSETFROM:+1245',
    'TZOFFSETTO:+1345',
    'TZNAME:CHADT',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ),
};

// Eire's "negative DST" (winter GMT is the saving time in tzdata's main format) is written the
// rearguard way: summer IST is DAYLIGHT. The same changes as London (EU rules), named IST.
EXPECTED['Europe/Dublin'] = (EXPECTED['Europe/London'] ?? '')
  .replace('TZID:Europe/London', 'TZID:Europe/Dublin')
  .replace('TZNAME:BST', 'TZNAME:IST');

/** São Paulo in 2018 (scanned: 2017–2019), the last years Brazil had summer time. */
const SAO_PAULO_2018 = lines(
  'BEGIN:VTIMEZONE',
  'TZID:America/Sao_Paulo',
  // Rule Brazil 2016–2019: ends Feb Sun>=15 at 0:00 (-02) → 23:00 Saturday (-03); that is the
  // third Sunday of February in 2017, 2018 and 2019: one yearly rule.
  'BEGIN:STANDARD',
  'DTSTART:20170219T000000',
  'RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=3SU',
  'TZOFFSETFROM:-0200',
  'TZOFFSETTO:-0300',
  'END:STANDARD',
  // Starts 2017 Oct 15 and 2018 Nov Sun>=1 (the 4th) at 0:00 (-03) → 1:00 (-02), and not in
  // 2019: no yearly rule, one observance per change.
  'BEGIN:DAYLIGHT',
  'DTSTART:20171015T000000',
  'RDATE:20171015T000000',
  'TZOFFSETFROM:-0300',
  'TZOFFSETTO:-0200',
  'END:DAYLIGHT',
  'BEGIN:DAYLIGHT',
  'DTSTART:20181104T000000',
  'RDATE:20181104T000000',
  'TZOFFSETFROM:-0300',
  'TZOFFSETTO:-0200',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
);

/** A VCALENDAR with `block` and one VEVENT per local time, DTSTART in the zone's TZID. */
function calendarWith(block: string, zone: string, locals: readonly string[]): string {
  const events = locals.map((local, i) => {
    const value = local.replace(/[-:]/g, '');
    return lines(
      'BEGIN:VEVENT',
      `UID:probe-${i}@test`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=${zone}:${value}`,
      `DTEND;TZID=${zone}:${value}`,
      'SUMMARY:probe',
      'END:VEVENT',
    );
  });
  return `${lines('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN')}${block}${events.join('')}${lines('END:VCALENDAR')}`;
}

describe('vtimezone', () => {
  for (const [zone, expected] of Object.entries(EXPECTED)) {
    it(`writes ${zone} as the tz database's rules say`, () => {
      expect(vtimezone(zone, FROM, TO)).toBe(expected);
    });
  }

  it('writes one observance per change where no yearly rule fits (São Paulo 2018)', () => {
    expect(vtimezone('America/Sao_Paulo', SAO_PAULO_2018_FROM, SAO_PAULO_2018_TO)).toBe(
      SAO_PAULO_2018,
    );
  });

  it('returns null for a zone the runtime does not know', () => {
    expect(vtimezone('Mars/Olympus_Mons', FROM, TO)).toBeNull();
  });

  for (const [zone, changes] of Object.entries(CHANGES)) {
    it(`lets ical.js resolve ${zone} local times across its changes to the right instants`, () => {
      const locals = probes(changes);
      const block = vtimezone(zone, FROM, TO) ?? '';
      const { events } = parseIcs(calendarWith(block, zone, locals));
      const read = events.map((e) => e.start.toISOString());
      const expected = locals.map((l) => DateTime.fromISO(l, { zone }).toUTC().toISO());
      expect(read).toEqual(expected);
    });
  }

  it('lets ical.js resolve São Paulo 2018 local times across both changes', () => {
    const locals = probes(SAO_PAULO_2018_CHANGES);
    const block = vtimezone('America/Sao_Paulo', SAO_PAULO_2018_FROM, SAO_PAULO_2018_TO) ?? '';
    const { events } = parseIcs(calendarWith(block, 'America/Sao_Paulo', locals));
    expect(events.map((e) => e.start.toISOString())).toEqual([
      // -02 until Feb 18 00:00 (-02) → Feb 17 23:00 (-03); hand-computed.
      '2018-02-17T14:00:00.000Z',
      '2018-02-18T05:00:00.000Z',
      '2018-02-19T15:00:00.000Z',
      // -03 until Nov 4 00:00 → 01:00 (-02).
      '2018-11-03T15:00:00.000Z',
      '2018-11-04T04:00:00.000Z',
      '2018-11-05T14:00:00.000Z',
    ]);
  });
});

describe('snapshotVtimezone', () => {
  /** A snapshot of Chicago occurrences in a window of one year from 2026-10-01. */
  const snapshotOf = (occurrences: Occurrence[]) =>
    makeSnapshot(occurrences, {
      window: { from: '2026-10-01T00:00:00Z', to: '2027-10-01T00:00:00Z' },
    });

  it('covers the window, not a mistyped end in 9999 or a start decades ago: same block, valid years', () => {
    const weekly = makeOccurrence({ start: '2026-11-22T15:00:00Z', end: '2026-11-22T16:00:00Z' });
    const odd = makeOccurrence({
      id: '2',
      start: '1990-01-07T15:00:00Z',
      end: '9999-12-31T16:00:00Z',
    });
    const normal = snapshotVtimezone(snapshotOf([weekly]));
    const stretched = snapshotVtimezone(snapshotOf([odd, weekly]));
    expect(stretched).not.toBeNull();
    // Four-digit years only (RFC 5545 §3.3.5 DATE-TIME), and no more observances than a
    // calendar inside the window gets.
    expect(stretched).not.toMatch(/:[+-]\d{6}/);
    expect(stretched?.length).toBeLessThan(2_000);
    expect(stretched).toBe(normal);
    // Chicago's two yearly changes, as rules that go on past the window.
    expect(normal).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
    expect(normal).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU');
  });
});
