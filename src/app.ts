/**
 * The pco-feeds Hono app and Worker: configuration and runtime per request, the routes, and
 * the Cron Trigger's scheduled refresh.
 *
 * @example
 * export default createWorker(); // src/index.ts
 */
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { Hono } from 'hono/tiny';
import { trimTrailingSlash } from 'hono/trailing-slash';
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
import { occurrencePageRoutes } from './routes/occurrence-page';
import { queryLengthCap } from './routes/query';
import { setupResponse } from './routes/setup';
import { sitemapRoutes } from './routes/sitemap';
import { subscribeRoutes } from './routes/subscribe';
import { webhookRoutes } from './routes/webhooks';
import { widgetRoutes } from './routes/widget';
import { widgetJsonLdRoutes } from './routes/widget-json-ld';
import { type RuntimeOptions, RuntimeRegistry } from './runtime';

/** The routes any origin may fetch (`Access-Control-Allow-Origin: *`, preflight answered). */
export const CORS_PATHS = [
  '/events.json',
  '/calendar.ics',
  '/feed.json',
  '/feed.rss',
  '/feed.atom',
] as const;

/** Hooks for tests and tuning; `demo` makes missing credentials serve the demo calendar. */
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
  // PatternRouter (`hono/tiny`), not the default SmartRouter: 2.5 KB less gzipped bundle and no
  // slower on these routes (bench/router.bench.ts, 2026-12-02, medians: a match 0.4×, building
  // the router with its first match 0.3× the default's).
  const app = new Hono<AppEnv>();
  // Handlers set their own Content-Security-Policy (hash sources of each page's inline blocks,
  // which secureHeaders' static or nonce policies cannot express) and may set a stricter
  // Referrer-Policy: `overwrite: false` keeps those. Framing is decided by CSP
  // `frame-ancestors` (WIDGET_FRAME_ANCESTORS), so no X-Frame-Options; everything public may
  // be loaded cross-origin (feeds, embed.js, images of the widget).
  app.use(
    secureHeaders({
      overwrite: false,
      xFrameOptions: false,
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  app.use(queryLengthCap);
  // PatternRouter matches `/calendar.ics/` as `/calendar.ics` whatever `strict` says; a page
  // served there resolves its relative links under it (`/occurrences/7/7.ics`). Redirect.
  app.use(trimTrailingSlash({ alwaysRedirect: true }));
  // Public data that needs no credentials: any site may fetch() it.
  for (const path of CORS_PATHS) {
    app.use(
      path,
      cors({
        origin: '*',
        allowMethods: ['GET', 'HEAD', 'OPTIONS'],
        exposeHeaders: ['ETag', 'X-Snapshot-Age', 'Age', 'Retry-After'],
        maxAge: 86_400,
      }),
    );
  }
  app.use(async (c, next) => {
    const env = c.env ?? {};
    const config = registry.configOf(env);
    if (config.upstream.mode === 'unconfigured') {
      return setupResponse(c, config.upstream.missing);
    }
    const runtime = await registry.runtimeOf(env);
    // This request's own settings (tokens, secrets); the runtime is shared by equal snapshots.
    c.set('config', config);
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
  occurrencePageRoutes(app);
  sitemapRoutes(app);
  widgetJsonLdRoutes(app);
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
      if (registry.configOf(env).upstream.mode === 'unconfigured') {
        console.warn('scheduled refresh: skipped, PCO_APP_ID and PCO_SECRET are not set');
        return;
      }
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
