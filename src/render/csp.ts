/**
 * Content-Security-Policy helpers for the HTML pages: SHA-256 hash sources of inline
 * `<style>` and `<script>` blocks (WebCrypto), so the pages need neither `'unsafe-inline'`
 * nor nonces and stay cacheable.
 *
 * @see https://www.w3.org/TR/CSP3/#grammardef-hash-source
 */

const memo = new Map<string, Promise<string>>();
/** Bound on memoized hashes (stylesheets vary with `accent` and `theme`). */
const MEMO_MAX_ENTRIES = 256;

/** Base64 of bytes. */
function base64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** SHA-256 of UTF-8 text, base64. */
export async function sha256Base64(text: string): Promise<string> {
  return base64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * The CSP hash source of an inline block's exact text.
 *
 * @example await hashSource('body{margin:0}') // "'sha256-…='"
 */
export function hashSource(text: string): Promise<string> {
  let hash = memo.get(text);
  if (!hash) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    hash = sha256Base64(text).then((digest) => `'sha256-${digest}'`);
    memo.set(text, hash);
  }
  return hash;
}

/** A policy as directive → sources; rendered in insertion order. */
export type CspDirectives = Record<string, readonly string[]>;

/** `name src src; name src` */
export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}
