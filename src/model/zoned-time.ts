/**
 * Time-zone helpers on luxon: UTC instants from PCO become wall times in the organization's
 * zone, and all-day instances become local dates with an exclusive end.
 *
 * PCO stores every time as a UTC instant, so a local time is always derived, never parsed:
 * there is no ambiguity at the repeated fall-back hour and no gap at the spring-forward hour.
 */
import { DateTime, IANAZone } from 'luxon';

/** True when `zone` is an IANA zone luxon (and so the runtime's ICU) knows. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * A UTC instant as a luxon DateTime in `zone`.
 *
 * @param utc ISO 8601 instant, e.g. `2026-11-22T15:00:00Z`
 * @param zone IANA zone
 */
export function zoned(utc: string, zone: string): DateTime {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
}

/** An all-day span as local dates: `end` is exclusive (the day after the last day). */
export interface LocalDateSpan {
  /** First day, `YYYY-MM-DD` in the zone. */
  start: string;
  /** The day after the last day, `YYYY-MM-DD` (RFC 5545 §3.6.1: DTEND is non-inclusive). */
  endExclusive: string;
}

/**
 * The local dates an all-day instance covers. PCO marks all-day instances with times at or
 * near local midnight; the last day is the local date of `endUtc`, unless the end falls
 * exactly on a local midnight, which already is the exclusive end. A Fri 00:00 → Mon 00:00
 * retreat, or Fri 00:00 → Sun 23:59, both give `{ start: Fri, endExclusive: Mon }`.
 *
 * @param startUtc ISO instant of the first visible time's start
 * @param endUtc ISO instant of the last visible time's end
 * @param zone IANA zone
 */
export function allDaySpan(startUtc: string, endUtc: string, zone: string): LocalDateSpan {
  const start = zoned(startUtc, zone).startOf('day');
  const end = zoned(endUtc, zone);
  const endMidnight = end.startOf('day');
  let endExclusive = end.equals(endMidnight) ? endMidnight : endMidnight.plus({ days: 1 });
  if (endExclusive <= start) endExclusive = start.plus({ days: 1 });
  return { start: start.toISODate() ?? '', endExclusive: endExclusive.toISODate() ?? '' };
}
