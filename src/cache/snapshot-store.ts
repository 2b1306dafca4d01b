/**
 * KV storage of snapshots: a small meta record naming the current version, the snapshot body
 * per version (gzipped JSON: 10,000 occurrences stay far below KV's 25 MiB value limit), the
 * refresh status, and the refresh lease.
 *
 * KV writes (Free plan: 1,000 a day) are spent only on change: publishing a new version writes
 * its body and the meta record, and deletes the body two generations back; the refresh status is
 * written only when a refresh fails, is held, or clears an earlier failure or hold; the lease is
 * taken only on a cold start. A refresh that finds nothing changed writes nothing.
 *
 * Write order keeps readers consistent: a new body is written before the meta record that
 * points at it. The body it replaces is kept for one more generation (KV reads are cached at
 * the edge for about a minute, so another location may still follow the old meta record), and
 * the one before it is deleted. Bodies have no TTL, so the last good snapshot survives any
 * length of Planning Center outage.
 *
 * KV is eventually consistent and has no compare-and-set: the lease is best effort. Two
 * isolates that both win it cost one extra refresh, never a wrong snapshot.
 */
import { REFRESH_LEASE_SECONDS } from '../constants';
import {
  type ConnectionsCacheEntry,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
} from '../model/snapshot';
import type { DescriptionCounts } from '../model/text';
import {
  rehydrateSnapshot,
  type StoredSnapshot,
  storedSnapshotJson,
} from '../snapshot/stored-snapshot';
import type { SnapshotKeys } from './keys';

/** The meta record: which body is current. Instants are UTC ISO strings. */
export interface SnapshotMeta {
  version: string;
  /** The version this one replaced, whose body is kept one more generation. */
  previousVersion?: string;
  builtAt: string;
  occurrences: number;
}

/** A refresh's outcome, as `/health` and `/admin/refresh` report it. */
export interface RefreshRecord {
  /** `published`: a new snapshot is live; `unchanged`: same content, build time renewed; `held`: a suspicious empty answer awaits confirmation; `skipped`: another isolate holds the lease; `joined`: another isolate's first snapshot arrived while waiting; `continuing`: the request budget of the invocation ran out, the build was stored aside and continues in the next one; `failed`. */
  result: 'published' | 'unchanged' | 'held' | 'skipped' | 'joined' | 'continuing' | 'failed';
  /** UTC ISO instant (milliseconds included). */
  startedAt: string;
  /** Milliseconds. */
  durationMs: number;
  /** HTTP requests the refresh sent to PCO. */
  upstreamRequests: number;
  /** Occurrences in the resulting snapshot (absent when none was built). */
  occurrences?: number;
  /** The resulting snapshot's content version, 32 hex characters (see `contentVersion`). */
  version?: string;
  /** `continuing` only: published events whose EventConnections are still to be read. */
  pendingEvents?: number;
  /** How the descriptions of the published occurrences converted (see `Snapshot.descriptions`). */
  descriptions?: DescriptionCounts;
  /** Redacted error of a failed refresh: a PcoError kind (`auth`, `http`, `rate-limit`, `timeout`, `network`, `schema`), or `build` when Planning Center answered and building the snapshot failed. `status` is PCO's HTTP status when it answered one; `retryAfterSeconds` the wait PCO's last 429 asked for (rate-limit only). */
  error?: {
    kind: string;
    message: string;
    request?: string;
    status?: number;
    retryAfterSeconds?: number;
  };
}

/** What KV keeps about refreshes. */
export interface RefreshStatus {
  lastRefresh?: RefreshRecord;
  /** The latest failed refresh, kept after later successes. */
  lastError?: RefreshRecord;
  /** The rate-limit figures PCO announced on its last response. */
  rateLimit?: { limit: number; periodSeconds: number; count: number; observedAt: string };
  /** Set when a refresh yielded zero occurrences against a non-empty snapshot. */
  pendingEmpty?: { since: string };
  /** After consecutive failed or held refreshes: requests start none before `until` (UTC ISO), in any isolate. */
  backoff?: { failures: number; until: string };
}

/**
 * A refresh continuing across invocations: the EventConnections listings read so far. It is
 * never served; a later slice builds the snapshot from a fresh read of the instances plus these.
 */
export interface PartialBuildRecord {
  /** When the first slice started, UTC ISO. */
  startedAt: string;
  /** Listings by event id (each still checked against the event's `updated_at` when used). */
  connections: Record<string, ConnectionsCacheEntry>;
}

/** UTF-8 `text`, gzipped (CompressionStream). */
export async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** Gzipped UTF-8 bytes, as text (DecompressionStream). */
export async function gunzip(bytes: ArrayBuffer): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/**
 * The KV body of a snapshot: its stored form (each event's shared data once, see
 * snapshot/stored-snapshot.ts) as gzipped JSON.
 */
export async function encodeSnapshotBody(snapshot: Snapshot): Promise<ArrayBuffer> {
  return gzip(storedSnapshotJson(snapshot));
}

/**
 * The snapshot of a KV body, rehydrated, or null when it is of another schema version.
 *
 * @throws {SyntaxError} when the body is not JSON (a corrupt value)
 * @throws {TypeError} when it is not gzip, or names an event it does not hold ({@link rehydrateSnapshot})
 */
export async function decodeSnapshotBody(bytes: ArrayBuffer): Promise<Snapshot | null> {
  const stored = JSON.parse(await gunzip(bytes)) as StoredSnapshot;
  return stored.schemaVersion === SNAPSHOT_SCHEMA_VERSION ? rehydrateSnapshot(stored) : null;
}

/** KV-backed snapshot storage for one configuration. */
export class SnapshotStore {
  readonly #kv: KVNamespace;
  readonly #keys: SnapshotKeys;

  constructor(kv: KVNamespace, keys: SnapshotKeys) {
    this.#kv = kv;
    this.#keys = keys;
  }

  /** The current meta record, or null before the first snapshot. */
  readMeta(): Promise<SnapshotMeta | null> {
    return this.#kv.get<SnapshotMeta>(this.#keys.meta, 'json');
  }

  /**
   * The snapshot body of `version`, or null when absent or of another schema version.
   */
  async readSnapshot(version: string): Promise<Snapshot | null> {
    const bytes = await this.#kv.get(this.#keys.body(version), 'arrayBuffer');
    if (!bytes) return null;
    return decodeSnapshotBody(bytes);
  }

  /**
   * Publishes a snapshot: body, then meta, then deletes the body two generations back.
   *
   * @param current the meta record being replaced, if any
   */
  async writeSnapshot(snapshot: Snapshot, current: SnapshotMeta | null): Promise<void> {
    await this.#kv.put(this.#keys.body(snapshot.version), await encodeSnapshotBody(snapshot));
    const changed = current !== null && current.version !== snapshot.version;
    const previousVersion = changed ? current.version : current?.previousVersion;
    const meta: SnapshotMeta = {
      version: snapshot.version,
      ...(previousVersion ? { previousVersion } : {}),
      builtAt: snapshot.builtAt,
      occurrences: snapshot.occurrences.length,
    };
    await this.#kv.put(this.#keys.meta, JSON.stringify(meta));
    const retired = changed ? current.previousVersion : undefined;
    if (retired && retired !== snapshot.version && retired !== previousVersion) {
      await this.#kv.delete(this.#keys.body(retired));
    }
  }

  /**
   * Rewrites the body of the current version only (one KV write), for a refresh whose published
   * content is unchanged but whose EventConnections cache was renewed, so that other isolates
   * reuse the renewed connections instead of re-reading them from PCO.
   */
  async rewriteBody(snapshot: Snapshot): Promise<void> {
    await this.#kv.put(this.#keys.body(snapshot.version), await encodeSnapshotBody(snapshot));
  }

  /** The partial build of a refresh continuing across invocations, or null. */
  async readBuild(): Promise<PartialBuildRecord | null> {
    const bytes = await this.#kv.get(this.#keys.build, 'arrayBuffer');
    return bytes ? (JSON.parse(await gunzip(bytes)) as PartialBuildRecord) : null;
  }

  /** Stores the partial build (one KV write per slice that stops at its budget). */
  async writeBuild(build: PartialBuildRecord): Promise<void> {
    await this.#kv.put(this.#keys.build, await gzip(JSON.stringify(build)));
  }

  /** Deletes the partial build once a whole snapshot was built from it. */
  deleteBuild(): Promise<void> {
    return this.#kv.delete(this.#keys.build);
  }

  /** The refresh status (empty before the first refresh). */
  async readStatus(): Promise<RefreshStatus> {
    return (await this.#kv.get<RefreshStatus>(this.#keys.status, 'json')) ?? {};
  }

  /** Replaces the refresh status. */
  writeStatus(status: RefreshStatus): Promise<void> {
    return this.#kv.put(this.#keys.status, JSON.stringify(status));
  }

  /**
   * Tries to take the refresh lease for `REFRESH_LEASE_SECONDS`.
   *
   * @param owner a random id of the caller
   * @returns true when the caller holds the lease (best effort, see module doc)
   */
  async acquireLease(owner: string, nowMs: number): Promise<boolean> {
    const held = await this.#kv.get<{ owner: string; untilMs: number }>(this.#keys.lease, 'json');
    if (held && held.owner !== owner && held.untilMs > nowMs) return false;
    await this.#kv.put(
      this.#keys.lease,
      JSON.stringify({ owner, untilMs: nowMs + REFRESH_LEASE_SECONDS * 1000 }),
      { expirationTtl: REFRESH_LEASE_SECONDS },
    );
    return true;
  }

  /** Releases the lease if `owner` holds it. */
  async releaseLease(owner: string): Promise<void> {
    const held = await this.#kv.get<{ owner: string }>(this.#keys.lease, 'json');
    if (held?.owner === owner) await this.#kv.delete(this.#keys.lease);
  }
}
