/**
 * Wire → typed records, one record at a time: checks each resource's attributes against its
 * type's declaration (`wire.ts` {@link RESOURCES}) and resolves its relationships against the
 * document's `included` records.
 *
 * {@link decodeRecord} never throws: a record whose required attributes cannot be read comes
 * back not `ok`, with whatever could be read (so the publication rule can still prove it
 * private), and a malformed optional attribute is dropped to null and named. The throwing
 * Organization is the exception: without its name and zone there is no calendar (read.ts).
 */
import { type Check, INVALID } from './checks';
import type { AttributesOf, Resource, ResourceDeclaration, ResourceIdentifier } from './wire';

/** A decoded record, or what could be read of one that could not be decoded. */
export type DecodeResult<T> =
  | {
      ok: true;
      attributes: T;
      /** Optional attributes that were present but malformed, dropped to null. */
      dropped: string[];
    }
  | {
      ok: false;
      /** The attributes that did read (required or optional). */
      partial: Partial<T>;
      /**
       * Required attributes that are missing or malformed, e.g. `kind: null` or
       * `all_day_event: unreadable string (expected a boolean)`; never a value.
       */
      problems: string[];
    };

/**
 * Decodes a resource's attributes against its declaration, attribute by attribute, walking the
 * declaration's precompiled checks (`declaration.checks`): a required attribute must pass its
 * check; an optional one that is absent or null reads as null, and one that fails its check is
 * dropped to null and named in `dropped`.
 *
 * @returns `ok` with the typed attributes (optional ones null when absent or malformed), or
 *   the readable part and the names of the required attributes that failed. Never throws.
 */
export function decodeRecord<D extends ResourceDeclaration>(
  resource: Resource,
  declaration: D,
): DecodeResult<AttributesOf<D>> {
  const attributes = resource.attributes ?? {};
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  const dropped: string[] = [];
  if (resource.type !== declaration.type) problems.push(`type ${resource.type}`);
  for (const { name, required, check } of declaration.checks) {
    const value = attributes[name];
    if (!required && (value === undefined || value === null)) {
      out[name] = null;
      continue;
    }
    const read = check.read(value);
    if (read !== INVALID) out[name] = read;
    else if (required) problems.push(`${name}: ${describeValue(value, check)}`);
    else {
      out[name] = null;
      dropped.push(name);
    }
  }
  if (problems.length > 0) return { ok: false, partial: out as Partial<AttributesOf<D>>, problems };
  return { ok: true, attributes: out as AttributesOf<D>, dropped };
}

/** A short, content-free description of a bad value (never the value itself) and what was expected. */
function describeValue(value: unknown, check: Check<unknown>): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return `unreadable ${Array.isArray(value) ? 'array' : typeof value} (expected ${check.expects})`;
}

/**
 * The identifier of a to-one relationship, or undefined when the linkage is absent.
 */
export function relatedId(resource: Resource, name: string, type: string): string | undefined {
  const data = resource.relationships?.[name]?.data;
  return data && !Array.isArray(data) && data.type === type ? data.id : undefined;
}

/** The identifiers of a to-many relationship, or undefined when the linkage is absent. */
export function relatedIds(resource: Resource, name: string): ResourceIdentifier[] | undefined {
  const data = resource.relationships?.[name]?.data;
  return Array.isArray(data) ? data : undefined;
}

/** Included records by `Type:id`. */
export type IncludedIndex = ReadonlyMap<string, Resource>;

/** Indexes `included` records by `Type:id`. */
export function indexIncluded(included: readonly Resource[]): IncludedIndex {
  return new Map(included.map((r) => [`${r.type}:${r.id}`, r]));
}
