/**
 * What every feed route does after its query validator (400 first, before any cache or PCO
 * work; see routes/query): read the snapshot (503 on a cold start with PCO down), answer from the Cache API or render
 * and cache, then apply conditional requests and staleness headers.
 *
 * Headers of every feed response:
 * - `ETag`: strong, 32 hex characters of SHA-256 over the body (same bytes, same ETag);
 * - `Last-Modified`: the snapshot's newest `updated_at`, or when its content last changed if
 *   later (see {@link snapshotLastModified}). Bodies also depend on the clock (feeds list what
 *   starts from now), which this does not follow: `If-None-Match` takes precedence and is exact,
 *   and a client that sends only `If-Modified-Since` may keep an item that aged out of its
 *   window, which feed readers and calendar apps do anyway;
 * - `Cache-Control`: `public, max-age, stale-while-revalidate, stale-if-error`;
 * - `Vary: Accept-Encoding`;
 * - `X-Snapshot-Age` (seconds), and `Age` when the snapshot is older than its max age.
 */
import type { Context } from 'hono';
import { readCached, storeCached } from '../cache/edge-cache';
import { edgeCacheKey } from '../cache/keys';
import {
  COLD_RETRY_AFTER_SECONDS,
  FEED_MAX_AGE_SECONDS,
  FEED_STALE_IF_ERROR_SECONDS,
  FEED_STALE_WHILE_REVALIDATE_SECONDS,
} from '../constants';
import { isNotModified, notModified } from '../http/conditional';
import type { Occurrence } from '../model/occurrence';
import { selectOccurrences } from '../model/select';
import { type Snapshot, snapshotLastModified } from '../model/snapshot';
import type { RenderContext } from '../render/render-context';
import { NoSnapshotError, type SnapshotRead } from '../snapshot/snapshot-source';
import { sha256Hex } from '../snapshot/version';
import type { AppEnv } from './app-env';
import { UpstreamUnavailableError } from './errors';
import { canonicalUrl, type QueryContext } from './query';

/** Renders a selection of a snapshot into a body. */
export type Renderer = (
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
) => string;

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
 * The snapshot for this request, with its age.
 *
 * @throws {UpstreamUnavailableError} when there is none and PCO cannot be read (→ 503)
 */
export async function readSnapshot(c: Context<AppEnv>): Promise<SnapshotRead> {
  try {
    return await c.var.runtime.source.read(waitUntilOf(c));
  } catch (error) {
    if (!(error instanceof NoSnapshotError)) throw error;
    const kind = error.record.error?.kind ?? error.record.result;
    throw new UpstreamUnavailableError(
      `Planning Center could not be read (${kind}) and no earlier copy is available; try again shortly`,
      COLD_RETRY_AFTER_SECONDS,
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
 * Answers a feed route (its query already validated by `queryValidator`): serves the cached
 * body of this snapshot version and canonical query, or renders, hashes and caches it, then
 * applies `If-None-Match`/`If-Modified-Since`.
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
  // Equivalent queries (tracking parameters, `limit=007`, repeated tags) share one entry.
  const key = edgeCacheKey(
    new URL(canonicalUrl(c)),
    read.snapshot.version,
    c.var.runtime.renderFingerprint,
  );
  let response = await readCached(key);
  if (!response) {
    const { snapshot } = read;
    const occurrences = selectOccurrences(snapshot.occurrences, selection, new Date());
    const body = render(snapshot, occurrences, renderContext(c, snapshot));
    response = new Response(body, {
      headers: {
        'Content-Type': contentType,
        ETag: `"${(await sha256Hex(body)).slice(0, 32)}"`,
        'Last-Modified': new Date(snapshotLastModified(snapshot)).toUTCString(),
        'Cache-Control': FEED_CACHE_CONTROL,
        Vary: 'Accept-Encoding',
      },
    });
    storeCached(key, response, waitUntilOf(c));
  }
  response = withSnapshotAge(response, read);
  const { headers } = response;
  return isNotModified(c.req.raw, headers.get('ETag'), headers.get('Last-Modified'))
    ? notModified(response)
    : response;
}
