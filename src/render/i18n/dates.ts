/**
 * Dates and times for people, in an interface language and in the church's zone, all through
 * `Intl.DateTimeFormat` (weekday and month names, word order, 12/24-hour clock marks come from
 * the locale's CLDR data; the zone never follows the reader).
 *
 * The clock: a church with `twenty_four_hour_time` (Planning Center's organization setting)
 * gets `09:00` in every language. Otherwise English follows the church (`9:00 AM`, as Church
 * Center shows it) and every other language its own CLDR convention: `9:00` in es, pt, fr and
 * de, `오전 9:00` in ko. A 12-hour clock forced on French or German (`9:00 AM`) reads as
 * foreign there.
 *
 * @example
 * const dates = new LocalDates('es', 'America/Chicago', false);
 * dates.longDate(Date.parse('2026-11-22T15:00:00Z')) // 'domingo, 22 de noviembre de 2026'
 * dates.clock(Date.parse('2026-11-22T21:00:00Z'))    // '15:00'
 */
import type { Language } from './languages';

const DAY_MS = 86_400_000;

/** Formatters of one language, zone and clock style; instances are cached. */
export class LocalDates {
  private readonly long: Intl.DateTimeFormat;
  private readonly longPlain: Intl.DateTimeFormat;
  private readonly clockFormat: Intl.DateTimeFormat;
  private readonly ymd: Intl.DateTimeFormat;
  private readonly monthYear: Intl.DateTimeFormat;
  private readonly zoneFormat: Intl.DateTimeFormat;
  private readonly dayMonth: Intl.DateTimeFormat;
  private readonly weekdayShort: Intl.DateTimeFormat;
  private readonly weekdayLong: Intl.DateTimeFormat;
  private readonly monthShort: Intl.DateTimeFormat;
  private readonly dayLong: Intl.DateTimeFormat;
  private readonly dayLongYear: Intl.DateTimeFormat;
  private readonly span: Intl.DateTimeFormat;

  /**
   * @param lang the interface language (its CLDR locale)
   * @param timeZone IANA zone every instant is shown in
   * @param twentyFourHourTime the church's clock style
   * @throws {RangeError} for an unknown zone
   */
  constructor(
    readonly lang: Language,
    readonly timeZone: string,
    twentyFourHourTime: boolean,
  ) {
    const long = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } as const;
    this.long = new Intl.DateTimeFormat(lang, { ...long, timeZone });
    this.longPlain = new Intl.DateTimeFormat(lang, { ...long, timeZone: 'UTC' });
    this.clockFormat = new Intl.DateTimeFormat(lang, {
      timeZone,
      hour: twentyFourHourTime ? '2-digit' : 'numeric',
      minute: '2-digit',
      ...(twentyFourHourTime
        ? { hourCycle: 'h23' as const }
        : lang === 'en'
          ? { hourCycle: 'h12' as const }
          : {}),
    });
    this.ymd = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    this.monthYear = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
    });
    this.zoneFormat = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'longGeneric' });
    this.dayMonth = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });
    this.weekdayShort = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short' });
    this.weekdayLong = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long' });
    this.monthShort = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short' });
    const day = { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' } as const;
    this.dayLong = new Intl.DateTimeFormat(lang, day);
    this.dayLongYear = new Intl.DateTimeFormat(lang, { ...day, year: 'numeric' });
    this.span = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
  }

  /** "Sun, Nov 22", "dom, 22 nov", "11월 22일 (일)" of a local date `YYYY-MM-DD` (widget cards). */
  shortDate(isoDate: string): string {
    return this.dayMonth.format(Date.parse(`${isoDate}T12:00:00Z`));
  }

  /**
   * Parts of a local date `YYYY-MM-DD` for a date badge: `{weekday: 'Sun', day: '22', month:
   * 'Nov'}`, `{weekday: 'dom', day: '22', month: 'nov'}`, `{weekday: '일', day: '22', month: '11월'}`.
   */
  badge(isoDate: string): { weekday: string; day: string; month: string } {
    const ms = Date.parse(`${isoDate}T12:00:00Z`);
    return {
      weekday: this.weekdayShort.format(ms),
      day: String(Number(isoDate.slice(8, 10))),
      month: this.monthShort.format(ms),
    };
  }

  /**
   * A day heading of a local date `YYYY-MM-DD`: "Sunday, November 22", "domingo, 22 de
   * noviembre", "11월 22일 일요일"; with the year when `withYear`.
   */
  dayHeading(isoDate: string, withYear = false): string {
    return (withYear ? this.dayLongYear : this.dayLong).format(Date.parse(`${isoDate}T12:00:00Z`));
  }

  /**
   * A span of local dates, by Intl's range format: "Nov 22 – 28, 2026", "22–28 nov 2026",
   * "29 nov – 5 dic 2026", "2026년 11월 22일~28일".
   */
  dateSpan(firstIsoDate: string, lastIsoDate: string): string {
    return this.span.formatRange(
      Date.parse(`${firstIsoDate}T12:00:00Z`),
      Date.parse(`${lastIsoDate}T12:00:00Z`),
    );
  }

  /**
   * Weekday names, Sunday first (`short` for a month grid's column heads, `long` for their
   * `abbr`): "Sun"…"Sat", "dom"…"sáb", "일"…"토".
   */
  weekdays(): { short: string; long: string }[] {
    // 2026-11-22 is a Sunday.
    return Array.from({ length: 7 }, (_, i) => {
      const ms = Date.parse('2026-11-22T12:00:00Z') + i * DAY_MS;
      return { short: this.weekdayShort.format(ms), long: this.weekdayLong.format(ms) };
    });
  }

  /** "Sunday, November 22, 2026" of an instant (epoch ms) in the zone. */
  longDate(ms: number): string {
    return this.long.format(ms);
  }

  /** "Friday, November 20, 2026" of a local date `YYYY-MM-DD`; `offsetDays` moves it. */
  plainDate(isoDate: string, offsetDays = 0): string {
    return this.longPlain.format(Date.parse(`${isoDate}T12:00:00Z`) + offsetDays * DAY_MS);
  }

  /** "November 2026" of a month `YYYY-MM`. */
  month(isoMonth: string): string {
    return this.monthYear.format(Date.parse(`${isoMonth}-15T12:00:00Z`));
  }

  /** "9:00 AM", "09:00", "9:00", "오전 9:00" of an instant in the zone. */
  clock(ms: number): string {
    return this.clockFormat.format(ms);
  }

  /** The local date `YYYY-MM-DD` of an instant in the zone. */
  localDate(ms: number): string {
    return this.ymd.format(ms);
  }

  /**
   * A time range: "9:00 AM – 10:15 AM" on one local day, else both dates:
   * "Friday, December 4, 2026, 9:00 PM – Saturday, December 5, 2026, 7:00 AM".
   */
  clockRange(startMs: number, endMs: number): string {
    if (this.localDate(startMs) === this.localDate(endMs)) {
      return `${this.clock(startMs)} – ${this.clock(endMs)}`;
    }
    return `${this.longDate(startMs)}, ${this.clock(startMs)} – ${this.longDate(endMs)}, ${this.clock(endMs)}`;
  }

  /** The zone's generic name in the language: "Central Time", "hora central", "미 중부 시간". */
  zoneName(): string {
    const part = this.zoneFormat.formatToParts(0).find((p) => p.type === 'timeZoneName');
    return part?.value ?? this.timeZone;
  }
}

const cache = new Map<string, LocalDates>();

/** The cached {@link LocalDates} of a language, zone and clock style. */
export function localDates(lang: Language, timeZone: string, twentyFourHourTime: boolean) {
  const key = `${lang}|${timeZone}|${twentyFourHourTime}`;
  let dates = cache.get(key);
  if (!dates) {
    dates = new LocalDates(lang, timeZone, twentyFourHourTime);
    cache.set(key, dates);
  }
  return dates;
}
