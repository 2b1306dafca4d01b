/**
 * What every feed route does: validate the query (400 first, before any cache or PCO work),
 * read the snapshot (503 on a cold start with PCO down), compute the ETag, answer 304 when it
 * matches, else answer from the Cache API or render and cache, then add staleness headers.
 *
 * Headers of every feed response:
 * - `ETag`: strong, 32 hex characters of SHA-256 over the snapshot version, rendering settings,
 *   route, validated query and the selected occurrence ids ({@link bodyETag}), known before any
 *   render, so a 304 costs no render and no body hash;
 * - `Last-Modified`: the snapshot's newest `updated_at`, or when its content last changed if
 *   later (see {@link snapshotLastModified}). Bodies also depend on the clock (feeds list what
 *   starts from now), which this does not follow: `If-None-Match` takes precedence and is exact,
 *   and a client that sends only `If-Modified-Since` may keep an item that aged out of its
 *   window, which feed readers and calendar apps do anyway;
 * - `Cache-Control`: `public, max-age, stale-while-revalidate, stale-if-error`, which Workers
 *   Caching in front of the Worker honours (see docs/cache-schema.md);
 * - `Cache-Tag`: `snapshot,snapshot-<version>` (every snapshot-backed route sends it, see
 *   {@link readSnapshot}); a refresh that publishes purges the `snapshot` tag;
 * - `Vary: Accept-Encoding`;
 * - `X-Snapshot-Age` (seconds), and `Age` when the snapshot is older than its max age.
 */
import type { Context } from 'hono';
import { readCached, storeCached } from '../cache/edge-cache';
import { bodyETag, edgeCacheKey } from '../cache/keys';
import { type CachePurge, purgeOf, snapshotCacheTags } from '../cache/purge';
import type { RefreshRecord } from '../cache/snapshot-store';
import {
  FEED_MAX_AGE_SECONDS,
  FEED_STALE_IF_ERROR_SECONDS,
  FEED_STALE_WHILE_REVALIDATE_SECONDS,
} from '../constants';
import { isNotModified, notModified } from '../http/conditional';
import type { Occurrence } from '../model/occurrence';
import { selectOccurrences } from '../model/select';
import { type Snapshot, snapshotLastModified } from '../model/snapshot';
import type { RenderContext } from '../render/render-context';
import { NoSnapshotError, type SnapshotRead, setupProblemOf } from '../snapshot/snapshot-source';
import type { AppEnv } from './app-env';
import { UpstreamUnavailableError } from './errors';
import { canonicalUrl, type QueryContext } from './query';

/** Renders a selection of a snapshot into a body: text, or a stream of its UTF-8 bytes. */
export type Renderer = (
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
) => string | ReadableStream<Uint8Array>;

/** The `Cache-Control` of feed responses. */
export const FEED_CACHE_CONTROL = `public, max-age=${FEED_MAX_AGE_SECONDS}, stale-while-revalidate=${FEED_STALE_WHILE_REVALIDATE_SECONDS}, stale-if-error=${FEED_STALE_IF_ERROR_SECONDS}`;

/** `ctx.waitUntil` when the platform gives one (absent under `app.request` in unit tests). */
export function waitUntilOf(c: Context): (promise: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return (promise) => void promise.catch(() => undefined);
  }
}

/**
 * The Workers Caching purge for this request: the injected one (tests), else the platform's
 * `ctx.cache.purge` when it exists (never locally).
 */
export function purgeFor(c: Context<AppEnv>): CachePurge | undefined {
  if (c.var.runtime.purge) return c.var.runtime.purge;
  try {
    return purgeOf(c.executionCtx);
  } catch {
    return undefined;
  }
}

/**
 * The plain reason of a cold-start 503: what failed, in the words of who failed. A credential
 * failure is a setup problem; a PCO outage names its kind; a failure while building the
 * calendar from what PCO did answer does not blame Planning Center.
 */
export function coldFailureReason(record: RefreshRecord): string {
  const setup = setupProblemOf(record);
  if (setup) return `setup problem: ${setup.reason} Fix: ${setup.fix}`;
  const kind = record.error?.kind;
  if (kind === 'build') {
    return 'pco-feeds failed while building or storing the calendar (its own error, shown on /health; not a Planning Center outage) and no earlier copy is available';
  }
  if (kind === 'schema') {
    return 'Planning Center sent an answer pco-feeds could not use (schema); no earlier copy is available';
  }
  if (record.result === 'held') return 'the first refresh is being confirmed; try again shortly';
  if (record.result === 'continuing') {
    return `the first snapshot is being built across several invocations (${record.pendingEvents ?? 0} events left to read); try again shortly`;
  }
  return `Planning Center could not be read (${kind ?? record.result}) and no earlier copy is available; try again shortly`;
}

/**
 * The snapshot for this request, with its age. Tags the response (`Cache-Tag`, for Workers
 * Caching purges) with the snapshot it came from.
 *
 * @throws {UpstreamUnavailableError} when there is none and PCO cannot be read (→ 503, with
 *   the back-off left as `Retry-After`)
 */
export async function readSnapshot(c: Context<AppEnv>): Promise<SnapshotRead> {
  try {
    const read = await c.var.runtime.source.read(waitUntilOf(c), purgeFor(c));
    c.header('Cache-Tag', snapshotCacheTags(read.snapshot.version));
    return read;
  } catch (error) {
    if (!(error instanceof NoSnapshotError)) throw error;
    throw new UpstreamUnavailableError(
      coldFailureReason(error.record),
      error.retryAfterSeconds,
      setupProblemOf(error.record) !== undefined,
    );
  }
}

/**
 * The current snapshot for this request.
 *
 * @throws {UpstreamUnavailableError} when there is none and PCO cannot be read (→ 503)
 */
export async function currentSnapshot(c: Context<AppEnv>): Promise<Snapshot> {
  return (await readSnapshot(c)).snapshot;
}

/**
 * The domain part of UIDs and feed item ids, from the organization's PCO id only.
 *
 * @example uidDomain('42') // 'pco-organization-42'
 */
export const uidDomain = (organizationId: string): string => `pco-organization-${organizationId}`;

/**
 * The render context of a request: base URL (PUBLIC_BASE_URL or origin), the UID domain
 * ({@link uidDomain}), the title (with ` (demo)` for the demo calendar) and the demo flag.
 */
export function renderContext(c: Context<AppEnv>, snapshot: Snapshot): RenderContext {
  const config = c.var.config;
  const baseUrl = config.publicBaseUrl ?? new URL(c.req.url).origin;
  const name = snapshot.organization.name;
  const demo = config.upstream.mode === 'demo';
  return {
    baseUrl,
    host: uidDomain(snapshot.organization.id),
    title: `${config.feedTitle ?? name}${demo ? ' (demo)' : ''}`,
    description: `Events from ${name}`,
    demo,
  };
}

/** Adds `X-Snapshot-Age`, and `Age` when stale, to a (possibly cached, immutable) response. */
function withSnapshotAge(response: Response, read: SnapshotRead): Response {
  const headers = new Headers(response.headers);
  headers.set('X-Snapshot-Age', String(read.ageSeconds));
  if (read.stale) headers.set('Age', String(read.ageSeconds));
  else headers.delete('Age');
  return new Response(response.body, { status: response.status, headers });
}

/**
 * Answers a feed route: validates the query, computes the ETag from the snapshot and the
 * selection, answers `If-None-Match`/`If-Modified-Since` with 304 before any render, else
 * serves the Cache API copy or renders and caches it.
 *
 * @param contentType the response's media type, with charset
 * @throws {UpstreamUnavailableError} on a cold start with PCO down (→ 503)
 */
export async function feedResponse(
  c: QueryContext,
  contentType: string,
  render: Renderer,
): Promise<Response> {
  const { selection } = c.req.valid('query');
  const read = await readSnapshot(c);
  const { snapshot } = read;
  // The decoded path; equivalent queries (tracking parameters, `limit=007`, repeated tags)
  // have one Selection, so they share one ETag and one Cache API entry.
  const url = new URL(canonicalUrl(c));
  const occurrences = selectOccurrences(snapshot.occurrences, selection, new Date());
  const etag = await bodyETag({
    path: url.pathname,
    version: snapshot.version,
    rendering: c.var.runtime.renderFingerprint,
    selection,
    occurrenceIds: occurrences.map((o) => o.id),
  });
  const headers = {
    'Content-Type': contentType,
    ETag: etag,
    'Last-Modified': new Date(snapshotLastModified(snapshot)).toUTCString(),
    'Cache-Control': FEED_CACHE_CONTROL,
    'Cache-Tag': snapshotCacheTags(snapshot.version),
    Vary: 'Accept-Encoding',
  };
  if (isNotModified(c.req.raw, etag, headers['Last-Modified'])) {
    return notModified(withSnapshotAge(new Response(null, { headers }), read));
  }
  const key = edgeCacheKey(url, etag);
  const cached = await readCached(key);
  if (cached) {
    // Same bytes; this request's headers (Last-Modified follows this snapshot's history).
    return withSnapshotAge(new Response(cached.body, { headers }), read);
  }
  const body = render(snapshot, occurrences, renderContext(c, snapshot));
  const response = new Response(body, { headers });
  storeCached(key, response, waitUntilOf(c));
  return withSnapshotAge(response, read);
}
