/**
 * `GET /health`: the organization, the snapshot's version, build time and age, the last
 * refresh (result, duration, upstream requests), the last error, and the rate-limit figures
 * PCO last announced. Errors are in their redacted form; no credential, token or secret is
 * ever part of the answer.
 *
 * It never calls PCO itself: with no snapshot yet it reports `unavailable` (503), so a
 * monitor polling it cannot stampede Planning Center.
 *
 * A 401/403 from Planning Center is a setup problem, not an outage: `setup_problem` names the
 * credential settings, what PCO said and how to fix it (status `misconfigured`; 200 while the
 * last good snapshot is still served, 503 without one). Every key is snake_case, as in
 * `/events.json` and `/admin/refresh`.
 */
import type { Hono } from 'hono';
import type { RefreshRecord, RefreshStatus } from '../cache/snapshot-store';
import type { SetupProblem } from '../snapshot/snapshot-source';
import type { AppEnv } from './app-env';

/** A refresh record in the snake_case JSON of `/health` and `/admin/refresh`. */
export function refreshRecordJson(record: RefreshRecord) {
  return {
    result: record.result,
    started_at: record.startedAt,
    duration_ms: record.durationMs,
    upstream_requests: record.upstreamRequests,
    occurrences: record.occurrences ?? null,
    version: record.version ?? null,
    ...(record.pendingEvents !== undefined ? { pending_events: record.pendingEvents } : {}),
    descriptions: record.descriptions ?? null,
    error: record.error ?? null,
  };
}

/** The rate-limit figures in snake_case. */
function rateLimitJson(rateLimit: NonNullable<RefreshStatus['rateLimit']>) {
  return {
    limit: rateLimit.limit,
    period_seconds: rateLimit.periodSeconds,
    count: rateLimit.count,
    observed_at: rateLimit.observedAt,
  };
}

/** A setup problem in snake_case. */
function setupProblemJson(problem: SetupProblem) {
  return {
    status: problem.status,
    credentials: problem.credentials,
    reason: problem.reason,
    fix: problem.fix,
    since: problem.since,
  };
}

/** Registers `GET /health`: 200 while a snapshot exists, else 503. */
export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/health', async (c) => {
    const { source } = c.var.runtime;
    const [snapshot, status, setup] = await Promise.all([
      source.current(),
      source.status(),
      source.setupProblem(),
    ]);
    const ageSeconds = snapshot ? source.ageSeconds(snapshot) : null;
    const stale = snapshot ? source.isStale(snapshot) : false;
    const failing = status.lastRefresh?.result === 'failed' || status.pendingEmpty !== undefined;
    const body = {
      status: setup
        ? 'misconfigured'
        : snapshot
          ? stale || failing
            ? 'degraded'
            : 'ok'
          : 'unavailable',
      setup_problem: setup ? setupProblemJson(setup) : null,
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
            // Descriptions of published occurrences: converted, degraded (kept as text), failed.
            descriptions: snapshot.descriptions ?? null,
          }
        : null,
      last_refresh: status.lastRefresh ? refreshRecordJson(status.lastRefresh) : null,
      last_error: status.lastError ? refreshRecordJson(status.lastError) : null,
      pending_empty: status.pendingEmpty ?? null,
      backoff_until: status.backoff?.until ?? null,
      rate_limit: status.rateLimit ? rateLimitJson(status.rateLimit) : null,
    };
    return c.json(body, snapshot ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
}
