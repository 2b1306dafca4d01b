/**
 * JSON:API paging: fetch a list, then follow `links.next` until PCO stops sending it.
 *
 * Each page is shape-checked before it is yielded, so a page that fails part-way through a
 * listing throws and the caller never sees a partial result as if it were whole.
 *
 * @see docs/planning-center.md "Paging" (follow `links.next`; `meta` is not relied on, only
 *   checked so that a listing whose `meta.next` and `links.next` disagree fails instead of ending)
 */
import { PCO_MAX_PAGES, PCO_PER_PAGE } from '../constants';
import type { PcoClient, QueryParams } from './client';
import { PcoSchemaError } from './errors';
import { checkListDocument, checkSingleDocument, type ListDocument, type Resource } from './wire';

/**
 * Yields every page of a PCO list, `per_page=100`, following `links.next`.
 *
 * @param path API path such as `/calendar/v2/event_instances`
 * @param query filters, includes and sparse fields (`per_page` is set here)
 * @throws {PcoError} any transport failure, or {@link PcoSchemaError} for a malformed page, a
 *   `links.next` to a page already read, a `meta.next` without `links.next`, or more than
 *   `PCO_MAX_PAGES` pages
 */
export async function* paginate(
  client: PcoClient,
  path: string,
  query: QueryParams = {},
): AsyncGenerator<ListDocument> {
  let url: URL | undefined = client.url(path, { ...query, per_page: PCO_PER_PAGE });
  // A `links.next` back to a page already read is an offset loop: stop at once, not after
  // PCO_MAX_PAGES requests.
  const seen = new Set<string>();
  for (let page = 1; url; page += 1) {
    if (seen.has(url.href))
      throw new PcoSchemaError('links.next repeats a page', `GET ${url.href}`);
    seen.add(url.href);
    if (page > PCO_MAX_PAGES)
      throw new PcoSchemaError(`more than ${PCO_MAX_PAGES} pages`, `GET ${url.href}`);
    const body = await client.getJson(url);
    const parsed = checkListDocument(body);
    if (!parsed.success) throw new PcoSchemaError(describeIssues(parsed.error), `GET ${url.href}`);
    yield parsed.data;
    const next = parsed.data.links?.next;
    // `meta` never steers paging, but a `meta.next` beside a missing `links.next` says the
    // listing would end early: refuse it rather than publish the first pages as the whole.
    if (!next && parsed.data.meta?.next != null)
      throw new PcoSchemaError('meta.next without links.next', `GET ${url.href}`);
    url = next ? new URL(next) : undefined;
  }
}

/**
 * Reads a whole list: every page's `data` and `included`, concatenated.
 *
 * @throws like {@link paginate}
 */
export async function readAll(
  client: PcoClient,
  path: string,
  query: QueryParams = {},
): Promise<{ data: Resource[]; included: Resource[] }> {
  const data: Resource[] = [];
  const included: Resource[] = [];
  for await (const page of paginate(client, path, query)) {
    data.push(...page.data);
    if (page.included) included.push(...page.included);
  }
  return { data, included };
}

/**
 * Reads a single-resource document such as `GET /calendar/v2` (the Organization).
 *
 * @throws {PcoError} any transport failure, or {@link PcoSchemaError} for a malformed answer
 */
export async function readOne(
  client: PcoClient,
  path: string,
  query: QueryParams = {},
): Promise<Resource> {
  const url = client.url(path, query);
  const parsed = checkSingleDocument(await client.getJson(url));
  if (!parsed.success) throw new PcoSchemaError(describeIssues(parsed.error), `GET ${url.href}`);
  return parsed.data.data;
}

/** A document check's problems as one short line: `data.3.id: Expected a non-empty string; …`. */
export function describeIssues(error: {
  issues: ReadonlyArray<{ path: (string | number)[]; message: string }>;
}): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`)
    .join('; ');
}
