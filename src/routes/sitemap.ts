/**
 * `GET /sitemap.xml`: the subscribe page and the event page of every published occurrence, in
 * the Sitemaps 0.9 format, for search engines. `lastmod` is the occurrence's `updated`
 * (W3C Datetime, UTC); the subscribe page's is the snapshot's Last-Modified.
 *
 * @see https://www.sitemaps.org/protocol.html
 */
import type { Hono } from 'hono';
import { PAGE_MAX_AGE_SECONDS } from '../constants';
import { type Snapshot, snapshotLastModified } from '../model/snapshot';
import type { AppEnv } from './app-env';
import { currentSnapshot, renderContext } from './feed-response';

/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** `2026-11-22T15:00:00Z`: a UTC instant in whole seconds (W3C Datetime). */
const w3c = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The sitemap of a snapshot: `/` first, then each occurrence's page in start order, at most
 * {@link SITEMAP_MAX_URLS} URLs.
 *
 * @param baseUrl PUBLIC_BASE_URL or the request's origin, no trailing slash
 * @example
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 * // <url><loc>https://feeds.example.org/</loc><lastmod>2026-11-20T08:00:00Z</lastmod></url>
 * // <url><loc>https://feeds.example.org/occurrences/1001</loc><lastmod>…</lastmod></url>
 */
export function renderSitemap(snapshot: Snapshot, baseUrl: string): string {
  const url = (loc: string, lastmod: string) =>
    `<url><loc>${escapeXml(loc)}</loc><lastmod>${w3c(lastmod)}</lastmod></url>\n`;
  const pages = snapshot.occurrences
    .slice(0, SITEMAP_MAX_URLS - 1)
    .map((o) => url(`${baseUrl}/occurrences/${encodeURIComponent(o.id)}`, o.updated));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    url(`${baseUrl}/`, snapshotLastModified(snapshot)) +
    pages.join('') +
    '</urlset>\n'
  );
}

/** Registers `GET /sitemap.xml`. */
export function sitemapRoutes(app: Hono<AppEnv>): void {
  app.get('/sitemap.xml', async (c) => {
    // It takes no parameters; any (fbclid, utm_*, …) are ignored, as on every public route.
    const snapshot = await currentSnapshot(c);
    const body = renderSitemap(snapshot, renderContext(c, snapshot).baseUrl);
    return c.body(body, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': `public, max-age=${PAGE_MAX_AGE_SECONDS}`,
      'Last-Modified': new Date(snapshotLastModified(snapshot)).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
