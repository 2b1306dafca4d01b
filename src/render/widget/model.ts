/**
 * View models of the widget: occurrences reduced to what the HTML shows (labels and
 * `<time datetime>` values in the organization's zone and 12/24-hour style), grouped by day
 * for the list, and laid out on weeks for the month grid.
 *
 * Pure functions of their inputs; `today` and months are local dates of the organization.
 */

import { DateTime } from 'luxon';
import type { Occurrence } from '../../model/occurrence';
import { publicUrl } from '../../model/public-url';
import { zoned } from '../../model/zoned-time';
import { OCCURRENCES_DIR, occurrencePaths } from '../links';
import { formatTimeRange, type LocalStyle } from '../when';

const LOCALE = 'en-US';

/** A point in time as shown: `label` for people, `iso` for `<time datetime>`. */
export interface TimeView {
  /** `2026-11-22T09:00-06:00` (timed) or `2026-11-22` (a date). */
  iso: string;
  /** `9:00 AM`, `21:00`, or `Sun, Nov 22`. */
  label: string;
}

/** One visible time of an occurrence that has several: `9:00 AM – 10:15 AM (First Service)`. */
export type TimeRangeView = string;

/** An occurrence as the widget shows it. */
export interface OccurrenceView {
  id: string;
  title: string;
  /** Church Center page, if any. */
  url: string | null;
  registrationUrl: string | null;
  imageUrl: string | null;
  location: string | null;
  tags: string[];
  /** The tags' PCO ids, in the order of `tags` (for their colour marks). */
  tagIds: string[];
  allDay: boolean;
  /** Local date it starts on, `YYYY-MM-DD`. */
  day: string;
  /** Short date of `day`: `Sun, Nov 22`. */
  dayLabel: string;
  /** Parts of `day` for a date badge: `Sun`, `22`, `Nov`. */
  badge: { weekday: string; day: string; month: string };
  /** Timed: start clock; all-day: first date. */
  start: TimeView;
  /**
   * Timed: end clock (with its date when on another day); all-day: last date when it spans
   * several days, else null.
   */
  end: TimeView | null;
  /** The visible times when there are several, else empty. */
  times: TimeRangeView[];
  /** Relative paths of the "Add to calendar" menu. */
  paths: ReturnType<typeof occurrencePaths>;
  /** Path of the occurrence's own page (`occurrences/{id}`), with the same prefix and directory. */
  page: string;
}

/** Occurrences starting on one local day. */
export interface DayGroup {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `Sunday, November 22` (with the year when it is not `today`'s). */
  label: string;
  items: OccurrenceView[];
}

const local = (utc: string, style: LocalStyle) => zoned(utc, style.timeZone).setLocale(LOCALE);
const plainDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).setLocale(LOCALE);
const clock = (dt: DateTime, style: LocalStyle) =>
  dt.toFormat(style.twentyFourHourTime ? 'HH:mm' : 'h:mm a');
const shortDay = (dt: DateTime) => dt.toFormat('ccc, LLL d');
const badge = (dt: DateTime) => ({
  weekday: dt.toFormat('ccc'),
  day: dt.toFormat('d'),
  month: dt.toFormat('LLL'),
});
const isoMinutes = (dt: DateTime) =>
  dt.toISO({ suppressSeconds: true, suppressMilliseconds: true, includeOffset: true }) ?? '';

/** The local date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDate(instant: Date | string, zone: string): string {
  const utc = typeof instant === 'string' ? instant : instant.toISOString();
  return zoned(utc, zone).toISODate() ?? '';
}

function timeView(utc: string, style: LocalStyle, withDay: boolean): TimeView {
  const dt = local(utc, style);
  return {
    iso: isoMinutes(dt),
    label: withDay ? `${shortDay(dt)}, ${clock(dt, style)}` : clock(dt, style),
  };
}

/**
 * The view of one occurrence.
 *
 * @param linkPrefix [opt=''] prefix of the add-to-calendar paths (relative by default)
 * @param linkDir [opt='occurrences/'] their directory; `''` where the page's `<base href>` is
 *   that directory already (see {@link occurrencePaths})
 */
export function occurrenceView(
  occurrence: Occurrence,
  style: LocalStyle,
  linkPrefix = '',
  linkDir = OCCURRENCES_DIR,
): OccurrenceView {
  const common = {
    id: occurrence.id,
    title: occurrence.title,
    // Occurrences carry only public http(s) URLs already; checked again where HTML is written.
    url: publicUrl(occurrence.url),
    registrationUrl: publicUrl(occurrence.registrationUrl),
    imageUrl: publicUrl(occurrence.imageUrl),
    location: occurrence.location,
    tags: occurrence.tags.map((t) => t.name),
    tagIds: occurrence.tags.map((t) => t.id),
    allDay: occurrence.allDay,
    paths: occurrencePaths(occurrence.id, linkPrefix, linkDir),
    page: `${linkPrefix}${linkDir}${encodeURIComponent(occurrence.id)}`,
  };
  const span = occurrence.dates;
  if (span) {
    const first = plainDate(span.start);
    const last = plainDate(span.endExclusive).minus({ days: 1 });
    return {
      ...common,
      day: span.start,
      dayLabel: shortDay(first),
      badge: badge(first),
      start: { iso: span.start, label: shortDay(first) },
      end: last > first ? { iso: last.toISODate() ?? '', label: shortDay(last) } : null,
      times: [],
    };
  }
  const start = local(occurrence.start, style);
  const sameDay = (utc: string) => local(utc, style).hasSame(start, 'day');
  return {
    ...common,
    day: start.toISODate() ?? '',
    dayLabel: shortDay(start),
    badge: badge(start),
    start: timeView(occurrence.start, style, false),
    end: timeView(occurrence.end, style, !sameDay(occurrence.end)),
    times:
      occurrence.times.length > 1
        ? occurrence.times.map((t) => `${formatTimeRange(t, style)}${t.name ? ` (${t.name})` : ''}`)
        : [],
  };
}

/** `Sunday, November 22`, with `, 2027` when the year differs from `today`'s. */
export function dayLabel(date: string, today: string): string {
  const dt = plainDate(date);
  return dt.toFormat(
    date.slice(0, 4) === today.slice(0, 4) ? 'cccc, LLLL d' : 'cccc, LLLL d, yyyy',
  );
}

/**
 * Groups views (in start order) by local day. An occurrence that began before `floor` (one
 * in progress, or a retreat that started last month) is listed under `floor`.
 *
 * @param floor the earliest day shown, `YYYY-MM-DD` (today, or the month's first day)
 * @param today `YYYY-MM-DD`, to decide whether labels need the year
 */
export function groupByDay(
  views: readonly OccurrenceView[],
  floor: string,
  today: string,
): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  for (const view of views) {
    const date = view.day < floor ? floor : view.day;
    let group = groups.get(date);
    if (!group) {
      group = { date, label: dayLabel(date, today), items: [] };
      groups.set(date, group);
    }
    group.items.push(view);
  }
  return [...groups.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** `YYYY-MM` of `now` in `zone`. */
export function currentMonth(now: Date, zone: string): string {
  return localDate(now, zone).slice(0, 7);
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  return plainDate(`${month}-01`).plus({ months: delta }).toFormat('yyyy-MM');
}

/**
 * The UTC instants `[start, end)` of the local span from midnight of `firstDay` (`YYYY-MM-DD`)
 * in `zone`, for `length` (whole local days or months, so a DST change moves only the offset).
 */
function localSpan(
  firstDay: string,
  zone: string,
  length: { days: number } | { months: number },
): { start: string; end: string } {
  const first = DateTime.fromISO(`${firstDay}T00:00:00`, { zone });
  const utc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  return { start: utc(first), end: utc(first.plus(length)) };
}

/** The UTC instants a local month spans in `zone`: `[start, end)`. */
export function monthRange(month: string, zone: string): { start: string; end: string } {
  return localSpan(`${month}-01`, zone, { months: 1 });
}

/** One entry in a day cell of the month grid. */
export interface MonthEntry {
  id: string;
  title: string;
  url: string | null;
  /** Start clock, or null for all-day. */
  time: TimeView | null;
  /** The occurrence's tag ids (for its colour mark). */
  tagIds: string[];
}

/** One day cell of the month grid. */
export interface MonthCell {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Day of the month. */
  day: number;
  /** False for the days of the neighbouring months that fill the first and last week. */
  inMonth: boolean;
  today: boolean;
  entries: MonthEntry[];
}

/** A month laid out in weeks, from the organization's first weekday (Sunday by default). */
export interface MonthGrid {
  /** `YYYY-MM`. */
  month: string;
  /** `November 2026`. */
  label: string;
  prev: { month: string; label: string };
  next: { month: string; label: string };
  /** Short weekday names, first weekday first. */
  weekdays: { short: string; long: string }[];
  weeks: MonthCell[][];
  /** The occurrences shown in the month (with a day inside it), in start order. */
  occurrences: Occurrence[];
}

/**
 * Lays a month out on weeks. Timed occurrences appear on the day they start; all-day ones on
 * every day they cover. Only days of the month get entries.
 *
 * @param occurrences candidates in start order (any span; those outside the month are ignored)
 * @param today the organization's current date, `YYYY-MM-DD`
 * @param firstWeekday [opt=7] the week's first day, luxon's numbering (1 = Monday … 7 = Sunday)
 */
export function monthGrid(
  month: string,
  occurrences: readonly Occurrence[],
  style: LocalStyle,
  today: string,
  firstWeekday: number = FIRST_WEEKDAY,
): MonthGrid {
  const first = plainDate(`${month}-01`);
  const last = first.endOf('month').startOf('day');
  const column = (day: DateTime) => (day.weekday - firstWeekday + 7) % 7;
  const gridStart = first.minus({ days: column(first) });
  const gridEnd = last.plus({ days: 6 - column(last) });
  const cells = new Map<string, MonthCell>();
  const weeks: MonthCell[][] = [];
  for (let day = gridStart; day <= gridEnd; day = day.plus({ days: 1 })) {
    const date = day.toISODate() ?? '';
    const cell: MonthCell = {
      date,
      day: day.day,
      inMonth: day.month === first.month,
      today: date === today,
      entries: [],
    };
    cells.set(date, cell);
    if (column(day) === 0) weeks.push([]);
    weeks[weeks.length - 1]?.push(cell);
  }
  const shown: Occurrence[] = [];
  for (const occurrence of occurrences) {
    const span = occurrence.dates;
    const days: string[] = [];
    if (span) {
      for (
        let d = plainDate(span.start);
        (d.toISODate() ?? '') < span.endExclusive;
        d = d.plus({ days: 1 })
      ) {
        days.push(d.toISODate() ?? '');
      }
    } else {
      days.push(localDate(occurrence.start, style.timeZone));
    }
    const entry: MonthEntry = {
      id: occurrence.id,
      title: occurrence.title,
      url: publicUrl(occurrence.url),
      time: span ? null : timeView(occurrence.start, style, false),
      tagIds: occurrence.tags.map((t) => t.id),
    };
    let placed = false;
    for (const date of days) {
      const cell = cells.get(date);
      if (cell?.inMonth) {
        cell.entries.push(entry);
        placed = true;
      }
    }
    if (placed) shown.push(occurrence);
  }
  const named = (m: string) => ({ month: m, label: plainDate(`${m}-01`).toFormat('LLLL yyyy') });
  return {
    month,
    label: first.toFormat('LLLL yyyy'),
    prev: named(addMonths(month, -1)),
    next: named(addMonths(month, 1)),
    weekdays:
      weeks[0]?.map((c) => {
        const d = plainDate(c.date);
        return { short: d.toFormat('ccc'), long: d.toFormat('cccc') };
      }) ?? [],
    weeks,
    occurrences: shown,
  };
}

/**
 * The default first day of the week, as luxon numbers weekdays (1 = Monday … 7 = Sunday):
 * Sunday, PCO's default `calendar_starts_on`.
 */
export const FIRST_WEEKDAY = 7;

/**
 * The first day of the week as luxon numbers it, from PCO's Organization `calendar_starts_on`
 * (`Monday` → 1; `Sunday` or absent → 7).
 */
export function firstWeekday(calendarStartsOn: 'Sunday' | 'Monday' | undefined): number {
  return calendarStartsOn === 'Monday' ? 1 : FIRST_WEEKDAY;
}

/**
 * The first day (`YYYY-MM-DD`) of the week that holds local date `date`.
 *
 * @param first [opt=7] the week's first day (1 = Monday … 7 = Sunday), see {@link firstWeekday}
 */
export function weekStart(date: string, first: number = FIRST_WEEKDAY): string {
  const day = plainDate(date);
  return day.minus({ days: (day.weekday - first + 7) % 7 }).toISODate() ?? '';
}

/** `YYYY-MM-DD` shifted by `days`. */
export function addDays(date: string, days: number): string {
  return plainDate(date).plus({ days }).toISODate() ?? '';
}

/** The UTC instants a local week spans in `zone`: `[start, end)`, from its first day. */
export function weekRange(start: string, zone: string): { start: string; end: string } {
  return localSpan(start, zone, { days: 7 });
}

/** One entry of a week day: an occurrence as the week view lists it. */
export interface WeekEntry {
  id: string;
  title: string;
  /** Start clock (timed), or null for all-day. */
  time: TimeView | null;
  /** `– 10:15 AM`, or the end with its day when it ends on another day; empty for all-day. */
  end: string;
  location: string | null;
  /** The occurrence's tags (names shown beside their colour marks). */
  tags: { id: string; name: string }[];
}

/** One day of the week view. */
export interface WeekDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `Sunday, November 22`. */
  label: string;
  today: boolean;
  entries: WeekEntry[];
}

/** A week laid out by day, with its neighbours. */
export interface WeekGrid {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** `Nov 22 – 28, 2026`, or `Nov 29 – Dec 5, 2026`, or across years with both years. */
  label: string;
  prev: string;
  next: string;
  days: WeekDay[];
}

/** `Nov 22 – 28, 2026` for the seven days from `start`. */
export function weekLabel(start: string): string {
  const first = plainDate(start);
  const last = first.plus({ days: 6 });
  if (first.year !== last.year) {
    return `${first.toFormat('LLL d, yyyy')} – ${last.toFormat('LLL d, yyyy')}`;
  }
  return first.month === last.month
    ? `${first.toFormat('LLL d')} – ${last.toFormat('d, yyyy')}`
    : `${first.toFormat('LLL d')} – ${last.toFormat('LLL d, yyyy')}`;
}

/**
 * Lays the seven days from `start` out with their occurrences. A timed occurrence is listed on
 * the day it starts (or the first day, if it began before the week); an all-day one on every
 * day of the week it covers. Order within a day is the candidates' (start) order.
 *
 * @param start the week's first day, `YYYY-MM-DD` (see {@link weekStart})
 * @param occurrences candidates in start order that overlap the week
 * @param today the organization's current date, `YYYY-MM-DD`
 */
export function weekGrid(
  start: string,
  occurrences: readonly Occurrence[],
  style: LocalStyle,
  today: string,
): WeekGrid {
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(start, i);
    days.push({
      date,
      label: plainDate(date).toFormat('cccc, LLLL d'),
      today: date === today,
      entries: [],
    });
  }
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const occurrence of occurrences) {
    const base = {
      id: occurrence.id,
      title: occurrence.title,
      location: occurrence.location,
      tags: occurrence.tags.map((t) => ({ id: t.id, name: t.name })),
    };
    const span = occurrence.dates;
    if (span) {
      for (const day of days) {
        if (day.date >= span.start && day.date < span.endExclusive) {
          day.entries.push({ ...base, time: null, end: '' });
        }
      }
      continue;
    }
    const startDate = localDate(occurrence.start, style.timeZone);
    const day = byDate.get(startDate < start ? start : startDate);
    if (!day) continue;
    const startsOn = local(occurrence.start, style);
    const sameDay = local(occurrence.end, style).hasSame(startsOn, 'day');
    day.entries.push({
      ...base,
      // Begun before the week: its start shows its day.
      time: timeView(occurrence.start, style, startDate < start),
      end: timeView(occurrence.end, style, !sameDay).label,
    });
  }
  return {
    start,
    label: weekLabel(start),
    prev: addDays(start, -7),
    next: addDays(start, 7),
    days,
  };
}
