/** Test helper for reading rendered HTML with workerd's HTMLRewriter. */

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
