/**
 * JSON:API documents and resource attributes exactly as Planning Center Calendar v2 sends them.
 *
 * These zod schemas are the only place that says what a PCO answer looks like. A document that
 * is not JSON:API (no `data`, a resource without `type`/`id`) is a {@link PcoSchemaError} and
 * fails the read. Records are then decoded one by one (`decode.ts`) against one declaration per
 * type ({@link RESOURCES}): the attributes a record cannot be published without (`required`),
 * the display attributes it can be published without (`optional`, each nullable), and the
 * relationships the code reads. The `fields[Type]` lists the client sends ({@link PCO_FIELDS})
 * are derived from the same declarations, so naming a relationship there cannot be forgotten:
 * JSON:API 1.0 sparse fieldsets cover attributes *and* relationships, and real PCO drops every
 * relationship a list does not name (shared/pco-api.md "What real responses show").
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07 (reference pages in shared/seeds)
 * @see https://jsonapi.org/format/1.0/
 */
import { datetimeRegex, z } from 'zod';

/**
 * UTC instant as PCO writes it, e.g. `2026-11-22T15:00:00Z`. The same check as zod's
 * `z.string().datetime({ offset: true })`, with its regex compiled once: zod 3 rebuilds it on
 * every value (one `new RegExp` per attribute, about a fifth of a refresh's CPU in the profile
 * of the demo refresh; issue 12).
 */
const INSTANT = datetimeRegex({ offset: true, precision: null, local: false });
const instant = z.string().regex(INSTANT, { message: 'Invalid datetime' });

/** `{ type, id }`: a JSON:API resource identifier. */
export const ResourceIdentifierSchema = z.object({ type: z.string(), id: z.string() });
/** A JSON:API resource identifier. */
export type ResourceIdentifier = z.infer<typeof ResourceIdentifierSchema>;

/** Whether `value` is a `{ type, id }` pair of strings. */
function isIdentifier(value: unknown): value is ResourceIdentifier {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof id === 'string';
}

/**
 * A relationship's `data`: one identifier, a list of them, or null. A hand check rather than a
 * `z.union`: the union builds an issue object for every option that does not match (every
 * to-many relationship fails the first), which showed in the refresh profile.
 */
const linkage = z.custom<ResourceIdentifier | ResourceIdentifier[] | null>(
  (value) =>
    value === null || isIdentifier(value) || (Array.isArray(value) && value.every(isIdentifier)),
  { message: 'Invalid relationship data: expected { type, id }, a list of them, or null' },
);

/** A JSON:API relationship object; `data` is one identifier, a list, or null. */
export const RelationshipSchema = z.object({ data: linkage.optional() }).passthrough();

/** A JSON:API resource object with attributes still untyped (each type parses its own). */
export const ResourceSchema = z
  .object({
    type: z.string(),
    id: z.string().min(1),
    // A field list naming only relationships leaves no attributes at all.
    attributes: z.record(z.unknown()).default({}),
    relationships: z.record(RelationshipSchema).optional(),
  })
  .passthrough();
/** A JSON:API resource object as received. */
export type Resource = z.infer<typeof ResourceSchema>;

/** A JSON:API list document: `data[]`, optional `included[]`, `links.next` while pages remain. */
export const ListDocumentSchema = z
  .object({
    data: z.array(ResourceSchema),
    included: z.array(ResourceSchema).optional(),
    links: z.object({ next: z.string().url().optional() }).passthrough().optional(),
    meta: z.record(z.unknown()).optional(),
  })
  .passthrough();
/** A JSON:API list document. */
export type ListDocument = z.infer<typeof ListDocumentSchema>;

/** A JSON:API single-resource document, e.g. `GET /calendar/v2` (the Organization). */
export const SingleDocumentSchema = z
  .object({ data: ResourceSchema, included: z.array(ResourceSchema).optional() })
  .passthrough();

/** The outcome of a hand-written document check: the document, or its problems (zod's form). */
export type DocumentCheck<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };

/** Whether `text` parses as an absolute URL (zod's `url()` check). */
function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether `value` is a non-null, non-array object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The problems of one resource object, as {@link ResourceSchema} states them; fills in the
 * `attributes: {}` default in place (the body is freshly parsed JSON, owned by the caller).
 */
function resourceIssues(
  value: unknown,
  path: (string | number)[],
  issues: { path: (string | number)[]; message: string }[],
): void {
  if (!isObject(value)) {
    issues.push({ path, message: 'Expected object' });
    return;
  }
  if (typeof value.type !== 'string')
    issues.push({ path: [...path, 'type'], message: 'Expected string' });
  if (typeof value.id !== 'string' || value.id.length === 0)
    issues.push({ path: [...path, 'id'], message: 'Expected a non-empty string' });
  if (value.attributes === undefined) value.attributes = {};
  else if (!isObject(value.attributes))
    issues.push({ path: [...path, 'attributes'], message: 'Expected object' });
  const relationships = value.relationships;
  if (relationships === undefined) return;
  if (!isObject(relationships)) {
    issues.push({ path: [...path, 'relationships'], message: 'Expected object' });
    return;
  }
  for (const [name, relationship] of Object.entries(relationships)) {
    if (!isObject(relationship)) {
      issues.push({ path: [...path, 'relationships', name], message: 'Expected object' });
      continue;
    }
    const data = relationship.data;
    if (
      data !== undefined &&
      data !== null &&
      !isIdentifier(data) &&
      !(Array.isArray(data) && data.every(isIdentifier))
    ) {
      issues.push({
        path: [...path, 'relationships', name, 'data'],
        message: 'Invalid relationship data: expected { type, id }, a list of them, or null',
      });
    }
  }
}

/** The problems of each resource of a list, up to the first three. */
function listIssues(
  list: unknown[],
  name: string,
  issues: { path: (string | number)[]; message: string }[],
): void {
  for (let i = 0; i < list.length && issues.length < 3; i += 1) {
    resourceIssues(list[i], [name, i], issues);
  }
}

/**
 * Checks a list document as {@link ListDocumentSchema} states it, by hand: zod copies every
 * resource of a 100-record page (with its included records) into new objects, which was about
 * a sixth of a refresh's CPU in the profile of the demo refresh (issue 12). Same rules, same
 * issue paths; stops collecting after the first few problems.
 */
export function checkListDocument(body: unknown): DocumentCheck<ListDocument> {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!isObject(body))
    return { success: false, error: { issues: [{ path: [], message: 'Expected object' }] } };
  if (!Array.isArray(body.data)) issues.push({ path: ['data'], message: 'Expected array' });
  else listIssues(body.data, 'data', issues);
  if (body.included !== undefined) {
    if (!Array.isArray(body.included))
      issues.push({ path: ['included'], message: 'Expected array' });
    else listIssues(body.included, 'included', issues);
  }
  if (body.links !== undefined) {
    if (!isObject(body.links)) issues.push({ path: ['links'], message: 'Expected object' });
    else if (
      body.links.next !== undefined &&
      !(typeof body.links.next === 'string' && isUrl(body.links.next))
    )
      issues.push({ path: ['links', 'next'], message: 'Invalid url' });
  }
  if (body.meta !== undefined && !isObject(body.meta))
    issues.push({ path: ['meta'], message: 'Expected object' });
  return issues.length > 0
    ? { success: false, error: { issues } }
    : { success: true, data: body as ListDocument };
}

/** Checks a single-resource document as {@link SingleDocumentSchema} states it (see {@link checkListDocument}). */
export function checkSingleDocument(
  body: unknown,
): DocumentCheck<z.infer<typeof SingleDocumentSchema>> {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!isObject(body))
    return { success: false, error: { issues: [{ path: [], message: 'Expected object' }] } };
  resourceIssues(body.data, ['data'], issues);
  if (body.included !== undefined) {
    if (!Array.isArray(body.included))
      issues.push({ path: ['included'], message: 'Expected array' });
    else listIssues(body.included, 'included', issues);
  }
  return issues.length > 0
    ? { success: false, error: { issues } }
    : { success: true, data: body as z.infer<typeof SingleDocumentSchema> };
}

/** JSON:API error document: `{ errors: [{ status, code, title, detail }] }`. */
export const ErrorDocumentSchema = z.object({
  errors: z.array(
    z
      .object({
        status: z.string().optional(),
        code: z.string().optional(),
        title: z.string().optional(),
        detail: z.string().optional(),
      })
      .passthrough(),
  ),
});

/** Nullable optional attribute: absent, null, or the value. */
const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

/**
 * What pco-feeds reads of one resource type: `required` attributes (privacy, times, identity:
 * a record missing one cannot be published), `optional` display attributes (dropped to null
 * when malformed), and the relationships whose linkage the code reads.
 */
export interface ResourceDeclaration<R extends z.ZodRawShape, O extends z.ZodRawShape> {
  type: string;
  required: R;
  optional: O;
  relationships: readonly string[];
}

function declare<R extends z.ZodRawShape, O extends z.ZodRawShape>(
  type: string,
  required: R,
  optional: O,
  relationships: readonly string[] = [],
): ResourceDeclaration<R, O> {
  return { type, required, optional, relationships };
}

/** Attributes of a declaration once decoded: required ones as typed, optional ones or null. */
export type AttributesOf<D> =
  D extends ResourceDeclaration<infer R, infer O>
    ? { [K in keyof R]: z.output<R[K]> } & { [K in keyof O]?: NonNullable<z.output<O[K]>> | null }
    : never;

/** Every resource type pco-feeds reads. @see shared/seeds, shared/pco-api.md "Other resources" */
export const RESOURCES = {
  Organization: declare(
    'Organization',
    { name: z.string(), time_zone: z.string() },
    {
      twenty_four_hour_time: opt(z.boolean()),
      date_format: opt(z.string()),
      // `Sunday` or `Monday`: the first day of the week in PCO's calendar views.
      calendar_starts_on: opt(z.string()),
    },
  ),
  Event: declare(
    'Event',
    {
      name: z.string(),
      approval_status: z.string(),
      visible_in_church_center: z.boolean(),
      created_at: instant,
      updated_at: instant,
    },
    {
      featured: opt(z.boolean()),
      // Absent under API version 2020-06-16 (pco-api.md "API version").
      summary: opt(z.string()),
      description: opt(z.string()),
      image_url: opt(z.string()),
      registration_url: opt(z.string()),
    },
  ),
  EventInstance: declare(
    'EventInstance',
    { all_day_event: z.boolean(), kind: z.string(), created_at: instant, updated_at: instant },
    {
      name: opt(z.string()),
      church_center_url: opt(z.string()),
      location: opt(z.string()),
      description: opt(z.string()),
      image_url: opt(z.string()),
      // The whole schedule (setup and teardown included); the published range comes from
      // visible EventTimes, checked against PCO's published times.
      starts_at: opt(instant),
      ends_at: opt(instant),
      published_starts_at: opt(instant),
      published_ends_at: opt(instant),
    },
    ['event', 'event_times', 'tags'],
  ),
  EventTime: declare(
    'EventTime',
    { starts_at: instant, ends_at: instant, visible_on_widget_and_ical: z.boolean() },
    { name: opt(z.string()) },
  ),
  Tag: declare(
    'Tag',
    { name: z.string() },
    { color: opt(z.string()), position: opt(z.number()), church_center_category: opt(z.boolean()) },
  ),
  TagGroup: declare(
    'TagGroup',
    {},
    { name: opt(z.string()), church_center_category: opt(z.boolean()) },
    ['tags'],
  ),
  Attachment: declare(
    'Attachment',
    { name: z.string(), url: z.string(), updated_at: instant },
    {
      content_type: opt(z.string()),
      file_size: opt(z.number()),
      description: opt(z.string()),
      created_at: opt(instant),
    },
    ['event'],
  ),
  EventConnection: declare(
    'EventConnection',
    {
      connected_to_type: z.string(),
      product_name: z.string(),
    },
    {
      connected_to_id: opt(z.union([z.string(), z.number()]).transform(String)),
      connected_to_name: opt(z.string()),
      connected_to_url: opt(z.string()),
      promoted: opt(z.boolean()),
    },
    ['event'],
  ),
} as const;

/** A PCO resource type pco-feeds reads. */
export type PcoTypeName = keyof typeof RESOURCES;

/** Organization attributes. */
export type OrganizationAttributes = AttributesOf<typeof RESOURCES.Organization>;
/** Event attributes. */
export type EventAttributes = AttributesOf<typeof RESOURCES.Event>;
/** EventInstance attributes; `kind`, `description` and `image_url` need `fields[EventInstance]`. */
export type EventInstanceAttributes = AttributesOf<typeof RESOURCES.EventInstance>;
/** EventTime attributes. */
export type EventTimeAttributes = AttributesOf<typeof RESOURCES.EventTime>;
/** Tag attributes; `church_center_category` says whether Church Center shows the tag. */
export type TagAttributes = AttributesOf<typeof RESOURCES.Tag>;
/** TagGroup attributes. */
export type TagGroupAttributes = AttributesOf<typeof RESOURCES.TagGroup>;
/** Attachment attributes. */
export type AttachmentAttributes = AttributesOf<typeof RESOURCES.Attachment>;
/** EventConnection attributes; `promoted` needs `fields[EventConnection]`. */
export type EventConnectionAttributes = AttributesOf<typeof RESOURCES.EventConnection>;

/** The `fields[Type]` list of a declaration: its attributes, then its relationships. */
export function fieldsOf(declaration: ResourceDeclaration<z.ZodRawShape, z.ZodRawShape>): string[] {
  return [
    ...Object.keys(declaration.required),
    ...Object.keys(declaration.optional),
    ...declaration.relationships,
  ];
}

/**
 * The sparse fieldsets pco-feeds requests, one `fields[Type]=…` per resource type, derived from
 * {@link RESOURCES}: every attribute and every relationship the decoder reads.
 */
export const PCO_FIELDS = Object.fromEntries(
  Object.entries(RESOURCES).map(([type, declaration]) => [type, fieldsOf(declaration)]),
) as Record<PcoTypeName, string[]>;
