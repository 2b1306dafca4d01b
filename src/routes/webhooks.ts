/**
 * `POST /webhooks/pco`: Planning Center webhook deliveries as a hint to refresh early.
 *
 * The delivery is verified first: `X-PCO-Webhooks-Authenticity` must be the hex HMAC-SHA256 of
 * the raw body under `PCO_WEBHOOK_SECRET`, compared in constant time. A bad or missing
 * signature gets 401 and nothing happens. A valid one schedules a refresh (coalesced with any
 * refresh under way, and leased across isolates) and is answered 200 at once; PCO retries
 * anything else up to 16 times. Without the secret the endpoint does not exist (404).
 *
 * Calendar sends only `calendar.v2.events.event_request.*` events, so polling (the Cron
 * Trigger) stays the source of truth.
 *
 * @see shared/pco-api.md "Webhooks"
 */
import type { Hono } from 'hono';
import { constantTimeEqual, hmacSha256Hex } from '../http/crypto';
import type { AppEnv } from './app-env';
import { notFound } from './errors';
import { waitUntilOf } from './feed-response';

/** Largest delivery body accepted (bytes). */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Registers `POST /webhooks/pco`. */
export function webhookRoutes(app: Hono<AppEnv>): void {
  app.post('/webhooks/pco', async (c) => {
    const secret = c.var.config.webhookSecret;
    if (!secret) return notFound(c);
    const declared = Number(c.req.header('Content-Length') ?? 0);
    if (declared > MAX_WEBHOOK_BODY_BYTES) {
      return c.text('Payload too large\n', 413, { 'Cache-Control': 'no-store' });
    }
    const body = await c.req.arrayBuffer();
    const signature = c.req.header('X-PCO-Webhooks-Authenticity')?.trim().toLowerCase() ?? '';
    const valid =
      body.byteLength <= MAX_WEBHOOK_BODY_BYTES &&
      /^[0-9a-f]{64}$/.test(signature) &&
      (await constantTimeEqual(signature, await hmacSha256Hex(secret, body)));
    if (!valid) {
      return c.text('Unauthorized: invalid X-PCO-Webhooks-Authenticity signature\n', 401, {
        'Cache-Control': 'no-store',
      });
    }
    waitUntilOf(c)(c.var.runtime.source.refresh());
    return c.json({ scheduled: true }, 200, { 'Cache-Control': 'no-store' });
  });
}
