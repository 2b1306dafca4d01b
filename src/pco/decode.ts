/**
 * Wire → typed records: checks each resource's attributes and resolves its relationships
 * against the document's `included` records.
 *
 * A relationship that points at a record missing from `included`, or a resource whose
 * attributes do not match what we asked for, is a {@link PcoSchemaError}: better no refresh
 * than a feed built from half an answer.
 */
import type { z } from 'zod';
import { PcoSchemaError } from './errors';
import { describeIssues } from './paginate';
import type { Resource, ResourceIdentifier } from './wire';

/** Included records by `Type:id`. */
export type IncludedIndex = ReadonlyMap<string, Resource>;

/** Indexes `included` records by `Type:id` for {@link resolveOne}. */
export function indexIncluded(included: readonly Resource[]): IncludedIndex {
  return new Map(included.map((r) => [`${r.type}:${r.id}`, r]));
}

/**
 * Parses a resource's attributes with its type's schema.
 *
 * @throws {PcoSchemaError} naming the type, id and the first bad attributes
 */
export function attributesOf<S extends z.ZodTypeAny>(
  resource: Resource,
  type: string,
  schema: S,
): z.output<S> {
  if (resource.type !== type) {
    throw new PcoSchemaError(`expected a ${type}, got ${resource.type} ${resource.id}`);
  }
  const parsed = schema.safeParse(resource.attributes);
  if (!parsed.success) {
    throw new PcoSchemaError(`${type} ${resource.id}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * The identifier of a to-one relationship.
 *
 * @throws {PcoSchemaError} when the relationship or its linkage is missing
 */
export function relatedId(resource: Resource, name: string, type: string): string {
  const data = resource.relationships?.[name]?.data;
  if (!data || Array.isArray(data) || data.type !== type) {
    throw new PcoSchemaError(`${resource.type} ${resource.id} has no ${name} relationship`);
  }
  return data.id;
}

/**
 * The identifiers of a to-many relationship that was included.
 *
 * @throws {PcoSchemaError} when the linkage is missing or not a list
 */
export function relatedIds(resource: Resource, name: string): ResourceIdentifier[] {
  const data = resource.relationships?.[name]?.data;
  if (!Array.isArray(data)) {
    throw new PcoSchemaError(`${resource.type} ${resource.id} has no ${name} linkage`);
  }
  return data;
}

/**
 * The included record a linkage points at.
 *
 * @throws {PcoSchemaError} when `included` lacks it
 */
export function resolveOne(
  index: IncludedIndex,
  from: Resource,
  ref: ResourceIdentifier,
): Resource {
  const found = index.get(`${ref.type}:${ref.id}`);
  if (!found) {
    throw new PcoSchemaError(
      `${from.type} ${from.id} refers to ${ref.type} ${ref.id}, which is not included`,
    );
  }
  return found;
}
