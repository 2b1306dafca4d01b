/**
 * Stands in for the `xml-js` package in the Worker bundle (wrangler `[alias]` in wrangler.toml
 * and wrangler.demo.toml): its `js2xml` writer and nothing else.
 *
 * `feed` writes RSS (and Atom, unused here: render/atom) through `xml-js`'s `js2xml` only, but
 * the package's index also loads its `xml2js` and `xml2json` readers and, through them, the
 * `sax` parser at module scope. pco-feeds never reads XML with xml-js, so the bundle gets this
 * module instead: measured with `npm run size` (gzip -9, 2026-12-02), −9,489 B gzipped against
 * the whole package (sax alone was −7,525 B). The workerd unit tests (vitest-pool-workers)
 * ignore wrangler's `[alias]` and keep the real package; the client suite (`npm run
 * test:clients`) runs `wrangler dev` on wrangler.toml, so the RSS it checks with feedparser,
 * newsboat and jing is written through this module.
 *
 * The path goes through node_modules because the alias also captures `xml-js/…` subpaths.
 */
// @ts-expect-error xml-js ships types for its index only, not for lib/js2xml.js
import writer from '../../node_modules/xml-js/lib/js2xml.js';

/** xml-js's `js2xml(object, options)`: the XML text of a JavaScript object tree. */
export const js2xml: (object: unknown, options?: unknown) => string = writer;
