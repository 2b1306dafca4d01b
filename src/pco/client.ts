/**
 * The one module that talks HTTP to Planning Center: authenticated, versioned, bounded GETs.
 *
 * Every request carries HTTP Basic credentials (a Personal Access Token) and
 * `X-PCO-API-Version`, is aborted after a timeout, retried with exponential backoff on 5xx,
 * timeouts and network errors, waits out a 429's `Retry-After`, and never starts while the
 * last announced rate-limit window is full. Bodies are size-capped and must be JSON; shape
 * validation happens in the callers with the schemas of `wire.ts`.
 *
 * `fetch` is injected so demo mode and tests can route requests to the fake PCO server;
 * nothing else in the client changes for them.
 *
 * @see docs/planning-center.md "Transport", "Rate limit", "Errors"
 */

import {
  PCO_API_VERSION,
  PCO_FETCH_TIMEOUT_MS,
  PCO_MAX_ATTEMPTS,
  PCO_MAX_RATE_LIMIT_WAITS,
  PCO_MAX_RESPONSE_BYTES,
  PCO_MAX_WAIT_SECONDS,
  PCO_RETRY_BASE_DELAY_MS,
} from '../constants';
import { readCappedBody } from '../http/body';
import {
  type PcoError,
  PcoHttpError,
  PcoNetworkError,
  PcoRateLimitError,
  PcoSchemaError,
  PcoTimeoutError,
  RequestBudgetError,
} from './errors';
import {
  delayBeforeNextRequestMs,
  parseRetryAfterSeconds,
  type RateLimitSnapshot,
  readRateLimit,
} from './rate-limit';
import { checkErrorDocument } from './wire';

/** A `fetch`-shaped function: the real global one, or a fake server's handler. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Query parameters; an array value repeats the key. */
export type QueryParams = Record<string, string | number | readonly string[]>;

/** Options of {@link PcoClient}. Durations are in milliseconds unless the name says seconds. */
export interface PcoClientOptions {
  /** Origin (and optional path prefix) of the API, e.g. `https://api.planningcenteronline.com`. */
  baseUrl: string;
  /** Personal Access Token application id. */
  appId: string;
  /** Personal Access Token secret. */
  secret: string;
  /** [opt=globalThis.fetch] transport. */
  fetch?: FetchLike;
  /** [opt=PCO_FETCH_TIMEOUT_MS] per-attempt timeout, body included. */
  timeoutMs?: number;
  /** [opt=PCO_MAX_ATTEMPTS] attempts for 5xx, timeouts and network errors. */
  maxAttempts?: number;
  /** [opt=PCO_RETRY_BASE_DELAY_MS] first backoff, doubled per attempt. */
  retryBaseDelayMs?: number;
  /** [opt=PCO_MAX_RATE_LIMIT_WAITS] 429s one request may wait out. */
  maxRateLimitWaits?: number;
  /** [opt=PCO_MAX_WAIT_SECONDS] longest rate-limit wait honoured, in seconds. */
  maxWaitSeconds?: number;
  /** [opt=setTimeout-based] how to wait; tests inject a recording one. */
  sleep?: (ms: number) => Promise<void>;
  /** [opt=Date.now] clock, epoch milliseconds. */
  now?: () => number;
}

/** What the client has done so far; safe to report (no credentials). */
export interface PcoClientStats {
  /** HTTP requests sent, retries and 429s included. */
  requests: number;
  /** Rate-limit figures from the latest response. */
  rateLimit: RateLimitSnapshot | undefined;
}

/** Resolves after `ms` milliseconds (the default `sleep` of clients and snapshot sources). */
export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Authenticated GET client for the PCO Calendar API.
 *
 * @example
 * const client = new PcoClient({ baseUrl, appId, secret });
 * const org = await client.get('/calendar/v2');
 */
export class PcoClient {
  /** Request counters and the last announced rate limit. */
  readonly stats: PcoClientStats = { requests: 0, rateLimit: undefined };
  readonly #base: URL;
  readonly #authorization: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #retryBaseDelayMs: number;
  readonly #maxRateLimitWaits: number;
  readonly #maxWaitSeconds: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  /** The announced window the next request must respect (cleared once waited out). */
  #window: RateLimitSnapshot | undefined;
  /** Epoch ms before which no request may start (a 429's Retry-After). */
  #blockedUntilMs = 0;
  /** `stats.requests` may not pass this (the invocation's budget); none when undefined. */
  #requestCap: number | undefined;
  #requestLimit = 0;

  constructor(options: PcoClientOptions) {
    this.#base = new URL(options.baseUrl);
    // Private field: never enumerable, never serialized, never part of an error.
    this.#authorization = `Basic ${btoa(`${options.appId}:${options.secret}`)}`;
    this.#fetch = options.fetch ?? ((request) => fetch(request));
    this.#timeoutMs = options.timeoutMs ?? PCO_FETCH_TIMEOUT_MS;
    this.#maxAttempts = options.maxAttempts ?? PCO_MAX_ATTEMPTS;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? PCO_RETRY_BASE_DELAY_MS;
    this.#maxRateLimitWaits = options.maxRateLimitWaits ?? PCO_MAX_RATE_LIMIT_WAITS;
    this.#maxWaitSeconds = options.maxWaitSeconds ?? PCO_MAX_WAIT_SECONDS;
    this.#sleep = options.sleep ?? realSleep;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Builds the absolute URL of an API path (`/calendar/v2/…`) with query parameters.
   */
  url(path: string, query: QueryParams = {}): URL {
    const url = new URL(this.#base.pathname.replace(/\/$/, '') + path, this.#base);
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value])
        url.searchParams.append(key, String(item));
    }
    return url;
  }

  /**
   * Caps the requests sent from now on at `limit` (retries and 429s included), so that one
   * Worker invocation stays under its subrequest limit; `undefined` lifts the cap. A request
   * past the cap throws {@link RequestBudgetError} before anything is sent.
   */
  limitRequests(limit: number | undefined): void {
    this.#requestCap = limit === undefined ? undefined : this.stats.requests + limit;
    this.#requestLimit = limit ?? 0;
  }

  /** True when `url` is on the configured API origin (credentials may be sent there). */
  isOwnUrl(url: URL): boolean {
    return url.origin === this.#base.origin;
  }

  /**
   * GETs one URL and returns its parsed JSON body (not yet shape-checked).
   *
   * @param url an absolute URL on the configured origin, e.g. a `links.next`
   * @throws {PcoHttpError} 4xx, or 5xx after all attempts (`kind: 'auth'` for 401/403)
   * @throws {PcoRateLimitError} too many 429s, or a wait longer than `maxWaitSeconds`
   * @throws {PcoTimeoutError} the last attempt timed out
   * @throws {PcoNetworkError} the last attempt could not connect
   * @throws {PcoSchemaError} the body is not JSON, is too large, or `url` leaves the origin
   * @throws {RequestBudgetError} the cap set by {@link limitRequests} is reached
   */
  async getJson(url: URL): Promise<unknown> {
    const described = `GET ${url.href}`;
    if (!this.isOwnUrl(url))
      throw new PcoSchemaError(`refusing to follow ${url.origin}`, described);
    let rateLimitWaits = 0;
    let lastError: PcoError | undefined;
    for (let attempt = 1; attempt <= this.#maxAttempts; ) {
      await this.#waitForRateLimitWindow(described);
      // Checked after the wait, right before #attempt counts the request (synchronously), so
      // concurrent reads cannot all pass the check at the same count.
      if (this.#requestCap !== undefined && this.stats.requests >= this.#requestCap)
        throw new RequestBudgetError(this.#requestLimit, described);
      const outcome = await this.#attempt(url, described);
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'rate-limited') {
        rateLimitWaits += 1;
        const seconds = outcome.retryAfterSeconds;
        if (rateLimitWaits > this.#maxRateLimitWaits || seconds > this.#maxWaitSeconds) {
          throw new PcoRateLimitError(seconds, described);
        }
        this.#blockedUntilMs = Math.max(this.#blockedUntilMs, this.#now() + seconds * 1000);
        continue; // a 429 does not use up an attempt
      }
      if (outcome.kind === 'fatal') throw outcome.error;
      lastError = outcome.error;
      if (attempt < this.#maxAttempts)
        await this.#sleep(this.#retryBaseDelayMs * 2 ** (attempt - 1));
      attempt += 1;
    }
    throw lastError ?? new PcoNetworkError('no attempt made', described);
  }

  /** Waits while the announced window is full or a 429's Retry-After has not passed. */
  async #waitForRateLimitWindow(described: string): Promise<void> {
    const now = this.#now();
    const waitMs = Math.max(
      this.#blockedUntilMs - now,
      delayBeforeNextRequestMs(this.#window, now),
    );
    if (waitMs <= 0) return;
    if (waitMs > this.#maxWaitSeconds * 1000) {
      throw new PcoRateLimitError(Math.ceil(waitMs / 1000), described);
    }
    await this.#sleep(waitMs);
    // The window we waited for has passed; its count no longer applies.
    this.#window = undefined;
    this.#blockedUntilMs = 0;
  }

  async #attempt(url: URL, described: string): Promise<AttemptOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      this.stats.requests += 1;
      const response = await this.#fetch(
        new Request(url, {
          method: 'GET',
          headers: {
            Authorization: this.#authorization,
            Accept: 'application/json',
            'X-PCO-API-Version': PCO_API_VERSION,
          },
          signal: controller.signal,
        }),
      );
      const now = this.#now();
      const announced = readRateLimit(response.headers, now);
      if (announced) this.stats.rateLimit = announced;
      // On a 429, Retry-After is authoritative; the window estimate applies to other answers.
      if (announced && response.status !== 429) this.#window = announced;
      if (response.status === 429) {
        await response.body?.cancel();
        const retryAfter = parseRetryAfterSeconds(response.headers.get('Retry-After'), now);
        return { kind: 'rate-limited', retryAfterSeconds: retryAfter ?? this.#periodOrDefault() };
      }
      const text = await readCapped(response, described);
      if (response.status >= 500) {
        return {
          kind: 'retry',
          error: new PcoHttpError(response.status, errorDetail(text), described),
        };
      }
      if (!response.ok) {
        return {
          kind: 'fatal',
          error: new PcoHttpError(response.status, errorDetail(text), described),
        };
      }
      try {
        return { kind: 'ok', body: JSON.parse(text) };
      } catch {
        return { kind: 'fatal', error: new PcoSchemaError('body is not valid JSON', described) };
      }
    } catch (error) {
      if (error instanceof PcoSchemaError) return { kind: 'fatal', error };
      if (controller.signal.aborted) {
        return { kind: 'retry', error: new PcoTimeoutError(this.#timeoutMs, described) };
      }
      return { kind: 'retry', error: new PcoNetworkError(messageOf(error), described) };
    } finally {
      clearTimeout(timer);
    }
  }

  #periodOrDefault(): number {
    return this.stats.rateLimit?.periodSeconds ?? 20;
  }
}

type AttemptOutcome =
  | { kind: 'ok'; body: unknown }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'retry'; error: PcoError }
  | { kind: 'fatal'; error: PcoError };

/**
 * The body as text, read through {@link readCappedBody} so that memory stays bounded: past
 * `PCO_MAX_RESPONSE_BYTES` (declared or actually read) the read is cancelled.
 *
 * @throws {PcoSchemaError} when the body is larger than the cap
 */
async function readCapped(response: Response, described: string): Promise<string> {
  const bytes = await readCappedBody(response, PCO_MAX_RESPONSE_BYTES);
  if (!bytes) {
    throw new PcoSchemaError(`body exceeds the ${PCO_MAX_RESPONSE_BYTES}-byte cap`, described);
  }
  return new TextDecoder().decode(bytes);
}

/** PCO's own error detail from a JSON:API error body, or a short excerpt of the body. */
function errorDetail(text: string): string {
  try {
    const parsed = checkErrorDocument(JSON.parse(text));
    if (parsed.success) {
      const detail = parsed.data.errors
        .map((e) => e.detail ?? e.title ?? e.code ?? '')
        .filter(Boolean)
        .join('; ');
      if (detail) return detail;
    }
  } catch {
    // not JSON; fall through
  }
  return text.slice(0, 200) || '(empty body)';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
