/**
 * Snapshot → iCalendar (RFC 5545 + RFC 7986): one VEVENT per occurrence, one VTIMEZONE per
 * TZID used, built with ical-generator.
 *
 * Timed occurrences are written as `TZID=<zone>` local times with the VTIMEZONE from
 * timezones-ical-library (RRULE style, which Outlook accepts), except those starting or ending
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
 * (ics-lines), and rendered bodies are cached per snapshot version (routes/feed-response).
 *
 * @example
 * BEGIN:VEVENT
 * UID:pco-event-instance-1001@feeds.example.org
 * SEQUENCE:216907200
 * DTSTAMP:20261115T120000Z
 * DTSTART;TZID=America/Chicago:20261122T090000
 * DTEND;TZID=America/Chicago:20261122T121500
 * SUMMARY:Sunday Worship
 * …
 * END:VEVENT
 */
import ical, { type ICalCalendarData, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { CALENDAR_REFRESH_INTERVAL_SECONDS } from '../constants';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { isRepeatedWallTime } from '../model/zoned-time';
import { contentLine, foldLines } from './ics-lines';
import { occurrenceText } from './occurrence-text';
import type { RenderContext } from './render-context';

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
 * The VTIMEZONE block for an IANA zone, or null when the library has none (the zone is then
 * not used as a TZID; times are written in UTC instead).
 */
export function vtimezoneFor(zone: string): string | null {
  const block = tzlib_get_ical_block(zone)[0];
  return typeof block === 'string' && block.includes('BEGIN:VTIMEZONE') ? block : null;
}

/** The UID of an occurrence: stable and globally unique (RFC 5545 §3.8.4.7). */
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

/** ATTACH and IMAGE lines ical-generator cannot write (RFC 5545 §3.8.1.1, RFC 7986 §5.10). */
function extraLines(occurrence: Occurrence): string {
  let lines = '';
  for (const attachment of occurrence.attachments) {
    const fmt = mediaType(attachment.contentType);
    lines += contentLine('ATTACH', fmt ? { FMTTYPE: fmt } : {}, attachment.url);
  }
  if (occurrence.imageUrl)
    lines += contentLine('IMAGE', { VALUE: 'URI', DISPLAY: 'BADGE' }, occurrence.imageUrl);
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

/** Calendar properties, shared by the header calendar and the one that formats VEVENTs. */
function calendarData(snapshot: Snapshot, context: RenderContext): ICalCalendarData {
  return {
    name: context.title,
    description: context.description,
    prodId: { company: 'pco-feeds', product: 'pco-feeds', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: CALENDAR_REFRESH_INTERVAL_SECONDS,
    // name: null keeps DTSTAMP in UTC; TZIDs come from each event (see shared/toolchain.md).
    timezone: { name: null, generator: vtimezoneFor },
    x: { 'X-WR-TIMEZONE': snapshot.organization.timeZone },
  };
}

/**
 * Renders occurrences (a cut of `snapshot`) as a VCALENDAR body, CRLF line endings.
 *
 * ical-generator writes every property; the body is assembled from its calendar header (an
 * event-less calendar, so all calendar properties come first as RFC 5545 §3.4 requires), the
 * VTIMEZONE, and each VEVENT's own `toString()`, then folded once by {@link foldLines}
 * (see ics-lines for why not ical-generator's folding).
 *
 * @param occurrences the occurrences to publish, in the order to write them
 */
export function renderIcs(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const zone = snapshot.organization.timeZone;
  const vtimezone = vtimezoneFor(zone);
  const header = ical(calendarData(snapshot, context))
    .toString()
    .replace(/END:VCALENDAR$/, '');
  const formatter = ical(calendarData(snapshot, context));
  const style = snapshot.organization;
  const parts: string[] = [header];
  const tzids = occurrences.map((o) => (o.dates ? null : tzidOf(o, zone, vtimezone !== null)));
  if (vtimezone && tzids.some((tzid) => tzid !== null)) {
    parts.push(`${vtimezone.replace(/\r?\n/g, '\r\n').trim()}\r\n`);
  }
  occurrences.forEach((occurrence, i) => {
    const tzid = tzids[i] ?? null;
    const updated = at(occurrence.updated, 'utc');
    const common = {
      id: occurrenceUid(occurrence.id, context.host),
      sequence: sequenceOf(occurrence.updated),
      stamp: updated,
      created: at(occurrence.created, 'utc'),
      lastModified: updated,
      summary: occurrence.title,
      description: occurrence.descriptionHtml
        ? { plain: occurrenceText(occurrence, style), html: occurrence.descriptionHtml }
        : occurrenceText(occurrence, style),
      location: occurrence.location,
      url: occurrence.url ? icsUri(occurrence.url) : null,
      categories: occurrence.tags.map((t) => ({ name: t.name })),
      status: ICalEventStatus.CONFIRMED,
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
          end: at(occurrence.end, tzid ?? 'utc'),
          timezone: tzid,
        });
    parts.push(
      event.toString().replace(/END:VEVENT\r\n$/, `${extraLines(occurrence)}END:VEVENT\r\n`),
    );
  });
  parts.push('END:VCALENDAR\r\n');
  return foldLines(parts.join(''));
}
