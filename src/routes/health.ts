/**
 * `GET /health`: the organization, the snapshot's version, build time and age, the last
 * refresh (result, duration, upstream requests), the last error, and the rate-limit figures
 * PCO last announced. Errors are in their redacted form; no credential, token or secret is
 * ever part of the answer.
 *
 * It never calls PCO itself: with no snapshot yet it reports `unavailable` (503), so a
 * monitor polling it cannot stampede Planning Center.
 */
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

/** Registers `GET /health`: 200 while a snapshot exists, else 503. */
export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/health', async (c) => {
    const { source } = c.var.runtime;
    const [snapshot, status] = await Promise.all([source.current(), source.status()]);
    const ageSeconds = snapshot ? source.ageSeconds(snapshot) : null;
    const stale = snapshot ? source.isStale(snapshot) : false;
    const failing = status.lastRefresh?.result === 'failed' || status.pendingEmpty !== undefined;
    const body = {
      status: snapshot ? (stale || failing ? 'degraded' : 'ok') : 'unavailable',
      mode: c.var.config.upstream.mode,
      organization: snapshot
        ? { name: snapshot.organization.name, time_zone: snapshot.organization.timeZone }
        : null,
      snapshot: snapshot
        ? {
            version: snapshot.version,
            built_at: snapshot.builtAt,
            age_seconds: ageSeconds,
            max_age_seconds: c.var.config.snapshotMaxAgeSeconds,
            stale,
            occurrences: snapshot.occurrences.length,
            last_modified: snapshot.lastModified,
            content_changed_at: snapshot.contentChangedAt,
            // Counts about records that would otherwise be published only (issue 9: nothing
            // here may reveal how much private data exists); the rest is in /admin/report.
            notices: snapshot.notices ?? null,
          }
        : null,
      last_refresh: status.lastRefresh ?? null,
      last_error: status.lastError ?? null,
      pending_empty: status.pendingEmpty ?? null,
      rate_limit: status.rateLimit ?? null,
    };
    return c.json(body, snapshot ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
}
