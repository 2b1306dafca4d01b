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
 * A UTC instant as a luxon DateTime in `zone`. Returns an invalid DateTime (no throw) when
 * `zone` is unknown; check with {@link isValidTimeZone}.
 *
 * @param utc ISO 8601 instant, e.g. `2026-11-22T15:00:00Z`
 * @param zone IANA zone
 */
export function zoned(utc: string, zone: string): DateTime {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Longer than any daylight-saving shift (at most two hours). */
const NEAR_CHANGE_MS = 3 * 3_600_000;

/** Offsets (minutes) of zones at UTC midnights: renders ask about the same few hundred days. */
const midnightOffsets = new Map<string, number>();

function offsetAtMidnight(zone: IANAZone, midnightMs: number): number {
  const key = `${zone.name} ${midnightMs}`;
  let offset = midnightOffsets.get(key);
  if (offset === undefined) {
    offset = zone.offset(midnightMs);
    midnightOffsets.set(key, offset);
  }
  return offset;
}

/**
 * True when the wall time of `utc` in `zone` happens twice: it falls in the hour repeated when
 * clocks go back (01:30 on a fall-back Sunday in America/Chicago is 06:30Z and 07:30Z). Such a
 * wall time does not name one instant, so it cannot be written as a local time.
 *
 * Zones change offset at most once in two days, so when the offset is the same at the UTC
 * midnights around `utc ± 3 h` there is no change nearby (the memoized answer for nearly every
 * instant; a zone offset lookup costs tens of microseconds). Otherwise the offsets three hours
 * before and after are the candidates: the wall time repeats if one of them, applied to it,
 * lands on an instant where that offset is in force.
 *
 * @param utc ISO 8601 instant
 * @param zone IANA zone
 */
export function isRepeatedWallTime(utc: string, zone: string): boolean {
  const ms = Date.parse(utc);
  const tz = IANAZone.create(zone);
  const dayBefore = Math.floor((ms - NEAR_CHANGE_MS) / DAY_MS) * DAY_MS;
  const dayAfter = Math.floor((ms + NEAR_CHANGE_MS) / DAY_MS) * DAY_MS + DAY_MS;
  if (offsetAtMidnight(tz, dayBefore) === offsetAtMidnight(tz, dayAfter)) return false;
  const before = tz.offset(ms - NEAR_CHANGE_MS);
  const after = tz.offset(ms + NEAR_CHANGE_MS);
  const offset = tz.offset(ms);
  const wallMs = ms + offset * MINUTE_MS;
  return [before, after].some(
    (other) => other !== offset && tz.offset(wallMs - other * MINUTE_MS) === other,
  );
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
