/**
 * The Calendar v2 paths the fake serves, as data: which type each returns, whether it is a list,
 * and how it finds its records. `server.ts` registers them with Hono.
 *
 * The list is the brief's plus the two single reads the reference pages document
 * (`/attachments/{id}`, `/events/{event_id}/event_connections/{id}`).
 *
 * @see the PCO reference pages linked from docs/planning-center.md (the "Endpoints" and "Associations" tables)
 */
import type { DatasetIndex, PcoType, ResourceIdentifier, Row } from './resources';
import { CALENDAR_PATH } from './resources';

/** Path parameters by name, e.g. `{ id: '42' }`. */
export type RouteParams = Readonly<Record<string, string>>;

/** A path that returns one record; `find` returns undefined for a 404. */
export interface SingleRoute {
  kind: 'single';
  /** Hono path pattern, e.g. `/calendar/v2/events/:id`. */
  path: string;
  type: PcoType;
  find(
    params: RouteParams,
    index: DatasetIndex,
  ): { row: Row; parent?: ResourceIdentifier } | undefined;
}

/** A path that lists records; `list` returns undefined for a 404 (unknown parent). */
export interface ListRoute {
  kind: 'list';
  /** Hono path pattern, e.g. `/calendar/v2/events/:id/event_instances`. */
  path: string;
  type: PcoType;
  list(
    params: RouteParams,
    index: DatasetIndex,
  ): { rows: Row[]; parent: ResourceIdentifier } | undefined;
}

/** One served path. */
export type Route = SingleRoute | ListRoute;

const organization = (index: DatasetIndex): ResourceIdentifier => ({
  type: 'Organization',
  id: index.dataset.organization.id,
});

/** Wraps a found record with the Organization as `meta.parent`. */
const underOrganization = (row: Row | undefined, index: DatasetIndex) =>
  row && { row, parent: organization(index) };

/** Rows of a nested list, or undefined when the parent record does not exist. */
function nested(parent: Row | undefined, rows: (parent: Row) => Row[]) {
  return parent && { rows: rows(parent), parent: { type: parent.type, id: parent.id } };
}

/** Every route, GET only. */
export const ROUTES: readonly Route[] = [
  {
    kind: 'single',
    path: CALENDAR_PATH,
    type: 'Organization',
    find: (_params, index) => ({ row: index.organization() }),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/events`,
    type: 'Event',
    list: (_params, index) => ({ rows: index.events(), parent: organization(index) }),
  },
  {
    kind: 'single',
    path: `${CALENDAR_PATH}/events/:id`,
    type: 'Event',
    find: (params, index) => underOrganization(index.event(params.id ?? ''), index),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/events/:id/event_instances`,
    type: 'EventInstance',
    list: (params, index) =>
      nested(index.event(params.id ?? ''), (event) => index.instances(event.id)),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/events/:id/attachments`,
    type: 'Attachment',
    list: (params, index) =>
      nested(index.event(params.id ?? ''), (event) => index.attachments(event.id)),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/events/:id/event_connections`,
    type: 'EventConnection',
    list: (params, index) =>
      nested(index.event(params.id ?? ''), (event) => index.connections(event.id)),
  },
  {
    kind: 'single',
    path: `${CALENDAR_PATH}/events/:event_id/event_connections/:id`,
    type: 'EventConnection',
    find: (params, index) => {
      const event = index.event(params.event_id ?? '');
      const row = event && index.connections(event.id).find((c) => c.id === params.id);
      return row && { row, parent: { type: 'Event', id: row.toOne.event?.id ?? '' } };
    },
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/event_instances`,
    type: 'EventInstance',
    list: (_params, index) => ({ rows: index.instances(), parent: organization(index) }),
  },
  {
    kind: 'single',
    path: `${CALENDAR_PATH}/event_instances/:id`,
    type: 'EventInstance',
    find: (params, index) => underOrganization(index.instance(params.id ?? ''), index),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/event_instances/:id/event_times`,
    type: 'EventTime',
    list: (params, index) =>
      nested(index.instance(params.id ?? ''), (instance) => index.eventTimes(instance.id)),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/tags`,
    type: 'Tag',
    list: (_params, index) => ({ rows: index.tags(), parent: organization(index) }),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/tags/:id/event_instances`,
    type: 'EventInstance',
    list: (params, index) =>
      nested(index.tag(params.id ?? ''), (tag) => index.instancesTagged(tag.id)),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/tag_groups`,
    type: 'TagGroup',
    list: (_params, index) => ({ rows: index.tagGroups(), parent: organization(index) }),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/tag_groups/:id/tags`,
    type: 'Tag',
    list: (params, index) =>
      nested(index.tagGroup(params.id ?? ''), (group) => index.tagsOfGroup(group.id)),
  },
  {
    kind: 'list',
    path: `${CALENDAR_PATH}/attachments`,
    type: 'Attachment',
    list: (_params, index) => ({ rows: index.attachments(), parent: organization(index) }),
  },
  {
    kind: 'single',
    path: `${CALENDAR_PATH}/attachments/:id`,
    type: 'Attachment',
    find: (params, index) => underOrganization(index.attachment(params.id ?? ''), index),
  },
];
