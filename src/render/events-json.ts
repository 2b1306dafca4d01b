/**
 * Snapshot → `/events.json`: published occurrences as plain JSON for widgets and
 * integrations. The schema is documented in docs/events-json.md and
 * docs/events-json.schema.json; field names follow PCO's snake_case.
 */
import type { Occurrence, OccurrenceTag } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { zoned } from '../model/zoned-time';
import type { RenderContext } from './render-context';

/** Schema version of `/events.json`; bump on any incompatible change. */
export const EVENTS_JSON_VERSION = 1;

/** A tag as `/events.json` documents it: `id` and `name` (the widget's colour stays internal). */
const publicTag = (tag: OccurrenceTag) => ({ id: tag.id, name: tag.name });

/** A UTC instant as local ISO time with offset. @throws {RangeError} if luxon cannot format it */
function localIso(utc: string, zone: string): string {
  const local = zoned(utc, zone).toISO({ suppressMilliseconds: true });
  if (!local) throw new RangeError(`cannot express ${utc} in ${zone}`);
  return local;
}

/** One occurrence in `/events.json` form. */
export function occurrenceJson(occurrence: Occurrence, zone: string) {
  const span = occurrence.dates;
  return {
    id: occurrence.id,
    event_id: occurrence.eventId,
    title: occurrence.title,
    starts_at: occurrence.start,
    ends_at: occurrence.end,
    local_starts_at: localIso(occurrence.start, zone),
    local_ends_at: localIso(occurrence.end, zone),
    all_day: occurrence.allDay,
    start_date: span?.start ?? null,
    end_date_exclusive: span?.endExclusive ?? null,
    times: occurrence.times.map((t) => ({
      name: t.name,
      starts_at: t.start,
      ends_at: t.end,
      local_starts_at: localIso(t.start, zone),
      local_ends_at: localIso(t.end, zone),
    })),
    location: occurrence.location,
    url: occurrence.url,
    registration_url: occurrence.registrationUrl,
    image_url: occurrence.imageUrl,
    featured: occurrence.featured,
    summary: occurrence.summary,
    description_html: occurrence.descriptionHtml,
    tags: occurrence.tags.map(publicTag),
    attachments: occurrence.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      url: a.url,
      content_type: a.contentType,
      file_size: a.fileSize,
    })),
    connections: occurrence.connections.map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      product: c.product,
      url: c.url,
      promoted: c.promoted,
    })),
    created_at: occurrence.created,
    updated_at: occurrence.updated,
  };
}

/**
 * Renders `/events.json`.
 *
 * @example
 * // {"version":1,"title":"Grace Community Church","time_zone":"America/Chicago",…,"occurrences":[…]}
 */
export function renderEventsJson(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const zone = snapshot.organization.timeZone;
  return JSON.stringify({
    version: EVENTS_JSON_VERSION,
    title: context.title,
    organization: snapshot.organization.name,
    time_zone: zone,
    twenty_four_hour_time: snapshot.organization.twentyFourHourTime,
    home_page_url: `${context.baseUrl}/`,
    updated_at: snapshot.lastModified,
    tags: snapshot.tags.map(publicTag),
    occurrences: occurrences.map((o) => occurrenceJson(o, zone)),
  });
}
