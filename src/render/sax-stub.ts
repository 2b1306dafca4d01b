/**
 * Stands in for the `sax` XML reader in the Worker bundle (wrangler `[alias]` in wrangler.toml and
 * wrangler.demo.toml).
 *
 * `feed` writes RSS and JSON Feed through xml-js's `js2xml` writer only, but xml-js's index also
 * loads its `xml2js` reader, which requires `sax` at module scope and calls it only when XML is
 * parsed. pco-feeds never parses XML with xml-js, so the reader gets this module instead of
 * `sax`: measured with `npm run size`, −7,525 B gzipped (22.7 KB minified) off the production
 * bundle. The workerd unit tests (vitest-pool-workers) ignore wrangler's `[alias]` and keep the
 * real `sax`; the client suite (`npm run test:clients`) runs `wrangler dev` on wrangler.toml, so
 * the RSS and JSON feeds it checks with feedparser and newsboat are written with this stub.
 */

/**
 * Would build a sax parser; here it always throws.
 * @throws {Error} always: XML reading is not part of the Worker bundle.
 */
export function parser(): never {
  throw new Error(
    'sax is not in the Worker bundle (wrangler [alias] → src/render/sax-stub.ts): xml-js may write XML (js2xml) but not read it',
  );
}
