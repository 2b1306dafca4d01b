/**
 * Rendered feed bodies in the Cache API (`caches.default`), keyed by {@link edgeCacheKey}: the
 * route and the body's ETag. A hit costs no rendering.
 *
 * Why this layer stays beside Workers Caching (`[cache]` in wrangler.toml), which serves
 * repeat requests in front of the Worker: Workers Caching keys on the full URL, so URLs that
 * differ only in parameter order, spelling or tracking parameters (`?fbclid=…`) each miss it
 * and run the Worker. This layer is keyed by the canonical selection instead, so those misses
 * still skip the render. Everything else (honouring `Cache-Control`, stale-while-revalidate,
 * stale-if-error, purging by `Cache-Tag`) is Workers Caching's job and is not repeated here.
 *
 * Limits, both platform facts: the Cache API does nothing on `*.workers.dev` (puts are
 * dropped; only a custom domain has a zone cache), and neither it nor Workers Caching is
 * emulated by `wrangler dev` in a way that keeps bodies across requests for Workers Caching.
 *
 * @see https://developers.cloudflare.com/workers/runtime-apis/cache/
 */

/**
 * The cached response for `key`, if any, with its body already read into memory (one feed body:
 * under 1 MB for most calendars, several MB for a `.ics` near its 10,000-VEVENT limit).
 *
 * Why the body is read here and not streamed to the client: the Cache API is an accelerator, and
 * its reads fail transiently (`Error: Network connection lost.`, which Cloudflare documents as a
 * transient binding failure, and it can come part-way through a body). Once a response's headers are sent, a body that breaks can only end as a
 * truncated calendar and a closed socket. Read whole, any failure of the lookup or of the body
 * is a miss (logged as `cache read failed: …`), and the caller renders instead.
 */
export async function readCached(key: Request): Promise<Response | undefined> {
  try {
    const cached = await caches.default.match(key);
    if (!cached) return undefined;
    const body = await cached.arrayBuffer();
    return new Response(body, { status: cached.status, headers: cached.headers });
  } catch (error) {
    console.error(`cache read failed: ${String(error)}`);
    return undefined;
  }
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
