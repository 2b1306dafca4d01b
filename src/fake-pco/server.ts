/**
 * A faithful fake of Planning Center's Calendar API v2: Basic auth, the per-credential rate
 * limit, JSON:API documents with paging, `where`, `filter`, `order`, `include` and sparse
 * fields, and faults a test can inject.
 *
 * It runs wherever Web-standard `Request`/`Response` do (workerd, Node ≥ 20): tests pass
 * {@link FakePco.fetch} to the real PCO client as its `fetch`, and the Worker's demo mode uses it
 * as the client's upstream. Each request passes, in order: auth (401), rate limit (429), routing
 * (404/405), injected faults, query validation (400), then the answer.
 *
 * @see docs/planning-center.md (the behaviour this fake reproduces)
 * @example
 * const pco = new FakePco({ dataset, credentials: { appId: 'app', secret: 'shh' } });
 * const res = await pco.fetch('https://api.planningcenteronline.com/calendar/v2/event_instances', {
 *   headers: { Authorization: basicAuthHeader('app', 'shh') },
 * });
 */
import { Hono } from 'hono';
import type { FakeDataset } from './dataset';
import type { FakeFault, FaultOptions } from './faults';
import { FaultQueue, stall } from './faults';
import type { DataDocument, ErrorDocument } from './json-api';
import { errorDocument, jsonApiResponse, listDocument, singleDocument } from './json-api';
import { parseDocumentQuery, parseListQuery, selectRows } from './query';
import { DEFAULT_RATE_LIMIT, SlidingWindowLimiter } from './rate-limit';
import { DatasetIndex, TYPE_SPECS } from './resources';
import type { Route, RouteParams } from './routes';
import { ROUTES } from './routes';

export type { FakeFault, FaultOptions } from './faults';

/** Offsets above this get a smaller rate limit (pco-api.md: "Offsets above 30,000 get 75"). */
export const DEEP_OFFSET_THRESHOLD = 30_000;
/** Share of the limit left to deep-offset requests: 75 of the default 100. */
export const DEEP_OFFSET_LIMIT_RATIO = 0.75;
/** Status logged for a request the client aborted before it was answered (nginx's convention). */
export const CLIENT_CLOSED_REQUEST_STATUS = 499;

/**
 * Real PCO answers bad Basic credentials with Rails' plain `text/html` body, not a JSON:API
 * error document (pco-api.md "What real responses show"); RFC 9110 §11.6.1 names the scheme.
 */
function accessDenied(): Response {
  return new Response('HTTP Basic: Access denied.\n', {
    status: 401,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'WWW-Authenticate': 'Basic realm="Application"',
    },
  });
}

/** Options of {@link FakePco}. */
export interface FakePcoOptions {
  dataset: FakeDataset;
  /** Basic-auth credentials the fake accepts. */
  credentials: { appId: string; secret: string };
  /** Requests allowed per period (default 100) and the period in seconds (default 20). */
  rateLimit?: { limit: number; periodSeconds: number };
  /** Clock in epoch milliseconds (default Date.now); tests advance it. */
  now?: () => number;
}

/** One entry of {@link FakePco.requests}. */
export interface FakeRequestRecord {
  method: string;
  /** Absolute request URL. */
  url: string;
  /** Final status; 0 while in flight, {@link CLIENT_CLOSED_REQUEST_STATUS} if the client aborted. */
  status: number;
}

/** Per-request values the Hono handlers read through `c.env`. */
interface RequestState {
  /** Rate limit that applies to this request (smaller for deep offsets). */
  limit: number;
  signal: AbortSignal | undefined;
}

/**
 * `Basic base64(appId:secret)`, UTF-8 encoded, for the `Authorization` header.
 * @example basicAuthHeader('app', 'shh') // 'Basic YXBwOnNoaA=='
 */
export function basicAuthHeader(appId: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${appId}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The credentials of a Basic `Authorization` header, or undefined if absent or malformed. */
function readBasicAuth(header: string | null): { appId: string; secret: string } | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { appId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The request's `offset` if it is a plain non-negative integer, else 0. */
function offsetOf(url: URL): number {
  const raw = url.searchParams.get('offset') ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : 0;
}

/** PCO's 429 body, which has `code` and `detail` only. */
function rateLimitedBody(limit: number, periodSeconds: number): ErrorDocument {
  const detail = `Rate limit exceeded: ${limit + 1} of ${limit} requests per ${periodSeconds} seconds`;
  return { errors: [{ code: '429', detail }] };
}

/** A JSON:API error answer; statuses that forbid a body (204, 205, 304) get none. */
function errorResponse(status: number, detail: string, headers?: Record<string, string>) {
  if (status === 204 || status === 205 || status === 304) {
    return new Response(null, { status, headers });
  }
  return jsonApiResponse(errorDocument(status, detail), status, headers);
}

/**
 * The fake server. Serve {@link FakePco.fetch} over HTTP or pass it as an injected `fetch`;
 * it is bound, so `fetch: pco.fetch` works.
 */
export class FakePco {
  /** The data served; mutable, and read afresh by every request. */
  dataset: FakeDataset;
  /** Every request received (including rejected ones), oldest first. */
  readonly requests: FakeRequestRecord[] = [];

  readonly #credentials: { appId: string; secret: string };
  readonly #limit: number;
  readonly #limiter: SlidingWindowLimiter;
  readonly #now: () => number;
  readonly #faults = new FaultQueue();
  readonly #app: Hono<{ Bindings: RequestState }>;

  /** @throws RangeError if `rateLimit.limit` is not a positive integer or the period is not > 0. */
  constructor(options: FakePcoOptions) {
    const { limit, periodSeconds } = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    if (!(Number.isInteger(limit) && limit > 0)) {
      throw new RangeError('rateLimit.limit must be a positive integer');
    }
    this.dataset = options.dataset;
    this.#credentials = { ...options.credentials };
    this.#limit = limit;
    this.#limiter = new SlidingWindowLimiter(periodSeconds);
    this.#now = options.now ?? Date.now;
    this.#app = this.#buildApp();
    this.fetch = this.fetch.bind(this);
  }

  /**
   * Queues a fault for the next `times` requests it applies to (see {@link FakeFault}).
   * @throws RangeError if `times` is not a positive integer or Infinity.
   */
  injectFault(fault: FakeFault, options?: FaultOptions): void {
    this.#faults.add(fault, options);
  }

  /** Drops every queued fault. */
  clearFaults(): void {
    this.#faults.clear();
  }

  /**
   * Answers one request, like `fetch` would over the network.
   *
   * Takes a `Request`, or a URL plus `RequestInit` as global `fetch` does.
   * @throws the abort reason if the request's signal aborts during a `stall` fault.
   */
  async fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    const signal =
      init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    const record: FakeRequestRecord = { method: request.method, url: request.url, status: 0 };
    this.requests.push(record);
    try {
      // Like `fetch`, refuse a request whose signal has already aborted.
      signal?.throwIfAborted();
      const response = await this.#answer(request, signal);
      record.status = response.status;
      return response;
    } catch (error) {
      record.status = signal?.aborted ? CLIENT_CLOSED_REQUEST_STATUS : 500;
      throw error;
    }
  }

  /** Auth, then the rate limit, then Hono; stamps the rate-limit headers on every answer. */
  async #answer(request: Request, signal: AbortSignal | undefined): Promise<Response> {
    const url = new URL(request.url);
    const limit =
      offsetOf(url) > DEEP_OFFSET_THRESHOLD
        ? Math.max(1, Math.floor(this.#limit * DEEP_OFFSET_LIMIT_RATIO))
        : this.#limit;
    const period = this.#limiter.periodSeconds;
    const credentials = readBasicAuth(request.headers.get('Authorization'));
    const { appId, secret } = this.#credentials;
    if (!credentials || credentials.appId !== appId || credentials.secret !== secret) {
      return this.#withRateHeaders(accessDenied(), limit, 0);
    }

    const admission = this.#limiter.admit(appId, this.#now(), limit);
    if (!admission.admitted) {
      const retryAfter = { 'Retry-After': String(admission.retryAfterSeconds) };
      const refused = jsonApiResponse(rateLimitedBody(limit, period), 429, retryAfter);
      return this.#withRateHeaders(refused, limit, limit + 1);
    }
    const response = await this.#app.fetch(request, { limit, signal });
    if (response.status === 429) {
      // Answers of 429 never count against the limit, injected ones included.
      admission.release();
      return this.#withRateHeaders(response, limit, limit + 1);
    }
    return this.#withRateHeaders(response, limit, admission.count);
  }

  /** Adds `X-PCO-API-Request-Rate-{Limit,Period,Count}` to a response. */
  #withRateHeaders(response: Response, limit: number, count: number): Response {
    const stamped = new Response(response.body, response);
    stamped.headers.set('X-PCO-API-Request-Rate-Limit', String(limit));
    stamped.headers.set('X-PCO-API-Request-Rate-Period', String(this.#limiter.periodSeconds));
    stamped.headers.set('X-PCO-API-Request-Rate-Count', String(count));
    return stamped;
  }

  #buildApp(): Hono<{ Bindings: RequestState }> {
    const app = new Hono<{ Bindings: RequestState }>({ strict: false });
    for (const route of ROUTES) {
      app.get(route.path, (c) => this.#serve(c.req.raw, route, c.req.param(), c.env));
      app.all(route.path, () =>
        errorResponse(405, 'Only GET is supported by this fake.', { Allow: 'GET, HEAD' }),
      );
    }
    app.notFound(() => errorResponse(404, 'The resource you requested could not be found'));
    app.onError((error, c) => {
      // An aborted stall must reach the caller as a rejection, as a real `fetch` does.
      if (c.env.signal?.aborted && error === c.env.signal.reason) throw error;
      console.error('fake PCO: unexpected error', error);
      return errorResponse(500, 'The fake PCO server failed; see the test log.');
    });
    return app;
  }

  /** Applies the first queued fault that fits this request, then answers the route. */
  async #serve(
    request: Request,
    route: Route,
    params: RouteParams,
    state: RequestState,
  ): Promise<Response> {
    const url = new URL(request.url);
    const fault = this.#faults.take({ url, list: route.kind === 'list', offset: offsetOf(url) });
    switch (fault?.kind) {
      case undefined:
        return this.#respond(url, route, params, false);
      case 'status':
        return errorResponse(fault.status, `Injected fault: HTTP ${fault.status}.`);
      case 'rate-limit': {
        const retryAfter = { 'Retry-After': String(fault.retryAfterSeconds) };
        const period = this.#limiter.periodSeconds;
        return jsonApiResponse(rateLimitedBody(state.limit, period), 429, retryAfter);
      }
      case 'stall':
        await stall(fault.ms, state.signal);
        return this.#respond(url, route, params, false);
      case 'malformed-json': {
        const normal = await this.#respond(url, route, params, false);
        const text = await normal.text();
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: 200,
          headers: normal.headers,
        });
      }
      case 'fail-after-first-page':
        return errorResponse(500, 'Injected fault: a later page failed.');
      case 'empty':
        return this.#respond(url, route, params, true);
      case 'next-loops':
      case 'next-missing': {
        const document = (await this.#respond(url, route, params, false).json()) as DataDocument;
        if (fault.kind === 'next-loops') document.links.next = document.links.self;
        else delete document.links.next;
        return jsonApiResponse(document, 200);
      }
    }
  }

  /**
   * The route's document from the dataset as it is now: 404 for an unknown record, 400 for an
   * invalid query. `empty` serves a list with no records.
   */
  #respond(url: URL, route: Route, params: RouteParams, empty: boolean): Response {
    const index = new DatasetIndex(this.dataset);
    const spec = TYPE_SPECS[route.type];
    const notFound = () => errorResponse(404, 'The resource you requested could not be found');
    if (route.kind === 'single') {
      const found = route.find(params, index);
      if (!found) return notFound();
      const parsed = parseDocumentQuery(url.searchParams, spec);
      if (!parsed.ok) return errorResponse(400, parsed.detail);
      const context = { origin: url.origin, index, query: parsed.query, spec };
      return jsonApiResponse(singleDocument(found.row, url, context, found.parent), 200);
    }
    const found = route.list(params, index);
    if (!found) return notFound();
    const parsed = parseListQuery(url.searchParams, spec, index.timeZone);
    if (!parsed.ok) return errorResponse(400, parsed.detail);
    const query = parsed.query;
    const rows = empty ? [] : found.rows;
    const { page, total } = selectRows(rows, query, spec, index, this.#now());
    const context = { origin: url.origin, index, query, spec };
    const { offset, perPage } = query;
    const document = listDocument(
      { rows: page, total, offset, perPage, requestUrl: url, parent: found.parent },
      context,
    );
    return jsonApiResponse(document, 200);
  }
}
