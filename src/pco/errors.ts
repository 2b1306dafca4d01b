/**
 * Typed errors for everything that can go wrong talking to Planning Center.
 *
 * Each error carries only what is safe to log or show on `/health`: the HTTP method, the URL
 * (path and query; credentials travel in the Authorization header and are never part of it),
 * the status, and PCO's own error detail. Request headers are never stored, so a PCO
 * credential cannot leak through an error object, a log line or a JSON answer.
 */

/** Why a PCO read failed; one tag per failure mode. */
export type PcoErrorKind = 'auth' | 'http' | 'rate-limit' | 'timeout' | 'network' | 'schema';

/** Base class of every PCO read failure. `toJSON()` is the redacted form used on `/health`. */
export class PcoError extends Error {
  /** Which failure mode this is. */
  readonly kind: PcoErrorKind;
  /** `GET https://…/calendar/v2/…` without credentials, or undefined when no request was made. */
  readonly request: string | undefined;

  constructor(kind: PcoErrorKind, message: string, request?: string) {
    super(message);
    this.name = 'PcoError';
    this.kind = kind;
    this.request = request;
  }

  /** A redacted, serializable description: `{ kind, message, request }`. */
  toJSON(): { kind: PcoErrorKind; message: string; request?: string } {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.request ? { request: this.request } : {}),
    };
  }
}

/** PCO answered a non-success status (after retries, for 5xx). `status` is the HTTP status. */
export class PcoHttpError extends PcoError {
  readonly status: number;
  constructor(status: number, detail: string, request: string) {
    super(
      status === 401 || status === 403 ? 'auth' : 'http',
      `PCO answered ${status}: ${detail}`,
      request,
    );
    this.name = 'PcoHttpError';
    this.status = status;
  }
}

/** PCO kept answering 429, or asked us to wait longer than we are willing to. */
export class PcoRateLimitError extends PcoError {
  /** Seconds PCO asked us to wait in its last `Retry-After`. */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, request: string) {
    super('rate-limit', `PCO rate limit exceeded; retry after ${retryAfterSeconds} s`, request);
    this.name = 'PcoRateLimitError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A request did not complete within the client's timeout (after retries). */
export class PcoTimeoutError extends PcoError {
  constructor(timeoutMs: number, request: string) {
    super('timeout', `PCO did not answer within ${timeoutMs} ms`, request);
    this.name = 'PcoTimeoutError';
  }
}

/** The connection failed (DNS, TLS, reset) after retries. */
export class PcoNetworkError extends PcoError {
  constructor(message: string, request: string) {
    super('network', `could not reach PCO: ${message}`, request);
    this.name = 'PcoNetworkError';
  }
}

/**
 * PCO answered 2xx with a document we cannot use: not JSON, not the JSON:API shape, a missing
 * attribute we asked for, a relationship pointing at a record absent from `included`, or a
 * `links.next` that leaves the configured host.
 */
export class PcoSchemaError extends PcoError {
  constructor(message: string, request?: string) {
    super('schema', `unexpected PCO answer: ${message}`, request);
    this.name = 'PcoSchemaError';
  }
}

/**
 * The refresh's request budget for this invocation is spent ({@link PcoClient.limitRequests});
 * not a Planning Center failure: the refresh continues in a later invocation.
 */
export class RequestBudgetError extends Error {
  constructor(limit: number, request: string) {
    super(`request budget of ${limit} per invocation spent before ${request}`);
    this.name = 'RequestBudgetError';
  }
}
