/**
 * Builds JSON:API 1.0 documents as Planning Center sends them: resource objects with
 * `links.self`, relationship linkage, a de-duplicated `included`, PCO's `meta`, and error documents.
 *
 * PCO sends `included: []` even when nothing was asked for, and absolute URLs in every link.
 *
 * @see https://jsonapi.org/format/1.0/
 * @see docs/planning-center.md "Format", "Paging", "Sparse fields", "Errors"
 */
import type { DocumentQuery } from './query';
import type { DatasetIndex, ResourceIdentifier, Row, TypeSpec } from './resources';
import { TYPE_SPECS } from './resources';

/** Content-Type of every answer, errors included. */
export const JSON_API_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A relationship object; `data` is null for an empty to-one. PCO adds `links` to each. */
export interface Relationship {
  data: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self: string; related: string };
}

/** A JSON:API resource object. */
export interface ResourceObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, Relationship>;
  links: { self: string };
}

/** `{ data, included, meta, links }` for one record or a page of records. */
export interface DataDocument {
  data: ResourceObject | ResourceObject[];
  included: ResourceObject[];
  meta: Record<string, unknown>;
  links: { self: string; next?: string };
}

/** One entry of an error document. PCO's 429 uses `code` and `detail` only. */
export interface ErrorObject {
  status?: string;
  code?: string;
  title?: string;
  detail?: string;
}

/** `{ errors: [...] }`. */
export interface ErrorDocument {
  errors: ErrorObject[];
}

/** What every document of one request shares. */
export interface DocumentContext {
  /** Origin of absolute links, e.g. `https://api.planningcenteronline.com`. */
  origin: string;
  index: DatasetIndex;
  query: DocumentQuery;
  /** Spec of the primary data's type; its includes are resolved. */
  spec: TypeSpec;
}

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Reason phrase for an HTTP status, e.g. 404 → `Not Found`; `Error` for unlisted statuses. */
export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? 'Error';
}

/** `{"errors":[{"status","title","detail"}]}` for one error. */
export function errorDocument(status: number, detail: string): ErrorDocument {
  return { errors: [{ status: String(status), title: statusTitle(status), detail }] };
}

/** The attributes a row sends: the `fields[Type]` list if given, else all but the sparse-only ones. */
function selectAttributes(row: Row, fields: ReadonlySet<string> | undefined) {
  const sparseOnly = TYPE_SPECS[row.type].sparseOnly;
  return Object.fromEntries(
    Object.entries(row.attributes).filter(([name]) =>
      fields ? fields.has(name) : !sparseOnly.includes(name),
    ),
  );
}

const identify = (row: Row): ResourceIdentifier => ({ type: row.type, id: row.id });

/**
 * A resource object. A `fields[Type]` list selects *fields*, which JSON:API 1.0 §6.3 defines as
 * attributes and relationships alike: a relationship it does not name is left out, linkage and
 * all, exactly as real PCO does (pco-api.md "What real responses show").
 */
function resourceObject(
  row: Row,
  context: DocumentContext,
  relationships: Record<string, Relationship>,
): ResourceObject {
  const fields = context.query.fields.get(row.type);
  const self = `${context.origin}${row.path}`;
  const all: Record<string, Relationship> = {
    ...Object.fromEntries(Object.entries(row.toOne).map(([name, data]) => [name, { data }])),
    ...relationships,
  };
  return {
    type: row.type,
    id: row.id,
    attributes: selectAttributes(row, fields),
    relationships: Object.fromEntries(
      Object.entries(all)
        .filter(([name]) => !fields || fields.has(name))
        .map(([name, relationship]) => [
          name,
          {
            ...relationship,
            links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` },
          },
        ]),
    ),
    links: { self },
  };
}

/**
 * Resource objects for the primary rows and the de-duplicated `included` list.
 *
 * Each requested include adds its linkage to the primary record's `relationships` (an array for
 * to-many, an identifier or null for to-one) and its records to `included`, in first-seen order.
 * A record already in `data` is never repeated in `included` (JSON:API 1.0 §7.2.2: one resource
 * object per type and id).
 */
export function compound(
  rows: readonly Row[],
  context: DocumentContext,
): { data: ResourceObject[]; included: ResourceObject[] } {
  const seen = new Set(rows.map((row) => `${row.type}:${row.id}`));
  const included: ResourceObject[] = [];
  const data = rows.map((row) => {
    const relationships: Record<string, Relationship> = {};
    for (const name of context.query.include) {
      const include = context.spec.includes[name];
      if (!include) continue;
      const related = include.resolve(row, context.index);
      relationships[name] = {
        data: include.many ? related.map(identify) : related[0] ? identify(related[0]) : null,
      };
      for (const other of include.many ? related : related.slice(0, 1)) {
        const key = `${other.type}:${other.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        included.push(resourceObject(other, context, {}));
      }
    }
    return resourceObject(row, context, relationships);
  });
  return { data, included };
}

/** `meta.can_*` of a type, as PCO lists them. */
function capabilities(spec: TypeSpec): Record<string, string[]> {
  const meta: Record<string, string[]> = {
    can_include: Object.keys(spec.includes),
    can_order_by: [...spec.orderBy],
    can_query_by: Object.keys(spec.queryBy),
  };
  const filters = Object.keys(spec.filters);
  if (filters.length > 0) meta.can_filter = filters;
  return meta;
}

/** One page of a list endpoint and where it sits in the whole list. */
export interface ListPage {
  rows: readonly Row[];
  /** Records matching the query before paging. */
  total: number;
  offset: number;
  perPage: number;
  /** The request URL; `links.self` is it, `links.next` is it with the next offset. */
  requestUrl: URL;
  /** `meta.parent`: the Organization, or the record a nested list belongs to. */
  parent: ResourceIdentifier;
}

/**
 * A list document. `links.next` (absolute) and `meta.next.offset` are present only while records
 * remain after this page.
 */
export function listDocument(page: ListPage, context: DocumentContext): DataDocument {
  const { data, included } = compound(page.rows, context);
  const nextOffset = page.offset + page.perPage;
  const hasNext = nextOffset < page.total;
  const links: DataDocument['links'] = { self: page.requestUrl.href };
  if (hasNext) {
    const next = new URL(page.requestUrl.href);
    next.searchParams.set('offset', String(nextOffset));
    links.next = next.href;
  }
  return {
    data,
    included,
    meta: {
      total_count: page.total,
      count: data.length,
      ...(hasNext ? { next: { offset: nextOffset } } : {}),
      ...capabilities(context.spec),
      parent: page.parent,
    },
    links,
  };
}

/** A single-record document, e.g. `GET /calendar/v2/events/1`. */
export function singleDocument(
  row: Row,
  requestUrl: URL,
  context: DocumentContext,
  parent?: ResourceIdentifier,
): DataDocument {
  const { data, included } = compound([row], context);
  const meta: Record<string, unknown> = { can_include: Object.keys(context.spec.includes) };
  if (parent) meta.parent = parent;
  return { data: data[0] as ResourceObject, included, meta, links: { self: requestUrl.href } };
}

/** Serialises a document with the JSON:API Content-Type. */
export function jsonApiResponse(
  document: DataDocument | ErrorDocument,
  status: number,
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(document), {
    status,
    headers: { 'Content-Type': JSON_API_CONTENT_TYPE, ...headers },
  });
}
