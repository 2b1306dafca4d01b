/**
 * The Planning Center reads pco-feeds makes, each returning typed, checked records.
 *
 * Cost of a full read: 1 (Organization) + ⌈N/100⌉ (instances with their event, event times
 * and tags included) + ⌈A/100⌉ (attachments), plus one listing of EventConnections per
 * published event whose cached connections are stale (PCO lists them only per event).
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07/vertices/event_instance
 * @see shared/pco-api.md "Includes", "Sparse fields", "Query"
 */
import type { PcoClient } from './client';
import { attributesOf, indexIncluded, relatedId, relatedIds, resolveOne } from './decode';
import { readAll, readOne } from './paginate';
import {
  type AttachmentAttributes,
  AttachmentAttributesSchema,
  type EventAttributes,
  EventAttributesSchema,
  type EventConnectionAttributes,
  EventConnectionAttributesSchema,
  type EventInstanceAttributes,
  EventInstanceAttributesSchema,
  type EventTimeAttributes,
  EventTimeAttributesSchema,
  OrganizationAttributesSchema,
  PCO_FIELDS,
  type TagAttributes,
  TagAttributesSchema,
} from './wire';

/** The Organization: name, IANA zone and display preferences. */
export interface PcoOrganization {
  id: string;
  name: string;
  /** IANA zone as PCO reports it, e.g. `America/Chicago`. */
  timeZone: string;
  twentyFourHourTime: boolean;
}

/** An Event as read with the instances. */
export interface PcoEvent {
  id: string;
  attributes: EventAttributes;
}

/** An EventTime of one instance. */
export interface PcoEventTime {
  id: string;
  attributes: EventTimeAttributes;
}

/** A Tag. */
export interface PcoTag {
  id: string;
  attributes: TagAttributes;
}

/** An EventInstance with its event id, its event times and its tag ids resolved. */
export interface PcoEventInstance {
  id: string;
  eventId: string;
  attributes: EventInstanceAttributes;
  times: PcoEventTime[];
  tagIds: string[];
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

/** Instances in a window with the events and tags they refer to. */
export interface InstancesRead {
  instances: PcoEventInstance[];
  events: Map<string, PcoEvent>;
  tags: Map<string, PcoTag>;
}

const fields = (type: keyof typeof PCO_FIELDS) => PCO_FIELDS[type].join(',');

/**
 * `GET /calendar/v2`: the Organization.
 *
 * @throws {PcoError} transport failure or malformed answer
 */
export async function readOrganization(client: PcoClient): Promise<PcoOrganization> {
  const resource = await readOne(client, '/calendar/v2', {
    'fields[Organization]': fields('Organization'),
  });
  const attributes = attributesOf(resource, 'Organization', OrganizationAttributesSchema);
  return {
    id: resource.id,
    name: attributes.name,
    timeZone: attributes.time_zone,
    twentyFourHourTime: attributes.twenty_four_hour_time ?? false,
  };
}

/**
 * `GET /calendar/v2/event_instances` for every instance overlapping `[from, to]`, with its
 * event, event times and tags included, in start order. No filter narrows the query to public
 * records: the publication rule is applied locally to every record (model/publication-rule).
 *
 * @param fromUtc window start, UTC instant (instances ending before it are skipped)
 * @param toUtc window end, UTC instant (instances starting after it are skipped)
 * @throws {PcoError} transport failure, malformed page, or a linkage missing from `included`
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
  const events = new Map<string, PcoEvent>();
  const tags = new Map<string, PcoTag>();
  const instances = new Map<string, PcoEventInstance>();
  for (const resource of data) {
    const eventRef = { type: 'Event', id: relatedId(resource, 'event', 'Event') };
    if (!events.has(eventRef.id)) {
      const event = resolveOne(index, resource, eventRef);
      events.set(event.id, {
        id: event.id,
        attributes: attributesOf(event, 'Event', EventAttributesSchema),
      });
    }
    const times = relatedIds(resource, 'event_times').map((ref) => {
      const time = resolveOne(index, resource, ref);
      return {
        id: time.id,
        attributes: attributesOf(time, 'EventTime', EventTimeAttributesSchema),
      };
    });
    const tagIds = relatedIds(resource, 'tags').map((ref) => {
      const tag = resolveOne(index, resource, ref);
      if (!tags.has(tag.id))
        tags.set(tag.id, { id: tag.id, attributes: attributesOf(tag, 'Tag', TagAttributesSchema) });
      return tag.id;
    });
    // Offset paging can repeat a record when data shifts between pages; keep one. (It can also
    // skip one; the next refresh, ten minutes later, reads it again.)
    instances.set(resource.id, {
      id: resource.id,
      eventId: eventRef.id,
      attributes: attributesOf(resource, 'EventInstance', EventInstanceAttributesSchema),
      times,
      tagIds,
    });
  }
  return { instances: [...instances.values()], events, tags };
}

/**
 * `GET /calendar/v2/attachments`: every attachment of the organization (PCO offers no
 * server-side filter by event visibility, so the caller keeps those of published events).
 *
 * @throws {PcoError} transport failure or malformed page
 */
export async function readAttachments(client: PcoClient): Promise<PcoAttachment[]> {
  const { data } = await readAll(client, '/calendar/v2/attachments', {
    order: 'name',
    'fields[Attachment]': fields('Attachment'),
  });
  return data.map((resource) => ({
    id: resource.id,
    eventId: relatedId(resource, 'event', 'Event'),
    attributes: attributesOf(resource, 'Attachment', AttachmentAttributesSchema),
  }));
}

/**
 * `GET /calendar/v2/events/{id}/event_connections`: one event's connections (`promoted` is
 * requested explicitly; it is a sparse-only attribute).
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
  return data.map((resource) => ({
    id: resource.id,
    eventId: relatedId(resource, 'event', 'Event'),
    attributes: attributesOf(resource, 'EventConnection', EventConnectionAttributesSchema),
  }));
}
