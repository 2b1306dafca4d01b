/**
 * Where routes get their snapshot, and how refreshes replace it.
 *
 * Reads: an isolate keeps the current snapshot in memory and re-reads the small KV meta record
 * at most every `SNAPSHOT_META_RECHECK_SECONDS`, loading a body only when the version changed
 * (a cron run or another isolate may have refreshed). A snapshot older than
 * `SNAPSHOT_MAX_AGE_SECONDS` is served as it is while a refresh runs in the background
 * (`ctx.waitUntil`). With no snapshot at all (first deploy), the request waits for a refresh:
 * concurrent requests in an isolate share one, and a KV lease keeps other isolates waiting for
 * it instead of stampeding PCO; a waiting isolate that sees the holder fail adopts its failure.
 *
 * Refreshes never lose anything: a failed refresh keeps the last good snapshot and records the
 * error. A refresh that suddenly yields zero occurrences while the current snapshot has at
 * least `SUSPICIOUS_EMPTY_MIN_OCCURRENCES` is held back, and published only if a refresh at
 * least `SUSPICIOUS_EMPTY_CONFIRM_SECONDS` later yields zero again (calendar apps delete every
 * event on an empty feed). After a failed or held refresh, requests wait (30 s, doubling,
 * capped at the max age; a 401/403 waits the max age at once, since only a new secret fixes it;
 * a 429 at least its `Retry-After`)
 * before triggering another, so a Planning Center outage costs one attempt per back-off, not one
 * per request. The back-off is the same for a stale snapshot and for none: with none, a request
 * inside it is answered 503 at once (with the seconds left as `Retry-After`), and the back-off is
 * kept in the KV status record so other isolates honour it too. The Cron Trigger and admin
 * refresh are not held back; webhooks are rate-limited by {@link SnapshotSource.hint}.
 *
 * KV writes happen only on change (see `SnapshotStore`): an unchanged refresh renews the build
 * time in this isolate's memory only. Other isolates then see the older build time and refresh
 * on their own when it passes the max age (no lease, no KV write unless something changed).
 */

import type { CachePurge } from '../cache/purge';
import type {
  RefreshRecord,
  RefreshStatus,
  SnapshotMeta,
  SnapshotStore,
} from '../cache/snapshot-store';
import {
  COLD_LEASE_POLL_MS,
  COLD_LEASE_WAIT_MS,
  REFRESH_ABANDONED_AFTER_SECONDS,
  REFRESH_BACKOFF_BASE_SECONDS,
  REFRESH_CONTINUE_AFTER_SECONDS,
  SNAPSHOT_CACHE_TAG,
  SNAPSHOT_META_RECHECK_SECONDS,
  SUSPICIOUS_EMPTY_CONFIRM_SECONDS,
  SUSPICIOUS_EMPTY_MIN_OCCURRENCES,
  WEBHOOK_MIN_INTERVAL_SECONDS,
} from '../constants';
import type { ConnectionsCacheEntry, Snapshot } from '../model/snapshot';
import { realSleep } from '../pco/client';
import { PcoError, PcoHttpError, PcoRateLimitError } from '../pco/errors';
import type { RateLimitSnapshot } from '../pco/rate-limit';
import type { PartialBuild } from './refresh';

/** Options of {@link SnapshotSource}. */
export interface SnapshotSourceOptions {
  store: SnapshotStore;
  /**
   * Reads PCO and builds a snapshot within one invocation's request budget; receives the
   * current one (for its caches and version) and the EventConnections of a partial build that
   * earlier invocations stored. Returns a {@link PartialBuild} when the budget ran out.
   */
  load: (
    previous: Snapshot | undefined,
    stored: Record<string, ConnectionsCacheEntry>,
  ) => Promise<Snapshot | PartialBuild>;
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
  /** [opt=none] purges Workers Caching by tag; used when no per-invocation purge is given. */
  purge?: CachePurge | undefined;
}

/** Per-invocation hooks of a refresh. */
export interface RefreshOptions {
  /** There is no snapshot yet: take the lease, and wait for another isolate's refresh rather than race it. */
  cold?: boolean;
  /** Purges Workers Caching of this invocation (`ctx.cache.purge`), when the platform has it. */
  purge?: CachePurge | undefined;
}

/**
 * A Planning Center credential problem (401/403), as `/health` and the setup page show it.
 * Never carries a credential.
 */
export interface SetupProblem {
  /** PCO's HTTP status. */
  status: 401 | 403;
  /** The settings holding the credential that failed. */
  credentials: readonly ['PCO_APP_ID', 'PCO_SECRET'];
  /** What Planning Center said, in plain words. */
  reason: string;
  /** How to fix it. */
  fix: string;
  /** When the failing refresh started (UTC ISO). */
  since: string;
}

/** The {@link SetupProblem} a failed refresh record shows, if it is a credential failure. */
export function setupProblemOf(record: RefreshRecord | undefined): SetupProblem | undefined {
  const status = record?.error?.kind === 'auth' ? record.error.status : undefined;
  if (!record || (status !== 401 && status !== 403)) return undefined;
  return status === 401
    ? {
        status,
        credentials: ['PCO_APP_ID', 'PCO_SECRET'],
        reason:
          'Planning Center rejected the Personal Access Token (401): the application id or the secret is wrong, or the token was revoked.',
        fix: 'Create a Personal Access Token at https://api.planningcenteronline.com/oauth/applications, then run `npx wrangler secret put PCO_APP_ID` and `npx wrangler secret put PCO_SECRET` with its two values.',
        since: record.startedAt,
      }
    : {
        status,
        credentials: ['PCO_APP_ID', 'PCO_SECRET'],
        reason:
          "Planning Center accepted the Personal Access Token but refused Calendar data (403): the token's user has no access to Calendar.",
        fix: "Give the token's Planning Center user access to Calendar (People → the person → Permissions), or create the token as a user who has it and update PCO_APP_ID and PCO_SECRET with `npx wrangler secret put`.",
        since: record.startedAt,
      };
}

/** What a webhook hint did: a refresh now, or one deferred to `refreshAt` (coalesced when already pending). */
export interface HintOutcome {
  action: 'refreshing' | 'deferred' | 'coalesced';
  /** UTC ISO instant of the (earliest) refresh the hint causes. */
  refreshAt: string;
  /** The refresh started now, for `waitUntil`. */
  refresh?: Promise<RefreshRecord>;
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
  /** The failed or held refresh that left no snapshot (its `error`, if any, is redacted). */
  readonly record: RefreshRecord;
  /** Seconds until the next refresh attempt is allowed (the back-off left; at least 1). */
  readonly retryAfterSeconds: number;
  constructor(record: RefreshRecord, retryAfterSeconds: number) {
    super(`no snapshot: ${record.error?.kind ?? record.result}`);
    this.name = 'NoSnapshotError';
    this.record = record;
    this.retryAfterSeconds = retryAfterSeconds;
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
  /** Requests trigger no refresh before this (after failures); mirrored in KV `status.backoff`. */
  #quietUntilMs = 0;
  #failures = 0;
  /** The outcome of this isolate's last refresh (or the failure adopted from another isolate). */
  #last: RefreshRecord | undefined;
  /** When this isolate last started a refresh (epoch ms). */
  #lastStartMs = Number.NEGATIVE_INFINITY;
  /** A webhook asked for a refresh at this time (epoch ms); consumed by the next request after it. */
  #hintDueMs: number | undefined;

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
   * @param purge this invocation's Workers Caching purge, if any
   * @throws {NoSnapshotError} when there is no snapshot and a refresh could not make one, or a
   *   back-off after a failed one is still running (then without contacting PCO)
   */
  async read(
    waitUntil: (promise: Promise<unknown>) => void,
    purge?: CachePurge,
  ): Promise<SnapshotRead> {
    let snapshot = await this.#sync(false);
    if (!snapshot) {
      const quiet = await this.#coldBackOff();
      if (quiet) throw new NoSnapshotError(quiet, this.#retryAfterSeconds());
      let record = await this.refresh({ cold: true, purge });
      // A joined non-cold refresh (webhook, admin) may end without a snapshot: wait for ours.
      if (!this.#current && record.result === 'skipped' && !this.#quiet())
        record = await this.refresh({ cold: true, purge });
      snapshot = this.#current;
      if (!snapshot) throw new NoSnapshotError(record, this.#retryAfterSeconds());
    }
    const ageSeconds = this.ageSeconds(snapshot);
    const stale = this.isStale(snapshot);
    const nowMs = this.#now().getTime();
    const hinted = this.#hintDueMs !== undefined && nowMs >= this.#hintDueMs;
    if ((stale || hinted) && !this.#quiet()) waitUntil(this.refresh({ purge }));
    return { snapshot, ageSeconds, stale };
  }

  /**
   * A webhook's hint that Planning Center changed: refreshes now when the last refresh started
   * at least `WEBHOOK_MIN_INTERVAL_SECONDS` ago (by this isolate's memory or the published
   * snapshot's build time), else defers one refresh to that moment; hints while one is pending
   * coalesce into it. A deferred refresh runs on the first request after it is due (or earlier
   * by the Cron Trigger); `waitUntil` keeps a short deferral alive on its own.
   */
  async hint(
    waitUntil: (promise: Promise<unknown>) => void,
    purge?: CachePurge,
  ): Promise<HintOutcome> {
    const nowMs = this.#now().getTime();
    if (this.#hintDueMs !== undefined) {
      return { action: 'coalesced', refreshAt: new Date(this.#hintDueMs).toISOString() };
    }
    const current = await this.#sync(false);
    const lastMs = Math.max(this.#lastStartMs, current ? Date.parse(current.builtAt) : -Infinity);
    const dueMs = lastMs + WEBHOOK_MIN_INTERVAL_SECONDS * 1000;
    if (nowMs >= dueMs && !this.#inflight) {
      const refresh = this.refresh({ purge });
      waitUntil(refresh);
      return { action: 'refreshing', refreshAt: new Date(nowMs).toISOString(), refresh };
    }
    // A refresh under way may have read PCO before the change: one more, after the interval.
    this.#hintDueMs = Math.max(dueMs, nowMs);
    return { action: 'deferred', refreshAt: new Date(this.#hintDueMs).toISOString() };
  }

  /** The milliseconds until a deferred webhook refresh is due, if one is pending. */
  hintDueInMs(): number | undefined {
    return this.#hintDueMs === undefined
      ? undefined
      : Math.max(0, this.#hintDueMs - this.#now().getTime());
  }

  /** Runs the pending webhook refresh if it is due by now (for a `waitUntil` timer). */
  async runDueHint(purge?: CachePurge): Promise<void> {
    if (this.#hintDueMs !== undefined && this.#now().getTime() >= this.#hintDueMs) {
      await this.refresh({ purge });
    }
  }

  /**
   * The Planning Center credential problem the latest refresh ran into (401/403), from this
   * isolate's memory or the KV status record; undefined when the latest refresh was not a
   * credential failure. For `/health` and the setup page.
   */
  async setupProblem(): Promise<SetupProblem | undefined> {
    if (this.#last && this.#last.result !== 'skipped' && this.#last.result !== 'joined')
      return setupProblemOf(this.#last);
    return setupProblemOf((await this.status()).lastRefresh);
  }

  /** This isolate's latest refresh outcome, if it ran or adopted one. */
  lastRecord(): RefreshRecord | undefined {
    return this.#last;
  }

  /** The current snapshot without refreshing (KV is consulted as in {@link read}). */
  current(): Promise<Snapshot | undefined> {
    return this.#sync(false);
  }

  /**
   * The refresh status for `/health` (empty when KV cannot be read): the KV record, with this
   * isolate's own later refresh and rate-limit figures over it (successes are not written to KV).
   */
  async status(): Promise<RefreshStatus> {
    const stored = await this.#store.readStatus().catch((): RefreshStatus => ({}));
    const last = this.#last;
    if (last && (!stored.lastRefresh || last.startedAt > stored.lastRefresh.startedAt)) {
      stored.lastRefresh = last;
    }
    const rateLimit = this.#rateLimit();
    if (rateLimit && (!stored.rateLimit || rateLimit.observedAt > stored.rateLimit.observedAt)) {
      stored.rateLimit = rateLimit;
    }
    return stored;
  }

  /** Whether `snapshot` is older than the max age. */
  isStale(snapshot: Snapshot): boolean {
    return this.ageSeconds(snapshot) >= this.#options.maxAgeSeconds;
  }

  /**
   * Refreshes now, joining a refresh already under way in this isolate, unless that one started
   * more than `REFRESH_ABANDONED_AFTER_SECONDS` ago (presumed cancelled). Never throws: the
   * outcome, including a PCO or KV failure, is returned (and stored in the status record when
   * KV allows). Publishing a new version purges Workers Caching by the snapshot tag.
   */
  refresh(options: RefreshOptions = {}): Promise<RefreshRecord> {
    const startMs = this.#now().getTime();
    if (this.#inflight && startMs - this.#lastStartMs > REFRESH_ABANDONED_AFTER_SECONDS * 1000) {
      // The platform cancels an invocation's work (a `waitUntil` 30 s after its response), and a
      // refresh started there then never settles: joining it would wait forever.
      console.error(
        `refresh: the one started ${Math.round((startMs - this.#lastStartMs) / 1000)} s ago never ended; starting another`,
      );
      this.#inflight = undefined;
    }
    if (!this.#inflight) {
      this.#lastStartMs = startMs;
      // This refresh reads PCO after the hint arrived: it is the one the hint asked for.
      if (this.#hintDueMs !== undefined) this.#hintDueMs = undefined;
      const purge = options.purge ?? this.#options.purge;
      const run: Promise<RefreshRecord> = this.#leased(options.cold ?? false, purge)
        .catch((error: unknown) => this.#failed(this.#now(), 0, error))
        .then((record) => {
          this.#backOff(record);
          if (record.result !== 'skipped' && record.result !== 'joined') this.#last = record;
          return record;
        })
        .finally(() => {
          // An abandoned refresh that ends after all leaves its successor in place.
          if (this.#inflight === run) this.#inflight = undefined;
        });
      this.#inflight = run;
    }
    return this.#inflight;
  }

  /** Whether requests are inside a back-off. */
  #quiet(): boolean {
    return this.#now().getTime() < this.#quietUntilMs;
  }

  /** Seconds left of the back-off, at least 1 (a `Retry-After`). */
  #retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.#quietUntilMs - this.#now().getTime()) / 1000));
  }

  /**
   * On a cold read: the failed record to answer with when a back-off (this isolate's, or one
   * another isolate stored in KV) is still running, else undefined.
   */
  async #coldBackOff(): Promise<RefreshRecord | undefined> {
    if (this.#quiet()) return this.#last ?? this.#record('failed', this.#now(), 0);
    const status = await this.#store.readStatus().catch((): RefreshStatus => ({}));
    return this.#adoptBackOff(status);
  }

  /** Adopts a back-off another isolate stored, returning its failure while it runs. */
  #adoptBackOff(status: RefreshStatus): RefreshRecord | undefined {
    const untilMs = status.backoff ? Date.parse(status.backoff.until) : Number.NaN;
    if (!(untilMs > this.#now().getTime()) || !status.backoff) return undefined;
    this.#quietUntilMs = untilMs;
    this.#failures = status.backoff.failures;
    const record = status.lastRefresh ?? status.lastError;
    this.#last = record?.result === 'failed' || record?.result === 'held' ? record : this.#last;
    return this.#last ?? this.#record('failed', this.#now(), 0);
  }

  #rateLimit(): RefreshStatus['rateLimit'] {
    const rateLimit = this.#options.rateLimit();
    return rateLimit
      ? {
          limit: rateLimit.limit,
          periodSeconds: rateLimit.periodSeconds,
          count: rateLimit.count,
          observedAt: new Date(rateLimit.observedAtMs).toISOString(),
        }
      : undefined;
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

  /**
   * A refresh, under the KV lease when cold (the lease costs two KV writes, so warm refreshes,
   * which can serve what they have meanwhile, go without it).
   */
  async #leased(cold: boolean, purge: CachePurge | undefined): Promise<RefreshRecord> {
    const started = this.#now();
    if (!cold) return this.#refreshNow(started, purge);
    if (!(await this.#store.acquireLease(this.#owner, started.getTime()))) {
      // Another isolate is making the first snapshot: wait for it (or its failure), then try.
      while (this.#now().getTime() - started.getTime() < COLD_LEASE_WAIT_MS) {
        await this.#sleep(COLD_LEASE_POLL_MS);
        if (await this.#sync(true)) return this.#record('joined', started, 0);
        const failed = this.#adoptBackOff(await this.#store.readStatus().catch(() => ({})));
        if (failed) return failed;
      }
    }
    try {
      return await this.#refreshNow(started, purge);
    } finally {
      await this.#store.releaseLease(this.#owner).catch(() => undefined);
    }
  }

  async #refreshNow(started: Date, purge: CachePurge | undefined): Promise<RefreshRecord> {
    const requestsBefore = this.#options.requestCount();
    let record: RefreshRecord;
    let status: RefreshStatus = {};
    let writeStatus = false;
    try {
      const previous = await this.#sync(true);
      const meta = this.#meta;
      status = await this.#store.readStatus();
      // A failure or hold recorded earlier is cleared (one write) by the next good refresh.
      writeStatus = status.backoff !== undefined || status.pendingEmpty !== undefined;
      const build = await this.#store.readBuild();
      const outcome = await this.#options.load(previous, build?.connections ?? {});
      if ('partial' in outcome) {
        // Out of budget: keep what was read aside, never serve it; the next invocation goes on.
        await this.#store.writeBuild({
          startedAt: build?.startedAt ?? started.toISOString(),
          connections: outcome.connections,
        });
        return {
          ...this.#record('continuing', started, outcome.upstreamRequests),
          pendingEvents: outcome.pendingEvents,
        };
      }
      const snapshot = outcome;
      if (build) await this.#store.deleteBuild();
      const suspicious =
        snapshot.occurrences.length === 0 &&
        (previous?.occurrences.length ?? 0) >= SUSPICIOUS_EMPTY_MIN_OCCURRENCES;
      const heldSeconds = status.pendingEmpty
        ? (Date.parse(snapshot.builtAt) - Date.parse(status.pendingEmpty.since)) / 1000
        : -1;
      if (suspicious && heldSeconds < SUSPICIOUS_EMPTY_CONFIRM_SECONDS) {
        record = this.#record('held', started, snapshot.upstreamRequests, snapshot);
        status.pendingEmpty ??= { since: snapshot.builtAt };
        writeStatus = true;
      } else if (previous && meta && previous.version === snapshot.version) {
        // Same content: nothing to publish. Only renewed EventConnections (about once a day)
        // are worth one write, so other isolates do not re-read them from PCO.
        if (connectionsRenewed(previous, snapshot)) await this.#store.rewriteBody(snapshot);
        this.#adopt(snapshot);
        record = this.#record('unchanged', started, snapshot.upstreamRequests, snapshot);
        status.pendingEmpty = undefined;
      } else {
        await this.#store.writeSnapshot(snapshot, meta);
        this.#meta = await this.#store.readMeta();
        this.#adopt(snapshot);
        record = this.#record('published', started, snapshot.upstreamRequests, snapshot);
        status.pendingEmpty = undefined;
        if (previous) await this.#purge(purge);
      }
      if (record.result !== 'held') status.backoff = undefined;
    } catch (error) {
      record = this.#failed(started, this.#options.requestCount() - requestsBefore, error);
      status.lastError = record;
      writeStatus = true;
    }
    if (record.result === 'failed' || record.result === 'held') {
      const failures = Math.max(this.#failures, status.backoff?.failures ?? 0) + 1;
      const until = this.#now().getTime() + this.#backOffSeconds(record, failures) * 1000;
      status.backoff = { failures, until: new Date(until).toISOString() };
    }
    if (!writeStatus) return record;
    status.lastRefresh = record;
    const rateLimit = this.#rateLimit();
    if (rateLimit) status.rateLimit = rateLimit;
    await this.#store.writeStatus(status).catch((error: unknown) => {
      console.error(`could not record refresh status: ${String(error)}`);
    });
    return record;
  }

  /** Makes `snapshot` this isolate's current one, checked now. */
  #adopt(snapshot: Snapshot): void {
    this.#current = snapshot;
    this.#checkedAtMs = this.#now().getTime();
  }

  /** Purges every cached response built from an older snapshot (see `cache/purge.ts`). */
  async #purge(purge: CachePurge | undefined): Promise<void> {
    if (!purge) return;
    await purge([SNAPSHOT_CACHE_TAG]).catch((error: unknown) => {
      console.error(`cache purge failed: ${String(error)}`);
    });
  }

  /**
   * A `failed` record for `error`, redacted: a PcoError's own form (with PCO's HTTP status when
   * it answered one); anything else is pco-feeds' own failure while building or storing the
   * snapshot (Planning Center was fine), so it is kind `build`, named by its message only.
   */
  #failed(started: Date, upstreamRequests: number, error: unknown): RefreshRecord {
    const redacted: NonNullable<RefreshRecord['error']> =
      error instanceof PcoError
        ? {
            ...error.toJSON(),
            ...(error instanceof PcoHttpError ? { status: error.status } : {}),
            ...(error instanceof PcoRateLimitError
              ? { retryAfterSeconds: error.retryAfterSeconds }
              : {}),
          }
        : { kind: 'build', message: error instanceof Error ? error.message : String(error) };
    console.error(`refresh failed: ${redacted.kind}: ${redacted.message}`);
    return { ...this.#record('failed', started, upstreamRequests), error: redacted };
  }

  /**
   * Seconds of back-off after the `failures`-th failed or held refresh in a row: 30 s doubling,
   * capped at the max age; a credential failure waits the max age at once, and a rate-limit
   * failure at least the `Retry-After` PCO asked for (within the same cap), so no request goes
   * out that PCO said it would refuse.
   */
  #backOffSeconds(record: RefreshRecord, failures: number): number {
    const cap = Math.max(REFRESH_BACKOFF_BASE_SECONDS, this.#options.maxAgeSeconds);
    if (record.error?.kind === 'auth') return cap;
    const doubling = REFRESH_BACKOFF_BASE_SECONDS * 2 ** (failures - 1);
    return Math.min(Math.max(doubling, record.error?.retryAfterSeconds ?? 0), cap);
  }

  /** Sets the quiet period after a failed or held refresh; clears it after a success. */
  #backOff(record: RefreshRecord): void {
    if (record.result === 'failed' || record.result === 'held') {
      this.#failures += 1;
      const seconds = this.#backOffSeconds(record, this.#failures);
      this.#quietUntilMs = Math.max(this.#quietUntilMs, this.#now().getTime() + seconds * 1000);
    } else if (record.result === 'published' || record.result === 'unchanged') {
      this.#failures = 0;
      this.#quietUntilMs = 0;
    } else if (record.result === 'continuing') {
      // Not a failure: the next slice waits for PCO's rate-limit window, then goes on.
      this.#quietUntilMs = this.#now().getTime() + REFRESH_CONTINUE_AFTER_SECONDS * 1000;
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
      ...(snapshot?.descriptions ? { descriptions: snapshot.descriptions } : {}),
    };
  }

  /** Seconds since `snapshot` was built, by this source's clock. */
  ageSeconds(snapshot: Snapshot): number {
    return Math.max(0, Math.floor((this.#now().getTime() - Date.parse(snapshot.builtAt)) / 1000));
  }
}

/** Whether `next` re-read any EventConnections listing that `previous` had cached. */
function connectionsRenewed(previous: Snapshot, next: Snapshot): boolean {
  for (const [id, entry] of Object.entries(next.connections)) {
    if (previous.connections[id]?.fetchedAt !== entry.fetchedAt) return true;
  }
  return false;
}
