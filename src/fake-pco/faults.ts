/**
 * Faults a test can inject into the fake PCO server, and the queue that hands them out.
 *
 * A fault is consumed only by a request it can apply to: `empty` waits for a list request and
 * `fail-after-first-page` for a list request with `offset > 0`, so "fail the second page" is one
 * `injectFault` call whatever comes first.
 */

/** Something to go wrong with the next matching request(s). */
export type FakeFault =
  /** Answer this HTTP status with a JSON:API error body. */
  | { kind: 'status'; status: number }
  /** Answer 429 with `Retry-After` and the rate-limit headers, as a real exhausted limit does. */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** Wait `ms` milliseconds, then answer normally; rejects at once if the request is aborted. */
  | { kind: 'stall'; ms: number }
  /** Answer 200 with the normal body cut short, so it is not valid JSON. */
  | { kind: 'malformed-json' }
  /** Answer 500 to list requests with `offset > 0`. */
  | { kind: 'fail-after-first-page' }
  /** Answer list requests with zero records, in a valid document. */
  | { kind: 'empty' }
  /**
   * Answer list requests normally, but with a `links.next` that points back at the page itself
   * (an offset loop), as a server whose paging state went wrong would.
   */
  | { kind: 'next-loops' }
  /**
   * Answer list requests normally but without `links.next`, while `meta.next` still says where
   * the next page starts (the two disagree).
   */
  | { kind: 'next-missing' };

/** Which requests a fault applies to, and how many times. */
export interface FaultOptions {
  /** Requests to apply to, a positive integer or `Infinity` [opt=1]. */
  times?: number;
  /** Only requests whose URL passes [opt=every request]. */
  match?: (url: URL) => boolean;
}

/** What the queue needs to know about a request to decide whether a fault applies. */
export interface FaultTarget {
  url: URL;
  /** The route lists records (as opposed to reading one). */
  list: boolean;
  /** The request's `offset`, 0 when absent or invalid. */
  offset: number;
}

interface QueuedFault {
  fault: FakeFault;
  remaining: number;
  match: ((url: URL) => boolean) | undefined;
}

function appliesTo(fault: FakeFault, target: FaultTarget): boolean {
  switch (fault.kind) {
    case 'fail-after-first-page':
      return target.list && target.offset > 0;
    case 'empty':
    case 'next-loops':
    case 'next-missing':
      return target.list;
    default:
      return true;
  }
}

/** Faults in the order they were injected; each request takes the first one that applies. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  /**
   * Queues a fault.
   * @throws RangeError if `times` is not a positive integer or Infinity, or a `status` fault's
   *   status is not an HTTP status a Response can carry (200–599).
   */
  add(fault: FakeFault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
      throw new RangeError(`times must be a positive integer or Infinity, got ${times}`);
    }
    if (
      fault.kind === 'status' &&
      !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)
    ) {
      throw new RangeError(`status must be an integer from 200 to 599, got ${fault.status}`);
    }
    this.#queue.push({ fault, remaining: times, match: options.match });
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue = [];
  }

  /** Consumes and returns the first queued fault that applies to the request, if any. */
  take(target: FaultTarget): FakeFault | undefined {
    const index = this.#queue.findIndex(
      (queued) =>
        appliesTo(queued.fault, target) && (queued.match ? queued.match(target.url) : true),
    );
    const queued = this.#queue[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.#queue.splice(index, 1);
    return queued.fault;
  }
}

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it aborts.
 * Uses a real timer, so keep `ms` small in tests.
 */
export function stall(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
