/**
 * `GET /embed.js`: the one-line embed script (see render/embed-script), and
 * `GET /widget.js`: the widget's script (images, frame messages, the details dialog; see
 * render/widget/script), and `GET /widget-dialog.css`, the dialog's stylesheet, shared by
 * every view so no page carries them inline. Their bytes never change
 * within a deployment, so each is cached for {@link EMBED_JS_MAX_AGE_SECONDS} and then
 * revalidated by a strong ETag (SHA-256 of the body): `If-None-Match` gets a 304. A query
 * string (a site's cache-buster such as `?v=2`) is ignored: options go in `data-*` attributes.
 */
import type { Hono } from 'hono';
import { EMBED_JS_MAX_AGE_SECONDS } from '../constants';
import { isNotModified } from '../http/conditional';
import { sha256Base64 } from '../render/csp';
import { EMBED_SCRIPT } from '../render/embed-script';
import { WIDGET_SCRIPT } from '../render/widget/script';
import { WIDGET_DIALOG_CSS } from '../render/widget/styles';
import type { AppEnv } from './app-env';
import { queryValidator } from './query';

const etags = new Map<string, Promise<string>>();

/** The ETag of a script body: a quoted, URL-safe prefix of its SHA-256 (memoized). */
function scriptEtag(body: string): Promise<string> {
  let etag = etags.get(body);
  if (!etag) {
    etag = sha256Base64(body).then(
      (digest) => `"${digest.slice(0, 22).replace(/\+/g, '-').replace(/\//g, '_')}"`,
    );
    etags.set(body, etag);
  }
  return etag;
}

/** The ETag of `/embed.js`. */
export function embedScriptEtag(): Promise<string> {
  return scriptEtag(EMBED_SCRIPT);
}

/** Registers `GET /embed.js`, `GET /widget.js` and `GET /widget-dialog.css`. */
export function embedJsRoutes(app: Hono<AppEnv>): void {
  staticFile(app, '/embed.js', EMBED_SCRIPT);
  staticFile(app, '/widget.js', WIDGET_SCRIPT);
  staticFile(app, '/widget-dialog.css', WIDGET_DIALOG_CSS, 'text/css; charset=utf-8');
}

/**
 * Serves `body` at `path` as `type` (JavaScript unless told), with a strong ETag and
 * `If-None-Match` → 304.
 */
function staticFile(
  app: Hono<AppEnv>,
  path: string,
  body: string,
  type = 'text/javascript; charset=utf-8',
): void {
  app.get(path, queryValidator('none'), async (c) => {
    const tag = await scriptEtag(body);
    const headers = {
      ETag: tag,
      'Cache-Control': `public, max-age=${EMBED_JS_MAX_AGE_SECONDS}`,
    };
    if (isNotModified(c.req.raw, tag, null)) return c.body(null, 304, headers);
    return c.body(body, 200, {
      ...headers,
      'Content-Type': type,
    });
  });
}
