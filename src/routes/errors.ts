/**
 * Our error types → HTTP responses, and the app's `notFound`/`onError` handlers.
 *
 * Client mistakes are 4xx with a plain-text reason; a cold start with Planning Center
 * unreachable is a 503 with `Retry-After`; a configuration mistake is a 500 that names the
 * setting. Anything unexpected is logged (message only) and answered with a generic 500.
 */
import type { Context } from 'hono';
import { ConfigError } from '../env';

/** A request the client must change: answered 400 with `message`. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/** A resource that does not exist (or must not be revealed): answered 404. */
export class NotFoundError extends Error {
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** No snapshot exists and Planning Center could not be read: answered 503 + Retry-After. */
export class UpstreamUnavailableError extends Error {
  /** Seconds the client should wait before trying again. */
  readonly retryAfterSeconds: number;
  /** The cause is the deployment's setup (PCO rejected the credentials), not an outage. */
  readonly setup: boolean;
  constructor(reason: string, retryAfterSeconds: number, setup = false) {
    super(reason);
    this.name = 'UpstreamUnavailableError';
    this.retryAfterSeconds = retryAfterSeconds;
    this.setup = setup;
  }
}

const plain = (
  c: Context,
  status: 400 | 404 | 500 | 503,
  text: string,
  headers: Record<string, string> = {},
) => c.text(`${text}\n`, status, { 'Cache-Control': 'no-store', ...headers });

/** `app.notFound`: unknown routes. */
export function notFound(c: Context): Response {
  return plain(c, 404, `Not found: ${new URL(c.req.url).pathname}`);
}

/** `app.onError`: maps our error types to responses; never leaks a stack trace. */
export function onError(error: Error, c: Context): Response {
  if (error instanceof BadRequestError) return plain(c, 400, `Bad request: ${error.message}`);
  if (error instanceof NotFoundError) return plain(c, 404, `Not found: ${error.message}`);
  if (error instanceof UpstreamUnavailableError) {
    const lead = error.setup ? 'Calendar not available' : 'Calendar temporarily unavailable';
    return plain(c, 503, `${lead}: ${error.message}`, {
      'Retry-After': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    return plain(c, 500, `Configuration error: ${error.message}`);
  }
  console.error(`unexpected error: ${error.name}: ${error.message}`);
  return plain(c, 500, 'Internal error');
}
