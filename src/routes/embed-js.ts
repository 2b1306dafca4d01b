/**
 * `GET /embed.js`: the one-line embed script (see render/embed-script). Its bytes never change
 * within a deployment, so it is cached for {@link EMBED_JS_MAX_AGE_SECONDS} and then
 * revalidated by a strong ETag (SHA-256 of the body): `If-None-Match` gets a 304. A query
 * string (a site's cache-buster such as `?v=2`) is ignored: options go in `data-*` attributes.
 */
import type { Hono } from 'hono';
import { EMBED_JS_MAX_AGE_SECONDS } from '../constants';
import { sha256Base64 } from '../render/csp';
import { EMBED_SCRIPT } from '../render/embed-script';
import type { AppEnv } from './app-env';
import { queryValidator } from './query';

let etag: Promise<string> | undefined;

/** The ETag of `/embed.js`: a quoted, URL-safe prefix of its SHA-256. */
export function embedScriptEtag(): Promise<string> {
  etag ??= sha256Base64(EMBED_SCRIPT).then(
    (digest) => `"${digest.slice(0, 22).replace(/\+/g, '-').replace(/\//g, '_')}"`,
  );
  return etag;
}

/** True when an `If-None-Match` header lists `tag` (or is `*`); weak tags compare equal. */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === tag || t === '*');
}

/** Registers `GET /embed.js`. */
export function embedJsRoutes(app: Hono<AppEnv>): void {
  app.get('/embed.js', queryValidator('none'), async (c) => {
    const tag = await embedScriptEtag();
    const headers = {
      ETag: tag,
      'Cache-Control': `public, max-age=${EMBED_JS_MAX_AGE_SECONDS}`,
    };
    if (matches(c.req.header('If-None-Match'), tag)) return c.body(null, 304, headers);
    return c.body(EMBED_SCRIPT, 200, {
      ...headers,
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });
}
