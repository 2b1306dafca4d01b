/**
 * Hono's routers on pco-feeds' own route table (issue 12: the bundle): the default
 * `SmartRouter` (RegExpRouter, TrieRouter), `hono/tiny`'s PatternRouter and `hono/quick`'s
 * LinearRouter, each given exactly the routes and middleware `createApp` registers, matching
 * the paths subscribers, the widget and the Cron-free admin hit. Measured: a match on a warm
 * router (every request), and building the router plus its first match (the first request of
 * an isolate; RegExpRouter compiles one regular expression for all routes then).
 *
 * Bytes, from `npm run size` (gzip -9 of the production bundle, 2026-12-02): default 163,334,
 * `hono/quick` 162,428 (−906), `hono/tiny` 160,786 (−2,548).
 */
import type { Router } from 'hono/router';
import { LinearRouter } from 'hono/router/linear-router';
import { PatternRouter } from 'hono/router/pattern-router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { bench, describe } from 'vitest';
import { createApp } from '../src/app';

type Handler = unknown;
const routes = createApp().routes.map((r) => [r.method, r.path, r.handler] as const);

/** What requests ask for, weighted toward subscribers (calendar apps poll the .ics). */
const REQUESTS: [string, string][] = [
  ['GET', '/calendar.ics'],
  ['GET', '/calendar.ics'],
  ['GET', '/calendar.ics'],
  ['GET', '/feed.rss'],
  ['GET', '/events.json'],
  ['GET', '/widget'],
  ['GET', '/occurrences/1001'],
  ['GET', '/occurrences/1001.ics'],
  ['GET', '/occurrences/1001/google'],
  ['GET', '/'],
  ['GET', '/health'],
  ['POST', '/webhooks/pco'],
  ['GET', '/no-such-page'],
];

const ROUTERS: Record<string, () => Router<Handler>> = {
  'default (SmartRouter: RegExpRouter, TrieRouter)': () =>
    new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] }),
  'hono/tiny (PatternRouter)': () => new PatternRouter(),
  'hono/quick (SmartRouter: LinearRouter, TrieRouter)': () =>
    new SmartRouter({ routers: [new LinearRouter(), new TrieRouter()] }),
};

function build(make: () => Router<Handler>): Router<Handler> {
  const router = make();
  for (const [method, path, handler] of routes) router.add(method, path, handler);
  return router;
}

/** Handlers matched per request, to check that every router finds the same ones. */
function signature(router: Router<Handler>): string {
  return REQUESTS.map(([method, path]) => {
    const [matched] = router.match(method, path);
    return matched.length;
  }).join(',');
}

const warm = Object.fromEntries(Object.entries(ROUTERS).map(([name, make]) => [name, build(make)]));
const expected = signature(Object.values(warm)[0] as Router<Handler>);
for (const [name, router] of Object.entries(warm)) {
  if (signature(router) !== expected) throw new Error(`${name} matches other handlers`);
}

describe(`match ${REQUESTS.length} requests on a warm router (${routes.length} routes)`, () => {
  for (const [name, router] of Object.entries(warm)) {
    bench(name, () => {
      for (const [method, path] of REQUESTS) router.match(method, path);
    });
  }
});

describe('build the router and match the first request (cold isolate)', () => {
  for (const [name, make] of Object.entries(ROUTERS)) {
    bench(name, () => {
      build(make).match('GET', '/calendar.ics');
    });
  }
});
