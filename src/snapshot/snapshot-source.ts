/**
 * Where routes get their snapshot, and how refreshes replace it.
 *
 * Reads: an isolate keeps the current snapshot in memory and re-reads the small KV meta record
 * at most every `SNAPSHOT_META_RECHECK_SECONDS`, loading a body only when the version changed
 * (a cron run or another isolate may have refreshed). A snapshot older than
 * `SNAPSHOT_MAX_AGE_SECONDS` is served as it is while a refresh runs in the background
 * (`ctx.waitUntil`). With no snapshot at all (first deploy), the request waits for a refresh:
 * concurrent requests in an isolate share one, and a KV lease keeps other isolates waiting for
 * it instead of stampeding PCO.
 *
 * Refreshes never lose anything: a failed refresh keeps the last good snapshot and records the
 * error. A refresh that suddenly yields zero occurrences while the current snapshot has at
 * least `SUSPICIOUS_EMPTY_MIN_OCCURRENCES` is held back, and published only if a refresh at
 * least `SUSPICIOUS_EMPTY_CONFIRM_SECONDS` later yields zero again (calendar apps delete every
 * event on an empty feed). After a failed or held refresh, requests on a stale snapshot wait
 * (30 s, doubling, capped at the max age) before triggering another, so a Planning Center
 * outage costs it one attempt per back-off, not one per request; the Cron Trigger, admin
 * refresh and webhooks are not held back.
 */

import type {
  RefreshRecord,
  RefreshStatus,
  SnapshotMeta,
  SnapshotStore,
} from '../cache/snapshot-store';
import {
  COLD_LEASE_POLL_MS,
  COLD_LEASE_WAIT_MS,
  REFRESH_BACKOFF_BASE_SECONDS,
  SNAPSHOT_META_RECHECK_SECONDS,
  SUSPICIOUS_EMPTY_CONFIRM_SECONDS,
  SUSPICIOUS_EMPTY_MIN_OCCURRENCES,
} from '../constants';
import type { Snapshot } from '../model/snapshot';
import { realSleep } from '../pco/client';
import { PcoError } from '../pco/errors';
import type { RateLimitSnapshot } from '../pco/rate-limit';

/** Options of {@link SnapshotSource}. */
export interface SnapshotSourceOptions {
  store: SnapshotStore;
  /** Reads PCO and builds a snapshot; receives the current one (for its caches and version). */
  load: (previous: Snapshot | undefined) => Promise<Snapshot>;
  /** Age in seconds after which a snapshot is refreshed in the background. */
  maxAgeSeconds: number;
  /** HTTP requests the PCO client has sent so far (to count a failed refresh's cost). */
  requestCount: () => number;
  /** The rate-limit figures PCO last announced. */
  rateLimit: () => RateLimitSnapshot | undefined;
  /** [opt=() => new Date()] clock. */
  now?: () => Date;
  /** [opt=setTimeout] how to wait while another isolate holds the lease. */
  sleep?: (ms: number) => Promise<void>;
}

/** A snapshot to render from, with its age in seconds. */
export interface SnapshotRead {
  snapshot: Snapshot;
  ageSeconds: number;
  /** True when older than the max age (a background refresh was started). */
  stale: boolean;
}

/** No snapshot exists and a refresh could not make one; `record` says why. */
export class NoSnapshotError extends Error {
  readonly record: RefreshRecord;
  constructor(record: RefreshRecord) {
    super(`no snapshot: ${record.error?.kind ?? record.result}`);
    this.name = 'NoSnapshotError';
    this.record = record;
  }
}

/** Per-isolate snapshot holder for one configuration; see the module doc. */
export class SnapshotSource {
  readonly #options: SnapshotSourceOptions;
  readonly #store: SnapshotStore;
  readonly #now: () => Date;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #owner = crypto.randomUUID();
  #current: Snapshot | undefined;
  /** The meta record last read from KV. */
  #meta: SnapshotMeta | null = null;
  #checkedAtMs = Number.NEGATIVE_INFINITY;
  #inflight: Promise<RefreshRecord> | undefined;
  /** Requests trigger no background refresh before this (after failures). */
  #quietUntilMs = 0;
  #failures = 0;

  constructor(options: SnapshotSourceOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.#sleep = options.sleep ?? realSleep;
  }

  /**
   * The snapshot to render from. See the module doc for fresh, stale and cold behaviour.
   *
   * @param waitUntil keeps a background refresh alive after the response (`ctx.waitUntil`)
   * @throws {NoSnapshotError} when there is no snapshot and a refresh could not make one
   */
  async read(waitUntil: (promise: Promise<unknown>) => void): Promise<SnapshotRead> {
    let snapshot = await this.#sync(false);
    if (!snapshot) {
      let record = await this.refresh({ cold: true });
      // A joined non-cold refresh (webhook, admin) skips when the lease is held: wait instead.
      if (!this.#current && record.result === 'skipped')
        record = await this.refresh({ cold: true });
      snapshot = this.#current;
      if (!snapshot) throw new NoSnapshotError(record);
    }
    const ageSeconds = this.ageSeconds(snapshot);
    const stale = this.isStale(snapshot);
    if (stale && this.#now().getTime() >= this.#quietUntilMs) waitUntil(this.refresh());
    return { snapshot, ageSeconds, stale };
  }

  /** The current snapshot without refreshing (KV is consulted as in {@link read}). */
  current(): Promise<Snapshot | undefined> {
    return this.#sync(false);
  }

  /** The stored refresh status, for `/health` (empty when KV cannot be read). */
  status(): Promise<RefreshStatus> {
    return this.#store.readStatus().catch(() => ({}));
  }

  /** Whether `snapshot` is older than the max age. */
  isStale(snapshot: Snapshot): boolean {
    return this.ageSeconds(snapshot) >= this.#options.maxAgeSeconds;
  }

  /**
   * Refreshes now, joining a refresh already under way in this isolate. Never throws: the
   * outcome, including a PCO or KV failure, is returned (and stored in the status record when
   * KV allows).
   *
   * @param options.cold there is no snapshot yet: wait for another isolate's refresh rather
   *   than skip when the lease is held
   */
  refresh(options: { cold?: boolean } = {}): Promise<RefreshRecord> {
    this.#inflight ??= this.#leased(options.cold ?? false)
      .catch((error: unknown) => this.#failed(this.#now(), 0, error))
      .then((record) => {
        this.#backOff(record);
        return record;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }

  /** Memory, re-synced from the KV meta record when older than the recheck interval or forced. */
  async #sync(force: boolean): Promise<Snapshot | undefined> {
    const nowMs = this.#now().getTime();
    if (
      !force &&
      this.#current &&
      nowMs - this.#checkedAtMs < SNAPSHOT_META_RECHECK_SECONDS * 1000
    ) {
      return this.#current;
    }
    let meta: SnapshotMeta | null;
    try {
      meta = await this.#store.readMeta();
      this.#meta = meta;
      this.#checkedAtMs = nowMs;
      if (meta && meta.version !== this.#current?.version) {
        this.#current = (await this.#store.readSnapshot(meta.version)) ?? this.#current;
      }
    } catch (error) {
      // KV unavailable: keep serving what this isolate holds.
      console.error(`snapshot sync failed: ${String(error)}`);
      return this.#current;
    }
    if (!meta) return this.#current;
    if (
      this.#current &&
      meta.version === this.#current.version &&
      meta.builtAt > this.#current.builtAt
    ) {
      // Same content, renewed by another isolate: only the build time moved.
      this.#current = { ...this.#current, builtAt: meta.builtAt };
    }
    return this.#current;
  }

  async #leased(cold: boolean): Promise<RefreshRecord> {
    const started = this.#now();
    if (!(await this.#store.acquireLease(this.#owner, started.getTime()))) {
      if (!cold) return this.#record('skipped', started, 0);
      // Another isolate is making the first snapshot: wait for it, then try ourselves.
      while (this.#now().getTime() - started.getTime() < COLD_LEASE_WAIT_MS) {
        await this.#sleep(COLD_LEASE_POLL_MS);
        if (await this.#sync(true)) return this.#record('joined', started, 0);
      }
    }
    try {
      return await this.#refreshNow(started);
    } finally {
      await this.#store.releaseLease(this.#owner).catch(() => undefined);
    }
  }

  async #refreshNow(started: Date): Promise<RefreshRecord> {
    const requestsBefore = this.#options.requestCount();
    let record: RefreshRecord;
    let status: RefreshStatus = {};
    try {
      const previous = await this.#sync(true);
      const meta = this.#meta;
      status = await this.#store.readStatus();
      const snapshot = await this.#options.load(previous);
      const suspicious =
        snapshot.occurrences.length === 0 &&
        (previous?.occurrences.length ?? 0) >= SUSPICIOUS_EMPTY_MIN_OCCURRENCES;
      const heldSeconds = status.pendingEmpty
        ? (Date.parse(snapshot.builtAt) - Date.parse(status.pendingEmpty.since)) / 1000
        : -1;
      if (suspicious && heldSeconds < SUSPICIOUS_EMPTY_CONFIRM_SECONDS) {
        record = this.#record('held', started, snapshot.upstreamRequests, snapshot);
        status.pendingEmpty ??= { since: snapshot.builtAt };
      } else {
        const result = previous?.version === snapshot.version ? 'unchanged' : 'published';
        await this.#store.writeSnapshot(snapshot, meta);
        this.#meta = await this.#store.readMeta();
        this.#current = snapshot;
        this.#checkedAtMs = this.#now().getTime();
        record = this.#record(result, started, snapshot.upstreamRequests, snapshot);
        status.pendingEmpty = undefined;
      }
    } catch (error) {
      record = this.#failed(started, this.#options.requestCount() - requestsBefore, error);
      status.lastError = record;
    }
    status.lastRefresh = record;
    const rateLimit = this.#options.rateLimit();
    if (rateLimit) {
      status.rateLimit = {
        limit: rateLimit.limit,
        periodSeconds: rateLimit.periodSeconds,
        count: rateLimit.count,
        observedAt: new Date(rateLimit.observedAtMs).toISOString(),
      };
    }
    await this.#store.writeStatus(status).catch((error: unknown) => {
      console.error(`could not record refresh status: ${String(error)}`);
    });
    return record;
  }

  /** A `failed` record for `error`, redacted (PcoError's own form; others by message only). */
  #failed(started: Date, upstreamRequests: number, error: unknown): RefreshRecord {
    const redacted =
      error instanceof PcoError
        ? error.toJSON()
        : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
    console.error(`refresh failed: ${redacted.kind}: ${redacted.message}`);
    return { ...this.#record('failed', started, upstreamRequests), error: redacted };
  }

  /** Sets the quiet period after a failed or held refresh; clears it after a success. */
  #backOff(record: RefreshRecord): void {
    if (record.result === 'failed' || record.result === 'held') {
      this.#failures += 1;
      const seconds = Math.min(
        REFRESH_BACKOFF_BASE_SECONDS * 2 ** (this.#failures - 1),
        Math.max(REFRESH_BACKOFF_BASE_SECONDS, this.#options.maxAgeSeconds),
      );
      this.#quietUntilMs = this.#now().getTime() + seconds * 1000;
    } else if (record.result === 'published' || record.result === 'unchanged') {
      this.#failures = 0;
      this.#quietUntilMs = 0;
    }
  }

  #record(
    result: RefreshRecord['result'],
    started: Date,
    upstreamRequests: number,
    snapshot?: Snapshot,
  ): RefreshRecord {
    return {
      result,
      startedAt: started.toISOString(),
      durationMs: this.#now().getTime() - started.getTime(),
      upstreamRequests,
      ...(snapshot ? { occurrences: snapshot.occurrences.length, version: snapshot.version } : {}),
    };
  }

  /** Seconds since `snapshot` was built, by this source's clock. */
  ageSeconds(snapshot: Snapshot): number {
    return Math.max(0, Math.floor((this.#now().getTime() - Date.parse(snapshot.builtAt)) / 1000));
  }
}
