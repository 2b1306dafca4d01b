/**
 * The pco-feeds Hono app: configuration per request, one snapshot source per configured
 * upstream per isolate, and the routes.
 *
 * @example
 * const app = createApp();
 * export default app; // Workers entry: app.fetch(request, env, ctx)
 */
import { Hono } from 'hono';
import { SNAPSHOT_MEMO_SECONDS } from './constants';
import { type Bindings, type Config, parseConfig } from './env';
import type { AppEnv, Runtime } from './routes/app-env';
import { calendarIcsRoutes } from './routes/calendar-ics';
import { notFound, onError } from './routes/errors';
import { eventsJsonRoutes } from './routes/events-json';
import { feedRoutes } from './routes/feeds';
import { healthRoutes } from './routes/health';
import { refreshSnapshot } from './snapshot/refresh';
import { SnapshotSource } from './snapshot/snapshot-source';
import { type ClientOverrides, createPcoClient } from './upstream';

/** Hooks for tests and tuning. */
export interface AppOptions {
  /** Passed to the PCO client (e.g. an injected `fetch`, short timeouts, a recording sleep). */
  client?: ClientOverrides;
  /** [opt=SNAPSHOT_MEMO_SECONDS] seconds a snapshot is used before a refresh. */
  snapshotMaxAgeSeconds?: number;
}

/** Builds the app. Each call has its own isolate-level state (snapshots, clients). */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const configs = new WeakMap<object, Config>();
  const runtimes = new Map<string, Runtime>();

  const configOf = (env: Bindings): Config => {
    const cached = configs.get(env);
    if (cached) return cached;
    const config = parseConfig(env);
    configs.set(env, config);
    return config;
  };

  const runtimeOf = (config: Config): Runtime => {
    const { upstream } = config;
    // The secret is not part of the key: a new secret arrives with a new deployment (isolate).
    const key = JSON.stringify([
      upstream.mode === 'live' ? [upstream.baseUrl, upstream.appId] : 'demo',
      config.timeZone,
      config.windowPastDays,
      config.windowFutureDays,
    ]);
    let runtime = runtimes.get(key);
    if (!runtime) {
      const client = createPcoClient(upstream, options.client);
      const source = new SnapshotSource({
        maxAgeSeconds: options.snapshotMaxAgeSeconds ?? SNAPSHOT_MEMO_SECONDS,
        refresh: (previous) => refreshSnapshot({ client, config, now: new Date(), previous }),
      });
      runtime = { client, source };
      runtimes.set(key, runtime);
    }
    return runtime;
  };

  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const config = configOf(c.env ?? {});
    c.set('config', config);
    c.set('runtime', runtimeOf(config));
    await next();
  });
  calendarIcsRoutes(app);
  feedRoutes(app);
  eventsJsonRoutes(app);
  healthRoutes(app);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
