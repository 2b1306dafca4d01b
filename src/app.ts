/**
 * The pco-feeds Hono app and Worker: configuration and runtime per request, the routes, and
 * the Cron Trigger's scheduled refresh.
 *
 * @example
 * export default createWorker(); // src/index.ts
 */
import { Hono } from 'hono';
import { purgeOf } from './cache/purge';
import type { Bindings } from './env';
import { adminRoutes } from './routes/admin';
import type { AppEnv } from './routes/app-env';
import { calendarIcsRoutes } from './routes/calendar-ics';
import { embedJsRoutes } from './routes/embed-js';
import { notFound, onError } from './routes/errors';
import { eventsJsonRoutes } from './routes/events-json';
import { feedRoutes } from './routes/feeds';
import { healthRoutes } from './routes/health';
import { occurrenceIcsRoutes } from './routes/occurrence-ics';
import { occurrenceLinkRoutes } from './routes/occurrence-links';
import { subscribeRoutes } from './routes/subscribe';
import { webhookRoutes } from './routes/webhooks';
import { widgetRoutes } from './routes/widget';
import { type RuntimeOptions, RuntimeRegistry } from './runtime';

/** Hooks for tests and tuning. */
export type AppOptions = RuntimeOptions;

/**
 * Builds the app. Each call has its own isolate-level state unless a registry is shared.
 *
 * @param registry the runtimes to use (the Worker shares one with its cron handler)
 */
export function createApp(
  options: AppOptions = {},
  registry = new RuntimeRegistry(options),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const env = c.env ?? {};
    const runtime = await registry.runtimeOf(env);
    // This request's own settings (tokens, secrets); the runtime is shared by equal snapshots.
    c.set('config', registry.configOf(env));
    c.set('runtime', runtime);
    await next();
  });
  calendarIcsRoutes(app);
  feedRoutes(app);
  eventsJsonRoutes(app);
  healthRoutes(app);
  subscribeRoutes(app);
  widgetRoutes(app);
  embedJsRoutes(app);
  occurrenceIcsRoutes(app);
  occurrenceLinkRoutes(app);
  adminRoutes(app);
  webhookRoutes(app);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

/**
 * The Worker: `fetch` serves the app; `scheduled` (the Cron Trigger in wrangler.toml) refreshes
 * the snapshot so that subscriber requests find it fresh.
 */
export function createWorker(options: AppOptions = {}) {
  const registry = new RuntimeRegistry(options);
  const app = createApp(options, registry);
  return {
    fetch: (request: Request, env: Bindings, ctx: ExecutionContext) => app.fetch(request, env, ctx),
    async scheduled(
      _controller: ScheduledController,
      env: Bindings,
      ctx: ExecutionContext,
    ): Promise<void> {
      const runtime = await registry.runtimeOf(env);
      const record = runtime.source.refresh({ purge: runtime.purge ?? purgeOf(ctx) });
      ctx.waitUntil(record);
      const { result, upstreamRequests, durationMs, error } = await record;
      console.log(
        `scheduled refresh: ${result}, ${upstreamRequests} upstream requests, ${durationMs} ms${error ? `, ${error.kind}: ${error.message}` : ''}`,
      );
    },
  } satisfies ExportedHandler<Bindings>;
}
