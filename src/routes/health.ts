/**
 * `GET /health`: the organization, the snapshot's time and age, the last refresh and the last
 * upstream error, as JSON. Errors are the redacted form of {@link PcoError}; no credential
 * or configuration secret is ever part of the answer.
 */
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { waitUntilOf } from './feed-response';

/** Registers `GET /health`. It answers 200 while a snapshot exists, else 503. */
export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/health', async (c) => {
    const { source, client } = c.var.runtime;
    const read = await source.read(waitUntilOf(c)).catch(() => undefined);
    const snapshot = read?.snapshot;
    const rateLimit = client.stats.rateLimit;
    const body = {
      status: snapshot
        ? read?.stale || source.lastRefresh?.ok === false
          ? 'degraded'
          : 'ok'
        : 'unavailable',
      mode: c.var.config.upstream.mode,
      organization: snapshot
        ? { name: snapshot.organization.name, time_zone: snapshot.organization.timeZone }
        : null,
      snapshot: snapshot
        ? {
            built_at: snapshot.builtAt,
            age_seconds: read?.ageSeconds ?? null,
            occurrences: snapshot.occurrences.length,
            last_modified: snapshot.lastModified,
            upstream_requests: snapshot.upstreamRequests,
          }
        : null,
      last_refresh: source.lastRefresh ?? null,
      last_error: source.lastError ?? null,
      rate_limit: rateLimit
        ? {
            limit: rateLimit.limit,
            period_seconds: rateLimit.periodSeconds,
            count: rateLimit.count,
          }
        : null,
    };
    return c.json(body, snapshot ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
}
