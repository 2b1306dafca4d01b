/**
 * The Planning Center reads pco-feeds makes, each returning typed, checked records.
 *
 * Cost of a full read: 1 (Organization) + ⌈N/100⌉ (instances with their event, event times
 * and tags included) + ⌈G/100⌉ (tag groups with their tags) + ⌈A/100⌉ (attachments, only when
 * they are published), plus one listing of EventConnections per published event whose cached
 * connections are stale (PCO lists them only per event).
 *
 * Each list is decoded record by record: a record that cannot be decoded is returned apart
 * (with what could be read of it, for the publication rule to prove it private) instead of
 * failing the read. Only a malformed document (not JSON:API, a page that fails) throws.
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07/vertices/event_instance
 * @see docs/planning-center.md "Includes", "Sparse fields", "Query"
 */
import type { PcoClient } from './client';
import { type DecodeResult, decodeRecord, indexIncluded, relatedId, relatedIds } from './decode';
import { PcoSchemaError } from './errors';
import { readAll, readOne } from './paginate';
import {
  type AttachmentAttributes,
  type EventAttributes,
  type EventConnectionAttributes,
  type EventInstanceAttributes,
  type EventTimeAttributes,
  PCO_FIELDS,
  type PcoTypeName,
  RESOURCES,
  type Resource,
  type TagAttributes,
} from './wire';

/** The Organization: name, IANA zone and display preferences. */
export interface PcoOrganization {
  id: string;
  /** As PCO sends it; `''` when it sends none. */
  name: string;
  /** IANA zone as PCO reports it, e.g. `America/Chicago`. */
  timeZone: string;
  twentyFourHourTime: boolean;
  /** `calendar_starts_on`: the week's first day; absent when PCO sends neither known value. */
  calendarStartsOn?: 'Sunday' | 'Monday';
}

/** An Event as read with the instances. `dropped` names malformed optional attributes. */
export interface PcoEvent {
  id: string;
  attributes: EventAttributes;
  dropped?: string[];
}

/** An EventTime of one instance. */
export interface PcoEventTime {
  id: string;
  attributes: EventTimeAttributes;
}

/** A Tag, as included with its EventInstances; whether its group is shown comes from {@link TagGroupsRead}. */
export interface PcoTag {
  id: string;
  attributes: TagAttributes;
}

/** An EventInstance with its event id, its event times and its tag ids resolved. */
export interface PcoEventInstance {
  id: string;
  eventId: string;
  attributes: EventInstanceAttributes;
  /** The event times that decoded. */
  times: PcoEventTime[];
  tagIds: string[];
  /** Malformed optional attributes, dropped to null. */
  dropped?: string[];
  /** Event times that could not be decoded although marked `visible_on_widget_and_ical`. */
  unreadableVisibleTimes?: number;
  /** Event times that could not be decoded and are not proven visible (ignored). */
  skippedTimes?: number;
}

/** An Attachment and the event it belongs to. */
export interface PcoAttachment {
  id: string;
  eventId: string;
  attributes: AttachmentAttributes;
}

/** An EventConnection and the event it belongs to. */
export interface PcoEventConnection {
  id: string;
  eventId: string;
  attributes: EventConnectionAttributes;
}

/** A record that could not be decoded: what could be read of it, and why not the rest. */
export interface UndecodableRecord<T = Record<string, unknown>> {
  type: PcoTypeName;
  id: string;
  /** The event it belongs to, when its linkage could be read. */
  eventId?: string | undefined;
  partial: Partial<T>;
  /** E.g. `kind: null`, `no event relationship`. Never an attribute's value. */
  problems: string[];
}

/** Instances in a window with the events and tags they refer to. */
export interface InstancesRead {
  instances: PcoEventInstance[];
  events: Map<string, PcoEvent>;
  tags: Map<string, PcoTag>;
  /** Instances that could not be decoded (their `partial` decides whether they were private). */
  undecodableInstances: UndecodableRecord<EventInstanceAttributes>[];
  /** Events that could not be decoded, by id. */
  undecodableEvents: Map<string, UndecodableRecord<EventAttributes>>;
  /** Other records skipped: event times and tags that could not be decoded. */
  skipped: UndecodableRecord[];
}

/** Every attachment that decoded, and those that did not. */
export interface AttachmentsRead {
  attachments: PcoAttachment[];
  skipped: UndecodableRecord<AttachmentAttributes>[];
}

/**
 * Tag groups: for each tag id, whether its group is shown on Church Center (null: unknown); and
 * under {@link UNLINKED_TAGS}, a group not shown whose tags are unknown.
 */
export type TagGroupsRead = Map<string, { groupId: string; shown: boolean | null }>;

/**
 * The {@link TagGroupsRead} key of a tag group that is not shown on Church Center and came
 * without its `tags` linkage (a relationship dropped): any tag not linked to another group may
 * be one of its tags. Never a PCO id.
 */
export const UNLINKED_TAGS = '*';

const fields = (type: PcoTypeName) => PCO_FIELDS[type].join(',');

/** `calendar_starts_on` when it is one of PCO's two values (`Sunday`, `Monday`), else nothing. */
const weekStart = (value: string | null | undefined): Pick<PcoOrganization, 'calendarStartsOn'> =>
  value === 'Sunday' || value === 'Monday' ? { calendarStartsOn: value } : {};

/**
 * `GET /calendar/v2`: the Organization.
 *
 * @throws {PcoError} transport failure, or a malformed answer (no zone); a missing or null
 *   name reads as `''`
 */
export async function readOrganization(client: PcoClient): Promise<PcoOrganization> {
  const resource = await readOne(client, '/calendar/v2', {
    'fields[Organization]': fields('Organization'),
  });
  const decoded = decodeRecord(resource, RESOURCES.Organization);
  if (!decoded.ok) {
    throw new PcoSchemaError(`Organization ${resource.id}: ${decoded.problems.join('; ')}`);
  }
  return {
    id: resource.id,
    name: decoded.attributes.name ?? '',
    timeZone: decoded.attributes.time_zone,
    twentyFourHourTime: decoded.attributes.twenty_four_hour_time ?? false,
    ...weekStart(decoded.attributes.calendar_starts_on),
  };
}

/**
 * `GET /calendar/v2/event_instances` for every instance overlapping `[from, to]`, with its
 * event, event times and tags included, in start order. No filter narrows the query to public
 * records: the publication rule is applied locally to every record (model/publication-rule).
 *
 * @param fromUtc window start, UTC instant (instances ending before it are skipped)
 * @param toUtc window end, UTC instant (instances starting after it are skipped)
 * @throws {PcoError} transport failure or a malformed page
 */
export async function readInstances(
  client: PcoClient,
  fromUtc: string,
  toUtc: string,
): Promise<InstancesRead> {
  const { data, included } = await readAll(client, '/calendar/v2/event_instances', {
    include: 'event,event_times,tags',
    order: 'starts_at',
    'where[ends_at][gte]': fromUtc,
    'where[starts_at][lte]': toUtc,
    'fields[EventInstance]': fields('EventInstance'),
    'fields[Event]': fields('Event'),
    'fields[EventTime]': fields('EventTime'),
    'fields[Tag]': fields('Tag'),
  });
  const index = indexIncluded(included);
  const read: InstancesRead = {
    instances: [],
    events: new Map(),
    tags: new Map(),
    undecodableInstances: [],
    undecodableEvents: new Map(),
    skipped: [],
  };
  const instances = new Map<string, PcoEventInstance>();
  const undecodable = new Map<string, UndecodableRecord<EventInstanceAttributes>>();
  for (const resource of data) {
    const eventId = relatedId(resource, 'event', 'Event');
    const decoded = decodeRecord(resource, RESOURCES.EventInstance);
    const problems = decoded.ok ? [] : [...decoded.problems];
    const event = eventId === undefined ? undefined : index.get(`Event:${eventId}`);
    if (eventId === undefined) problems.push('no event relationship');
    else if (!event) problems.push(`Event ${eventId} not included`);
    else decodeEvent(event, read);
    const timeRefs = relatedIds(resource, 'event_times');
    const tagRefs = relatedIds(resource, 'tags');
    if (!timeRefs) problems.push('no event_times relationship');
    const times: PcoEventTime[] = [];
    let unreadableVisibleTimes = 0;
    let skippedTimes = 0;
    for (const ref of timeRefs ?? []) {
      const time = index.get(`${ref.type}:${ref.id}`);
      const result = time ? decodeTime(time) : undefined;
      if (result?.ok) {
        times.push({ id: ref.id, attributes: result.attributes });
        continue;
      }
      const partial = result && !result.ok ? result.partial : {};
      // Only a time proven visible can make the instance's published times unreadable.
      if (partial.visible_on_widget_and_ical === true) unreadableVisibleTimes += 1;
      else skippedTimes += 1;
      read.skipped.push({
        type: 'EventTime',
        id: ref.id,
        eventId,
        partial,
        problems: result && !result.ok ? result.problems : ['not included'],
      });
    }
    const tagIds = (tagRefs ?? []).flatMap((ref) =>
      decodeTag(ref.id, index, read) ? [ref.id] : [],
    );
    // Offset paging can repeat a record when data shifts between pages; keep its later copy,
    // as read last, whichever map the earlier one went to. (It can also skip one; the next
    // refresh, ten minutes later, reads it again.)
    instances.delete(resource.id);
    undecodable.delete(resource.id);
    if (decoded.ok && problems.length === 0 && eventId !== undefined) {
      instances.set(resource.id, {
        id: resource.id,
        eventId,
        attributes: decoded.attributes,
        times,
        tagIds,
        dropped: decoded.dropped,
        unreadableVisibleTimes,
        skippedTimes,
      });
    } else {
      undecodable.set(resource.id, {
        type: 'EventInstance',
        id: resource.id,
        eventId,
        partial: decoded.ok ? decoded.attributes : decoded.partial,
        problems,
      });
    }
  }
  read.instances = [...instances.values()];
  read.undecodableInstances = [...undecodable.values()];
  return read;
}

/**
 * Decodes an EventTime. One that ends before it starts names no range (and a calendar's DTEND
 * must be after its DTSTART, RFC 5545 §3.8.2.2): it is not decoded, so a visible one makes its
 * instance's times unreadable rather than published back to front.
 */
function decodeTime(resource: Resource): DecodeResult<EventTimeAttributes> {
  const decoded = decodeRecord(resource, RESOURCES.EventTime);
  if (!decoded.ok) return decoded;
  const { starts_at: start, ends_at: end } = decoded.attributes;
  if (Date.parse(end) >= Date.parse(start)) return decoded;
  return { ok: false, partial: decoded.attributes, problems: ['ends_at before starts_at'] };
}

/** Decodes an included Event once, into `read.events` or `read.undecodableEvents`. */
function decodeEvent(resource: Resource, read: InstancesRead): void {
  if (read.events.has(resource.id) || read.undecodableEvents.has(resource.id)) return;
  const decoded = decodeRecord(resource, RESOURCES.Event);
  if (decoded.ok) {
    read.events.set(resource.id, {
      id: resource.id,
      attributes: decoded.attributes,
      dropped: decoded.dropped,
    });
  } else {
    read.undecodableEvents.set(resource.id, {
      type: 'Event',
      id: resource.id,
      partial: decoded.partial,
      problems: decoded.problems,
    });
  }
}

/** Decodes an included Tag once; false when it is missing or cannot be decoded. */
function decodeTag(
  id: string,
  index: ReturnType<typeof indexIncluded>,
  read: InstancesRead,
): boolean {
  if (read.tags.has(id)) return true;
  if (read.skipped.some((r) => r.type === 'Tag' && r.id === id)) return false;
  const resource = index.get(`Tag:${id}`);
  const decoded = resource ? decodeRecord(resource, RESOURCES.Tag) : undefined;
  if (decoded?.ok) {
    read.tags.set(id, { id, attributes: decoded.attributes });
    return true;
  }
  read.skipped.push({
    type: 'Tag',
    id,
    partial: decoded && !decoded.ok ? decoded.partial : {},
    problems: decoded && !decoded.ok ? decoded.problems : ['not included'],
  });
  return false;
}

/**
 * `GET /calendar/v2/tag_groups?include=tags`: which tags belong to a group that Church
 * Center shows (`church_center_category`).
 *
 * @throws {PcoError} transport failure or a malformed page
 */
export async function readTagGroups(client: PcoClient): Promise<TagGroupsRead> {
  const { data } = await readAll(client, '/calendar/v2/tag_groups', {
    include: 'tags',
    'fields[TagGroup]': fields('TagGroup'),
    'fields[Tag]': 'name',
  });
  const groups: TagGroupsRead = new Map();
  for (const resource of data) {
    const decoded = decodeRecord(resource, RESOURCES.TagGroup);
    const shown = decoded.ok ? (decoded.attributes.church_center_category ?? null) : null;
    const refs = relatedIds(resource, 'tags');
    if (!refs && shown !== true) groups.set(UNLINKED_TAGS, { groupId: resource.id, shown });
    for (const ref of refs ?? []) {
      groups.set(ref.id, { groupId: resource.id, shown });
    }
  }
  return groups;
}

/**
 * `GET /calendar/v2/attachments`: every attachment of the organization (PCO offers no
 * server-side filter by event visibility, so the caller keeps those of published events).
 *
 * @throws {PcoError} transport failure or malformed page
 */
export async function readAttachments(client: PcoClient): Promise<AttachmentsRead> {
  const { data } = await readAll(client, '/calendar/v2/attachments', {
    order: 'name',
    'fields[Attachment]': fields('Attachment'),
  });
  const read: AttachmentsRead = { attachments: [], skipped: [] };
  for (const resource of data) {
    const eventId = relatedId(resource, 'event', 'Event');
    const decoded = decodeRecord(resource, RESOURCES.Attachment);
    if (decoded.ok && eventId !== undefined) {
      read.attachments.push({ id: resource.id, eventId, attributes: decoded.attributes });
    } else {
      read.skipped.push({
        type: 'Attachment',
        id: resource.id,
        eventId,
        partial: decoded.ok ? decoded.attributes : decoded.partial,
        problems: [
          ...(decoded.ok ? [] : decoded.problems),
          ...(eventId === undefined ? ['no event relationship'] : []),
        ],
      });
    }
  }
  return read;
}

/**
 * `GET /calendar/v2/events/{id}/event_connections`: one event's connections (`promoted` is
 * requested explicitly; it is a sparse-only attribute). A connection that cannot be decoded
 * cannot be proven public and is left out.
 *
 * @throws {PcoError} transport failure or malformed page
 */
export async function readConnections(
  client: PcoClient,
  eventId: string,
): Promise<PcoEventConnection[]> {
  const { data } = await readAll(
    client,
    `/calendar/v2/events/${encodeURIComponent(eventId)}/event_connections`,
    {
      'fields[EventConnection]': fields('EventConnection'),
    },
  );
  return data.flatMap((resource) => {
    const decoded = decodeRecord(resource, RESOURCES.EventConnection);
    return decoded.ok
      ? [
          {
            id: resource.id,
            eventId: relatedId(resource, 'event', 'Event') ?? eventId,
            attributes: decoded.attributes,
          },
        ]
      : [];
  });
}
