/**
 * Parses a request's query string (`per_page`, `offset`, `where[…]`, `filter`, `order`, `include`,
 * `fields[Type]`) against one resource type, and applies it to that type's rows.
 *
 * Parsing is strict where PCO answers 400 (bad paging, bad include, bad order, bad filter, a value
 * that cannot be read as its attribute's type) and lenient where PCO is lenient: a `where[…]` on an
 * attribute the type cannot be queried by is dropped without a word, so a client that relies on it
 * gets every record back (docs/planning-center.md, "Filter locally too").
 *
 * @see docs/planning-center.md "Paging", "Query", "Sparse fields", "EventInstance filters", "Includes"
 */
import { DateTime } from 'luxon';
import type { AttributeKind, DatasetIndex, Row, TypeSpec } from './resources';
import { compareId } from './resources';

/** Records per page when `per_page` is absent. */
export const DEFAULT_PER_PAGE = 25;
/** Largest page; a larger `per_page` is capped to it, not rejected. */
export const MAX_PER_PAGE = 100;

/** `where[attr]=v` is `eq`; `where[attr][gte]=v` and friends compare date attributes. */
export type WhereOperator = 'eq' | 'gte' | 'gt' | 'lte' | 'lt';

const COMPARISONS: ReadonlySet<string> = new Set(['gte', 'gt', 'lte', 'lt']);

/** One parsed `where[…]`: dates are epoch milliseconds, booleans and integers are parsed. */
export interface WhereCondition {
  attribute: string;
  kind: AttributeKind;
  operator: WhereOperator;
  value: string | number | boolean;
}

/** One `order` key; `-attr` sorts descending. */
export interface OrderKey {
  attribute: string;
  descending: boolean;
}

/** What shapes any document: `include` names and sparse fieldsets by PCO type name. */
export interface DocumentQuery {
  include: string[];
  /** `fields[Type]=a,b` → `Type → {a, b}`; an empty `fields[Type]=` selects no attributes. */
  fields: Map<string, Set<string>>;
}

/** A list request's full query. */
export interface ListQuery extends DocumentQuery {
  /** 1..{@link MAX_PER_PAGE}. */
  perPage: number;
  /** Records to skip, ≥ 0. */
  offset: number;
  where: WhereCondition[];
  filters: string[];
  order: OrderKey[];
}

/** A parsed query, or the detail of the 400 that rejects it. */
export type QueryResult<T> = { ok: true; query: T } | { ok: false; detail: string };

const WHERE_KEY = /^where\[([^\][]*)\](?:\[([^\][]*)\])?$/;
const FIELDS_KEY = /^fields\[([^\][]+)\]$/;
const DIGITS = /^\d+$/;
const INTEGER = /^-?\d+$/;
/** `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and a `Z` or `±HH:MM` offset. */
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Comma-separated values of every occurrence of `name`, trimmed, empty entries dropped. */
function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/**
 * Reads a `where` date value as epoch milliseconds.
 *
 * A value with `Z` or an offset is that instant. A date-only `YYYY-MM-DD` (or a date-time without
 * an offset) is read in the organization's zone, so `2026-11-22` in `America/Chicago` is
 * `2026-11-22T06:00:00Z`.
 *
 * @param timeZone IANA zone of the organization.
 * @returns undefined when the value is not an ISO 8601 date or date-time, or is not a real date.
 */
export function parseWhereInstant(value: string, timeZone: string): number | undefined {
  if (!ISO_DATE_TIME.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** `include` and `fields[Type]` of any request; an include the type does not offer is a 400. */
export function parseDocumentQuery(
  params: URLSearchParams,
  spec: TypeSpec,
): QueryResult<DocumentQuery> {
  const include = listParam(params, 'include');
  const offered = Object.keys(spec.includes);
  const invalid = include.find((name) => !offered.includes(name));
  if (invalid !== undefined) {
    const allowed = offered.length > 0 ? offered.join(', ') : 'nothing';
    return {
      ok: false,
      detail: `Invalid include '${invalid}': ${spec.type} can include ${allowed}.`,
    };
  }
  const fields = new Map<string, Set<string>>();
  for (const [key, value] of params) {
    const type = FIELDS_KEY.exec(key)?.[1];
    if (type === undefined) continue;
    const names = value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    fields.set(type, new Set([...(fields.get(type) ?? []), ...names]));
  }
  return { ok: true, query: { include: [...new Set(include)], fields } };
}

/** `per_page` or `offset`: digits only; `undefined` when absent. */
function parseCount(params: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = params.get(name);
  if (raw === null) return undefined;
  return DIGITS.test(raw) ? Number(raw) : 'invalid';
}

/** The value of one `where` condition, or the 400 detail when it does not fit the attribute. */
function parseWhereValue(
  kind: AttributeKind,
  key: string,
  raw: string,
  timeZone: string,
): QueryResult<string | number | boolean> {
  switch (kind) {
    case 'string':
    case 'primary_key':
      return { ok: true, query: raw };
    case 'boolean':
      if (raw === 'true' || raw === 'false') return { ok: true, query: raw === 'true' };
      return { ok: false, detail: `${key} must be true or false.` };
    case 'integer':
      if (INTEGER.test(raw)) return { ok: true, query: Number(raw) };
      return { ok: false, detail: `${key} must be an integer.` };
    case 'date_time': {
      const instant = parseWhereInstant(raw, timeZone);
      if (instant !== undefined) return { ok: true, query: instant };
      return { ok: false, detail: `${key} is not a valid date or ISO 8601 time: '${raw}'.` };
    }
  }
}

/**
 * Every `where[…]` the type supports. Unsupported attributes are ignored (the PCO quirk);
 * comparisons on a non-date attribute, unknown operators and unreadable values are 400s.
 */
function parseWhere(
  params: URLSearchParams,
  spec: TypeSpec,
  timeZone: string,
): QueryResult<WhereCondition[]> {
  const conditions: WhereCondition[] = [];
  for (const [key, raw] of params) {
    const match = WHERE_KEY.exec(key);
    if (!match) continue;
    const attribute = match[1] ?? '';
    const kind = spec.queryBy[attribute];
    if (kind === undefined) continue;
    const operator = match[2];
    if (operator !== undefined && (kind !== 'date_time' || !COMPARISONS.has(operator))) {
      return {
        ok: false,
        detail: `Invalid query ${key}: only date attributes take [gte], [gt], [lte] or [lt].`,
      };
    }
    const value = parseWhereValue(kind, key, raw, timeZone);
    if (!value.ok) return value;
    conditions.push({
      attribute,
      kind,
      operator: (operator ?? 'eq') as WhereOperator,
      value: value.query,
    });
  }
  return { ok: true, query: conditions };
}

/**
 * Parses a list request's query for one resource type.
 *
 * @param timeZone the organization's IANA zone, for date-only `where` values.
 * @returns the query, or the detail of a 400: `per_page` < 1 or not an integer, `offset` < 0 or
 *   not an integer, an unknown `filter`, `order` or `include`, or a bad `where` value.
 */
export function parseListQuery(
  params: URLSearchParams,
  spec: TypeSpec,
  timeZone: string,
): QueryResult<ListQuery> {
  const perPage = parseCount(params, 'per_page');
  if (perPage === 'invalid' || perPage === 0) {
    return { ok: false, detail: `per_page must be an integer from 1 to ${MAX_PER_PAGE}.` };
  }
  const offset = parseCount(params, 'offset');
  if (offset === 'invalid') {
    return { ok: false, detail: 'offset must be a non-negative integer.' };
  }
  const filters = listParam(params, 'filter');
  const unknownFilter = filters.find((name) => spec.filters[name] === undefined);
  if (unknownFilter !== undefined) {
    return { ok: false, detail: `Invalid filter '${unknownFilter}' for ${spec.type}.` };
  }
  const order: OrderKey[] = listParam(params, 'order').map((key) => ({
    attribute: key.replace(/^-/, ''),
    descending: key.startsWith('-'),
  }));
  const badOrder = order.find((key) => !spec.orderBy.includes(key.attribute));
  if (badOrder !== undefined) {
    return { ok: false, detail: `Invalid order '${badOrder.attribute}' for ${spec.type}.` };
  }
  const where = parseWhere(params, spec, timeZone);
  if (!where.ok) return where;
  const document = parseDocumentQuery(params, spec);
  if (!document.ok) return document;
  return {
    ok: true,
    query: {
      ...document.query,
      perPage: Math.min(perPage ?? DEFAULT_PER_PAGE, MAX_PER_PAGE),
      offset: offset ?? 0,
      where: where.query,
      filters,
      order,
    },
  };
}

/** An attribute as a comparable value: dates as epoch ms; null and absent stay null. */
function comparable(row: Row, attribute: string, kind: AttributeKind | undefined) {
  const value = row.attributes[attribute];
  if (value === null || value === undefined) return null;
  if (kind === 'date_time') return Date.parse(String(value));
  if (kind === 'primary_key') return String(value);
  return value as string | number | boolean;
}

function matches(row: Row, condition: WhereCondition): boolean {
  const actual = comparable(row, condition.attribute, condition.kind);
  if (actual === null) return false;
  switch (condition.operator) {
    case 'eq':
      return actual === condition.value;
    case 'gte':
      return actual >= condition.value;
    case 'gt':
      return actual > condition.value;
    case 'lte':
      return actual <= condition.value;
    case 'lt':
      return actual < condition.value;
  }
}

/** Null sorts after every value, as Postgres does (`NULLS LAST` ascending, first descending). */
function compareValues(a: string | number | boolean | null, b: string | number | boolean | null) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Filters, orders and pages rows.
 *
 * Order is by each `order` key in turn, then by id ascending, so pages never overlap or skip
 * when several records share a sort value. Without `order`, records come by id ascending.
 *
 * @param nowMs clock for `filter=future`, epoch milliseconds.
 * @returns the requested page and the number of records matching before paging.
 */
export function selectRows(
  rows: readonly Row[],
  query: ListQuery,
  spec: TypeSpec,
  index: DatasetIndex,
  nowMs: number,
): { page: Row[]; total: number } {
  const selected = rows.filter(
    (row) =>
      query.where.every((condition) => matches(row, condition)) &&
      query.filters.every((name) => spec.filters[name]?.(row, index, nowMs) ?? false),
  );
  selected.sort((a, b) => {
    for (const { attribute, descending } of query.order) {
      const kind = spec.queryBy[attribute];
      const order = compareValues(comparable(a, attribute, kind), comparable(b, attribute, kind));
      if (order !== 0) return descending ? -order : order;
    }
    return compareId(a.id, b.id);
  });
  return {
    page: selected.slice(query.offset, query.offset + query.perPage),
    total: selected.length,
  };
}
