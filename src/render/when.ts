/**
 * Human-readable dates and times of an occurrence for the feeds (RSS, Atom and JSON Feed item
 * titles and HTML, the `.ics` text), in the organization's zone and its 12/24-hour preference,
 * in en-US wording as Church Center shows them. The feeds stay in English whatever `lang` or
 * `LANGUAGE` says (a feed URL has no `lang`; see README "Languages"); the HTML pages format
 * dates in their language with `LocalDates` (i18n/dates).
 *
 * Display strings come from cached `Intl.DateTimeFormat` instances, one set per zone and
 * clock style, not from luxon: measured in Node 20 over 1,000 occurrences, luxon's
 * `setZone().setLocale().toFormat()` and `hasSame(…, 'day')` took 97 ms for the time ranges
 * alone (each call builds formatters and parts anew), against about 5 ms here. Zone
 * arithmetic (all-day dates, VTIMEZONE times) stays with luxon in model/zoned-time.
 *
 * @example
 * formatWhen(occurrence, { timeZone: 'America/Chicago', twentyFourHourTime: false })
 * // → "Sun, Dec 6, 9:00 AM"
 */
import type { Occurrence, OccurrenceTime } from '../model/occurrence';
import type { SnapshotOrganization } from '../model/snapshot';

/** The zone and clock style to format in. */
export type LocalStyle = Pick<SnapshotOrganization, 'timeZone' | 'twentyFourHourTime'>;

const LOCALE = 'en-US';

interface Formatters {
  /** "Sun, Dec 6" */
  day: Intl.DateTimeFormat;
  /** "9:00 AM" or "09:00" */
  clock: Intl.DateTimeFormat;
  /** Local calendar date, for same-day checks. */
  date: Intl.DateTimeFormat;
}

const cache = new Map<string, Formatters>();

function formattersFor(timeZone: string, twentyFourHourTime: boolean): Formatters {
  const key = `${timeZone}|${twentyFourHourTime}`;
  let formatters = cache.get(key);
  if (!formatters) {
    formatters = {
      day: new Intl.DateTimeFormat(LOCALE, {
        timeZone,
        weekday: 'short',
        month: 'short',
        day: 'numeric',
      }),
      clock: new Intl.DateTimeFormat(LOCALE, {
        timeZone,
        hour: twentyFourHourTime ? '2-digit' : 'numeric',
        minute: '2-digit',
        hourCycle: twentyFourHourTime ? 'h23' : 'h12',
      }),
      date: new Intl.DateTimeFormat(LOCALE, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
    };
    cache.set(key, formatters);
  }
  return formatters;
}

function partsOf(
  format: Intl.DateTimeFormat,
  ms: number,
): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

/** "Sun, Dec 6" of an instant (epoch ms) in the formatter's zone. */
function dayLabel(f: Formatters, ms: number): string {
  const p = partsOf(f.day, ms);
  return `${p.weekday}, ${p.month} ${p.day}`;
}

/** "9:00 AM" / "09:00": assembled from parts so the space is a plain one (ICU uses U+202F). */
function clockLabel(f: Formatters, ms: number, twentyFourHourTime: boolean): string {
  const p = partsOf(f.clock, ms);
  return twentyFourHourTime ? `${p.hour}:${p.minute}` : `${p.hour}:${p.minute} ${p.dayPeriod}`;
}

function sameLocalDay(f: Formatters, a: number, b: number): boolean {
  return f.date.format(a) === f.date.format(b);
}

/** A local date `YYYY-MM-DD` (all-day spans) as "Fri, Oct 9"; `offsetDays` moves it. */
function dateLabel(isoDate: string, offsetDays = 0): string {
  const utc = formattersFor('UTC', false);
  return dayLabel(utc, Date.parse(`${isoDate}T12:00:00Z`) + offsetDays * 86_400_000);
}

/**
 * When an occurrence starts: "Sun, Dec 6, 9:00 AM"; all-day: "Fri, Oct 9", or
 * "Fri, Oct 9 – Sun, Oct 11" when it spans several days.
 */
export function formatWhen(occurrence: Occurrence, style: LocalStyle): string {
  if (!occurrence.allDay || !occurrence.dates) {
    const f = formattersFor(style.timeZone, style.twentyFourHourTime);
    const start = Date.parse(occurrence.start);
    return `${dayLabel(f, start)}, ${clockLabel(f, start, style.twentyFourHourTime)}`;
  }
  const { start, endExclusive } = occurrence.dates;
  const first = dateLabel(start);
  const last = dateLabel(endExclusive, -1);
  return first === last ? first : `${first} – ${last}`;
}

/**
 * A time range in local time: "9:00 AM – 10:15 AM", or with both days when it crosses
 * midnight: "Fri, Dec 4, 9:00 PM – Sat, Dec 5, 7:00 AM".
 */
export function formatTimeRange(
  time: Pick<OccurrenceTime, 'start' | 'end'>,
  style: LocalStyle,
): string {
  const f = formattersFor(style.timeZone, style.twentyFourHourTime);
  const start = Date.parse(time.start);
  const end = Date.parse(time.end);
  const h24 = style.twentyFourHourTime;
  if (sameLocalDay(f, start, end))
    return `${clockLabel(f, start, h24)} – ${clockLabel(f, end, h24)}`;
  return `${dayLabel(f, start)}, ${clockLabel(f, start, h24)} – ${dayLabel(f, end)}, ${clockLabel(f, end, h24)}`;
}

/** The full span of an occurrence for display: date plus time range, or the all-day dates. */
export function formatSpan(occurrence: Occurrence, style: LocalStyle): string {
  if (occurrence.allDay) return `${formatWhen(occurrence, style)} (all day)`;
  const f = formattersFor(style.timeZone, style.twentyFourHourTime);
  const start = Date.parse(occurrence.start);
  const range = formatTimeRange(occurrence, style);
  return sameLocalDay(f, start, Date.parse(occurrence.end))
    ? `${dayLabel(f, start)}, ${range}`
    : range;
}
