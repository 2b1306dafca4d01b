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
import { z } from 'zod';

/** UTC instant as PCO writes it, e.g. `2026-11-22T15:00:00Z`. */
const instant = z.string().datetime({ offset: true });

/** `{ type, id }`: a JSON:API resource identifier. */
export const ResourceIdentifierSchema = z.object({ type: z.string(), id: z.string() });
/** A JSON:API resource identifier. */
export type ResourceIdentifier = z.infer<typeof ResourceIdentifierSchema>;

/** A JSON:API relationship object; `data` is one identifier, a list, or null. */
export const RelationshipSchema = z
  .object({
    data: z
      .union([ResourceIdentifierSchema, z.array(ResourceIdentifierSchema), z.null()])
      .optional(),
  })
  .passthrough();

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
