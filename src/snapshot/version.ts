/**
 * The content version of a snapshot: SHA-256 (WebCrypto) of the canonical JSON of its published
 * content, so that two refreshes that read the same calendar get the same version, and cached
 * bodies keyed by it stay valid across refreshes.
 */
import type { contentJson } from './stored-snapshot';

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of UTF-8 text, as lower-case hex (64 characters). */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * The version of a snapshot's published content: 32 hex characters (128 bits of SHA-256) of its
 * canonical JSON ({@link contentJson}: organization, tags, occurrences with each event's shared
 * data once). Build time, window, request counts and the connections cache are not part of it.
 *
 * @param json the snapshot's {@link contentJson}, built once and also written as its KV body
 */
export async function contentVersion(json: string): Promise<string> {
  return (await sha256Hex(json)).slice(0, 32);
}
