/**
 * Versioned key builders for KV and the Cache API. See docs/cache-schema.md.
 *
 * KV keys carry the snapshot schema version and a fingerprint of the configuration that shapes
 * a snapshot (upstream, zone override, window), so a deployment with other settings never
 * reads a snapshot built under the old ones. Edge-cache keys carry the snapshot's content
 * version, so a new snapshot is never hidden behind an old cached body.
 */
import type { Config } from '../env';
import type { Selection } from '../model/select';
import { SNAPSHOT_SCHEMA_VERSION } from '../model/snapshot';
import { sha256Hex } from '../snapshot/version';

/** The KV keys of one configuration's snapshot data. */
export interface SnapshotKeys {
  /** Small JSON record: current version, build time, occurrence count. */
  meta: string;
  /** Gzipped snapshot JSON of one content version. */
  body: (version: string) => string;
  /** JSON `RefreshStatus`: the last refresh, the last error, the pending-empty guard, the back-off, PCO's rate limit. */
  status: string;
  /** A refresh's partial build (EventConnections read so far), while it continues across invocations. */
  build: string;
  /** Short-lived refresh lease (best effort; KV has no compare-and-set). */
  lease: string;
}

/**
 * The KV keys for a configuration: `<kind>:v<schema>:<fingerprint>[:<version>]`, where the
 * fingerprint is 16 hex characters of SHA-256 over upstream URL, application id, TIME_ZONE and
 * the window (never the secret).
 */
export async function snapshotKeys(config: Config): Promise<SnapshotKeys> {
  const { upstream } = config;
  const shape = JSON.stringify([
    upstream.mode === 'live' ? [upstream.baseUrl, upstream.appId] : 'demo',
    config.timeZone ?? null,
    config.windowPastDays,
    config.windowFutureDays,
  ]);
  const prefix = `v${SNAPSHOT_SCHEMA_VERSION}:${(await sha256Hex(shape)).slice(0, 16)}`;
  return {
    meta: `snapshot-meta:${prefix}`,
    body: (version) => `snapshot:${prefix}:${version}`,
    status: `status:${prefix}`,
    lease: `lease:${prefix}`,
    build: `build:${prefix}`,
  };
}

/**
 * The fingerprint of the settings that change rendered bytes without changing the snapshot
 * (PUBLIC_BASE_URL, FEED_TITLE): 16 hex characters of SHA-256. Computed once per runtime.
 */
export async function renderFingerprint(
  config: Pick<Config, 'publicBaseUrl' | 'feedTitle'>,
): Promise<string> {
  return (
    await sha256Hex(JSON.stringify([config.publicBaseUrl ?? null, config.feedTitle ?? null]))
  ).slice(0, 16);
}

/** What identifies one rendered feed body: everything it is a function of. */
export interface BodyIdentity {
  /** The route's path (`/calendar.ics`…), decoded. */
  path: string;
  /** The snapshot's content version. */
  version: string;
  /** The {@link renderFingerprint}. */
  rendering: string;
  /**
   * The validated query (the `selection` that `parseQuery` returns): unknown and tracking parameters are
   * not part of it, and equal filters are equal values whatever their spelling or order.
   */
  selection: Selection;
  /** Ids of the occurrences selected at request time, in order (the clock moves the window). */
  occurrenceIds: readonly string[];
}

/**
 * The strong ETag of a feed body, quoted: 32 hex characters of SHA-256 over its
 * {@link BodyIdentity}. Computed before rendering, so a conditional request is answered 304
 * with no render and no hash of the body; equal identities render equal bytes.
 */
export async function bodyETag(identity: BodyIdentity): Promise<string> {
  const { path, version, rendering, selection, occurrenceIds } = identity;
  const canonical = { ...selection, tagIds: [...selection.tagIds].sort() };
  const text = JSON.stringify([path, version, rendering, canonical, occurrenceIds.join(',')]);
  return `"${(await sha256Hex(text)).slice(0, 32)}"`;
}

/**
 * The Cache API key of a rendered body: the request's origin and path with the body's ETag as
 * the only query, so equivalent URLs (any order, spelling or tracking parameter) share one
 * entry and a new snapshot, settings change or moved window never meets an old body.
 */
export function edgeCacheKey(url: URL, etag: string): Request {
  const tag = etag.replaceAll('"', '');
  return new Request(`${url.origin}${url.pathname}?etag=${tag}`, { method: 'GET' });
}
