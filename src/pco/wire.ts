/**
 * JSON:API documents and resource attributes exactly as Planning Center Calendar v2 sends them.
 *
 * This is the only place that says what a PCO answer looks like. A document that is not
 * JSON:API (no `data`, a resource without `type`/`id`) is a {@link PcoSchemaError} and fails
 * the read ({@link checkListDocument}, {@link checkSingleDocument}). Records are then decoded
 * one by one (`decode.ts`) against one declaration per type ({@link RESOURCES}): the attributes
 * a record cannot be published without (`required`), the display attributes it can be
 * published without (`optional`, each nullable), and the relationships the code reads. Each
 * attribute names a precompiled check (`checks.ts`). The `fields[Type]` lists the client sends
 * ({@link PCO_FIELDS}) are derived from the same declarations, so naming a relationship there
 * cannot be forgotten: JSON:API 1.0 sparse fieldsets cover attributes *and* relationships, and
 * real PCO drops every relationship a list does not name (docs/planning-center.md "What real
 * responses show").
 *
 * The document checks are written by hand rather than with a schema library: a library copies
 * every resource of a 100-record page into new objects, which was about a sixth of a refresh's
 * CPU in the profile of the demo refresh, and zod was 14.8 KB of the gzipped Worker (issue 12).
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07 (linked from docs/planning-center.md)
 * @see https://jsonapi.org/format/1.0/
 */
import { aBoolean, aNumber, anId, anInstant, aString, type Check, type Checked } from './checks';

/** `{ type, id }`: a JSON:API resource identifier. */
export interface ResourceIdentifier {
  type: string;
  id: string;
}

/** Whether `value` is a `{ type, id }` pair of strings. */
function isIdentifier(value: unknown): value is ResourceIdentifier {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof id === 'string';
}

/** A JSON:API relationship object; `data` is one identifier, a list, or null (other members kept). */
export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null | undefined;
  [member: string]: unknown;
}

/**
 * A JSON:API resource object as received, attributes still untyped (each type decodes its
 * own). `attributes` is `{}` when the document had none (a field list naming only
 * relationships leaves no attributes at all); other members are kept.
 */
export interface Resource {
  type: string;
  /** Non-empty. */
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, Relationship> | undefined;
  [member: string]: unknown;
}

/**
 * A JSON:API list document: `data[]`, optional `included[]`, `links.next` while pages remain
 * (omitted or null on the last page, JSON:API 1.0 "Pagination").
 */
export interface ListDocument {
  data: Resource[];
  included?: Resource[] | undefined;
  links?: { next?: string | null | undefined; [member: string]: unknown } | undefined;
  meta?: Record<string, unknown> | undefined;
  [member: string]: unknown;
}

/** A JSON:API single-resource document, e.g. `GET /calendar/v2` (the Organization). */
export interface SingleDocument {
  data: Resource;
  included?: Resource[] | undefined;
  [member: string]: unknown;
}

/** One entry of a JSON:API error document (other members kept). */
export interface ErrorObject {
  status?: string | undefined;
  code?: string | undefined;
  title?: string | undefined;
  detail?: string | undefined;
  [member: string]: unknown;
}

/** A JSON:API error document: `{ errors: [{ status, code, title, detail }] }`. */
export interface ErrorDocument {
  errors: ErrorObject[];
  [member: string]: unknown;
}

/** The outcome of a document check: the document, or its problems, each with its JSON path. */
export type DocumentCheck<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: DocumentIssue[] } };

/** One problem of a document: where (JSON path, e.g. `data.3.id`) and what. */
export interface DocumentIssue {
  path: (string | number)[];
  message: string;
}

/** The verdict on `body` once its issues are collected. */
function verdict<T>(body: unknown, issues: DocumentIssue[]): DocumentCheck<T> {
  return issues.length > 0
    ? { success: false, error: { issues } }
    : { success: true, data: body as T };
}

/** Whether `text` parses as an absolute URL (WHATWG URL parser). */
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
 * The problems of one resource object (see {@link Resource}); fills in the
 * `attributes: {}` default in place (the body is freshly parsed JSON, owned by the caller).
 */
function resourceIssues(value: unknown, path: (string | number)[], issues: DocumentIssue[]): void {
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
function listIssues(list: unknown[], name: string, issues: DocumentIssue[]): void {
  for (let i = 0; i < list.length && issues.length < 3; i += 1) {
    resourceIssues(list[i], [name, i], issues);
  }
}

/** The problems of a document's `included` member: absent, or a list of resources. */
function includedIssues(included: unknown, issues: DocumentIssue[]): void {
  if (included === undefined) return;
  if (!Array.isArray(included)) issues.push({ path: ['included'], message: 'Expected array' });
  else listIssues(included, 'included', issues);
}

/**
 * Checks a list document ({@link ListDocument}) in place, without copying it: `data` a list of
 * resources, `included` (when present) too, `links.next` an absolute URL or null, `meta` an object.
 * Stops collecting after the first few problems.
 */
export function checkListDocument(body: unknown): DocumentCheck<ListDocument> {
  const issues: DocumentIssue[] = [];
  if (!isObject(body))
    return { success: false, error: { issues: [{ path: [], message: 'Expected object' }] } };
  if (!Array.isArray(body.data)) issues.push({ path: ['data'], message: 'Expected array' });
  else listIssues(body.data, 'data', issues);
  includedIssues(body.included, issues);
  if (body.links !== undefined) {
    if (!isObject(body.links)) issues.push({ path: ['links'], message: 'Expected object' });
    else if (
      body.links.next != null &&
      !(typeof body.links.next === 'string' && isUrl(body.links.next))
    )
      issues.push({ path: ['links', 'next'], message: 'Invalid url' });
  }
  if (body.meta !== undefined && !isObject(body.meta))
    issues.push({ path: ['meta'], message: 'Expected object' });
  return verdict<ListDocument>(body, issues);
}

/** Checks a single-resource document ({@link SingleDocument}) in place (see {@link checkListDocument}). */
export function checkSingleDocument(body: unknown): DocumentCheck<SingleDocument> {
  const issues: DocumentIssue[] = [];
  if (!isObject(body))
    return { success: false, error: { issues: [{ path: [], message: 'Expected object' }] } };
  resourceIssues(body.data, ['data'], issues);
  includedIssues(body.included, issues);
  return verdict<SingleDocument>(body, issues);
}

/** The members of a JSON:API error object that must be strings when present. */
const ERROR_MEMBERS = ['status', 'code', 'title', 'detail'] as const;

/**
 * Checks a JSON:API error document ({@link ErrorDocument}): `errors` a list of objects whose
 * `status`, `code`, `title` and `detail` are strings when present.
 *
 * @see https://jsonapi.org/format/1.0/#error-objects
 */
export function checkErrorDocument(body: unknown): DocumentCheck<ErrorDocument> {
  const issues: DocumentIssue[] = [];
  if (!isObject(body) || !Array.isArray(body.errors)) {
    issues.push({ path: ['errors'], message: 'Expected array' });
  } else {
    body.errors.forEach((error: unknown, i) => {
      if (!isObject(error)) issues.push({ path: ['errors', i], message: 'Expected object' });
      else
        for (const member of ERROR_MEMBERS)
          if (error[member] !== undefined && typeof error[member] !== 'string')
            issues.push({ path: ['errors', i, member], message: 'Expected string' });
    });
  }
  return verdict<ErrorDocument>(body, issues);
}

/** Attribute name → its check. */
export type CheckShape = Readonly<Record<string, Check<unknown>>>;

/**
 * What pco-feeds reads of one resource type: `required` attributes (privacy, times, identity:
 * a record missing one cannot be published), `optional` display attributes (absent or null
 * read as null; malformed ones are dropped to null), and the relationships whose linkage the
 * code reads. `checks` is the decoder's plan, compiled once from the two attribute lists.
 */
export interface ResourceDeclaration<
  R extends CheckShape = CheckShape,
  O extends CheckShape = CheckShape,
> {
  type: string;
  required: R;
  optional: O;
  relationships: readonly string[];
  /** Every attribute's check in declaration order, required ones first (see decode.ts). */
  checks: readonly AttributeCheck[];
}

/** One attribute of a declaration as the decoder walks it. */
export interface AttributeCheck {
  name: string;
  required: boolean;
  check: Check<unknown>;
}

/** A declaration with its decoder plan compiled once (at module load, for {@link RESOURCES}). */
function declare<R extends CheckShape, O extends CheckShape>(
  type: string,
  required: R,
  optional: O,
  relationships: readonly string[] = [],
): ResourceDeclaration<R, O> {
  const checks = [
    ...Object.entries(required).map(([name, check]) => ({ name, required: true, check })),
    ...Object.entries(optional).map(([name, check]) => ({ name, required: false, check })),
  ];
  return { type, required, optional, relationships, checks };
}

/** Attributes of a declaration once decoded: required ones as typed, optional ones or null. */
export type AttributesOf<D> =
  D extends ResourceDeclaration<infer R, infer O>
    ? { [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> | null }
    : never;

/** Every resource type pco-feeds reads. @see docs/planning-center.md (reference pages, "Other resources") */
export const RESOURCES = {
  Organization: declare(
    'Organization',
    { time_zone: aString },
    {
      // A null name leaves the calendar without a title, not without its events.
      name: aString,
      twenty_four_hour_time: aBoolean,
      date_format: aString,
      // `Sunday` or `Monday`: the first day of the week in PCO's calendar views.
      calendar_starts_on: aString,
    },
  ),
  Event: declare(
    'Event',
    {
      name: aString,
      approval_status: aString,
      visible_in_church_center: aBoolean,
      created_at: anInstant,
      updated_at: anInstant,
    },
    {
      featured: aBoolean,
      // Absent under API version 2020-06-16 (pco-api.md "API version").
      summary: aString,
      description: aString,
      image_url: aString,
      registration_url: aString,
    },
  ),
  EventInstance: declare(
    'EventInstance',
    { all_day_event: aBoolean, kind: aString, created_at: anInstant, updated_at: anInstant },
    {
      name: aString,
      church_center_url: aString,
      location: aString,
      description: aString,
      image_url: aString,
      // The whole schedule (setup and teardown included); the published range comes from
      // visible EventTimes, checked against PCO's published times.
      starts_at: anInstant,
      ends_at: anInstant,
      published_starts_at: anInstant,
      published_ends_at: anInstant,
    },
    ['event', 'event_times', 'tags'],
  ),
  EventTime: declare(
    'EventTime',
    { starts_at: anInstant, ends_at: anInstant, visible_on_widget_and_ical: aBoolean },
    { name: aString },
  ),
  Tag: declare(
    'Tag',
    { name: aString },
    { color: aString, position: aNumber, church_center_category: aBoolean },
  ),
  TagGroup: declare('TagGroup', {}, { name: aString, church_center_category: aBoolean }, ['tags']),
  Attachment: declare(
    'Attachment',
    { name: aString, url: aString, updated_at: anInstant },
    {
      content_type: aString,
      file_size: aNumber,
      description: aString,
      created_at: anInstant,
    },
    ['event'],
  ),
  EventConnection: declare(
    'EventConnection',
    {
      connected_to_type: aString,
      product_name: aString,
    },
    {
      connected_to_id: anId,
      connected_to_name: aString,
      connected_to_url: aString,
      promoted: aBoolean,
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
export function fieldsOf(declaration: ResourceDeclaration): string[] {
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
