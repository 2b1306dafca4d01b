/**
 * PCO's per-credential request limit: a sliding window of `periodSeconds` holding at most
 * `limit` admitted requests.
 *
 * The window keeps one timestamp per admitted request and forgets it `periodSeconds` later, so
 * `Retry-After` can say exactly when the next slot frees. Time comes from the caller (epoch ms),
 * never from the wall clock, so tests move it by hand.
 *
 * @see docs/planning-center.md "Rate limit"
 */

/** PCO's default: 100 requests per 20 seconds. */
export const DEFAULT_RATE_LIMIT = { limit: 100, periodSeconds: 20 } as const;

/** An admitted request: its position in the window, and a way to take it back. */
export interface Admission {
  admitted: true;
  /** Requests in the window including this one. */
  count: number;
  /** Forget this request, e.g. because it was answered 429 after all. */
  release(): void;
}

/** A refused request. */
export interface Refusal {
  admitted: false;
  /** Whole seconds until a slot frees, at least 1. */
  retryAfterSeconds: number;
}

/** Sliding-window request counter, one window per key (credential). */
export class SlidingWindowLimiter {
  /** Window length, seconds. */
  readonly periodSeconds: number;
  readonly #windows = new Map<string, number[]>();

  /** @param periodSeconds window length in seconds, > 0. @throws RangeError otherwise. */
  constructor(periodSeconds: number) {
    if (!(periodSeconds > 0)) throw new RangeError('periodSeconds must be greater than 0');
    this.periodSeconds = periodSeconds;
  }

  /** Timestamps still inside the window at `nowMs`, oldest first (expired ones are dropped). */
  #window(key: string, nowMs: number): number[] {
    const start = nowMs - this.periodSeconds * 1000;
    const window = (this.#windows.get(key) ?? []).filter((stamp) => stamp > start);
    this.#windows.set(key, window);
    return window;
  }

  /**
   * Admits a request if fewer than `limit` are in the window, recording it at `nowMs`.
   *
   * @param limit requests allowed per period for this request, ≥ 1.
   */
  admit(key: string, nowMs: number, limit: number): Admission | Refusal {
    const window = this.#window(key, nowMs);
    if (window.length >= limit) {
      // The slot that frees first is the one that brings the window back under the limit.
      const freeing = window[window.length - limit] ?? nowMs;
      const waitMs = freeing + this.periodSeconds * 1000 - nowMs;
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    window.push(nowMs);
    return {
      admitted: true,
      count: window.length,
      release: () => {
        const stamps = this.#windows.get(key);
        const at = stamps?.lastIndexOf(nowMs) ?? -1;
        if (stamps && at >= 0) stamps.splice(at, 1);
      },
    };
  }
}
