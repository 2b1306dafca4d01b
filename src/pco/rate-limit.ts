/**
 * PCO's announced rate limit, read from every response, and the wait it implies.
 *
 * PCO allows about 100 requests per 20 seconds per credential, but the figures change without
 * notice, so the client trusts the headers, not a constant. When the last response said the
 * window is full (count ≥ limit), the next request waits until that window has passed instead
 * of provoking a 429. The window's exact start is not announced; waiting one whole period from
 * the full response is the conservative bound.
 *
 * @see docs/planning-center.md "Rate limit"
 */

/** The figures PCO announced on its last response. */
export interface RateLimitSnapshot {
  /** Requests allowed per period (`X-PCO-API-Request-Rate-Limit`). */
  limit: number;
  /** Period length in seconds (`X-PCO-API-Request-Rate-Period`, e.g. `20` or `20 seconds`). */
  periodSeconds: number;
  /** Requests counted in the current period (`X-PCO-API-Request-Rate-Count`). */
  count: number;
  /** When we read them, epoch milliseconds. */
  observedAtMs: number;
}

/**
 * Reads the three rate-limit headers; undefined when any is missing or not a number.
 *
 * @param headers a PCO response's headers
 * @param nowMs the current time, epoch milliseconds
 */
export function readRateLimit(headers: Headers, nowMs: number): RateLimitSnapshot | undefined {
  const limit = Number.parseInt(headers.get('X-PCO-API-Request-Rate-Limit') ?? '', 10);
  const periodSeconds = Number.parseInt(headers.get('X-PCO-API-Request-Rate-Period') ?? '', 10);
  const count = Number.parseInt(headers.get('X-PCO-API-Request-Rate-Count') ?? '', 10);
  if (![limit, periodSeconds, count].every(Number.isFinite) || limit <= 0 || periodSeconds <= 0) {
    return undefined;
  }
  return { limit, periodSeconds, count, observedAtMs: nowMs };
}

/**
 * Milliseconds to wait before the next request so as not to exceed the announced limit
 * (0 when there is room).
 *
 * @param last the figures from the latest response, if any
 * @param nowMs the current time, epoch milliseconds
 */
export function delayBeforeNextRequestMs(
  last: RateLimitSnapshot | undefined,
  nowMs: number,
): number {
  if (!last || last.count < last.limit) return 0;
  return Math.max(0, last.observedAtMs + last.periodSeconds * 1000 - nowMs);
}

/**
 * Parses `Retry-After` as whole seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).
 *
 * @returns seconds ≥ 0, or undefined when absent or unreadable
 */
export function parseRetryAfterSeconds(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  // An HTTP-date names its day and month (§5.6.7). Anything else, such as `1.5` or `-5`, is
  // unreadable: V8's Date.parse would read those as dates in the past, a wait of 0 s.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
