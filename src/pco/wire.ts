/**
 * JSON:API documents and resource attributes exactly as Planning Center Calendar v2 sends them.
 *
 * These zod schemas are the only place that says what a PCO answer looks like. Every document
 * the client receives is parsed with them before anything reads it, so a malformed answer
 * becomes a {@link PcoSchemaError} instead of a half-built feed. The attribute schemas list
 * exactly the fields pco-feeds asks for with `fields[Type]=…` (see {@link PCO_FIELDS}); an
 * attribute the request asked for but the answer lacks is a schema error.
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
    attributes: z.record(z.unknown()),
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

/** `GET /calendar/v2` → Organization attributes. */
export const OrganizationAttributesSchema = z.object({
  name: z.string(),
  time_zone: z.string(),
  twenty_four_hour_time: z.boolean().nullable().optional(),
  date_format: z.string().nullable().optional(),
});
/** Organization attributes. */
export type OrganizationAttributes = z.infer<typeof OrganizationAttributesSchema>;

/** Event attributes that pco-feeds reads. @see shared/seeds Event */
export const EventAttributesSchema = z.object({
  name: z.string(),
  approval_status: z.string(),
  visible_in_church_center: z.boolean(),
  featured: z.boolean().nullable(),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  image_url: z.string().nullable(),
  registration_url: z.string().nullable(),
  created_at: instant,
  updated_at: instant,
});
/** Event attributes. */
export type EventAttributes = z.infer<typeof EventAttributesSchema>;

/** EventInstance attributes that pco-feeds reads; `kind`, `description` and `image_url` need `fields[EventInstance]`. */
export const EventInstanceAttributesSchema = z.object({
  name: z.string().nullable(),
  all_day_event: z.boolean(),
  church_center_url: z.string().nullable(),
  location: z.string().nullable(),
  kind: z.string(),
  description: z.string().nullable(),
  image_url: z.string().nullable(),
  starts_at: instant,
  ends_at: instant,
  created_at: instant,
  updated_at: instant,
});
/** EventInstance attributes. */
export type EventInstanceAttributes = z.infer<typeof EventInstanceAttributesSchema>;

/** EventTime attributes. @see shared/seeds EventTime */
export const EventTimeAttributesSchema = z.object({
  name: z.string().nullable(),
  starts_at: instant,
  ends_at: instant,
  visible_on_widget_and_ical: z.boolean(),
});
/** EventTime attributes. */
export type EventTimeAttributes = z.infer<typeof EventTimeAttributesSchema>;

/** Tag attributes. */
export const TagAttributesSchema = z.object({
  name: z.string(),
  color: z.string().nullable(),
  position: z.number().nullable(),
});
/** Tag attributes. */
export type TagAttributes = z.infer<typeof TagAttributesSchema>;

/** Attachment attributes. @see shared/seeds Attachment */
export const AttachmentAttributesSchema = z.object({
  name: z.string(),
  url: z.string(),
  content_type: z.string().nullable(),
  file_size: z.number().nullable(),
  description: z.string().nullable(),
  created_at: instant,
  updated_at: instant,
});
/** Attachment attributes. */
export type AttachmentAttributes = z.infer<typeof AttachmentAttributesSchema>;

/** EventConnection attributes; `promoted` needs `fields[EventConnection]`. @see shared/seeds EventConnection */
export const EventConnectionAttributesSchema = z.object({
  connected_to_id: z.union([z.string(), z.number()]).transform(String),
  connected_to_name: z.string().nullable(),
  connected_to_type: z.string(),
  connected_to_url: z.string().nullable(),
  product_name: z.string(),
  promoted: z.boolean().nullable(),
});
/** EventConnection attributes. */
export type EventConnectionAttributes = z.infer<typeof EventConnectionAttributesSchema>;

/**
 * The sparse fieldsets pco-feeds requests, one `fields[Type]=…` per resource type. PCO returns
 * only the listed attributes, so this list and the schemas above must agree.
 */
export const PCO_FIELDS = {
  Organization: Object.keys(OrganizationAttributesSchema.shape),
  Event: Object.keys(EventAttributesSchema.shape),
  EventInstance: Object.keys(EventInstanceAttributesSchema.shape),
  EventTime: Object.keys(EventTimeAttributesSchema.shape),
  Tag: Object.keys(TagAttributesSchema.shape),
  Attachment: Object.keys(AttachmentAttributesSchema.shape),
  EventConnection: Object.keys(EventConnectionAttributesSchema.shape),
} as const;
