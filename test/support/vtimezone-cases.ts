/**
 * Calendar spans and local wall times around time-zone changes, for the VTIMEZONE tests in
 * workerd (src/render/vtimezone.test.ts, read back with ical.js) and in the client suite
 * (test/clients/vtimezone.spec.ts, read back with python3-icalendar). The change times are
 * written by hand from the tz database's rules, not from the code under test.
 */
import { DateTime } from 'luxon';

/** A calendar whose times lie in November 2026 – November 2027 (scanned: 2025–2028). */
export const FROM = Date.parse('2026-11-01T06:00:00Z');
export const TO = Date.parse('2027-11-30T06:00:00Z');

/** São Paulo in 2018 (scanned: 2017–2019), the last years Brazil had summer time. */
export const SAO_PAULO_2018_FROM = Date.parse('2018-06-01T03:00:00Z');
export const SAO_PAULO_2018_TO = Date.parse('2018-12-01T03:00:00Z');
/** Its changes in 2018: Feb 18 0:00 (-02) → Feb 17 23:00 (-03); Nov 4 0:00 (-03) → 1:00 (-02). */
export const SAO_PAULO_2018_CHANGES = ['2018-02-18T00:00', '2018-11-04T00:00'];

/**
 * Local wall times around each change in the calendar's span, from the same rules: the day
 * before at noon, two hours after the change's local time, the day after at noon.
 */
export const CHANGES: Record<string, string[]> = {
  'America/Chicago': ['2027-03-14T02:00', '2027-11-07T02:00'],
  'Europe/London': ['2027-03-28T01:00', '2027-10-31T02:00'],
  'Australia/Sydney': ['2027-04-04T03:00', '2027-10-03T02:00'],
  'Asia/Kolkata': ['2027-01-15T00:00', '2027-07-15T00:00'],
  'America/Sao_Paulo': ['2027-01-15T00:00', '2027-07-15T00:00'],
  'Pacific/Chatham': ['2027-04-04T03:45', '2027-09-26T02:45'],
  'Europe/Dublin': ['2027-03-28T01:00', '2027-10-31T02:00'],
};

/** The probe wall times (`YYYY-MM-DDTHH:MM:SS`) around changes at `changes`. */
export function probes(changes: readonly string[]): string[] {
  return changes.flatMap((change) => {
    const at = DateTime.fromISO(change, { zone: 'utc' });
    return [at.minus({ days: 1 }).set({ hour: 12, minute: 0 }), at.plus({ hours: 2 })]
      .concat(at.plus({ days: 1 }).set({ hour: 12, minute: 0 }))
      .map((t) => t.toFormat("yyyy-MM-dd'T'HH:mm:ss"));
  });
}
