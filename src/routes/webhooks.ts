/**
 * `POST /webhooks/pco`: Planning Center webhook deliveries as a rate-limited hint to refresh
 * early. Without `PCO_WEBHOOK_SECRET` the endpoint does not exist (404).
 *
 * Order of checks, cheapest first, so no input costs more than it must:
 * 1. `X-PCO-Webhooks-Authenticity` must be present and 64 hex characters (a SHA-256 HMAC);
 *    otherwise 401 before the body is read at all.
 * 2. The body is read with a running cap of `WEBHOOK_MAX_BODY_BYTES` (deliveries are a few KB):
 *    a bigger one, declared or chunked, is refused 413 as soon as the cap is passed.
 * 3. The signature must be the hex HMAC-SHA256 of the raw body under the secret, compared in
 *    constant time; otherwise 401.
 * 4. Replay protection: the signed body carries each delivery's id (`data[].id` of its
 *    `EventDelivery` records, along with `attributes.name`, `attempt` and the JSON-encoded
 *    `payload`; no timestamp is signed: `X-PCO-Webhooks-Event-Time` is an unsigned header). A
 *    delivery whose ids this isolate has all seen is acknowledged 200 and does nothing.
 * 5. A valid delivery is only a hint: {@link SnapshotSource.hint} refreshes at once when the
 *    last refresh started at least `WEBHOOK_MIN_INTERVAL_SECONDS` (60 s) ago, else defers one
 *    refresh to that moment, and deliveries inside the interval coalesce into it. However many
 *    deliveries arrive (replayed or real), webhooks cost at most one refresh a minute.
 *
 * Every accepted delivery is answered 200 at once (PCO retries anything else up to 16 times).
 * Calendar sends only `calendar.v2.events.event_request.*`, so polling (the Cron Trigger) stays
 * the source of truth.
 *
 * @see docs/planning-center.md "Webhooks"
 */
import type { Hono } from 'hono';
import {
  WAIT_UNTIL_MAX_DEFER_SECONDS,
  WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_SEEN_IDS,
} from '../constants';
import { readCappedBody } from '../http/body';
import { constantTimeEqual, hmacSha256Hex } from '../http/crypto';
import type { AppEnv } from './app-env';
import { notFound } from './errors';
import { purgeFor, waitUntilOf } from './feed-response';

const NO_STORE = { 'Cache-Control': 'no-store' };
const SIGNATURE = /^[0-9a-f]{64}$/;

/** The delivery ids of a PCO webhook body (`data[].id`), or none when it has another shape. */
export function deliveryIds(body: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as { data?: unknown };
    const data = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    return data.flatMap((d) =>
      d && typeof d === 'object' && typeof (d as { id?: unknown }).id === 'string'
        ? [(d as { id: string }).id]
        : [],
    );
  } catch {
    return [];
  }
}

/** Remembers `ids` in `seen` (oldest forgotten first); true when every one was already there. */
function replayed(seen: Set<string>, ids: readonly string[]): boolean {
  if (ids.length > 0 && ids.every((id) => seen.has(id))) return true;
  for (const id of ids) {
    seen.delete(id);
    seen.add(id);
  }
  for (const id of seen) {
    if (seen.size <= WEBHOOK_SEEN_IDS) break;
    seen.delete(id);
  }
  return false;
}

/** Registers `POST /webhooks/pco`. */
export function webhookRoutes(app: Hono<AppEnv>): void {
  app.post('/webhooks/pco', async (c) => {
    const secret = c.var.config.webhookSecret;
    if (!secret) return notFound(c);
    const signature = c.req.header('X-PCO-Webhooks-Authenticity')?.trim().toLowerCase() ?? '';
    if (!SIGNATURE.test(signature)) {
      await c.req.raw.body?.cancel().catch(() => undefined);
      return c.text(
        'Unauthorized: X-PCO-Webhooks-Authenticity must be a hex HMAC-SHA256 signature\n',
        401,
        NO_STORE,
      );
    }
    const body = await readCappedBody(c.req.raw, WEBHOOK_MAX_BODY_BYTES);
    if (!body) {
      return c.text(`Payload too large: over ${WEBHOOK_MAX_BODY_BYTES} bytes\n`, 413, NO_STORE);
    }
    const expected = await hmacSha256Hex(secret, body);
    if (!(await constantTimeEqual(signature, expected))) {
      return c.text('Unauthorized: invalid X-PCO-Webhooks-Authenticity signature\n', 401, NO_STORE);
    }
    const { runtime } = c.var;
    if (replayed(runtime.seenDeliveries, deliveryIds(body))) {
      return c.json({ scheduled: false, reason: 'duplicate delivery' }, 200, NO_STORE);
    }
    const waitUntil = waitUntilOf(c);
    const purge = purgeFor(c);
    const outcome = await runtime.source.hint(waitUntil, purge);
    const dueInMs = runtime.source.hintDueInMs();
    if (outcome.action === 'deferred' && dueInMs !== undefined) {
      if (dueInMs <= WAIT_UNTIL_MAX_DEFER_SECONDS * 1000) {
        waitUntil(
          new Promise((resolve) => setTimeout(resolve, dueInMs)).then(() =>
            runtime.source.runDueHint(purge),
          ),
        );
      }
    }
    return c.json(
      { scheduled: true, action: outcome.action, refresh_at: outcome.refreshAt },
      200,
      NO_STORE,
    );
  });
}
