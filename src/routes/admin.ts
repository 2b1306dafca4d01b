/**
 * `POST /admin/refresh`: starts a refresh now, or joins one already running in this isolate,
 * and answers with its summary in the snake_case keys of `/health`'s `last_refresh`.
 *
 * Requires `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. Without the
 * `ADMIN_TOKEN` secret the endpoint does not exist (404), so an unconfigured deployment offers
 * nothing to guess at.
 */
import type { Hono } from 'hono';
import { constantTimeEqual } from '../http/crypto';
import type { AppEnv } from './app-env';
import { notFound } from './errors';
import { purgeFor } from './feed-response';
import { refreshRecordJson } from './health';

/** Registers `POST /admin/refresh`. */
export function adminRoutes(app: Hono<AppEnv>): void {
  app.post('/admin/refresh', async (c) => {
    const token = c.var.config.adminToken;
    if (!token) return notFound(c);
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1] || !(await constantTimeEqual(match[1].trim(), token))) {
      return c.text('Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>\n', 401, {
        'WWW-Authenticate': 'Bearer realm="pco-feeds admin"',
        'Cache-Control': 'no-store',
      });
    }
    const record = await c.var.runtime.source.refresh({ purge: purgeFor(c) });
    const ok = record.result !== 'failed';
    return c.json(refreshRecordJson(record), ok ? 200 : 502, { 'Cache-Control': 'no-store' });
  });
}
