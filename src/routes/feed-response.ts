/**
 * What every feed route does: read the snapshot (503 on a cold start with PCO down), validate
 * the query into a selection, render, and answer with the right headers.
 */
import type { Context } from 'hono';
import type { Occurrence } from '../model/occurrence';
import { selectOccurrences } from '../model/select';
import type { Snapshot } from '../model/snapshot';
import type { RenderContext } from '../render/render-context';
import type { AppEnv } from './app-env';
import { UpstreamUnavailableError } from './errors';
import { parseSelection, type RouteKind } from './query';

/** Seconds a client should wait after a cold-start 503. */
const COLD_RETRY_AFTER_SECONDS = 60;
/** Browser/CDN caching of feed bodies, seconds. */
const FEED_MAX_AGE_SECONDS = 300;

/** Renders a selection of a snapshot into a body. */
export type Renderer = (
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
) => string;

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
 * The current snapshot for this request.
 *
 * @throws {UpstreamUnavailableError} when there is none and PCO cannot be read
 */
export async function currentSnapshot(c: Context<AppEnv>): Promise<Snapshot> {
  try {
    return (await c.var.runtime.source.read(waitUntilOf(c))).snapshot;
  } catch (error) {
    const kind =
      error instanceof Error && 'kind' in error
        ? String((error as { kind: unknown }).kind)
        : 'error';
    throw new UpstreamUnavailableError(
      `Planning Center could not be read (${kind}) and no earlier copy is available; try again shortly`,
      COLD_RETRY_AFTER_SECONDS,
    );
  }
}

/** The render context of a request: base URL (PUBLIC_BASE_URL or origin), host, title. */
export function renderContext(c: Context<AppEnv>, snapshot: Snapshot): RenderContext {
  const config = c.var.config;
  const baseUrl = config.publicBaseUrl ?? new URL(c.req.url).origin;
  const name = snapshot.organization.name;
  return {
    baseUrl,
    host: new URL(baseUrl).host,
    title: config.feedTitle ?? name,
    description: `Events from ${name}`,
  };
}

/**
 * Answers a feed route: validates the query, cuts the snapshot, renders.
 *
 * @param contentType the response's media type, with charset
 * @throws {BadRequestError} for an invalid query (→ 400)
 */
export async function feedResponse(
  c: Context<AppEnv>,
  kind: RouteKind,
  contentType: string,
  render: Renderer,
): Promise<Response> {
  const selection = parseSelection(new URL(c.req.url).searchParams, kind, c.var.config);
  const snapshot = await currentSnapshot(c);
  const occurrences = selectOccurrences(snapshot.occurrences, selection, new Date());
  const body = render(snapshot, occurrences, renderContext(c, snapshot));
  return c.body(body, 200, {
    'Content-Type': contentType,
    'Cache-Control': `public, max-age=${FEED_MAX_AGE_SECONDS}`,
    ...(snapshot.lastModified
      ? { 'Last-Modified': new Date(snapshot.lastModified).toUTCString() }
      : {}),
  });
}
