/**
 * Rendered bodies in the Cache API (`caches.default`), keyed by {@link edgeCacheKey}: the
 * canonical request plus the snapshot version. A hit costs no rendering and no hashing.
 *
 * @see https://developers.cloudflare.com/workers/runtime-apis/cache/
 */

/** The cached response for `key`, if any. */
export async function readCached(key: Request): Promise<Response | undefined> {
  return caches.default.match(key);
}

/**
 * Stores a rendered response under `key` without delaying the answer. Its `Cache-Control`
 * max-age bounds how long the edge keeps it.
 */
export function storeCached(
  key: Request,
  response: Response,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  waitUntil(
    caches.default.put(key, response.clone()).catch((error: unknown) => {
      console.error(`cache put failed: ${String(error)}`);
    }),
  );
}
