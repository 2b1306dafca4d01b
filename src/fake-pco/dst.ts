/**
 * Finding a zone's daylight-saving changes, so fake calendars can put events on the real
 * spring-forward and fall-back days whatever the date today.
 */
import { DateTime } from 'luxon';

/** The zone's UTC offset (minutes) at 18:00 UTC of a plain date: after any 02:00 local change. */
function middayOffset(zone: string, date: DateTime): number {
  return DateTime.fromISO(`${date.toISODate()}T18:00:00Z`).setZone(zone).offset;
}

/**
 * The first spring-forward and fall-back dates (local dates on which the offset changes) on or
 * after `from`, looking up to 400 days ahead.
 *
 * @param zone IANA zone with DST, e.g. `America/Chicago`
 * @param from a plain date (its calendar date is used)
 * @throws {Error} if the zone has no DST change in that span
 */
export function dstChangeDates(
  zone: string,
  from: DateTime,
): { springForward: DateTime; fallBack: DateTime } {
  let springForward: DateTime | undefined;
  let fallBack: DateTime | undefined;
  let previous = middayOffset(zone, from.minus({ days: 1 }));
  for (let i = 0; i <= 400 && !(springForward && fallBack); i += 1) {
    const date = from.plus({ days: i });
    const offset = middayOffset(zone, date);
    if (offset > previous) springForward ??= date;
    if (offset < previous) fallBack ??= date;
    previous = offset;
  }
  if (!springForward || !fallBack) throw new Error(`no DST changes in ${zone} within 400 days`);
  return { springForward, fallBack };
}
