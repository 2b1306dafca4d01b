/**
 * Human-readable dates and times of an occurrence, in the organization's zone and its
 * 12/24-hour preference (en-US wording, as Church Center shows them).
 *
 * @example
 * formatWhen(occurrence, { timeZone: 'America/Chicago', twentyFourHourTime: false })
 * // → "Sun, Dec 6, 9:00 AM"
 */
import type { DateTime } from 'luxon';
import type { Occurrence, OccurrenceTime } from '../model/occurrence';
import type { SnapshotOrganization } from '../model/snapshot';
import { zoned } from '../model/zoned-time';

/** The zone and clock style to format in. */
export type LocalStyle = Pick<SnapshotOrganization, 'timeZone' | 'twentyFourHourTime'>;

const LOCALE = 'en-US';
const DAY = 'ccc, LLL d';

const clock = (dt: DateTime, style: LocalStyle) =>
  dt.toFormat(style.twentyFourHourTime ? 'HH:mm' : 'h:mm a');
const day = (dt: DateTime) => dt.toFormat(DAY);
const local = (utc: string, style: LocalStyle) => zoned(utc, style.timeZone).setLocale(LOCALE);

/**
 * When an occurrence starts: "Sun, Dec 6, 9:00 AM"; all-day: "Fri, Oct 9", or
 * "Fri, Oct 9 – Sun, Oct 11" when it spans several days.
 */
export function formatWhen(occurrence: Occurrence, style: LocalStyle): string {
  if (!occurrence.allDay) {
    const start = local(occurrence.start, style);
    return `${day(start)}, ${clock(start, style)}`;
  }
  const span = occurrence.dates ?? {
    start: occurrence.start.slice(0, 10),
    endExclusive: occurrence.end.slice(0, 10),
  };
  const first = zoned(`${span.start}T12:00:00Z`, 'utc').setLocale(LOCALE);
  const last = zoned(`${span.endExclusive}T12:00:00Z`, 'utc').minus({ days: 1 }).setLocale(LOCALE);
  return first.hasSame(last, 'day') ? day(first) : `${day(first)} – ${day(last)}`;
}

/**
 * A time range in local time: "9:00 AM – 10:15 AM", or with both days when it crosses
 * midnight: "Fri, Dec 4, 9:00 PM – Sat, Dec 5, 7:00 AM".
 */
export function formatTimeRange(
  time: Pick<OccurrenceTime, 'start' | 'end'>,
  style: LocalStyle,
): string {
  const start = local(time.start, style);
  const end = local(time.end, style);
  if (start.hasSame(end, 'day')) return `${clock(start, style)} – ${clock(end, style)}`;
  return `${day(start)}, ${clock(start, style)} – ${day(end)}, ${clock(end, style)}`;
}

/** The full span of an occurrence for display: date plus time range, or the all-day dates. */
export function formatSpan(occurrence: Occurrence, style: LocalStyle): string {
  if (occurrence.allDay) return `${formatWhen(occurrence, style)} (all day)`;
  const start = local(occurrence.start, style);
  const range = formatTimeRange(occurrence, style);
  return local(occurrence.end, style).hasSame(start, 'day') ? `${day(start)}, ${range}` : range;
}
