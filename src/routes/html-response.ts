/**
 * Answers with one of the HTML pages (`/widget`, `/`): a strict Content-Security-Policy that
 * allows exactly the page's inline style and script by hash. The other security headers
 * (`nosniff`, referrer policy…) come from Hono's secureHeaders in app.ts.
 */
import type { Context } from 'hono';
import { PAGE_MAX_AGE_SECONDS } from '../constants';
import type { Snapshot } from '../model/snapshot';
import { type CspDirectives, cspHeader, hashSource } from '../render/csp';
import type { RenderedPage } from '../render/widget/page';
import type { AppEnv } from './app-env';

/** Directives beyond the defaults (`default-src 'none'`, the style/script hashes, `base-uri`). */
export type ExtraDirectives = CspDirectives;

/**
 * The CSP of a rendered page: nothing is allowed but its own inline style and script (by
 * SHA-256), https images, and what `extra` adds (`frame-ancestors`, `frame-src`…).
 */
export async function pageCsp(page: RenderedPage, extra: ExtraDirectives): Promise<string> {
  // `script-src` and `style-src` in `extra` add sources (e.g. 'self' for a shared file) to the
  // hash; a `script-src` of `'none'` replaces it (a page without script).
  const { 'script-src': scripts = [], 'style-src': styles = [], ...rest } = extra;
  return cspHeader({
    'default-src': ["'none'"],
    'style-src': [await hashSource(page.css), ...styles],
    'script-src': scripts.includes("'none'")
      ? ["'none'"]
      : [...(page.script ? [await hashSource(page.script)] : []), ...scripts],
    'img-src': ['https:'],
    'base-uri': ["'none'"],
    ...rest,
  });
}

/**
 * A 200 `text/html` answer with the page's CSP, cached for
 * {@link PAGE_MAX_AGE_SECONDS}.
 */
export async function htmlResponse(
  c: Context<AppEnv>,
  page: RenderedPage,
  snapshot: Snapshot,
  extra: ExtraDirectives,
): Promise<Response> {
  return c.body(page.html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': await pageCsp(page, extra),
    'Cache-Control': `public, max-age=${PAGE_MAX_AGE_SECONDS}`,
    ...(snapshot.lastModified
      ? { 'Last-Modified': new Date(snapshot.lastModified).toUTCString() }
      : {}),
  });
}
