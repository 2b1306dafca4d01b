/**
 * schema.org structured data as JSON-LD: an `Event` per occurrence (the event page, and the
 * host page of an embed with `data-seo="true"`), and an `ItemList` of event pages (`/`).
 *
 * Written for Google's event rich results: `startDate`/`endDate` are ISO 8601 local times
 * with the church's UTC offset (dates alone for all-day occurrences), and `eventStatus` and
 * `eventAttendanceMode` are the schema.org enumeration URLs. Google requires `location`, so
 * every Event has one (see {@link eventLocation}). Only published data goes in: the
 * occurrence's public fields, plain-text summary and public URLs.
 *
 * @see https://developers.google.com/search/docs/appearance/structured-data/event
 * @see https://schema.org/Event
 */
import { DateTime } from 'luxon';
import type { Occurrence } from '../model/occurrence';
import { publicUrl } from '../model/public-url';
import { zoned } from '../model/zoned-time';

/** A JSON-LD node: plain JSON values. */
export type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | boolean | null | JsonLd | JsonLdValue[];

/** Who publishes the calendar, for `organizer`. */
export interface Organizer {
  /** The organization's name in Planning Center. */
  name: string;
  /** Absolute URL of the calendar's subscribe page. */
  url: string;
}

/** `2026-11-22T09:00:00-06:00`: a UTC instant as local time with the zone's offset there. */
export function localIsoWithOffset(utc: string, zone: string): string {
  return zoned(utc, zone).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}

/** `startDate`/`endDate`: local times with offsets, or the first and last dates of an all-day span. */
function dates(o: Occurrence, zone: string): { startDate: string; endDate: string } {
  if (o.allDay && o.dates) {
    const last = DateTime.fromISO(o.dates.endExclusive, { zone: 'utc' }).minus({ days: 1 });
    return { startDate: o.dates.start, endDate: last.toISODate() ?? o.dates.start };
  }
  return { startDate: localIsoWithOffset(o.start, zone), endDate: localIsoWithOffset(o.end, zone) };
}

const OFFLINE = 'https://schema.org/OfflineEventAttendanceMode';
const ONLINE = 'https://schema.org/OnlineEventAttendanceMode';

/**
 * Where an occurrence happens, as Google's event rich results require it (`location` is a
 * required property: a `Place` with an `address` for an event at a venue, a `VirtualLocation`
 * with a `url` for an online one, with `eventAttendanceMode` to match):
 * - location text that is one http(s) URL alone (a stream or meeting link): online, a
 *   `VirtualLocation` with that `url`;
 * - other location text: a `Place` whose `name` and `address` are the text;
 * - no location: the church itself, a `Place` named after the organization (Planning Center's
 *   Organization has no address, so the snapshot has none to add; Google may then ask for an
 *   address, but the Event still names where a church's own events happen).
 *
 * @see https://developers.google.com/search/docs/appearance/structured-data/event#structured-data-type-definitions
 * @see https://schema.org/VirtualLocation
 */
export function eventLocation(
  location: string | null,
  organizer: Organizer,
): { location: JsonLd; eventAttendanceMode: string } {
  const text = location?.trim() ?? '';
  const link = publicUrl(text);
  if (link)
    return { location: { '@type': 'VirtualLocation', url: link }, eventAttendanceMode: ONLINE };
  return {
    location: {
      '@type': 'Place',
      name: text || organizer.name,
      ...(text ? { address: text } : {}),
    },
    eventAttendanceMode: OFFLINE,
  };
}

/**
 * The schema.org `Event` of an occurrence.
 *
 * @param url absolute URL of the occurrence's event page
 * @param zone IANA zone of the church (the offsets written)
 * @example
 * eventJsonLd(worship, 'https://feeds.example.org/occurrences/1001', 'America/Chicago', grace)
 * // { '@context': 'https://schema.org', '@type': 'Event', name: 'Sunday Worship',
 * //   startDate: '2026-11-22T09:00:00-06:00', endDate: '2026-11-22T12:15:00-06:00', … }
 */
export function eventJsonLd(
  o: Occurrence,
  url: string,
  zone: string,
  organizer: Organizer,
): JsonLd {
  const image = publicUrl(o.imageUrl);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: o.title,
    ...dates(o, zone),
    eventStatus: 'https://schema.org/EventScheduled',
    ...eventLocation(o.location, organizer),
    ...(image ? { image: [image] } : {}),
    ...(o.summary ? { description: o.summary } : {}),
    url,
    organizer: { '@type': 'Organization', name: organizer.name, url: organizer.url },
  };
}

/**
 * A schema.org `ItemList` of pages (Google's "summary page" form: `ListItem`s with a
 * `position` from 1 and a `url` each).
 *
 * @see https://developers.google.com/search/docs/appearance/structured-data/carousel
 */
export function itemListJsonLd(urls: readonly string[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: urls.map((url, i) => ({ '@type': 'ListItem', position: i + 1, url })),
  };
}

const UNSAFE_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text that is safe inside an HTML `<script type="application/ld+json">`: `<`, `>` and
 * `&` become JSON `\u` escapes (the same value to a JSON parser), so no title or description
 * can close the element with `</script` or open a comment with `<!--`.
 *
 * @example jsonLdText({ name: '</script>' }) // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonLdText(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c] ?? c);
}

/** A `<script type="application/ld+json">` element for a hono/jsx page. */
export const JsonLdScript = ({ data }: { data: JsonLd | JsonLd[] }) => (
  <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />
);
