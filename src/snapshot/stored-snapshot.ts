/**
 * The stored form of a snapshot (the KV body, before gzip): each event's shared data once, and
 * occurrences that refer to their event.
 *
 * A church's occurrences repeat their event's text: every Sunday of a series carries the same
 * title, summary, HTML description, image, tags, attachments and connections. Stored per
 * occurrence, that repetition was most of the body and most of the work of stringifying and
 * hashing it. Here the first occurrence of each event (in start order) gives the event's shared
 * values, and any other occurrence of it stores only the shared fields in which it differs (an
 * instance's own name, description, image or location). Loading builds the in-memory
 * {@link Snapshot} back, occurrences of one event sharing the same objects and strings, so no
 * renderer sees a difference.
 *
 * The `content` part (schema version, organization, tags, events, occurrences) is built in a
 * fixed key order, so its JSON is a canonical serialization of the published content: the
 * content version is the hash of exactly that text, and the body embeds the same text.
 */
import type { Occurrence } from '../model/occurrence';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/snapshot';
import { jsonEqual } from './json-equal';

/** Occurrence fields usually the same for every occurrence of an event. */
const SHARED_FIELDS = [
  'title',
  'location',
  'registrationUrl',
  'summary',
  'descriptionHtml',
  'imageUrl',
  'featured',
  'tags',
  'attachments',
  'connections',
] as const satisfies readonly (keyof Occurrence)[];

type SharedField = (typeof SHARED_FIELDS)[number];

/** An event's shared values: those of its first occurrence in start order. */
export type StoredEventData = Pick<Occurrence, SharedField>;

/** An occurrence as stored: its own fields, plus the shared fields in which it differs. */
export type StoredOccurrence = Omit<Occurrence, SharedField> & Partial<StoredEventData>;

/** The published content as stored and hashed (see the module doc). */
export interface StoredContent {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  organization: Snapshot['organization'];
  tags: Snapshot['tags'];
  /** Shared data by event id. */
  events: Record<string, StoredEventData>;
  /** In start order. */
  occurrences: StoredOccurrence[];
}

/** The stored snapshot: everything but the content, then the content. */
export interface StoredSnapshot extends Omit<Snapshot, 'organization' | 'tags' | 'occurrences'> {
  content: StoredContent;
}

/** The snapshot fields the content is built from. */
export type SnapshotContentData = Pick<Snapshot, 'organization' | 'occurrences' | 'tags'>;

/**
 * The canonical JSON of a snapshot's published content (organization, tags, occurrences with
 * shared event data once): the same text for the same content, whatever the build time.
 */
export function contentJson({ organization, tags, occurrences }: SnapshotContentData): string {
  const events: Record<string, StoredEventData> = {};
  const stored: StoredOccurrence[] = [];
  for (const o of occurrences) {
    let shared = events[o.eventId];
    if (!shared) {
      shared = {
        title: o.title,
        location: o.location,
        registrationUrl: o.registrationUrl,
        summary: o.summary,
        descriptionHtml: o.descriptionHtml,
        imageUrl: o.imageUrl,
        featured: o.featured,
        tags: o.tags,
        attachments: o.attachments,
        connections: o.connections,
      };
      events[o.eventId] = shared;
    }
    const own: StoredOccurrence = {
      id: o.id,
      eventId: o.eventId,
      allDay: o.allDay,
      dates: o.dates,
      start: o.start,
      end: o.end,
      times: o.times,
      url: o.url,
      created: o.created,
      updated: o.updated,
    };
    for (const field of SHARED_FIELDS) {
      if (!jsonEqual(o[field], shared[field])) (own as Record<string, unknown>)[field] = o[field];
    }
    stored.push(own);
  }
  const content: StoredContent = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    organization,
    tags,
    events,
    occurrences: stored,
  };
  return JSON.stringify(content);
}

/** Content JSON already built for a snapshot (by the refresh that hashed it), kept for its write. */
const builtContent = new WeakMap<Snapshot, string>();

/** Records `json` as the {@link contentJson} of `snapshot`, so writing it does not build it again. */
export function rememberContentJson(snapshot: Snapshot, json: string): void {
  builtContent.set(snapshot, json);
}

/**
 * The JSON text of a snapshot's stored form ({@link StoredSnapshot}), reusing the content JSON
 * its refresh built for the version when there is one.
 */
export function storedSnapshotJson(snapshot: Snapshot): string {
  const { organization, tags, occurrences, ...rest } = snapshot;
  let content = builtContent.get(snapshot);
  if (content === undefined) content = contentJson(snapshot);
  // `rest` is never empty: its JSON ends with `}`, replaced by the content member.
  return `${JSON.stringify(rest).slice(0, -1)},"content":${content}}`;
}

/**
 * The in-memory snapshot of a stored one: each occurrence whole again, in the key order
 * `buildOccurrence` gives, the occurrences of one event sharing its objects and strings.
 *
 * @throws {TypeError} when an occurrence names an event the body does not hold
 */
export function rehydrateSnapshot(stored: StoredSnapshot): Snapshot {
  const { content, ...rest } = stored;
  const occurrences = content.occurrences.map((o): Occurrence => {
    const shared = content.events[o.eventId];
    if (!shared) throw new TypeError(`stored occurrence ${o.id} names unknown event ${o.eventId}`);
    return {
      id: o.id,
      eventId: o.eventId,
      title: o.title ?? shared.title,
      allDay: o.allDay,
      dates: o.dates,
      start: o.start,
      end: o.end,
      times: o.times,
      location: o.location !== undefined ? o.location : shared.location,
      url: o.url,
      registrationUrl: o.registrationUrl !== undefined ? o.registrationUrl : shared.registrationUrl,
      summary: o.summary !== undefined ? o.summary : shared.summary,
      descriptionHtml: o.descriptionHtml !== undefined ? o.descriptionHtml : shared.descriptionHtml,
      imageUrl: o.imageUrl !== undefined ? o.imageUrl : shared.imageUrl,
      featured: o.featured ?? shared.featured,
      tags: o.tags ?? shared.tags,
      attachments: o.attachments ?? shared.attachments,
      connections: o.connections ?? shared.connections,
      created: o.created,
      updated: o.updated,
    };
  });
  return { ...rest, organization: content.organization, occurrences, tags: content.tags };
}
