/**
 * Workers Free's 50 subrequests per invocation (issue 12): a refresh that needs more Planning
 * Center requests continues across invocations from a partial build stored aside, never serves
 * it, and publishes only a whole snapshot. Every invocation's requests are counted at the fake.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { REFRESH_CONTINUE_AFTER_SECONDS } from '../src/constants';
import type { FakeDataset } from '../src/fake-pco/dataset';
import { buildConformanceFixture } from './clients/fixture';
import { buildTestChurch } from './fixtures/church';
import { clearKv } from './support/kv';
import { LIVE, type LiveApp, liveApp } from './support/live-app';

/** Workers Free: subrequests per invocation. */
const FREE_SUBREQUESTS = 50;

/** The test church plus `count` published events of one instance each (one listing each). */
function manyEvents(count: number): FakeDataset {
  return buildTestChurch(new Date(inject('fixtureNow')), (b, { today }) => {
    for (let i = 0; i < count; i += 1) {
      const event = b.event({ name: `Class ${i}` });
      const day = today.plus({ days: 2 + i }).toISODate() ?? '';
      b.instance(event, { times: [{ start: `${day}T19:00`, end: `${day}T20:00` }] });
    }
  }).dataset;
}

/** Runs one Cron Trigger invocation; returns the PCO requests it made. */
async function cronTick(app: LiveApp): Promise<number> {
  const before = app.upstream();
  const ctx = createExecutionContext();
  await app.worker.scheduled(createScheduledController(), { ...env, ...LIVE }, ctx);
  await waitOnExecutionContext(ctx);
  return app.upstream() - before;
}

/** Sends one request (one invocation, background work included); returns it and its PCO requests. */
async function invoke(app: LiveApp, path: string): Promise<{ response: Response; cost: number }> {
  const before = app.upstream();
  const response = await app.request(path);
  return { response, cost: app.upstream() - before };
}

/** Distinct event ids whose EventConnections the fake was asked for. */
function connectionListings(app: LiveApp): string[] {
  return app.fake.requests
    .map((r) => /\/events\/([^/]+)\/event_connections/.exec(new URL(r.url).pathname)?.[1])
    .filter((id): id is string => id !== undefined);
}

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('a refresh larger than one invocation', () => {
  it('answers a cold start 503 with Retry-After while it builds across invocations, each ≤ 50 requests', async () => {
    const app = liveApp({}, manyEvents(120));
    const costs: number[] = [];
    const first = await invoke(app, '/calendar.ics');
    costs.push(first.cost);
    expect(first.response.status).toBe(503);
    expect(first.response.headers.get('Retry-After')).toBe(String(REFRESH_CONTINUE_AFTER_SECONDS));
    expect(await first.response.text()).toMatch(/being built across several invocations/);
    // Inside the wait: answered at once, no PCO request.
    const early = await invoke(app, '/feed.rss');
    expect(early.response.status).toBe(503);
    expect(early.cost).toBe(0);
    let response = first.response;
    for (let i = 0; i < 10 && response.status !== 200; i += 1) {
      app.advance(REFRESH_CONTINUE_AFTER_SECONDS);
      const next = await invoke(app, '/calendar.ics');
      costs.push(next.cost);
      response = next.response;
      // A partial build is never served: each answer is a 503 or the whole calendar.
      if (response.status !== 200) expect(response.status).toBe(503);
    }
    expect(response.status).toBe(200);
    const body = await response.text();
    for (let i = 0; i < 120; i += 1) expect(body).toContain(`SUMMARY:Class ${i}\r\n`);
    console.log(`cold build of 120+ events: requests per invocation ${costs.join(', ')}`);
    expect(costs.length).toBeGreaterThan(2);
    expect(Math.max(...costs)).toBeLessThanOrEqual(FREE_SUBREQUESTS);
    // Every published event's listing was read once: no slice re-read what an earlier one kept.
    const listings = connectionListings(app);
    expect(new Set(listings).size).toBe(listings.length);
    // The partial build is gone once the snapshot is whole.
    const keys = await env.SNAPSHOTS.list();
    expect(keys.keys.map((k) => k.name).filter((n) => n.startsWith('build:'))).toEqual([]);
    // 20 subscriber requests after it: no PCO request at all.
    const before = app.upstream();
    for (let i = 0; i < 20; i += 1) expect((await app.request('/feed.json')).status).toBe(200);
    expect(app.upstream() - before).toBe(0);
  }, 60_000);

  it('keeps serving the last good snapshot while the daily renewal spreads over Cron ticks', async () => {
    const app = liveApp({}, manyEvents(120));
    const costs: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      costs.push(await cronTick(app));
      if ((await invoke(app, '/health')).response.status === 200) break;
      app.advance(600);
    }
    const published = await app.request('/calendar.ics');
    expect(published.status).toBe(200);
    const etag = published.headers.get('ETag');
    // A day later every listing is due again: ticks renew them within budget, and the
    // snapshot stays served (same content, same ETag) throughout.
    app.advance(25 * 60 * 60);
    const listingsBefore = connectionListings(app).length;
    for (let i = 0; i < 6; i += 1) {
      costs.push(await cronTick(app));
      const served = await app.request('/calendar.ics');
      expect(served.status).toBe(200);
      expect(served.headers.get('ETag')).toBe(etag);
      app.advance(600);
    }
    expect(connectionListings(app).length - listingsBefore).toBeGreaterThanOrEqual(120);
    console.log(`Cron ticks, cold build then daily renewal: ${costs.join(', ')} requests`);
    expect(Math.max(...costs)).toBeLessThanOrEqual(FREE_SUBREQUESTS);
  }, 60_000);
});

describe("the client suite's calendar (test/clients/fixture.ts)", () => {
  it('refreshes in invocations of at most 50 upstream requests and ends whole', async () => {
    const fixture = buildConformanceFixture(new Date(inject('fixtureNow')), 1);
    const app = liveApp({}, fixture.church.dataset);
    const costs: number[] = [];
    let health: Response | undefined;
    for (let i = 0; i < 10; i += 1) {
      costs.push(await cronTick(app));
      health = await app.request('/health');
      if (health.status === 200) break;
      app.advance(600);
    }
    expect(health?.status).toBe(200);
    const total = costs.reduce((a, b) => a + b, 0);
    console.log(
      `client suite calendar: ${total} upstream requests in ${costs.length} invocations (${costs.join(', ')})`,
    );
    expect(Math.max(...costs)).toBeLessThanOrEqual(FREE_SUBREQUESTS);
    const json = (await health?.json()) as {
      snapshot: { occurrences: number; descriptions: { converted: number } | null };
      last_refresh: { result: string; descriptions: { failed: number } | null };
    };
    expect(json.last_refresh.result).toBe('published');
    expect(json.snapshot.descriptions?.converted).toBeGreaterThan(0);
    const ics = await (await app.request('/calendar.ics?limit=10000')).text();
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(json.snapshot.occurrences);
  }, 60_000);
});
