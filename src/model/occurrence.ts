/**
 * Occurrences: the published happenings every output renders, one per published EventInstance.
 *
 * An occurrence is what the publication rule lets through, reduced to public data: its range
 * runs from the earliest visible EventTime's start to the latest visible EventTime's end
 * (hidden setup and teardown times never show and never move it), its title is the
 * instance's name or else the event's, and its text is converted and sanitized once here so
 * that every renderer publishes the same thing.
 */
import type {
  PcoAttachment,
  PcoEvent,
  PcoEventConnection,
  PcoEventInstance,
  PcoEventTime,
  PcoTag,
} from '../pco/read';
import { publicUrl } from './public-url';
import {
  DescriptionCache,
  type PublishedDescription,
  publishableText,
  publishedName,
} from './text';
import { allDaySpan, type LocalDateSpan } from './zoned-time';

/** One visible EventTime. */
export interface OccurrenceTime {
  /** UTC ISO instant. */
  start: string;
  /** UTC ISO instant. */
  end: string;
  /** PCO's name for the time (e.g. "9:00 Service"), if any. */
  name: string | null;
}

/** A tag on the occurrence's event. */
export interface OccurrenceTag {
  id: string;
  name: string;
  /** PCO's `Tag.color`, `#rrggbb` lower case; absent when PCO has none or not a hex colour. */
  color?: string;
}

/** A file attached to the occurrence's event. */
export interface OccurrenceAttachment {
  id: string;
  name: string;
  url: string;
  /** MIME type, e.g. `application/pdf`. */
  contentType: string | null;
  /** Bytes. */
  fileSize: number | null;
}

/** A link to a record in another PCO product (a signup, a group…). */
export interface OccurrenceConnection {
  id: string;
  name: string | null;
  /** `signup`, `group`, `event` or `service_type`. */
  type: string;
  /** `registrations`, `groups`, `check-ins` or `services`. */
  product: string;
  url: string | null;
  promoted: boolean;
}

/** One published happening. All instants are UTC ISO strings. */
export interface Occurrence {
  /** The EventInstance id. */
  id: string;
  eventId: string;
  title: string;
  allDay: boolean;
  /**
   * All-day occurrences: the local dates covered (exclusive end), computed in the zone PCO
   * stored the midnights in, so a TIME_ZONE override cannot shift them. Null when timed.
   */
  dates: LocalDateSpan | null;
  /** Earliest visible time's start. */
  start: string;
  /** Latest visible time's end. */
  end: string;
  /** Visible times in start order (at least one). */
  times: OccurrenceTime[];
  location: string | null;
  /** `church_center_url`. */
  url: string | null;
  registrationUrl: string | null;
  /** Plain-text summary: the event's `summary`, or its description converted to text. */
  summary: string | null;
  /** Sanitized HTML description, if PCO has one. */
  descriptionHtml: string | null;
  imageUrl: string | null;
  featured: boolean;
  tags: OccurrenceTag[];
  attachments: OccurrenceAttachment[];
  connections: OccurrenceConnection[];
  /** The instance's `created_at`. */
  created: string;
  /** The newest `updated_at` of the instance, its event and its attachments. */
  updated: string;
}

/** Everything needed to build one occurrence; `visibleTimes` comes from the publication rule. */
export interface OccurrenceData {
  instance: PcoEventInstance;
  event: PcoEvent;
  visibleTimes: PcoEventTime[];
  tags: ReadonlyMap<string, PcoTag>;
  /** The event's attachments (the same for every instance of the event). */
  attachments: readonly PcoAttachment[];
  /** The event's EventConnections (the same for every instance of the event). */
  connections: readonly PcoEventConnection[];
  /** The organization's zone as PCO reports it: all-day midnights are in this zone. */
  sourceTimeZone: string;
  /** [opt=a new one] the refresh's converter, so each distinct description converts once. */
  descriptions?: DescriptionCache;
  /**
   * [opt=a new one, over `descriptions`] the refresh's {@link SharedParts}, so each event's
   * data is built once; pass one per refresh (it then takes precedence over `descriptions`).
   */
  shared?: SharedParts;
}

/** What an occurrence takes from its event and the event's records alone. */
interface EventParts {
  title: string;
  registrationUrl: string | null;
  /** The event's `summary`, published; null when empty. */
  summary: string | null;
  /** The event's description in its published forms; null when it has none. */
  description: PublishedDescription | null;
  imageUrl: string | null;
  featured: boolean;
  attachments: OccurrenceAttachment[];
  connections: OccurrenceConnection[];
  /** The newest `updated_at` of the event and its attachments, normalized. */
  updated: string;
}

/**
 * The parts of occurrences that one refresh builds once and shares: each event's data (title,
 * summary, description, image, registration URL, attachments, connections), converted once
 * however many instances the event has, and the same objects and strings on every occurrence
 * of it; and tag lists by their tag ids. Keyed by event id: create one per refresh, whose
 * attachments and connections are the same for every instance of an event.
 */
export class SharedParts {
  /** The refresh's description converter. */
  readonly descriptions: DescriptionCache;
  readonly #events = new Map<string, EventParts>();
  readonly #tags = new Map<string, OccurrenceTag[]>();

  /** @param descriptions [opt=a new one] the refresh's converter */
  constructor(descriptions: DescriptionCache = new DescriptionCache()) {
    this.descriptions = descriptions;
  }

  /** The event parts of `data.event`, built on first use. */
  event(data: OccurrenceData): EventParts {
    const { event } = data;
    let parts = this.#events.get(event.id);
    if (!parts) {
      parts = buildEventParts(data, this.descriptions);
      this.#events.set(event.id, parts);
    }
    return parts;
  }

  /** The published tags of `tagIds` (unknown ids dropped), built on first use. */
  tags(tagIds: readonly string[], tags: ReadonlyMap<string, PcoTag>): OccurrenceTag[] {
    const key = tagIds.join(',');
    let published = this.#tags.get(key);
    if (!published) {
      published = tagIds
        .map((id) => tags.get(id))
        .filter((tag): tag is PcoTag => tag !== undefined)
        .map((tag) => ({
          id: tag.id,
          name: publishedName(tag.attributes.name),
          ...tagColor(tag.attributes.color),
        }));
      this.#tags.set(key, published);
    }
    return published;
  }
}

/** PCO text as published ({@link publishableText}), trimmed; null when empty. */
const nonEmpty = (value: string | null | undefined): string | null => {
  const trimmed = value == null ? '' : publishableText(value).trim();
  return trimmed ? trimmed : null;
};

/** The later of two normalized instants (one format, UTC: they order as strings do). */
const laterInstant = (a: string, b: string): string => (a > b ? a : b);

const maxInstant = (values: readonly string[]): string =>
  values.reduce((max, value) => (Date.parse(value) > Date.parse(max) ? value : max));

function buildEventParts(data: OccurrenceData, descriptions: DescriptionCache): EventParts {
  const { attributes } = data.event;
  const rawDescription = nonEmpty(attributes.description);
  const attachments = [...data.attachments].sort(
    (a, b) => a.attributes.name.localeCompare(b.attributes.name) || a.id.localeCompare(b.id),
  );
  return {
    title: publishedName(attributes.name),
    registrationUrl: publicUrl(attributes.registration_url),
    summary: nonEmpty(attributes.summary),
    // One pass gives both forms, with the same allow-list: a `javascript:` link or a script
    // body survives in neither.
    description: rawDescription ? descriptions.convert(rawDescription) : null,
    imageUrl: publicUrl(attributes.image_url),
    featured: attributes.featured === true,
    attachments: attachments.flatMap((a) => {
      const url = publicUrl(a.attributes.url);
      return url
        ? [
            {
              id: a.id,
              name: publishedName(a.attributes.name),
              url,
              contentType: nonEmpty(a.attributes.content_type),
              fileSize: a.attributes.file_size ?? null,
            },
          ]
        : [];
    }),
    connections: data.connections
      .filter(isPublicConnection)
      .sort(
        (a, b) =>
          Number(b.attributes.promoted === true) - Number(a.attributes.promoted === true) ||
          a.id.localeCompare(b.id),
      )
      .map((c) => ({
        id: c.id,
        name: nonEmpty(c.attributes.connected_to_name),
        type: c.attributes.connected_to_type,
        product: c.attributes.product_name,
        url: publicUrl(c.attributes.connected_to_url),
        promoted: c.attributes.promoted === true,
      })),
    updated: normalizeInstant(
      maxInstant([attributes.updated_at, ...data.attachments.map((a) => a.attributes.updated_at)]),
    ),
  };
}

/**
 * Builds the occurrence of a published instance.
 *
 * @param data the instance, its event, its visible times (non-empty) and related records
 */
export function buildOccurrence(data: OccurrenceData): Occurrence {
  const { instance, visibleTimes } = data;
  const shared = data.shared ?? new SharedParts(data.descriptions);
  const event = shared.event(data);
  const times = visibleTimes.map((t) => ({
    start: normalizeInstant(t.attributes.starts_at),
    end: normalizeInstant(t.attributes.ends_at),
    name: nonEmpty(t.attributes.name),
  }));
  // Normalized instants (one format, UTC) order as strings do.
  let start = times[0]?.start ?? '';
  let end = times[0]?.end ?? '';
  for (const t of times) {
    if (t.start < start) start = t.start;
    if (t.end > end) end = t.end;
  }
  const ownDescription = nonEmpty(instance.attributes.description);
  const description = ownDescription
    ? shared.descriptions.convert(ownDescription)
    : event.description;
  const { attributes } = instance;
  return {
    id: instance.id,
    eventId: data.event.id,
    title: nonEmpty(attributes.name) ?? event.title,
    allDay: attributes.all_day_event,
    dates: attributes.all_day_event ? allDaySpan(start, end, data.sourceTimeZone) : null,
    start,
    end,
    times,
    location: nonEmpty(attributes.location),
    url: publicUrl(attributes.church_center_url),
    registrationUrl: event.registrationUrl,
    summary: event.summary ?? description?.text ?? null,
    descriptionHtml: description?.html ?? null,
    imageUrl: publicUrl(attributes.image_url) ?? event.imageUrl,
    featured: event.featured,
    tags: shared.tags(instance.tagIds, data.tags),
    attachments: event.attachments,
    connections: event.connections,
    created: normalizeInstant(attributes.created_at),
    updated: laterInstant(normalizeInstant(attributes.updated_at), event.updated),
  };
}

/** `{ color: '#rrggbb' }` for PCO's `#rrggbb` or `#rgb` (any case), else `{}`. */
function tagColor(color: string | null | undefined): Pick<OccurrenceTag, 'color'> {
  const match = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color?.trim() ?? '');
  if (!match?.[1]) return {};
  const hex = match[1].toLowerCase();
  return { color: `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}` };
}

/**
 * Whether a connection is shown publicly, as Church Center shows them: signups
 * (`registrations`) always, groups only when `promoted` (which "only applies to Groups
 * connections"); check-ins and services connections point at staff tools and are not.
 *
 * @see the EventConnection reference page (linked from docs/planning-center.md)
 */
export function isPublicConnection(connection: PcoEventConnection): boolean {
  const { product_name: product, promoted } = connection.attributes;
  return product === 'registrations' || (product === 'groups' && promoted === true);
}

/**
 * An ISO instant with any offset, rewritten as `YYYY-MM-DDTHH:mm:ssZ` (UTC, no milliseconds).
 *
 * @throws {RangeError} when `iso` is not a valid date
 */
export function normalizeInstant(iso: string): string {
  // Already normal (what PCO sends): no Date round trip (it showed in the refresh profile).
  if (NORMAL_INSTANT.test(iso)) return iso;
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `YYYY-MM-DDTHH:MM:SSZ` (impossible dates such as Feb 30 never get here: the wire check rejects them). */
const NORMAL_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** Start order: by start, then end, then id (stable for equal times). */
export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return (
    a.start.localeCompare(b.start) ||
    a.end.localeCompare(b.end) ||
    a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}
