/**
 * Snapshot → iCalendar (RFC 5545 + RFC 7986): one VEVENT per occurrence, one VTIMEZONE per
 * TZID used, built with ical-generator.
 *
 * Timed occurrences are written as `TZID=<zone>` local times with the zone's VTIMEZONE
 * (render/vtimezone: RRULE style, which Outlook needs), except those starting or ending
 * in the hour repeated when clocks go back, which are written in UTC (see {@link tzidOf});
 * all-day ones as `VALUE=DATE` with an exclusive DTEND. DTSTAMP, CREATED and LAST-MODIFIED are
 * UTC. DTSTAMP is the occurrence's last change rather than "now", so the same snapshot renders
 * the same bytes (and the same ETag); SEQUENCE is derived from the same instant, which never
 * goes backwards and moves with every published change (snapshot/assemble).
 *
 * Speed (measured 2026-11-21, Node 20, 1,000 VEVENTs with folded summaries): ical-generator
 * 11.1.2 27.5 ms; the `ics` package 84 ms and without TZID/VTIMEZONE support; a hand-written
 * serializer 14.3 ms. None meets the free plan's 10 ms, so ical-generator stays (correct,
 * maintained, half the speed of hand-rolled code), its whole-body folding is replaced
 * (ics-lines), and it runs once per occurrence and snapshot: `/calendar.ics` streams the
 * VEVENTs {@link renderVevent} wrote (render/fragments). Measured 2026-12-02 (Node 20, 1,000
 * occurrences, bench/render-floor.bench.ts, medians on a loaded machine): a request then costs
 * 0.003× a byte-identical plain serializer, so the library's cost is paid only while building
 * fragments (472 ms there, against 513 ms for one whole render), and that stays off requests.
 *
 * @example
 * BEGIN:VEVENT
 * UID:pco-event-instance-1001@pco-organization-42
 * SEQUENCE:216907200
 * DTSTAMP:20261115T120000Z
 * DTSTART;TZID=America/Chicago:20261122T090000
 * DTEND;TZID=America/Chicago:20261122T121500
 * SUMMARY:Sunday Worship
 * …
 * END:VEVENT
 */
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { CALENDAR_REFRESH_INTERVAL_SECONDS } from '../constants';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { isRepeatedWallTime, isValidTimeZone } from '../model/zoned-time';
import { contentLine, escapeText, foldLines } from './ics-lines';
import { occurrenceText } from './occurrence-text';
import type { RenderContext } from './render-context';
import { vtimezone } from './vtimezone';
import type { LocalStyle } from './when';

/**
 * SEQUENCE origin: 2020-01-01T00:00:00Z. SEQUENCE counts whole seconds since then (about
 * 2.2 × 10⁸ in 2027, within a signed 32-bit integer until 2088); minutes were too coarse: a
 * change and its undo within one minute got the same SEQUENCE.
 */
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

/**
 * A UTC ISO instant (as snapshots store them) as a luxon DateTime in `zone`. `fromMillis` over
 * `Date.parse`, not `fromISO`: luxon's ISO parser was a quarter of a 1,000-occurrence render
 * (Node 20 CPU profile), and these strings are already normalized UTC instants.
 */
function at(instant: string, zone: string): DateTime {
  return DateTime.fromMillis(Date.parse(instant), { zone });
}

/**
 * The UID of an occurrence: stable and globally unique (RFC 5545 §3.8.4.7).
 *
 * @param host the UID domain, `pco-organization-<id>` ({@link RenderContext.host}), never a hostname
 * @example occurrenceUid('1001', 'pco-organization-42') // 'pco-event-instance-1001@pco-organization-42'
 */
export function occurrenceUid(occurrenceId: string, host: string): string {
  return `pco-event-instance-${occurrenceId}@${host}`;
}

/** SEQUENCE (RFC 5545 §3.8.7.4) from the last change: whole seconds since 2020, never negative. */
export function sequenceOf(updated: string): number {
  return Math.max(0, Math.floor((Date.parse(updated) - SEQUENCE_EPOCH_MS) / 1000));
}

/**
 * A URI for a property ical-generator writes (URL): it backslash-escapes `,` `;` `\` as if the
 * value were TEXT, which RFC 5545 §3.3.13 does not allow for URIs, so those characters are
 * percent-encoded first (equivalent in a URL, and never escaped).
 */
function icsUri(url: string): string {
  return url.replace(/[,;\\]/g, (c) => encodeURIComponent(c));
}

/** `type/subtype` without parameters, or undefined when it is not a plain media type. */
function mediaType(contentType: string | null): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type && /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type) ? type : undefined;
}

/**
 * ATTACH lines (RFC 5545 §3.8.1.1), which ical-generator cannot write with FMTTYPE. Apple
 * Calendar and Thunderbird list them as attachments.
 *
 * No IMAGE (RFC 7986 §5.10): Google Calendar, Apple Calendar and Outlook show none, and it cost
 * 81 KB (4.3 %) of a 1,450-occurrence calendar (measurement in {@link renderIcs}). The image
 * stays in the feeds (enclosure), /events.json and the widget.
 */
function attachLines(occurrence: Occurrence): string {
  let lines = '';
  for (const attachment of occurrence.attachments) {
    const fmt = mediaType(attachment.contentType);
    lines += contentLine('ATTACH', fmt ? { FMTTYPE: fmt } : {}, attachment.url);
  }
  return lines;
}

/**
 * The TZID a timed occurrence is written in, or null for UTC: the zone, unless it has no
 * VTIMEZONE or the occurrence starts or ends in the hour repeated when clocks go back. A local
 * time in that hour names two instants; RFC 5545 §3.3.5 says it means the first, but ical.js
 * and python3-icalendar (so khal and vdirsyncer) read it as the second, an hour late. UTC is
 * read alike by every client, and displayed in the viewer's zone as usual.
 */
function tzidOf(occurrence: Occurrence, zone: string, hasVtimezone: boolean): string | null {
  const repeated =
    isRepeatedWallTime(occurrence.start, zone) || isRepeatedWallTime(occurrence.end, zone);
  return hasVtimezone && !repeated ? zone : null;
}

/** `PT1H`, `PT30M` or `PT45S`: an RFC 5545 §3.3.6 duration of whole seconds. */
function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `PT${seconds / 3600}H`;
  if (seconds % 60 === 0) return `PT${seconds / 60}M`;
  return `PT${seconds}S`;
}

/**
 * The calendar's own properties (RFC 5545 §3.4, §3.7; RFC 7986 §5), unfolded, CRLF-ended.
 * Written here rather than by ical-generator, which writes NAME, X-WR-CALNAME and X-WR-CALDESC
 * without TEXT escaping: an organization name or FEED_TITLE holding a newline added whole
 * VEVENTs that ical.js and python3-icalendar read. Every value here goes through
 * {@link escapeText}.
 *
 * No METHOD. RFC 5546 §3.2.1 requires METHOD:PUBLISH to carry one ORGANIZER per VEVENT, whose
 * value is a cal-address (a URI, in practice `mailto:`); PCO gives no public address for the
 * church, and the name alone is not a cal-address, so an ORGANIZER would be invented. Without
 * METHOD the body is a plain published calendar (RFC 5545 §3.7.2 makes METHOD optional), which
 * is how Google Calendar, Apple Calendar and Outlook subscribe to it anyway; and DTSTAMP then
 * means the last change of the event (RFC 5545 §3.8.7.2), which is what we write.
 */
function calendarHeader(zone: string, context: RenderContext): string {
  const refresh = duration(CALENDAR_REFRESH_INTERVAL_SECONDS);
  return [
    'BEGIN:VCALENDAR\r\n',
    'VERSION:2.0\r\n',
    'PRODID:-//pco-feeds//pco-feeds//EN\r\n',
    contentLine('NAME', {}, escapeText(context.title)),
    contentLine('X-WR-CALNAME', {}, escapeText(context.title)),
    contentLine('X-WR-CALDESC', {}, escapeText(context.description)),
    contentLine('REFRESH-INTERVAL', { VALUE: 'DURATION' }, refresh),
    contentLine('X-PUBLISHED-TTL', {}, refresh),
    contentLine('X-WR-TIMEZONE', {}, escapeText(zone)),
  ].join('');
}

/** The ical-generator calendar that formats VEVENTs (its own header is never written). */
function eventFormatter() {
  // name: null keeps DTSTAMP in UTC; TZIDs come from each event (see README "Toolchain"). No
  // VTIMEZONE generator: the calendar is never written whole, so it would never be called.
  return ical({ timezone: { name: null } });
}

/** What every VEVENT of one render shares: the organization's zone and style, the request's context. */
export interface IcsShared {
  /** The organization's IANA zone (snapshot.organization.timeZone). */
  zone: string;
  /** Whether that zone has a VTIMEZONE, i.e. the runtime knows it (else times are in UTC). */
  hasVtimezone: boolean;
  /** The organization's clock style, for the times listed in DESCRIPTION. */
  style: LocalStyle;
  context: RenderContext;
  /** The ical-generator calendar whose `createEvent` formats each VEVENT. */
  formatter: ReturnType<typeof eventFormatter>;
}

/** The {@link IcsShared} of a snapshot and request. */
export function icsShared(snapshot: Snapshot, context: RenderContext): IcsShared {
  const zone = snapshot.organization.timeZone;
  return {
    zone,
    hasVtimezone: isValidTimeZone(zone),
    style: snapshot.organization,
    context,
    formatter: eventFormatter(),
  };
}

/**
 * One occurrence as a folded VEVENT (CRLF-ended), a function of the occurrence and the shared
 * context only, so it can be built once per snapshot. Times are in the zone's TZID, or UTC
 * (see {@link tzidOf}); all-day ones are dates.
 */
export function renderVevent(occurrence: Occurrence, shared: IcsShared): string {
  const { context, formatter } = shared;
  const tzid = occurrence.dates ? null : tzidOf(occurrence, shared.zone, shared.hasVtimezone);
  const updated = at(occurrence.updated, 'utc');
  const common = {
    id: occurrenceUid(occurrence.id, context.host),
    sequence: sequenceOf(occurrence.updated),
    stamp: updated,
    created: at(occurrence.created, 'utc'),
    lastModified: updated,
    summary: occurrence.title,
    // Plain text only: see "Size" in renderIcs for why there is no X-ALT-DESC.
    description: occurrenceText(occurrence, shared.style) || null,
    location: occurrence.location,
    url: occurrence.url ? icsUri(occurrence.url) : null,
    categories: occurrence.tags.map((t) => ({ name: t.name })),
    // No STATUS: CONFIRMED is what a client assumes without it, none shows it, and it cost
    // 26,100 bytes (18 per VEVENT) of the measured calendar.
  };
  const span = occurrence.dates;
  const event = span
    ? // Date-only values: a UTC midnight DateTime whose date is the local date.
      formatter.createEvent({
        ...common,
        allDay: true,
        start: at(`${span.start}T00:00:00Z`, 'utc'),
        end: at(`${span.endExclusive}T00:00:00Z`, 'utc'),
      })
    : formatter.createEvent({
        ...common,
        // Created in the TZID's zone, so ical-generator's setZone(zone) is a no-op.
        start: at(occurrence.start, tzid ?? 'utc'),
        // A zero-length time has no DTEND: it must be later than DTSTART (RFC 5545 §3.8.2.2),
        // and without one the event ends at its start (§3.6.1).
        end: occurrence.end === occurrence.start ? null : at(occurrence.end, tzid ?? 'utc'),
        timezone: tzid,
      });
  const text = event
    .toString()
    .replace(/END:VEVENT\r\n$/, `${attachLines(occurrence)}END:VEVENT\r\n`);
  // createEvent also keeps the event in the calendar, which is never written whole: drop it,
  // or a fragment set (render/fragments) would hold every ICalEvent of the snapshot (about
  // 30 MiB of heap at 10,000 occurrences, measured with bench/heap.ts).
  formatter.clear();
  return foldLines(text);
}

/** The last line of every VCALENDAR body. */
export const ICS_TRAILER = 'END:VCALENDAR\r\n';

/** The folded calendar header ({@link calendarHeader}) of a zone and request context. */
export function icsHeader(zone: string, context: RenderContext): string {
  return foldLines(calendarHeader(zone, context));
}

/**
 * The VTIMEZONE of a snapshot's zone (CRLF-ended lines) for the years its occurrences span
 * within the snapshot's window, so the same for every cut of the snapshot; null when the zone
 * is unknown or there is no occurrence (then no VEVENT names a TZID).
 *
 * Why the window bounds it: an occurrence may start long before the window or end long after
 * it (an instance whose end year was mistyped as 9999 still overlaps the window), and the
 * VTIMEZONE's size and build time grow with the years it covers: 1.5 s of CPU, 2 MB and
 * five-digit years (`DTSTART:+0100001105T0200`, not RFC 5545) for an end in 9999. Within the
 * window (a year or so by default) the observances are exact; beyond it their yearly RRULEs
 * go on.
 */
export function snapshotVtimezone(snapshot: Snapshot): string | null {
  const { occurrences, window } = snapshot;
  const first = occurrences[0];
  if (!first) return null;
  let last = Date.parse(first.end);
  for (const o of occurrences) last = Math.max(last, Date.parse(o.end));
  const windowFrom = Date.parse(window.from);
  const windowTo = Date.parse(window.to);
  const start = Date.parse(first.start);
  const from = Number.isNaN(windowFrom) ? start : Math.max(start, windowFrom);
  const to = Number.isNaN(windowTo) ? last : Math.min(last, windowTo);
  return vtimezone(snapshot.organization.timeZone, from, Math.max(from, to));
}

/** Whether the occurrence's VEVENT names the zone's TZID (so the body needs its VTIMEZONE). */
export function usesTzid(occurrence: Occurrence, shared: IcsShared): boolean {
  return !occurrence.dates && tzidOf(occurrence, shared.zone, shared.hasVtimezone) !== null;
}

/**
 * Renders occurrences (a cut of `snapshot`) as a VCALENDAR body, CRLF line endings: the
 * calendar header ({@link calendarHeader}), the VTIMEZONE when a VEVENT uses its TZID, and one
 * VEVENT per occurrence ({@link renderVevent}).
 *
 * Size. Google Calendar is reported to stop importing a subscription past about 1,000,000
 * bytes, and a large church has about 1,500 occurrences in the default window. Measured on
 * bench/synthetic's 1,450 occurrences (every one with an HTML description, average 345
 * characters), 2026-12-02, bytes per property over the whole calendar:
 * - before: 1,880,116 in all; X-ALT-DESC 575,967 (31 %), DESCRIPTION 503,564 (summary only),
 *   URL 117,450, IMAGE 81,179, UID 72,500, DTSTART 63,844, DTEND 60,944, ATTACH 54,438,
 *   LOCATION 52,194, LAST-MODIFIED 46,400, SUMMARY 40,847, DTSTAMP 37,700, CREATED 37,700,
 *   CATEGORIES 29,113, SEQUENCE 29,000, STATUS 26,100, BEGIN/END 37,700.
 * - STATUS:CONFIRMED is dropped (see {@link renderVevent}).
 * - X-ALT-DESC is dropped: only desktop Outlook reads it, and it repeats the description that
 *   DESCRIPTION now carries in full as text (links as `text [url]`), so it only added
 *   formatting, at the cost of a third of the calendar.
 * - IMAGE is dropped: no major client shows it (see {@link attachLines}).
 * - DESCRIPTION grows to the full text (summary when distinct, description, times, links).
 * - after: 1,316,525 in all on that (heavier than typical) data, DESCRIPTION 623,235 of it.
 * - The client suite's calendar (test/clients/fixture.ts: 1,423 occurrences, each series with a
 *   realistic 250–700 character description), measured the same way: 1,234,637 bytes before
 *   (X-ALT-DESC 352,810, STATUS 25,614, IMAGE 5,458), 850,669 after (DESCRIPTION 297,577, URL
 *   95,296, DTSTART 65,451, DTEND 62,555, UID 59,721). The client suite asserts it stays under
 *   1,000,000 bytes, also projected to 1,500 occurrences.
 *
 * @param occurrences the occurrences to publish, in the order to write them
 */
export function renderIcs(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const shared = icsShared(snapshot, context);
  const parts: string[] = [icsHeader(shared.zone, context)];
  const block = snapshotVtimezone(snapshot);
  if (block && occurrences.some((o) => usesTzid(o, shared))) parts.push(block);
  for (const occurrence of occurrences) parts.push(renderVevent(occurrence, shared));
  parts.push(ICS_TRAILER);
  return parts.join('');
}
