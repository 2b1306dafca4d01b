/**
 * What the fake serves for each PCO Calendar resource type: attributes, links, relationships,
 * and the `where`/`order`/`filter`/`include` parameters each type accepts.
 *
 * The capability lists copy the "Query By", "Order By" and "Can Include" tables of the
 * reference pages and the facts in docs/planning-center.md. A dataset is flattened into
 * {@link Row}s through a {@link DatasetIndex} built once per request, so tests may mutate
 * `FakePco.dataset` freely between requests.
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07
 */
import type {
  FakeAttachment,
  FakeDataset,
  FakeEvent,
  FakeEventConnection,
  FakeEventInstance,
  FakeEventTime,
  FakeTag,
  FakeTagGroup,
} from './dataset';

/** Base path of every Calendar v2 URL. */
export const CALENDAR_PATH = '/calendar/v2';

/** PCO resource type names the fake serves, as they appear in `type` and `fields[Type]`. */
export type PcoType =
  | 'Organization'
  | 'Event'
  | 'EventInstance'
  | 'EventTime'
  | 'Tag'
  | 'TagGroup'
  | 'Attachment'
  | 'EventConnection';

/** `{ type, id }`: a JSON:API resource identifier. */
export interface ResourceIdentifier {
  type: PcoType;
  id: string;
}

/** One dataset record flattened for serialisation. */
export interface Row {
  type: PcoType;
  id: string;
  /** Every attribute, sparse-only ones included; {@link TypeSpec.sparseOnly} decides what is sent. */
  attributes: Readonly<Record<string, unknown>>;
  /** Path of the record's own URL, e.g. `/calendar/v2/events/1`. */
  path: string;
  /** To-one relationships whose linkage is always sent, e.g. `{ event: { type: 'Event', id: '1' } }`. */
  toOne: Readonly<Record<string, ResourceIdentifier>>;
}

/** How a `where[attr]` value is parsed; `date_time` also takes `[gte]`, `[gt]`, `[lte]`, `[lt]`. */
export type AttributeKind = 'string' | 'boolean' | 'integer' | 'date_time' | 'primary_key';

/** One `include=` value: how to find the related rows of a record, and its cardinality. */
export interface IncludeSpec {
  /** `true` for to-many (linkage is an array), `false` for to-one (an identifier or null). */
  many: boolean;
  /** Related rows of a record; records missing from the dataset are skipped. */
  resolve(row: Row, index: DatasetIndex): Row[];
}

/** A `filter=` value: a predicate over one row, given the clock in epoch milliseconds. */
export type FilterPredicate = (row: Row, index: DatasetIndex, nowMs: number) => boolean;

/** What one resource type accepts and how it is served. */
export interface TypeSpec {
  type: PcoType;
  /** Attributes sent only when listed in `fields[Type]` ("Only available when requested with the `?fields` param"). */
  sparseOnly: readonly string[];
  /** `where[attr]` the type supports; any other `where[…]` is silently ignored, as PCO does. */
  queryBy: Readonly<Record<string, AttributeKind>>;
  /** Attributes accepted by `order=attr` / `order=-attr`. */
  orderBy: readonly string[];
  /** `filter=` values; several combine with AND. */
  filters: Readonly<Record<string, FilterPredicate>>;
  /** `include=` values. */
  includes: Readonly<Record<string, IncludeSpec>>;
}

const compareIds = (a: { id: string }, b: { id: string }): number => compareId(a.id, b.id);

/**
 * Orders ids as PCO's integer primary keys: numerically when both are digit strings (without
 * converting, so ids beyond 2^53 still order correctly), otherwise by code point.
 */
export function compareId(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const eventLink = (eventId: string): Record<string, ResourceIdentifier> => ({
  event: { type: 'Event', id: eventId },
});

/**
 * Lookup tables over one {@link FakeDataset} snapshot, and the rows of every record.
 *
 * Build a new index per request: it copies nothing but the maps, so it is cheap, and it sees
 * whatever the dataset holds at that moment.
 */
export class DatasetIndex {
  /** The dataset this index was built over (held, not copied). */
  readonly dataset: FakeDataset;
  readonly #events = new Map<string, FakeEvent>();
  readonly #instances = new Map<string, FakeEventInstance>();
  readonly #tags = new Map<string, FakeTag>();
  readonly #groups = new Map<string, FakeTagGroup>();
  readonly #groupOfTag = new Map<string, FakeTagGroup>();
  readonly #attachments = new Map<string, FakeAttachment>();
  readonly #timesByInstance = new Map<string, FakeEventTime[]>();

  constructor(dataset: FakeDataset) {
    this.dataset = dataset;
    for (const event of dataset.events) this.#events.set(event.id, event);
    for (const instance of dataset.instances) this.#instances.set(instance.id, instance);
    for (const tag of dataset.tags) this.#tags.set(tag.id, tag);
    for (const group of dataset.tagGroups ?? []) {
      this.#groups.set(group.id, group);
      for (const tagId of group.tagIds) this.#groupOfTag.set(tagId, group);
    }
    for (const attachment of dataset.attachments) this.#attachments.set(attachment.id, attachment);
    for (const time of dataset.eventTimes) {
      const times = this.#timesByInstance.get(time.instanceId);
      if (times) times.push(time);
      else this.#timesByInstance.set(time.instanceId, [time]);
    }
  }

  /** The organization's IANA time zone, e.g. `America/Chicago`. */
  get timeZone(): string {
    return this.dataset.organization.attributes.time_zone;
  }

  /** `GET /calendar/v2`. */
  organization(): Row {
    const { id, attributes } = this.dataset.organization;
    return { type: 'Organization', id, attributes, path: CALENDAR_PATH, toOne: {} };
  }

  /** The raw event record, for relations and filters. */
  eventRecord(id: string): FakeEvent | undefined {
    return this.#events.get(id);
  }

  /** One Event row, or undefined for an unknown id. */
  event(id: string): Row | undefined {
    const event = this.#events.get(id);
    return event && eventRow(event);
  }

  /** Every Event row. */
  events(): Row[] {
    return this.dataset.events.map(eventRow);
  }

  /** One EventInstance row, or undefined for an unknown id. */
  instance(id: string): Row | undefined {
    const instance = this.#instances.get(id);
    return instance && instanceRow(instance);
  }

  /** EventInstance rows, optionally only those of one event. */
  instances(eventId?: string): Row[] {
    const all = this.dataset.instances;
    return (eventId === undefined ? all : all.filter((i) => i.eventId === eventId)).map(
      instanceRow,
    );
  }

  /** EventInstance rows whose event carries the tag (an instance's tags are its event's). */
  instancesTagged(tagId: string): Row[] {
    return this.dataset.instances
      .filter((i) => this.#events.get(i.eventId)?.tagIds.includes(tagId) ?? false)
      .map(instanceRow);
  }

  /** EventTime rows of one instance. */
  eventTimes(instanceId: string): Row[] {
    return (this.#timesByInstance.get(instanceId) ?? []).map(eventTimeRow);
  }

  /** One Tag row, or undefined for an unknown id. */
  tag(id: string): Row | undefined {
    const tag = this.#tags.get(id);
    return tag && tagRow(tag);
  }

  /** Every Tag row. */
  tags(): Row[] {
    return this.dataset.tags.map(tagRow);
  }

  /** One TagGroup row, or undefined for an unknown id. */
  tagGroup(id: string): Row | undefined {
    const group = this.#groups.get(id);
    return group && tagGroupRow(group);
  }

  /** Every TagGroup row. */
  tagGroups(): Row[] {
    return (this.dataset.tagGroups ?? []).map(tagGroupRow);
  }

  /** The group row of a tag, if it is in one. */
  groupOfTag(tagId: string): Row | undefined {
    const group = this.#groupOfTag.get(tagId);
    return group && tagGroupRow(group);
  }

  /** Tag rows of a group, in its `tagIds` order; unknown tag ids are skipped. */
  tagsOfGroup(groupId: string): Row[] {
    return (this.#groups.get(groupId)?.tagIds ?? []).flatMap((id) => {
      const tag = this.#tags.get(id);
      return tag ? [tagRow(tag)] : [];
    });
  }

  /** Tag rows of an event, in the event's `tagIds` order; unknown tag ids are skipped. */
  tagsOfEvent(eventId: string): Row[] {
    const ids = this.#events.get(eventId)?.tagIds ?? [];
    return ids.flatMap((id) => {
      const tag = this.#tags.get(id);
      return tag ? [tagRow(tag)] : [];
    });
  }

  /** One Attachment row, or undefined for an unknown id. */
  attachment(id: string): Row | undefined {
    const attachment = this.#attachments.get(id);
    return attachment && attachmentRow(attachment);
  }

  /** Attachment rows, optionally only those of one event. */
  attachments(eventId?: string): Row[] {
    const all = this.dataset.attachments;
    return (eventId === undefined ? all : all.filter((a) => a.eventId === eventId)).map(
      attachmentRow,
    );
  }

  /** EventConnection rows of one event. */
  connections(eventId: string): Row[] {
    return this.dataset.connections.filter((c) => c.eventId === eventId).map(connectionRow);
  }
}

function eventRow(event: FakeEvent): Row {
  const { id, attributes } = event;
  return { type: 'Event', id, attributes, path: `${CALENDAR_PATH}/events/${id}`, toOne: {} };
}

function instanceRow(instance: FakeEventInstance): Row {
  const { id, attributes, eventId } = instance;
  const path = `${CALENDAR_PATH}/event_instances/${id}`;
  return { type: 'EventInstance', id, attributes, path, toOne: eventLink(eventId) };
}

function eventTimeRow(time: FakeEventTime): Row {
  const { id, attributes, instanceId, eventId } = time;
  const path = `${CALENDAR_PATH}/event_instances/${instanceId}/event_times/${id}`;
  return { type: 'EventTime', id, attributes, path, toOne: eventLink(eventId) };
}

function tagRow(tag: FakeTag): Row {
  const { id, attributes } = tag;
  return { type: 'Tag', id, attributes, path: `${CALENDAR_PATH}/tags/${id}`, toOne: {} };
}

function tagGroupRow(group: FakeTagGroup): Row {
  const { id, attributes } = group;
  return { type: 'TagGroup', id, attributes, path: `${CALENDAR_PATH}/tag_groups/${id}`, toOne: {} };
}

function attachmentRow(attachment: FakeAttachment): Row {
  const { id, attributes, eventId } = attachment;
  const path = `${CALENDAR_PATH}/attachments/${id}`;
  return { type: 'Attachment', id, attributes, path, toOne: eventLink(eventId) };
}

function connectionRow(connection: FakeEventConnection): Row {
  const { id, attributes, eventId } = connection;
  const path = `${CALENDAR_PATH}/events/${eventId}/event_connections/${id}`;
  return { type: 'EventConnection', id, attributes, path, toOne: eventLink(eventId) };
}

/** The Event a row's always-present `event` linkage points at (EventInstance, EventTime, Attachment). */
const relatedEvent: IncludeSpec = {
  many: false,
  resolve(row, index) {
    const eventId = row.toOne.event?.id;
    const event = eventId === undefined ? undefined : index.event(eventId);
    return event ? [event] : [];
  },
};

/** A relationship the fake accepts but has no data for (feed, owner, resource_bookings). */
const alwaysEmpty = (many: boolean): IncludeSpec => ({ many, resolve: () => [] });

/** The event's approval status decides `filter=approved|pending|rejected`. */
const approvalIs =
  (status: 'A' | 'P' | 'R'): FilterPredicate =>
  (row, index) => {
    const eventId = row.toOne.event?.id;
    return (
      eventId !== undefined && index.eventRecord(eventId)?.attributes.approval_status === status
    );
  };

const DATE_TIME = 'date_time';

/**
 * Every type the fake serves, keyed by PCO type name.
 *
 * Tag's lists are not on the reference pages; they follow the tag attributes pco-api.md names.
 * Organization and EventConnection accept no includes, Event and EventConnection no `order`.
 */
export const TYPE_SPECS: Readonly<Record<PcoType, TypeSpec>> = {
  Organization: {
    type: 'Organization',
    sparseOnly: [],
    queryBy: {},
    orderBy: [],
    filters: {},
    includes: {},
  },
  Event: {
    type: 'Event',
    sparseOnly: [],
    queryBy: {
      approval_status: 'string',
      created_at: DATE_TIME,
      featured: 'boolean',
      name: 'string',
      percent_approved: 'integer',
      percent_rejected: 'integer',
      updated_at: DATE_TIME,
      visible_in_church_center: 'boolean',
    },
    orderBy: [],
    filters: {},
    includes: {
      attachments: {
        many: true,
        resolve: (row, index) => index.attachments(row.id).sort(compareIds),
      },
      feed: alwaysEmpty(false),
      owner: alwaysEmpty(false),
      tags: { many: true, resolve: (row, index) => index.tagsOfEvent(row.id) },
    },
  },
  EventInstance: {
    type: 'EventInstance',
    sparseOnly: ['description', 'image_url', 'kind'],
    queryBy: {
      created_at: DATE_TIME,
      ends_at: DATE_TIME,
      kind: 'string',
      starts_at: DATE_TIME,
      updated_at: DATE_TIME,
    },
    orderBy: ['created_at', 'ends_at', 'starts_at', 'updated_at'],
    filters: {
      future: (row, _index, nowMs) => Date.parse(String(row.attributes.ends_at)) >= nowMs,
      approved: approvalIs('A'),
      pending: approvalIs('P'),
      rejected: approvalIs('R'),
    },
    includes: {
      event: relatedEvent,
      event_times: {
        many: true,
        resolve: (row, index) =>
          index
            .eventTimes(row.id)
            .sort(
              (a, b) =>
                Date.parse(String(a.attributes.starts_at)) -
                  Date.parse(String(b.attributes.starts_at)) || compareIds(a, b),
            ),
      },
      resource_bookings: alwaysEmpty(true),
      tags: {
        many: true,
        resolve: (row, index) => {
          const eventId = row.toOne.event?.id;
          return eventId === undefined ? [] : index.tagsOfEvent(eventId);
        },
      },
    },
  },
  EventTime: {
    type: 'EventTime',
    sparseOnly: [],
    // The reference page types `name` as date_time, which is a documentation slip: it is free text.
    queryBy: {
      ends_at: DATE_TIME,
      name: 'string',
      starts_at: DATE_TIME,
      visible_on_kiosks: 'boolean',
      visible_on_widget_and_ical: 'boolean',
    },
    orderBy: ['ends_at', 'starts_at'],
    filters: {},
    includes: { event: relatedEvent },
  },
  Tag: {
    type: 'Tag',
    sparseOnly: [],
    queryBy: {
      church_center_category: 'boolean',
      color: 'string',
      name: 'string',
      position: 'integer',
    },
    orderBy: ['name', 'position'],
    filters: {},
    includes: {
      tag_group: {
        many: false,
        resolve: (row, index) => {
          const group = index.groupOfTag(row.id);
          return group ? [group] : [];
        },
      },
    },
  },
  TagGroup: {
    type: 'TagGroup',
    sparseOnly: [],
    queryBy: { name: 'string', church_center_category: 'boolean' },
    orderBy: ['name'],
    filters: {},
    includes: { tags: { many: true, resolve: (row, index) => index.tagsOfGroup(row.id) } },
  },
  Attachment: {
    type: 'Attachment',
    sparseOnly: [],
    queryBy: {
      content_type: 'string',
      created_at: DATE_TIME,
      description: 'string',
      file_size: 'integer',
      name: 'string',
      updated_at: DATE_TIME,
    },
    orderBy: ['content_type', 'created_at', 'description', 'file_size', 'name', 'updated_at'],
    filters: {},
    includes: { event: relatedEvent },
  },
  EventConnection: {
    type: 'EventConnection',
    sparseOnly: ['promoted'],
    queryBy: { connected_to_id: 'primary_key', product_name: 'string', promoted: 'boolean' },
    orderBy: [],
    filters: {},
    includes: {},
  },
};
