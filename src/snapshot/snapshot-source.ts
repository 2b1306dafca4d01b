/**
 * Where routes get their snapshot: a per-isolate holder that refreshes from PCO when its
 * snapshot is older than its max age, serves the last good snapshot while a refresh runs or
 * after one fails, and coalesces concurrent refreshes into one.
 *
 * A failed refresh never replaces a good snapshot: a calendar app handed an empty or partial
 * feed deletes every event it had. Only a cold start (no snapshot yet) with PCO failing is an
 * error, which the routes answer with 503.
 */
import type { Snapshot } from '../model/snapshot';
import { PcoError } from '../pco/errors';

/** The outcome of the latest refresh, for `/health`. Instants are UTC ISO strings. */
export interface RefreshStatus {
  ok: boolean;
  startedAt: string;
  /** Milliseconds. */
  durationMs: number;
  /** Redacted error, when the refresh failed. */
  error?: { kind: string; message: string; request?: string };
}

/** Options of {@link SnapshotSource}. */
export interface SnapshotSourceOptions {
  /** Reads PCO and builds a snapshot; receives the last good one (for its caches). */
  refresh: (previous: Snapshot | undefined) => Promise<Snapshot>;
  /** Age (seconds) after which a snapshot is refreshed. */
  maxAgeSeconds: number;
  /** [opt=() => new Date()] clock. */
  now?: () => Date;
}

/** A snapshot and whether it is older than the max age. */
export interface SnapshotRead {
  snapshot: Snapshot;
  /** Seconds since `snapshot.builtAt`. */
  ageSeconds: number;
  stale: boolean;
}

/** Per-isolate snapshot holder; see the module doc. */
export class SnapshotSource {
  #snapshot: Snapshot | undefined;
  #inflight: Promise<Snapshot> | undefined;
  #lastRefresh: RefreshStatus | undefined;
  #lastError: RefreshStatus['error'] | undefined;
  readonly #options: SnapshotSourceOptions;
  readonly #now: () => Date;

  constructor(options: SnapshotSourceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** The current snapshot, if any (no refresh). */
  get snapshot(): Snapshot | undefined {
    return this.#snapshot;
  }

  /** The latest refresh's outcome. */
  get lastRefresh(): RefreshStatus | undefined {
    return this.#lastRefresh;
  }

  /** The latest refresh error (kept after later successes are reported separately). */
  get lastError(): RefreshStatus['error'] | undefined {
    return this.#lastError;
  }

  /**
   * A snapshot to render from. Fresh: returned as is. Stale: returned at once while a
   * background refresh (handed to `waitUntil`) replaces it. None yet: waits for a refresh.
   *
   * @param waitUntil keeps a background refresh alive after the response (ctx.waitUntil)
   * @throws the refresh's error when there is no snapshot at all
   */
  async read(waitUntil: (promise: Promise<unknown>) => void): Promise<SnapshotRead> {
    const current = this.#snapshot;
    if (current) {
      const ageSeconds = this.#ageSeconds(current);
      const stale = ageSeconds >= this.#options.maxAgeSeconds;
      if (stale) waitUntil(this.refresh().catch(() => undefined));
      return { snapshot: current, ageSeconds, stale };
    }
    const snapshot = await this.refresh();
    return { snapshot, ageSeconds: this.#ageSeconds(snapshot), stale: false };
  }

  /**
   * Refreshes now, joining a refresh already under way. On failure the previous snapshot
   * stays and the error is recorded.
   *
   * @throws the refresh's error
   */
  refresh(): Promise<Snapshot> {
    this.#inflight ??= this.#run().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #run(): Promise<Snapshot> {
    const started = this.#now();
    try {
      const snapshot = await this.#options.refresh(this.#snapshot);
      this.#snapshot = snapshot;
      this.#lastRefresh = {
        ok: true,
        startedAt: started.toISOString(),
        durationMs: this.#now().getTime() - started.getTime(),
      };
      return snapshot;
    } catch (error) {
      const redacted =
        error instanceof PcoError
          ? error.toJSON()
          : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
      this.#lastError = redacted;
      this.#lastRefresh = {
        ok: false,
        startedAt: started.toISOString(),
        durationMs: this.#now().getTime() - started.getTime(),
        error: redacted,
      };
      console.error(`refresh failed: ${redacted.kind}: ${redacted.message}`);
      throw error;
    }
  }

  #ageSeconds(snapshot: Snapshot): number {
    return Math.max(0, Math.floor((this.#now().getTime() - Date.parse(snapshot.builtAt)) / 1000));
  }
}
