/**
 * The snapshot lifecycle under hostile or broken conditions (issue 9, 10, 12): cold starts with
 * Planning Center down, credential failures, replayed and oversized webhooks, KV writes per
 * refresh, and the Workers Caching headers and purges.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { hmacSha256Hex } from '../src/http/crypto';
import { buildTestChurch, TEST_CREDENTIALS } from './fixtures/church';
import { admin, encode, forceRefresh, WEBHOOK_SECRET } from './support/admin';
import { clearKv } from './support/kv';
import { FEED_ROUTES, liveApp } from './support/live-app';

type App = ReturnType<typeof liveApp>;

/** A KV namespace that counts the writes (put and delete) made through it. */
function countingKv(kv: KVNamespace): { kv: KVNamespace; writes: string[] } {
  const writes: string[] = [];
  const counted = new Proxy(kv, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'put' || name === 'delete') writes.push(`${String(name)} ${String(args[0])}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { kv: counted, writes };
}

/** A PCO delivery as Planning Center sends one (an `EventDelivery` with its own id). */
function delivery(id: string): string {
  return JSON.stringify({
    data: [
      {
        id,
        type: 'EventDelivery',
        attributes: {
          name: 'calendar.v2.events.event_request.updated',
          attempt: 1,
          payload: JSON.stringify({ data: { type: 'EventRequest', id: '1' } }),
        },
        relationships: { organization: { data: { type: 'Organization', id: '1' } } },
      },
    ],
  });
}

async function postWebhook(app: App, body: string): Promise<Response> {
  const signature = await hmacSha256Hex(WEBHOOK_SECRET, encode(body));
  return app.request('/webhooks/pco', {
    method: 'POST',
    body,
    headers: { 'X-PCO-Webhooks-Authenticity': signature },
  });
}

/** The upstream cost of one cold refresh of the test church. */
async function oneRefreshCost(): Promise<number> {
  const reference = liveApp(admin);
  await forceRefresh(reference);
  const cost = reference.upstream();
  await clearKv(env.SNAPSHOTS);
  return cost;
}

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('cold start with Planning Center down', () => {
  it('costs at most 8 upstream requests for 20 requests, each later one a 503 with Retry-After at once', async () => {
    const app = liveApp();
    app.fake.injectFault({ kind: 'status', status: 500 }, { times: Number.POSITIVE_INFINITY });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await app.request(FEED_ROUTES[i % FEED_ROUTES.length] ?? '/calendar.ics');
      statuses.push(res.status);
      expect(Number(res.headers.get('Retry-After')), `request ${i}`).toBeGreaterThan(0);
      if (i === 0) expect(await res.text()).toMatch(/Planning Center could not be read \(http\)/);
      app.advance(1);
    }
    console.log(`20 cold requests, PCO down: ${app.upstream()} upstream requests`);
    expect(statuses).toEqual(Array(20).fill(503));
    // Three attempts of the first request (the client's retries), then the back-off.
    expect(app.upstream()).toBeLessThanOrEqual(8);
    // After the back-off, one more attempt; PCO is back, so it publishes.
    app.fake.clearFaults();
    app.advance(30);
    expect((await app.request('/calendar.ics')).status).toBe(200);
  });

  it('waits out a long Retry-After before asking Planning Center again', async () => {
    const app = liveApp();
    // PCO asks for an hour; the client waits at most 30 s, so the refresh fails at once.
    app.fake.injectFault(
      { kind: 'rate-limit', retryAfterSeconds: 3600 },
      { times: Number.POSITIVE_INFINITY },
    );
    const first = await app.request('/calendar.ics');
    expect(first.status).toBe(503);
    const asked = app.upstream();
    expect(asked).toBe(1);
    // The 30 s doubling back-off would try again after 30 s and 90 s; PCO's wait is longer.
    expect(Number(first.headers.get('Retry-After'))).toBeGreaterThan(90);
    for (const seconds of [31, 60, 30]) {
      app.advance(seconds);
      expect((await app.request('/feed.rss')).status).toBe(503);
    }
    expect(app.upstream()).toBe(asked);
  });

  it('shares the back-off with another isolate through KV', async () => {
    const first = liveApp();
    first.fake.injectFault({ kind: 'status', status: 500 }, { times: Number.POSITIVE_INFINITY });
    expect((await first.request('/feed.rss')).status).toBe(503);
    const second = liveApp();
    second.fake.injectFault({ kind: 'status', status: 500 }, { times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5; i += 1) {
      const res = await second.request('/calendar.ics');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    expect(second.upstream()).toBe(0);
  });

  it('does not re-read EventConnections a failed attempt already read', async () => {
    const reference = liveApp(admin);
    await forceRefresh(reference);
    const connectionUrls = reference.fake.requests
      .map((r) => r.url)
      .filter((u) => u.includes('/event_connections'));
    await clearKv(env.SNAPSHOTS);
    const failing = connectionUrls.at(-1) ?? '';
    expect(connectionUrls.length).toBeGreaterThan(3);
    const app = liveApp();
    app.fake.injectFault(
      { kind: 'status', status: 500 },
      { times: Number.POSITIVE_INFINITY, match: (url) => url.href === failing },
    );
    expect((await app.request('/calendar.ics')).status).toBe(503);
    const firstAttempt = app.upstream();
    app.advance(31);
    expect((await app.request('/calendar.ics')).status).toBe(503);
    const second = app.fake.requests.slice(firstAttempt).map((r) => r.url);
    // Only the listing that failed is read again (with the client's retries).
    expect(second.filter((u) => u.includes('/event_connections') && u !== failing)).toEqual([]);
    expect(second.filter((u) => u === failing).length).toBeGreaterThan(0);
  });
});

describe('the cold 503 names the cause', () => {
  it('does not blame Planning Center for a failure of pco-feeds itself', async () => {
    const failingKv = new Proxy(env.SNAPSHOTS, {
      get(target, name) {
        if (name === 'put') return async () => Promise.reject(new Error('KV put refused'));
        const value = Reflect.get(target, name, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = liveApp({ SNAPSHOTS: failingKv });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let logged: unknown[][] = [];
    const res = await app.request('/calendar.ics').finally(() => {
      logged = [...errors.mock.calls];
      errors.mockRestore();
    });
    expect(logged).toContainEqual(['refresh failed: build: KV put refused']);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('not a Planning Center outage');
    expect(text).not.toContain('internal');
    expect(text).not.toContain('Planning Center could not be read');
  });
});

describe('credential failures are setup problems', () => {
  it('keeps serving the last good snapshot on a 401, names the credentials on /health, and does not retry on every request', async () => {
    const app = liveApp();
    const good = await (await app.request('/calendar.ics')).text();
    const wrong = { PCO_SECRET: 'a-mistyped-secret' };
    app.advance(1000);
    const stale = await app.request('/calendar.ics', {}, wrong);
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(good);
    const afterFirst = app.upstream();
    for (let i = 0; i < 10; i += 1) {
      expect((await app.request(FEED_ROUTES[i % 5] ?? '/', {}, wrong)).status).toBe(200);
    }
    expect(app.upstream()).toBe(afterFirst);
    const health = await app.request('/health', {}, wrong);
    const body = (await health.json()) as {
      status: string;
      setup_problem: { status: number; credentials: string[]; fix: string };
      last_refresh: { error: { kind: string } };
    };
    expect(health.status).toBe(200);
    expect(body.status).toBe('misconfigured');
    expect(body.setup_problem).toMatchObject({
      status: 401,
      credentials: ['PCO_APP_ID', 'PCO_SECRET'],
    });
    expect(body.setup_problem.fix).toContain('wrangler secret put PCO_SECRET');
    expect(body.last_refresh.error.kind).toBe('auth');
    expect(JSON.stringify(body)).not.toContain('a-mistyped-secret');
    expect(JSON.stringify(body)).not.toContain(TEST_CREDENTIALS.secret);
  });

  it('answers a cold start with a plain 503 that names the setup problem, after one upstream request', async () => {
    const app = liveApp({ PCO_SECRET: 'a-mistyped-secret' });
    for (let i = 0; i < 5; i += 1) {
      const res = await app.request('/feed.rss');
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain('setup problem');
      expect(text).not.toContain('temporarily');
      expect(text).toContain('PCO_SECRET');
      expect(text).not.toContain('a-mistyped-secret');
    }
    expect(app.upstream()).toBe(1);
  });
});

describe('webhooks are rate-limited hints', () => {
  it('150 replayed deliveries cost at most two refreshes', async () => {
    const cost = await oneRefreshCost();
    const app = liveApp(admin);
    const body = delivery('5f0c1d2e-0000-4000-8000-000000000001');
    for (let i = 0; i < 150; i += 1) {
      expect((await postWebhook(app, body)).status).toBe(200);
      app.advance(0.1);
    }
    app.advance(61);
    await app.request('/calendar.ics');
    console.log(
      `150 replayed webhooks: ${app.upstream()} upstream requests (one refresh: ${cost})`,
    );
    expect(app.upstream()).toBeGreaterThan(0);
    expect(app.upstream()).toBeLessThanOrEqual(2 * cost);
  });

  it('150 distinct deliveries in 15 s coalesce into one refresh now and one after the interval', async () => {
    const cost = await oneRefreshCost();
    const app = liveApp(admin);
    const actions: string[] = [];
    for (let i = 0; i < 150; i += 1) {
      const res = await postWebhook(app, delivery(`delivery-${i}`));
      actions.push(((await res.json()) as { action: string }).action);
      app.advance(0.1);
    }
    expect(actions[0]).toBe('refreshing');
    expect(actions[1]).toBe('deferred');
    expect(actions.slice(2)).toEqual(Array(148).fill('coalesced'));
    expect(app.upstream()).toBe(cost);
    app.advance(61);
    // The deferred refresh runs with the first request after it is due.
    await app.request('/feed.rss');
    const afterDeferred = app.upstream();
    console.log(`150 distinct webhooks: ${afterDeferred} upstream requests (one refresh: ${cost})`);
    expect(afterDeferred).toBeGreaterThan(cost);
    expect(afterDeferred).toBeLessThanOrEqual(2 * cost);
    await app.request('/feed.rss');
    expect(app.upstream()).toBe(afterDeferred);
  });

  it('refuses a malformed signature before reading the body, and a 300 MB chunked body at the cap', async () => {
    const app = liveApp(admin);
    const post = async (signature: string) => {
      let pulled = 0;
      const chunk = new Uint8Array(64 * 1024).fill(120);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 300 * 1024 * 1024) controller.close();
          else {
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          }
        },
      });
      const started = performance.now();
      const res = await app.request('/webhooks/pco', {
        method: 'POST',
        body,
        headers: { 'X-PCO-Webhooks-Authenticity': signature },
        duplex: 'half',
      } as RequestInit);
      return { status: res.status, pulled, ms: performance.now() - started };
    };
    const malformed = await post('00');
    expect(malformed.status).toBe(401);
    expect(malformed.pulled).toBeLessThanOrEqual(4 * 64 * 1024);
    const oversized = await post('ab'.repeat(32));
    expect(oversized.status).toBe(413);
    // Read up to the 64 KiB cap (plus what the stream had buffered), never the 300 MB.
    expect(oversized.pulled).toBeLessThanOrEqual(1024 * 1024);
    console.log(
      `webhook oversize: malformed ${malformed.pulled} B pulled in ${malformed.ms.toFixed(0)} ms; oversized ${oversized.pulled} B in ${oversized.ms.toFixed(0)} ms`,
    );
    expect(app.upstream()).toBe(0);
  });
});

describe('KV writes', () => {
  it('writes nothing for an unchanged refresh and at most three keys for a changed one', async () => {
    const { kv, writes } = countingKv(env.SNAPSHOTS);
    const app = liveApp({ ...admin, SNAPSHOTS: kv });
    await forceRefresh(app);
    const initial = writes.length;
    expect(initial).toBeLessThanOrEqual(2);
    app.advance(600);
    expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe(
      'unchanged',
    );
    expect(writes.slice(initial)).toEqual([]);
    const { ids } = buildTestChurch(new Date(inject('fixtureNow')));
    for (const [n, name] of ['Lock-In Two', 'Lock-In Three'].entries()) {
      const instance = app.fake.dataset.instances.find((i) => i.id === ids.lockIn);
      if (!instance) throw new Error('no lock-in');
      instance.attributes.name = name;
      app.advance(600);
      const before = writes.length;
      expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe(
        'published',
      );
      // Body and meta; from the third generation on, the body two generations back is deleted.
      expect(writes.length - before, writes.slice(before).join('\n')).toBe(n === 0 ? 2 : 3);
    }
  });
});

describe('Workers Caching', () => {
  it('tags every snapshot-backed response and purges the tag when a new snapshot is published', async () => {
    const purges: string[][] = [];
    const purge = async (tags: readonly string[]) => {
      purges.push([...tags]);
    };
    const app = liveApp(admin, undefined, { purge });
    const res = await app.request('/calendar.ics');
    const version = (
      (await (await app.request('/health')).json()) as { snapshot: { version: string } }
    ).snapshot.version;
    for (const path of [...FEED_ROUTES, '/', '/widget']) {
      const r = path === '/calendar.ics' ? res : await app.request(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('Cache-Tag'), path).toBe(`snapshot,snapshot-${version}`);
      expect(r.headers.get('Cache-Control'), path).toMatch(/^public, max-age=\d+/);
    }
    expect(res.headers.get('Cache-Control')).toMatch(/stale-if-error=\d+/);
    for (const path of ['/health', '/admin/refresh'])
      expect((await app.request(path)).headers.get('Cache-Tag'), path).toBeNull();
    // The first snapshot replaces nothing; an unchanged refresh purges nothing.
    app.advance(600);
    await forceRefresh(app);
    expect(purges).toEqual([]);
    const instance = app.fake.dataset.instances[0];
    if (!instance) throw new Error('no instance');
    instance.attributes.name = 'Renamed';
    app.advance(600);
    await forceRefresh(app);
    expect(purges).toEqual([['snapshot']]);
    // The Cron Trigger purges too.
    instance.attributes.name = 'Renamed again';
    app.advance(600);
    const ctx = createExecutionContext();
    await app.worker.scheduled(
      createScheduledController(),
      {
        ...env,
        ...admin,
        PCO_APP_ID: TEST_CREDENTIALS.appId,
        PCO_SECRET: TEST_CREDENTIALS.secret,
        PCO_API_BASE: 'https://pco.test',
      },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(purges).toEqual([['snapshot'], ['snapshot']]);
  });

  it('gives equivalent queries one ETag and answers it with 304', async () => {
    const app = liveApp();
    const first = await app.request('/feed.rss?limit=5&tag=1&tag=2');
    const etag = first.headers.get('ETag') ?? '';
    const res = await app.request('/feed.rss?tag=2&limit=05&tag=1&tag=2', {
      headers: { 'If-None-Match': etag },
    });
    expect(res.status).toBe(304);
    expect(res.headers.get('Cache-Tag')).toBe(first.headers.get('Cache-Tag'));
    expect((await app.request('/feed.rss?limit=6')).headers.get('ETag')).not.toBe(etag);
  });
});
