/**
 * URLs from Planning Center made safe to publish: staff type them (registration links,
 * attachment and image URLs), and every output writes them raw into `href`, `src`, RSS
 * `<link>`, iCalendar `URL`/`ATTACH`/`IMAGE` values and JSON.
 */

/** Any whitespace or control character: never valid in a URL, and a line-injection risk in iCalendar. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * An absolute `http:`/`https:` URL as given (trimmed), or null for anything else: empty,
 * relative, another scheme (`javascript:`, `data:`, `mailto:`), or containing whitespace or
 * control characters.
 */
export function publicUrl(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text || UNSAFE.test(text)) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:' ? text : null;
  } catch {
    return null;
  }
}
