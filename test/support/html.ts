/** Test helpers for reading rendered HTML (workerd's HTMLRewriter, published descriptions). */
import { XMLValidator } from 'fast-xml-parser';

/**
 * Decodes the entities hono's escaping writes (`&quot; &#39; &lt; &gt; &amp;`): HTMLRewriter
 * hands attribute values and text over raw.
 */
export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Deepest element nesting of an HTML fragment with allow-listed tags only, as published
 * descriptions are (`<br/>` does not nest). Not a parser: it counts start and end tags.
 */
export function nesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const [, close, name] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (name === 'br') continue;
    depth += close ? -1 : 1;
    max = Math.max(max, depth);
  }
  return max;
}

/** Whether an HTML fragment is also well-formed XML (fast-xml-parser's validator, wrapped). */
export function wellFormed(html: string): boolean {
  return XMLValidator.validate(`<div>${html}</div>`) === true;
}
