/**
 * Versioned key builders for KV and the Cache API. See docs/cache-schema.md.
 *
 * KV keys carry the snapshot schema version and a fingerprint of the configuration that shapes
 * a snapshot (upstream, zone override, window), so a deployment with other settings never
 * reads a snapshot built under the old ones. Edge-cache keys carry the snapshot's content
 * version, so a new snapshot is never hidden behind an old cached body.
 */
import type { Config } from '../env';
import { SNAPSHOT_SCHEMA_VERSION } from '../model/snapshot';
import { sha256Hex } from '../snapshot/version';

/** The KV keys of one configuration's snapshot data. */
export interface SnapshotKeys {
  /** Small JSON record: current version, build time, occurrence count. */
  meta: string;
  /** Gzipped snapshot JSON of one content version. */
  body: (version: string) => string;
  /** JSON: the last refresh's outcome, the last error, the pending-empty guard. */
  status: string;
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

/**
 * The Cache API key of a rendered body: the request's origin and path, its canonical query in
 * canonical order (sorted by name, then value), the snapshot version as `_v`, and the
 * {@link renderFingerprint} as `_r`, so neither a new snapshot nor a settings change is ever
 * hidden behind an old cached body.
 *
 * @param url the request's canonical URL (`canonicalUrl` in routes/query: decoded path, known
 *   parameters only, normalized)
 */
export function edgeCacheKey(url: URL, version: string, rendering: string): Request {
  const params = [...url.searchParams.entries()].sort(([a, av], [b, bv]) =>
    a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1,
  );
  const canonical = new URLSearchParams([...params, ['_v', version], ['_r', rendering]]);
  return new Request(`${url.origin}${url.pathname}?${canonical.toString()}`, { method: 'GET' });
}
