/**
 * Snapshots, edge caching and refresh control: faults keep the last good snapshot, subscriber
 * requests cost PCO nothing, conditional requests, the cron handler, admin and webhooks.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FakeFault } from '../src/fake-pco/server';
import { hmacSha256Hex } from '../src/http/crypto';
import { withExtraInstances } from './fixtures/bulk';
import { buildTestChurch } from './fixtures/church';
import { ADMIN_TOKEN, admin, encode, forceRefresh, WEBHOOK_SECRET } from './support/admin';
import { clearKv } from './support/kv';
import { FEED_ROUTES, LIVE, liveApp } from './support/live-app';

const church = () => buildTestChurch(new Date(inject('fixtureNow')));

/** The bodies and ETags of every feed route, and the filters below. */
const ALL_REQUESTS = [
  ...FEED_ROUTES,
  '/calendar.ics?past_days=0',
  '/calendar.ics?featured=true',
  '/feed.rss?limit=3',
  '/feed.atom?days=30',
  '/feed.json?limit=1',
  '/events.json?featured=false',
];

async function bodies(app: ReturnType<typeof liveApp>): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const path of FEED_ROUTES) result.set(path, await (await app.request(path)).text());
  return result;
}

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('upstream requests', () => {
  it('costs one bounded refresh, then nothing for 20 requests across formats and filters', async () => {
    const { dataset } = church();
    const app = liveApp(admin, dataset);
    await app.request('/calendar.ics');
    const refresh = app.upstream();
    const instances = app.fake.requests.filter((r) => r.url.includes('/event_instances')).length;
    const connections = app.fake.requests.filter((r) =>
      r.url.includes('/event_connections'),
    ).length;
    const n = dataset.instances.length;
    const a = dataset.attachments.length;
    expect(instances).toBe(Math.ceil(n / 100));
    expect(refresh - connections).toBeLessThanOrEqual(Math.ceil(n / 100) + Math.ceil(a / 100) + 5);
    // Connections are read only for published events: worship, prayer, lock-in, retreat,
    // noche and talent night (6); the hidden event's connections are never requested.
    expect(connections).toBe(6);
    for (let i = 0; i < 20; i += 1) {
      const res = await app.request(ALL_REQUESTS[i % ALL_REQUESTS.length] ?? '/');
      expect(res.status).toBe(200);
    }
    expect(app.upstream()).toBe(refresh);
  });

  it('reuses EventConnections of unchanged events on the next refresh', async () => {
    const app = liveApp(admin);
    await forceRefresh(app);
    const before = app.upstream();
    const res = await forceRefresh(app);
    expect(((await res.json()) as { result: string }).result).toBe('unchanged');
    const second = app.fake.requests.slice(before);
    expect(second.filter((r) => r.url.includes('/event_connections'))).toHaveLength(0);
  });

  it('serves 30 concurrent cold requests with one refresh', async () => {
    const reference = liveApp(admin);
    await forceRefresh(reference);
    const oneRefresh = reference.upstream();
    await clearKv(env.SNAPSHOTS);
    const app = liveApp(admin);
    const ctx = createExecutionContext();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.worker.fetch(
          new Request(`https://feeds.test${ALL_REQUESTS[i % ALL_REQUESTS.length]}`),
          { ...env, ...LIVE, ...admin },
          ctx,
        ),
      ),
    );
    await waitOnExecutionContext(ctx);
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(app.upstream()).toBe(oneRefresh);
  });
});

describe('faults after a good snapshot', () => {
  const faults: Array<[string, FakeFault, string]> = [
    ['500', { kind: 'status', status: 500 }, 'http'],
    ['503', { kind: 'status', status: 503 }, 'http'],
    ['429 with a long Retry-After', { kind: 'rate-limit', retryAfterSeconds: 3600 }, 'rate-limit'],
    ['a 30-second stall (the client timeout fires)', { kind: 'stall', ms: 30_000 }, 'timeout'],
    ['malformed JSON', { kind: 'malformed-json' }, 'schema'],
    ['failure after the first page', { kind: 'fail-after-first-page' }, 'http'],
  ];

  it.each(faults)(
    'keeps serving the same occurrences, marked stale, on %s',
    async (_name, fault, kind) => {
      // 250 extra instances: three pages, so "failure after the first page" has a second page.
      const app = liveApp(admin, withExtraInstances(church().dataset, 250));
      const good = await bodies(app);
      app.fake.injectFault(fault, { times: Number.POSITIVE_INFINITY });
      app.advance(1000);
      const res = await forceRefresh(app);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { kind: string } }).error.kind).toBe(kind);
      for (const path of FEED_ROUTES) {
        const response = await app.request(path);
        expect(response.status, path).toBe(200);
        expect(await response.text(), path).toBe(good.get(path));
        expect(Number(response.headers.get('X-Snapshot-Age')), path).toBeGreaterThanOrEqual(1000);
        expect(Number(response.headers.get('Age')), path).toBeGreaterThanOrEqual(1000);
      }
      const health = (await (await app.request('/health')).json()) as {
        status: string;
        last_error: { error: { kind: string } };
        snapshot: { stale: boolean };
      };
      expect(health.status).toBe('degraded');
      expect(health.snapshot.stale).toBe(true);
      expect(health.last_error.error.kind).toBe(kind);
    },
  );

  it('retries a 429 after Retry-After and publishes', async () => {
    const app = liveApp(admin);
    await app.request('/calendar.ics');
    app.fake.injectFault({ kind: 'rate-limit', retryAfterSeconds: 2 });
    const res = await forceRefresh(app);
    expect(((await res.json()) as { result: string }).result).toBe('unchanged');
  });

  it('holds back a suspicious empty answer until a second refresh confirms it', async () => {
    const app = liveApp(admin);
    const good = await bodies(app);
    app.fake.injectFault({ kind: 'empty' }, { times: Number.POSITIVE_INFINITY });
    const held = (await (await forceRefresh(app)).json()) as {
      result: string;
      occurrences: number;
    };
    expect(held).toMatchObject({ result: 'held', occurrences: 0 });
    for (const path of FEED_ROUTES)
      expect(await (await app.request(path)).text()).toBe(good.get(path));
    const health = (await (await app.request('/health')).json()) as {
      pending_empty: unknown;
      status: string;
    };
    expect(health.pending_empty).not.toBeNull();
    expect(health.status).toBe('degraded');
    // A second empty answer right away is no confirmation: the glitch may simply persist.
    expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe('held');
    app.advance(301);
    const confirmed = (await (await forceRefresh(app)).json()) as { result: string };
    expect(confirmed.result).toBe('published');
    const events = (await (await app.request('/events.json')).json()) as { occurrences: unknown[] };
    expect(events.occurrences).toHaveLength(0);
  });

  it('clears the hold when the next refresh is not empty', async () => {
    const app = liveApp(admin);
    await app.request('/calendar.ics');
    app.fake.injectFault({ kind: 'empty' }, { times: 2 });
    expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe('held');
    app.fake.clearFaults();
    expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe(
      'unchanged',
    );
    const health = (await (await app.request('/health')).json()) as { pending_empty: unknown };
    expect(health.pending_empty).toBeNull();
  });

  it('backs off after a failed refresh instead of retrying on every request', async () => {
    const app = liveApp();
    await app.request('/feed.rss');
    app.fake.injectFault({ kind: 'status', status: 500 }, { times: Number.POSITIVE_INFINITY });
    app.advance(1000);
    await app.request('/feed.rss');
    const afterFirstFailure = app.upstream();
    for (let i = 0; i < 5; i += 1) expect((await app.request('/feed.atom')).status).toBe(200);
    expect(app.upstream()).toBe(afterFirstFailure);
    app.advance(31);
    await app.request('/feed.rss');
    expect(app.upstream()).toBeGreaterThan(afterFirstFailure);
  });

  it('keeps the replaced snapshot body for one generation, then deletes it', async () => {
    const app = liveApp(admin);
    const bodyKeys = async () =>
      (await env.SNAPSHOTS.list({ prefix: 'snapshot:' })).keys.map((k) => k.name);
    await forceRefresh(app);
    const [first] = await bodyKeys();
    const rename = (name: string) => {
      const instance = app.fake.dataset.instances.find((i) => i.id === church().ids.lockIn);
      if (!instance) throw new Error('no lock-in');
      instance.attributes.name = name;
    };
    rename('Lock-In Two');
    await forceRefresh(app);
    expect(await bodyKeys()).toHaveLength(2);
    expect(await bodyKeys()).toContain(first);
    rename('Lock-In Three');
    await forceRefresh(app);
    const keys = await bodyKeys();
    expect(keys).toHaveLength(2);
    expect(keys).not.toContain(first);
  });

  it('refreshes a stale snapshot in the background while serving it', async () => {
    const app = liveApp();
    await app.request('/feed.rss');
    const before = app.upstream();
    app.advance(901);
    const stale = await app.request('/feed.rss');
    expect(stale.headers.get('Age')).not.toBeNull();
    expect(app.upstream()).toBeGreaterThan(before);
    const fresh = await app.request('/feed.rss');
    expect(fresh.headers.get('Age')).toBeNull();
    expect(Number(fresh.headers.get('X-Snapshot-Age'))).toBeLessThan(900);
  });
});

describe('HTTP caching', () => {
  it('sends a strong ETag, Last-Modified, Cache-Control and Vary', async () => {
    const app = liveApp();
    const a = await app.request('/calendar.ics');
    const b = await app.request('/calendar.ics');
    expect(a.headers.get('ETag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
    expect(await b.text()).toBe(await a.text());
    expect(a.headers.get('Cache-Control')).toMatch(
      /max-age=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/,
    );
    expect(a.headers.get('Vary')).toBe('Accept-Encoding');
    expect(Number.isNaN(Date.parse(a.headers.get('Last-Modified') ?? ''))).toBe(false);
    const other = await app.request('/calendar.ics?featured=true');
    expect(other.headers.get('ETag')).not.toBe(a.headers.get('ETag'));
  });

  it('answers If-None-Match with 304 and no body, and a different tag with 200', async () => {
    const app = liveApp();
    for (const path of FEED_ROUTES) {
      const first = await app.request(path);
      const etag = first.headers.get('ETag') ?? '';
      const hit = await app.request(path, { headers: { 'If-None-Match': `"other", ${etag}` } });
      expect(hit.status, path).toBe(304);
      expect(await hit.text()).toBe('');
      expect(hit.headers.get('ETag')).toBe(etag);
      expect(hit.headers.get('Cache-Control')).toBe(first.headers.get('Cache-Control'));
      const miss = await app.request(path, { headers: { 'If-None-Match': '"0123"' } });
      expect(miss.status, path).toBe(200);
    }
  });

  it('answers If-Modified-Since with 304 until the content changes, deletions included', async () => {
    const app = liveApp(admin);
    const first = await app.request('/calendar.ics');
    const lastModified = first.headers.get('Last-Modified') ?? '';
    const conditional = { headers: { 'If-Modified-Since': lastModified } };
    expect((await app.request('/calendar.ics', conditional)).status).toBe(304);
    // Unpublish an occurrence: no remaining updated_at moves, but the feed changed.
    const { ids } = church();
    app.fake.dataset.instances = app.fake.dataset.instances.filter((i) => i.id !== ids.noche);
    app.advance(120);
    expect(((await (await forceRefresh(app)).json()) as { result: string }).result).toBe(
      'published',
    );
    const after = await app.request('/calendar.ics', conditional);
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(`pco-event-instance-${ids.noche}@`);
  });

  it('answers HEAD with the headers of GET and no body, conditionally too', async () => {
    const app = liveApp();
    for (const path of FEED_ROUTES) {
      const get = await app.request(path);
      const head = await app.request(path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('ETag')).toBe(get.headers.get('ETag'));
      expect(head.headers.get('Content-Type')).toBe(get.headers.get('Content-Type'));
      expect(await head.text()).toBe('');
      const etag = get.headers.get('ETag') ?? '';
      expect(
        (await app.request(path, { method: 'HEAD', headers: { 'If-None-Match': etag } })).status,
      ).toBe(304);
    }
  });

  it('never serves an old cached body after a new snapshot', async () => {
    const app = liveApp(admin);
    const before = await app.request('/feed.rss');
    const instance = app.fake.dataset.instances.find((i) => i.attributes.name === 'Youth Lock-In');
    if (!instance) throw new Error('fixture has no Youth Lock-In');
    instance.attributes.name = 'Youth Lock-In Renamed';
    instance.attributes.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await forceRefresh(app);
    const after = await app.request('/feed.rss');
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
    expect(await after.text()).toContain('Youth Lock-In Renamed');
  });
});

describe('regression: SEQUENCE and LAST-MODIFIED follow every published change', () => {
  const sequenceOf = (ics: string, instanceId: string) => {
    const vevent = ics
      .split('BEGIN:VEVENT')
      .find((v) => v.includes(`UID:pco-event-instance-${instanceId}@`));
    return Number(/SEQUENCE:(\d+)/.exec(vevent ?? '')?.[1]);
  };

  it('grows when an attachment is removed, though no remaining updated_at moves', async () => {
    const app = liveApp(admin);
    const { ids } = church();
    const before = sequenceOf(await (await app.request('/calendar.ics')).text(), ids.lockIn);
    const lockIn = app.fake.dataset.instances.find((i) => i.id === ids.lockIn);
    app.fake.dataset.attachments = app.fake.dataset.attachments.filter(
      (a) => a.eventId !== lockIn?.eventId,
    );
    app.advance(600);
    await forceRefresh(app);
    const after = sequenceOf(await (await app.request('/calendar.ics')).text(), ids.lockIn);
    expect(after).toBeGreaterThan(before);
  });

  it('stays put across refreshes of unchanged content', async () => {
    const app = liveApp(admin);
    const { ids } = church();
    const before = sequenceOf(await (await app.request('/calendar.ics')).text(), ids.lockIn);
    app.advance(600);
    await forceRefresh(app);
    expect(sequenceOf(await (await app.request('/calendar.ics')).text(), ids.lockIn)).toBe(before);
  });
});

describe('regression: a re-signed image URL does not change the snapshot', () => {
  it('keeps the version and ETag while the old signature is valid', async () => {
    const app = liveApp(admin);
    const first = await app.request('/calendar.ics');
    const youth = app.fake.dataset.events.find((e) => e.attributes.name === 'Youth Lock-In');
    if (!youth?.attributes.image_url) throw new Error('fixture has no image');
    youth.attributes.image_url = youth.attributes.image_url.replace(
      'signature=abc',
      'signature=xyz',
    );
    const res = (await (await forceRefresh(app)).json()) as { result: string };
    expect(res.result).toBe('unchanged');
    expect((await app.request('/calendar.ics')).headers.get('ETag')).toBe(
      first.headers.get('ETag'),
    );
  });
});

describe('cron trigger', () => {
  it('refreshes from the scheduled handler so requests find a snapshot', async () => {
    const app = liveApp();
    const ctx = createExecutionContext();
    await app.worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '*/10 * * * *' }),
      { ...env, ...LIVE },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const afterCron = app.upstream();
    expect(afterCron).toBeGreaterThan(0);
    expect((await app.request('/calendar.ics')).status).toBe(200);
    expect(app.upstream()).toBe(afterCron);
  });
});

describe('POST /admin/refresh', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const app = liveApp();
    expect((await forceRefresh(app)).status).toBe(404);
  });

  it('rejects a missing or wrong token without refreshing', async () => {
    const app = liveApp(admin);
    expect((await app.request('/admin/refresh', { method: 'POST' })).status).toBe(401);
    expect((await forceRefresh(app, `${ADMIN_TOKEN}x`)).status).toBe(401);
    expect((await forceRefresh(app, 'short')).status).toBe(401);
    expect(app.upstream()).toBe(0);
  });

  it('forces a refresh and answers with its summary', async () => {
    const app = liveApp(admin);
    const res = await forceRefresh(app);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ result: 'published', upstream_requests: app.upstream() });
    expect(summary.version).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(summary)).not.toContain(ADMIN_TOKEN);
  });
});

describe('POST /webhooks/pco', () => {
  const delivery = JSON.stringify({ data: [{ type: 'EventRequest', id: '1' }] });
  const post = async (
    app: ReturnType<typeof liveApp>,
    signature: string | undefined,
    body = delivery,
  ) =>
    app.request('/webhooks/pco', {
      method: 'POST',
      body,
      headers: signature === undefined ? {} : { 'X-PCO-Webhooks-Authenticity': signature },
    });

  it('does not exist without PCO_WEBHOOK_SECRET', async () => {
    const app = liveApp();
    const signature = await hmacSha256Hex(WEBHOOK_SECRET, encode(delivery));
    expect((await post(app, signature)).status).toBe(404);
  });

  it('rejects a missing, malformed or wrong signature and does nothing', async () => {
    const app = liveApp(admin);
    const wrong = await hmacSha256Hex('another-secret', encode(delivery));
    const forOtherBody = await hmacSha256Hex(WEBHOOK_SECRET, encode('{}'));
    for (const signature of [undefined, 'not-hex', wrong, forOtherBody]) {
      expect((await post(app, signature)).status).toBe(401);
    }
    expect(app.upstream()).toBe(0);
  });

  it('refuses a delivery larger than 1 MiB before reading it', async () => {
    const app = liveApp(admin);
    const body = 'x'.repeat(1024 * 1024 + 1);
    const signature = await hmacSha256Hex(WEBHOOK_SECRET, encode(body));
    const res = await app.request('/webhooks/pco', {
      method: 'POST',
      body,
      headers: {
        'X-PCO-Webhooks-Authenticity': signature,
        'Content-Length': String(body.length),
      },
    });
    expect(res.status).toBe(413);
    expect(app.upstream()).toBe(0);
  });

  it('accepts a valid signature, answers 200 and refreshes', async () => {
    const app = liveApp(admin);
    const signature = await hmacSha256Hex(WEBHOOK_SECRET, encode(delivery));
    const res = await post(app, signature.toUpperCase());
    expect(res.status).toBe(200);
    expect(app.upstream()).toBeGreaterThan(0);
    expect((await (await app.request('/health')).json()) as { status: string }).toMatchObject({
      status: 'ok',
    });
  });
});

describe('GET /health', () => {
  it('reports version, age, the last refresh and the rate limit, and no secrets', async () => {
    const app = liveApp(admin);
    await app.request('/calendar.ics');
    const body = await (await app.request('/health')).text();
    const health = JSON.parse(body) as {
      snapshot: { version: string; age_seconds: number; built_at: string };
      last_refresh: { result: string; duration_ms: number; upstream_requests: number };
      rate_limit: { limit: number; period_seconds: number; count: number };
    };
    expect(health.snapshot.version).toMatch(/^[0-9a-f]{32}$/);
    expect(health.snapshot.age_seconds).toBeGreaterThanOrEqual(0);
    expect(health.last_refresh).toMatchObject({
      result: 'published',
      upstream_requests: app.upstream(),
    });
    expect(health.last_refresh.duration_ms).toBeGreaterThanOrEqual(0);
    expect(health.rate_limit).toMatchObject({ limit: 100, period_seconds: 20 });
    for (const secret of ['test-secret-value', ADMIN_TOKEN, WEBHOOK_SECRET])
      expect(body).not.toContain(secret);
  });
});
