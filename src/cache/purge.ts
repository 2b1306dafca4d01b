/**
 * Purging Workers Caching by tag (`ctx.cache.purge({ tags })`).
 *
 * Workers Caching (`[cache] enabled = true` in wrangler.toml) keeps public responses in front
 * of the Worker, keyed by URL and tagged by their `Cache-Tag` header; a hit never runs the
 * Worker. When a refresh publishes a new snapshot, every entry built from an older one is
 * purged so subscribers get the new calendar at once. The purge API exists only on the
 * deployed platform: locally `ctx.cache` is undefined (Workers Caching is not emulated by
 * wrangler 4.86 or miniflare), so it is feature-detected here and injected in tests.
 *
 * @see https://developers.cloudflare.com/workers/cache/purge/
 */
import { SNAPSHOT_CACHE_TAG } from '../constants';

/** Purges cached responses carrying any of `tags`; rejects when the platform refuses. */
export type CachePurge = (tags: readonly string[]) => Promise<void>;

interface PurgingCache {
  purge(options: { tags: string[] }): Promise<unknown>;
}

/**
 * The purge function of an invocation's execution context, or undefined where Workers Caching
 * is absent (local development, tests, a Worker deployed without `[cache]`).
 */
export function purgeOf(ctx: unknown): CachePurge | undefined {
  const cache = (ctx as { cache?: Partial<PurgingCache> } | undefined)?.cache;
  const purge = cache?.purge;
  if (typeof purge !== 'function') return undefined;
  return async (tags) => {
    await purge.call(cache, { tags: [...tags] });
  };
}

/**
 * The `Cache-Tag` value of a response built from snapshot `version`: the tag shared by every
 * snapshot-derived response (purged on publish) and the version's own tag (for diagnosis and
 * targeted purges).
 */
export function snapshotCacheTags(version: string): string {
  return `${SNAPSHOT_CACHE_TAG},${SNAPSHOT_CACHE_TAG}-${version}`;
}
