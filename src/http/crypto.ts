/**
 * Secret comparisons and webhook signatures on WebCrypto.
 *
 * Comparisons hash both sides with SHA-256 first, so `timingSafeEqual` always compares equal
 * lengths and the time taken reveals neither the secret's length nor a matching prefix.
 */
import { toHex } from '../snapshot/version';

const encoder = new TextEncoder();

/** Constant-time equality of two strings (UTF-8). */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/**
 * Hex HMAC-SHA256 of `body` under `secret`, as PCO signs webhook deliveries
 * (`X-PCO-Webhooks-Authenticity`).
 *
 * @see docs/planning-center.md "Webhooks"
 */
export async function hmacSha256Hex(
  secret: string,
  body: ArrayBuffer | Uint8Array<ArrayBuffer>,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await crypto.subtle.sign('HMAC', key, body));
}
