/**
 * `GET /admin/report` on the demo calendar (which carries the odd records of
 * `src/fake-pco/odd-records.ts`): every withheld reason is reported to staff with the token, and
 * nothing of it reaches anyone without it.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { DEMO_PCO } from '../src/demo/pco';
import type { Bindings } from '../src/env';
import { ODD_RECORD_MARKER } from '../src/fake-pco/odd-records';
import { UNPUBLISHED_REASONS } from '../src/model/publication-rule';
import type { PublicationJson } from '../src/snapshot/publication';
import { clearKv } from './support/kv';
import { FEED_ROUTES } from './support/live-app';

const ADMIN_TOKEN = 'report-token-for-tests-0123456789';
const DEMO: Bindings = { SNAPSHOTS: env.SNAPSHOTS, ADMIN_TOKEN };
const ORIGIN = 'http://127.0.0.1:8811';
const bearer = (token = ADMIN_TOKEN) => ({ Authorization: `Bearer ${token}` });

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('GET /admin/report', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const app = createApp({ demo: DEMO_PCO });
    const res = await app.request(
      `${ORIGIN}/admin/report`,
      { headers: bearer() },
      {
        SNAPSHOTS: env.SNAPSHOTS,
      },
    );
    expect(res.status).toBe(404);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', bearer(`${ADMIN_TOKEN}x`)],
    ['a malformed header', { Authorization: 'Bearer two words' }],
    ['Basic credentials', { Authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}` }],
  ])('refuses %s with 401 and reveals nothing', async (_case, headers) => {
    const app = createApp({ demo: DEMO_PCO });
    const res = await app.request(`${ORIGIN}/admin/report`, { headers }, DEMO);
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.text();
    expect(body).not.toContain(ODD_RECORD_MARKER);
    expect(body).not.toContain('PRIVATE-');
  });

  it('reports every withheld reason of the demo’s private records as JSON', async () => {
    const app = createApp({ demo: DEMO_PCO });
    const res = await app.request(
      `${ORIGIN}/admin/report`,
      { headers: { ...bearer(), Accept: 'application/json' } },
      DEMO,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const report = (await res.json()) as PublicationJson;
    for (const reason of UNPUBLISHED_REASONS) {
      expect(report.withheld[reason], reason).toBeGreaterThan(0);
      expect(report.events.some((e) => (e.withheld[reason] ?? 0) > 0)).toBe(true);
    }
    expect(report.upstream_requests).toBeGreaterThanOrEqual(3);
    expect(report.internal_tags.map((t) => t.name)).toEqual([`Main Campus (${ODD_RECORD_MARKER})`]);
    const staff = report.events.find((e) => e.name?.includes('PRIVATE-HIDDEN'));
    expect(staff).toMatchObject({ published: 0, withheld: { 'event-hidden': staff?.instances } });
    expect(JSON.stringify(report)).not.toContain(ADMIN_TOKEN);
  });

  it('answers an HTML page by default, with the reasons in words', async () => {
    const app = createApp({ demo: DEMO_PCO });
    const res = await app.request(`${ORIGIN}/admin/report`, { headers: bearer() }, DEMO);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('event hidden from Church Center');
    expect(page).toContain('public times could not be read');
    // Names are escaped: the demo's hostile event name never becomes markup.
    expect(page).not.toMatch(/<script/i);
  });

  it('is never reached by a public route: no private name, reason or count outside it', async () => {
    const app = createApp({ demo: DEMO_PCO });
    for (const path of [...FEED_ROUTES, '/health', '/', '/widget', '/events.json']) {
      const res = await app.request(`${ORIGIN}${path}`, {}, DEMO);
      const body = await res.text();
      expect(body, path).not.toContain(ODD_RECORD_MARKER);
      expect(body, path).not.toContain('event-hidden');
      expect(body, path).not.toContain('not-standard-kind');
      expect(body, path).not.toContain('undecodable-record');
    }
    const health = (await (await app.request(`${ORIGIN}/health`, {}, DEMO)).json()) as {
      snapshot: { notices: unknown };
    };
    // Only counts about records that would otherwise be published.
    expect(health.snapshot.notices).toEqual({
      withheld: { 'malformed-published-record': 1, 'unreadable-times': 1 },
      optionalFieldDropped: 0,
      publishedTimesDiffer: 0,
      publishedTimesOnly: 0,
      attachmentsSkipped: 0,
    });
  });
});
