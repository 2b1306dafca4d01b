/**
 * The VTIMEZONE of one IANA zone (RFC 5545 §3.6.5), built from the runtime's time-zone data
 * (luxon over Intl) for the years a calendar covers, instead of a library that ships every zone
 * (timezones-ical-library was 7.8 KB of the gzipped Worker bundle).
 *
 * The zone's offset changes are found by sampling its offset every {@link SCAN_STEP_MS} and
 * bisecting each change to the minute, from 1 January of the year before the first time to
 * 31 December of the year after the last one. Changes of one kind (same offsets before and
 * after) that happen once in every one of those years, on the same "nth (or last) weekday of a
 * month" at the same local time, become one observance with a yearly RRULE, the style Outlook
 * needs; any other change gets an observance of its own with DTSTART and RDATE; a zone with no
 * change gets a single STANDARD. Each observance covers every change in the scanned years, and
 * the scanned years cover the calendar, so a local time resolves to the same UTC instant in
 * every client as in luxon. Outside them, the VTIMEZONE may differ from the tz database (an
 * RRULE goes on forever), which no VEVENT of the calendar depends on.
 *
 * DAYLIGHT is an observance whose offset is above the year's lower offset, as in Windows and
 * tzdata's "rearguard" format: Europe/Dublin's summer IST is DAYLIGHT and its winter GMT is
 * STANDARD, although Irish law (and tzdata's main format, a "negative DST") has it the other way
 * round; the offsets, which is what clients compute with, are the same either way.
 *
 * @example
 * BEGIN:VTIMEZONE
 * TZID:America/Chicago
 * BEGIN:DAYLIGHT
 * DTSTART:20250309T020000
 * RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
 * TZOFFSETFROM:-0600
 * TZOFFSETTO:-0500
 * TZNAME:CDT
 * END:DAYLIGHT
 * BEGIN:STANDARD
 * DTSTART:20251102T020000
 * RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
 * TZOFFSETFROM:-0500
 * TZOFFSETTO:-0600
 * TZNAME:CST
 * END:STANDARD
 * END:VTIMEZONE
 */
import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
/**
 * How often the offset is sampled. A change and its reversal within one step would go unseen;
 * the shortest such pairs in recent tz data, Morocco's and Egypt's Ramadan suspensions of
 * summer time, lasted several weeks. Four years cost about 210 lookups, plus 14 per change to
 * bisect it to the minute. Measured (Node 20, loaded machine, after a render's Intl warm-up,
 * medians of 5): America/Chicago 4.4 ms, Europe/London 5.2 ms, Australia/Sydney 14.6 ms and
 * Asia/Kolkata 15 ms (those two try more locales for TZNAME), once per isolate and years.
 */
const SCAN_STEP_MS = 7 * 86_400_000;

/** One change of a zone's UTC offset. */
interface OffsetChange {
  /** The first UTC instant (ms) with the new offset. */
  at: number;
  /** Offsets in minutes east of UTC, before and after. */
  from: number;
  to: number;
}

/**
 * A zone's UTC offset at an instant, in minutes east of UTC, read from Intl's `longOffset`
 * name (`GMT-06:00`, `GMT+12:45`, `GMT`): about 7 µs a lookup against 23 µs for luxon's
 * `IANAZone.offset`, which formats every date field (Node 20, 1,000 lookups). A scan makes
 * about 400.
 */
interface ZoneOffsets {
  offset(utcMs: number): number;
}

function zoneOffsets(zone: string): ZoneOffsets {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return {
    offset(utcMs) {
      const m = /GMT(?:([+-])(\d\d):(\d\d))?$/.exec(format.format(utcMs));
      if (!m) throw new Error(`no UTC offset for ${zone} at ${utcMs}`);
      const minutes = Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
      return m[1] === '-' ? -minutes : minutes;
    },
  };
}

/** The changes of `zone`'s offset in [fromMs, toMs), oldest first, and the offset at `fromMs`. */
function offsetChanges(zone: ZoneOffsets, fromMs: number, toMs: number) {
  const initial = zone.offset(fromMs);
  const changes: OffsetChange[] = [];
  let t = fromMs;
  let offset = initial;
  while (t < toMs) {
    const next = Math.min(t + SCAN_STEP_MS, toMs);
    if (zone.offset(next) === offset) {
      t = next;
      continue;
    }
    // Bisect to the minute: offset(lo) is `offset`, offset(hi) is not.
    let lo = t;
    let hi = next;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zone.offset(mid) === offset) lo = mid;
      else hi = mid;
    }
    const to = zone.offset(hi);
    changes.push({ at: hi, from: offset, to });
    t = hi;
    offset = to;
  }
  return { initial, changes };
}

/** A local wall time, read with the UTC getters of `Date(utc + offset)`. */
function wall(utcMs: number, offsetMinutes: number): Date {
  return new Date(utcMs + offsetMinutes * MINUTE_MS);
}

/** `YYYYMMDDTHHMMSS`: a local DATE-TIME (RFC 5545 §3.3.5, form #1). */
function localDateTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** `+HHMM` / `-HHMM` (RFC 5545 §3.3.14) of an offset in minutes. */
function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hhmm = String(Math.floor(abs / 60) * 100 + (abs % 60)).padStart(4, '0');
  return `${minutes < 0 ? '-' : '+'}${hhmm}`;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * The yearly RRULE that produces exactly `changes` (one per year, every year from `firstYear`
 * to `lastYear`), or null when there is none of the form `BYMONTH=m;BYDAY=nWD` / `-1WD`.
 */
function yearlyRule(
  changes: readonly OffsetChange[],
  firstYear: number,
  lastYear: number,
): string | null {
  if (changes.length !== lastYear - firstYear + 1) return null;
  let nth: number | null = null;
  let last = true;
  let key: string | null = null;
  for (const [i, change] of changes.entries()) {
    const d = wall(change.at, change.from);
    if (d.getUTCFullYear() !== firstYear + i) return null;
    const day = d.getUTCDate();
    const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const thisKey = `${d.getUTCMonth()} ${d.getUTCDay()} ${localDateTime(d).slice(8)}`;
    if (key !== null && thisKey !== key) return null;
    key = thisKey;
    const n = Math.ceil(day / 7);
    nth = i === 0 || nth === n ? n : 0;
    last &&= day + 7 > daysInMonth;
  }
  const first = changes[0];
  if (!first) return null;
  const d = wall(first.at, first.from);
  // "Last" when it fits every year (as most rules say: EU, New Zealand), else the nth.
  const byDay = last ? -1 : nth && nth <= 4 ? nth : null;
  if (byDay === null) return null;
  return `FREQ=YEARLY;BYMONTH=${d.getUTCMonth() + 1};BYDAY=${byDay}${WEEKDAYS[d.getUTCDay()]}`;
}

const shortNames = new Map<string, Intl.DateTimeFormat>();

/** Locales whose short zone names are tried, in order, for TZNAME. */
const TZNAME_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-AU', 'en-NZ', 'en-IN'];

/**
 * The zone's abbreviation at `utcMs` (CST, BST, AEDT, IST), the first all-letter short name
 * Intl gives in {@link TZNAME_LOCALES}; undefined when every locale gives `GMT-3` and the like
 * (TZNAME is optional, RFC 5545 §3.8.3.2).
 */
function tzname(zone: string, utcMs: number): string | undefined {
  for (const locale of TZNAME_LOCALES) {
    const key = `${locale} ${zone}`;
    let format = shortNames.get(key);
    if (!format) {
      // About 0.7 ms to build (Node 20): built on demand, en-US first, and kept.
      format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
      shortNames.set(key, format);
    }
    const name = format.formatToParts(utcMs).find((part) => part.type === 'timeZoneName')?.value;
    if (name && /^[A-Za-z]+$/.test(name)) return name;
  }
  return undefined;
}

/** One STANDARD or DAYLIGHT component, CRLF-ended lines. */
function observance(
  kind: 'STANDARD' | 'DAYLIGHT',
  start: string,
  rule: string,
  from: number,
  to: number,
  name: string | undefined,
): string {
  return (
    `BEGIN:${kind}\r\nDTSTART:${start}\r\n${rule}TZOFFSETFROM:${utcOffset(from)}\r\n` +
    `TZOFFSETTO:${utcOffset(to)}\r\n${name ? `TZNAME:${name}\r\n` : ''}END:${kind}\r\n`
  );
}

/** Whether an offset in force from `atMs` is summer time: above the lower of January's and July's. */
function isDaylight(zone: ZoneOffsets, atMs: number, offset: number): boolean {
  const year = new Date(atMs).getUTCFullYear();
  return offset > Math.min(zone.offset(Date.UTC(year, 0, 1)), zone.offset(Date.UTC(year, 6, 1)));
}

const built = new Map<string, string | null>();

/**
 * The VTIMEZONE of `zone` for a calendar whose times lie between `fromMs` and `toMs` (UTC
 * instants in ms), CRLF-ended lines, unfolded (every line is short). Memoized per zone and
 * years.
 *
 * @param zone IANA zone; its name is the TZID (pass the canonical one, model/tzid)
 * @returns the block, or null when the runtime does not know `zone`
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.5
 */
export function vtimezone(zone: string, fromMs: number, toMs: number): string | null {
  const firstYear = new Date(fromMs).getUTCFullYear() - 1;
  const lastYear = new Date(toMs).getUTCFullYear() + 1;
  const key = `${zone} ${firstYear} ${lastYear}`;
  let block = built.get(key);
  if (block === undefined) {
    block = IANAZone.isValidZone(zone) ? build(zone, firstYear, lastYear) : null;
    built.set(key, block);
  }
  return block;
}

function build(zone: string, firstYear: number, lastYear: number): string {
  const tz = zoneOffsets(zone);
  const scanFrom = Date.UTC(firstYear, 0, 1);
  const { initial, changes } = offsetChanges(tz, scanFrom, Date.UTC(lastYear + 1, 0, 1));
  let body = '';
  if (changes.length === 0) {
    body = observance('STANDARD', '19700101T000000', '', initial, initial, tzname(zone, scanFrom));
  } else {
    const kinds = new Map<string, OffsetChange[]>();
    for (const change of changes) {
      const kind = `${change.from} ${change.to}`;
      kinds.set(kind, [...(kinds.get(kind) ?? []), change]);
    }
    const parts: { at: number; text: string }[] = [];
    // The offset before the first change, when that change is not in the first scanned year
    // (which precedes every time of the calendar): a zone that changes only later in the range.
    const firstChange = changes[0];
    if (firstChange && firstChange.at >= Date.UTC(firstYear + 1, 0, 1)) {
      parts.push({
        at: scanFrom,
        text: observance(
          isDaylight(tz, scanFrom, initial) ? 'DAYLIGHT' : 'STANDARD',
          '19700101T000000',
          '',
          initial,
          initial,
          tzname(zone, scanFrom),
        ),
      });
    }
    for (const group of kinds.values()) {
      const rule = yearlyRule(group, firstYear, lastYear);
      for (const change of rule ? group.slice(0, 1) : group) {
        const start = localDateTime(wall(change.at, change.from));
        parts.push({
          at: change.at,
          text: observance(
            isDaylight(tz, change.at, change.to) ? 'DAYLIGHT' : 'STANDARD',
            start,
            rule ? `RRULE:${rule}\r\n` : `RDATE:${start}\r\n`,
            change.from,
            change.to,
            tzname(zone, change.at),
          ),
        });
      }
    }
    body = parts
      .sort((a, b) => a.at - b.at)
      .map((p) => p.text)
      .join('');
  }
  return `BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n${body}END:VTIMEZONE\r\n`;
}
