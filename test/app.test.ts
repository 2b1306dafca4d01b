/**
 * The app with other bindings than the default test Worker: demo mode (no credentials),
 * invalid configuration, and Planning Center failing, with the fake PCO injected as the
 * client's transport so each test controls its faults.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createApp, createWorker } from '../src/app';
import { DEMO_PCO } from '../src/demo/pco';
import type { Bindings } from '../src/env';
import { DEMO_PRIVATE_MARKERS } from '../src/fake-pco/demo-data';
import { buildTestChurch } from './fixtures/church';
import { parseIcs } from './support/ics';
import { clearKv } from './support/kv';
import { LIVE, liveApp, FEED_ROUTES as ROUTES } from './support/live-app';

const DEMO: Bindings = { SNAPSHOTS: env.SNAPSHOTS };

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('demo mode', () => {
  it('serves every route from the built-in calendar when no credentials are set', {
    timeout: 30_000,
  }, async () => {
    const app = createApp({ demo: DEMO_PCO });
    for (const path of [...ROUTES, '/health']) {
      const res = await app.request(`http://127.0.0.1:8787${path}`, {}, DEMO);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      for (const marker of DEMO_PRIVATE_MARKERS)
        expect(body, `${path} ${marker}`).not.toContain(marker);
    }
    const ics = await (await app.request('http://127.0.0.1:8787/calendar.ics', {}, DEMO)).text();
    const { events } = parseIcs(ics);
    expect(events.length).toBeGreaterThan(100);
    expect(events.some((e) => e.allDay)).toBe(true);
    const health = (await (await app.request('http://127.0.0.1:8787/health', {}, DEMO)).json()) as {
      mode: string;
    };
    expect(health.mode).toBe('demo');
    // Every feed and page says it is the demo.
    expect(ics).toMatch(/\r\nX-WR-CALNAME:[^\r]* \(demo\)\r\n/);
    for (const path of ['/feed.rss', '/feed.atom', '/feed.json', '/', '/widget']) {
      const body = await (await app.request(`http://127.0.0.1:8787${path}`, {}, DEMO)).text();
      expect(body, path).toContain('(demo)');
    }
    const widget = await (await app.request('http://127.0.0.1:8787/widget', {}, DEMO)).text();
    expect(widget).toContain('Demo calendar');
  });
});

describe('production entry without credentials', () => {
  const app = createApp();
  const SETUP_COMMANDS = [
    'npx wrangler secret put PCO_APP_ID',
    'npx wrangler secret put PCO_SECRET',
  ];

  it('serves the setup page at / and never the sample church', async () => {
    const res = await app.request('https://church.example.org/', {}, DEMO);
    expect(res.status).toBe(503);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    for (const text of ['PCO_APP_ID', 'PCO_SECRET', ...SETUP_COMMANDS, 'Deploy in 5 minutes'])
      expect(html).toContain(text);
    expect(html).not.toContain('Grace Community');
    expect(html).not.toContain('(demo)');
  });

  it('answers every feed and page with 503 and the same plain reason', async () => {
    for (const path of [...ROUTES, '/widget', '/embed.js', '/occurrences/1.ics']) {
      const res = await app.request(`https://church.example.org${path}`, {}, DEMO);
      expect(res.status, path).toBe(503);
      const body = await res.text();
      for (const command of SETUP_COMMANDS) expect(body, path).toContain(command);
      expect(body, path).not.toContain('Grace Community');
    }
    const health = await app.request('https://church.example.org/health', {}, DEMO);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'unconfigured',
      missing: ['PCO_APP_ID', 'PCO_SECRET'],
    });
  });

  it('makes no upstream request and writes nothing, even from the Cron Trigger', async () => {
    const requests: string[] = [];
    const worker = createWorker({
      client: {
        fetch: async (request) => {
          requests.push(request.url);
          return new Response('{}', { status: 500 });
        },
      },
    });
    await app.request('https://church.example.org/calendar.ics', {}, DEMO);
    // The expected warning is checked here, not printed into the test output.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await worker.scheduled({} as ScheduledController, DEMO, {
      waitUntil: () => undefined,
      passThroughOnException: () => undefined,
    } as unknown as ExecutionContext);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PCO_APP_ID'));
    warn.mockRestore();
    expect(requests).toEqual([]);
    expect((await env.SNAPSHOTS.list()).keys).toEqual([]);
  });
});

describe('configuration', () => {
  it.each([
    [{ TIME_ZONE: 'Mars/Olympus_Mons' }, 'TIME_ZONE'],
    [{ WINDOW_PAST_DAYS: '-3' }, 'WINDOW_PAST_DAYS'],
    [{ WINDOW_FUTURE_DAYS: 'a year' }, 'WINDOW_FUTURE_DAYS'],
    [{ PUBLIC_BASE_URL: 'feeds.example.org' }, 'PUBLIC_BASE_URL'],
    [{ PCO_API_BASE: 'ftp://pco.test' }, 'PCO_API_BASE'],
    [{ PCO_APP_ID: 'only-the-id' }, 'PCO_SECRET'],
    [{ PCO_APP_ID: 'a', PCO_SECRET: 'b', PCO_API_BASE: 'http://api.pco.test' }, 'PCO_API_BASE'],
    [{ SNAPSHOT_MAX_AGE_SECONDS: '-1' }, 'SNAPSHOT_MAX_AGE_SECONDS'],
  ])('rejects %o with a message naming %s, not a stack trace', async (env, setting) => {
    const res = await createApp().request('https://feeds.test/calendar.ics', {}, env);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain(setting);
    expect(body).not.toMatch(/\n\s+at /);
    expect(body).not.toContain('only-the-id');
  });

  it('uses TIME_ZONE, FEED_TITLE and PUBLIC_BASE_URL in the output', async () => {
    const { request } = liveApp();
    const env = {
      ...LIVE,
      TIME_ZONE: 'Europe/Berlin',
      FEED_TITLE: 'Grace Events',
      PUBLIC_BASE_URL: 'https://cal.grace.test/',
    };
    const ics = await (await request('/calendar.ics', {}, env)).text();
    expect(ics).toContain('X-WR-CALNAME:Grace Events');
    expect(ics).toContain('TZID:Europe/Berlin');
    // UIDs never carry PUBLIC_BASE_URL's host (README "UIDs").
    expect(ics).toMatch(/UID:pco-event-instance-\d+@pco-organization-\d+\r\n/);
    expect(ics).not.toMatch(/UID:[^\r]*grace\.test/);
    const rss = await (await request('/feed.rss', {}, env)).text();
    expect(rss).toContain('<link>https://cal.grace.test/</link>');
  });
});

describe('regression: a TZID alias without a matching VTIMEZONE', () => {
  // The TZID and its VTIMEZONE are the canonical zone (model/tzid); an alias in TZID= once had
  // no VTIMEZONE, and Outlook shifts such times.
  it.each([
    ['US/Central', 'America/Chicago'],
    ['Europe/Kiev', 'Europe/Kyiv'],
  ])('publishes TIME_ZONE=%s as TZID %s with its VTIMEZONE', async (alias, canonical) => {
    const { request } = liveApp();
    const ics = await (await request('/calendar.ics', {}, { TIME_ZONE: alias })).text();
    const tzids = new Set([...ics.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]));
    expect([...tzids]).toEqual([canonical]);
    expect(ics).toContain(`TZID:${canonical}\r\n`);
    expect(ics).toContain(`X-WR-TIMEZONE:${canonical}\r\n`);
  });
});

describe('regression: all-day dates under a TIME_ZONE override', () => {
  // PCO stores all-day midnights in the organization's zone; the override only changes display.
  it.each(['America/Los_Angeles', 'Europe/Berlin'])(
    'keeps the Fri–Sun retreat on Fri → Mon with TIME_ZONE=%s',
    async (zone) => {
      const church = buildTestChurch(new Date(inject('fixtureNow')));
      const { request } = liveApp();
      const ics = await (await request('/calendar.ics', {}, { TIME_ZONE: zone })).text();
      const retreat = parseIcs(ics).byUid.get(
        `pco-event-instance-${church.ids.retreat}@pco-organization-${church.dataset.organization.id}`,
      );
      expect(retreat?.startDate).toBe(church.retreatFriday);
      const monday = new Date(Date.parse(`${church.retreatFriday}T12:00:00Z`) + 3 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(retreat?.endDate).toBe(monday);
    },
  );
});

describe('upstream failures', () => {
  it('answers 503 with Retry-After, never an empty calendar, when PCO is down on a cold start', async () => {
    const { fake, request } = liveApp();
    fake.injectFault({ kind: 'status', status: 503 }, { times: Number.POSITIVE_INFINITY });
    const res = await request('/calendar.ics');
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('temporarily unavailable');
    const health = await request('/health');
    expect(health.status).toBe(503);
    expect(
      ((await health.json()) as { last_error: { error: { kind: string } } }).last_error.error.kind,
    ).toBe('http');
  });

  it('answers a malformed occurrence id 404 on a cold start without reading Planning Center', async () => {
    const { fake, request, upstream } = liveApp();
    fake.injectFault({ kind: 'status', status: 503 }, { times: Number.POSITIVE_INFINITY });
    for (const id of ['abc', '12345678901234567890123']) {
      for (const path of [
        `/occurrences/${id}`,
        `/occurrences/${id}.ics`,
        `/occurrences/${id}/google`,
      ]) {
        expect((await request(path)).status, path).toBe(404);
      }
    }
    expect(upstream()).toBe(0);
  });

  it('rejects wrong credentials as an auth error without revealing them', async () => {
    const { request } = liveApp();
    const env = { ...LIVE, PCO_SECRET: 'not-the-secret' };
    const res = await request('/feed.rss', {}, env);
    expect(res.status).toBe(503);
    const health = await (await request('/health', {}, env)).text();
    expect(health).toContain('"kind":"auth"');
    expect(health).not.toContain('not-the-secret');
  });
});
