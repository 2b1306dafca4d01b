/**
 * View models of the widget: occurrences reduced to what the HTML shows (labels and
 * `<time datetime>` values in the organization's zone and 12/24-hour style), grouped by day
 * for the list, and laid out on weeks for the month grid.
 *
 * Every label comes from `Intl` through {@link LocalDates}, in the interface language
 * (`style.lang`, default `en`) and in the church's zone; luxon only does the date arithmetic.
 *
 * Pure functions of their inputs; `today` and months are local dates of the organization.
 */

import { DateTime } from 'luxon';
import type { Occurrence } from '../../model/occurrence';
import { publicUrl } from '../../model/public-url';
import { zoned } from '../../model/zoned-time';
import { type LocalDates, localDates } from '../i18n/dates';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import { OCCURRENCES_DIR, occurrencePaths } from '../links';
import type { LocalStyle } from '../when';

/** The zone, clock style and interface language the widget formats in. */
export type WidgetStyle = LocalStyle & { lang?: Language };

/** The cached formatters of a style. */
const datesOf = (style: WidgetStyle): LocalDates =>
  localDates(style.lang ?? DEFAULT_LANGUAGE, style.timeZone, style.twentyFourHourTime);

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

const local = (utc: string, style: LocalStyle) => zoned(utc, style.timeZone);
const plainDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
/** Intl's clock with a plain space before AM/PM (ICU writes U+202F, 3 bytes in UTF-8). */
const clock = (dates: LocalDates, ms: number) => dates.clock(ms).replace(/\u202f/g, ' ');
const isoMinutes = (dt: DateTime) =>
  dt.toISO({ suppressSeconds: true, suppressMilliseconds: true, includeOffset: true }) ?? '';

/** The local date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDate(instant: Date | string, zone: string): string {
  const utc = typeof instant === 'string' ? instant : instant.toISOString();
  return zoned(utc, zone).toISODate() ?? '';
}

function timeView(utc: string, style: WidgetStyle, withDay: boolean): TimeView {
  const dates = datesOf(style);
  const ms = Date.parse(utc);
  return {
    iso: isoMinutes(local(utc, style)),
    label: withDay
      ? `${dates.shortDate(dates.localDate(ms))}, ${clock(dates, ms)}`
      : clock(dates, ms),
  };
}

/**
 * A time range: "9:00 AM – 10:15 AM", or with both days when it crosses midnight:
 * "Fri, Dec 4, 9:00 PM – Sat, Dec 5, 7:00 AM".
 */
function timeRange(time: { start: string; end: string }, style: WidgetStyle): string {
  const dates = datesOf(style);
  const [start, end] = [Date.parse(time.start), Date.parse(time.end)];
  if (dates.localDate(start) === dates.localDate(end)) {
    return `${clock(dates, start)} – ${clock(dates, end)}`;
  }
  return `${timeView(time.start, style, true).label} – ${timeView(time.end, style, true).label}`;
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
  style: WidgetStyle,
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
  const dates = datesOf(style);
  const span = occurrence.dates;
  if (span) {
    const last = addDays(span.endExclusive, -1);
    return {
      ...common,
      day: span.start,
      dayLabel: dates.shortDate(span.start),
      badge: dates.badge(span.start),
      start: { iso: span.start, label: dates.shortDate(span.start) },
      end: last > span.start ? { iso: last, label: dates.shortDate(last) } : null,
      times: [],
    };
  }
  const day = dates.localDate(Date.parse(occurrence.start));
  const sameDay = dates.localDate(Date.parse(occurrence.end)) === day;
  return {
    ...common,
    day,
    dayLabel: dates.shortDate(day),
    badge: dates.badge(day),
    start: timeView(occurrence.start, style, false),
    end: timeView(occurrence.end, style, !sameDay),
    times:
      occurrence.times.length > 1
        ? occurrence.times.map((t) => `${timeRange(t, style)}${t.name ? ` (${t.name})` : ''}`)
        : [],
  };
}

/**
 * `Sunday, November 22` (in `lang`), with the year when it differs from `today`'s:
 * `Monday, January 4, 2027`.
 */
export function dayLabel(date: string, today: string, lang: Language = DEFAULT_LANGUAGE): string {
  return localDates(lang, 'UTC', false).dayHeading(date, date.slice(0, 4) !== today.slice(0, 4));
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
  lang: Language = DEFAULT_LANGUAGE,
): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  for (const view of views) {
    const date = view.day < floor ? floor : view.day;
    let group = groups.get(date);
    if (!group) {
      group = { date, label: dayLabel(date, today, lang), items: [] };
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

/** `list` rotated left by `n` places: `rotate([a, b, c], 1)` is `[b, c, a]`. */
const rotate = <T>(list: readonly T[], n: number): T[] => [...list.slice(n), ...list.slice(0, n)];

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
  style: WidgetStyle,
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
  const dates = datesOf(style);
  const named = (m: string) => ({ month: m, label: dates.month(m) });
  return {
    month,
    label: dates.month(month),
    prev: named(addMonths(month, -1)),
    next: named(addMonths(month, 1)),
    // LocalDates.weekdays is Sunday first; the grid starts on `firstWeekday` (luxon: 7 = Sunday).
    weekdays: rotate(dates.weekdays(), firstWeekday % 7),
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

/**
 * The seven days from `start` in `lang`, by Intl's range format: `Nov 22 – 28, 2026`,
 * `Nov 29 – Dec 5, 2026`, `Dec 27, 2026 – Jan 2, 2027`; `22–28 nov 2026` in Spanish.
 */
export function weekLabel(start: string, lang: Language = DEFAULT_LANGUAGE): string {
  // ICU puts thin spaces (U+2009) around the dash; plain ones read the same.
  return localDates(lang, 'UTC', false)
    .dateSpan(start, addDays(start, 6))
    .replace(/\u2009/g, ' ');
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
  style: WidgetStyle,
  today: string,
): WeekGrid {
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(start, i);
    days.push({
      date,
      label: datesOf(style).dayHeading(date),
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
    const sameDay = localDate(occurrence.end, style.timeZone) === startDate;
    day.entries.push({
      ...base,
      // Begun before the week: its start shows its day.
      time: timeView(occurrence.start, style, startDate < start),
      end: timeView(occurrence.end, style, !sameDay).label,
    });
  }
  return {
    start,
    label: weekLabel(start, style.lang),
    prev: addDays(start, -7),
    next: addDays(start, 7),
    days,
  };
}
