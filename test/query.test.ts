/**
 * Links as people share them (issue 10) and canonical queries (issue 9), through the whole
 * Worker (`SELF`, live mode against the fake PCO): tracking parameters never change a body or
 * a cache entry, a bad known parameter is still a 400 naming it, equivalent queries share one
 * cache entry, an oversized query is a 414, CORS on the public data, UIDs independent of the
 * hostname, and `q=` search.
 */
import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { edgeCacheKey } from '../src/cache/keys';
import { buildTestChurch } from './fixtures/church';
import { parseIcs } from './support/ics';

const church = buildTestChurch(new Date(inject('fixtureNow')));
const { ids } = church;
const ORIGIN = 'https://feeds.example.org';
const get = (path: string, init?: RequestInit, origin = ORIGIN) =>
  SELF.fetch(`${origin}${path}`, init);
const TRACKING = 'fbclid=IwAR0abc-123&utm_source=newsletter&utm_medium=email&gclid=Cj0KCQ';
const withTracking = (path: string) => `${path}${path.includes('?') ? '&' : '?'}${TRACKING}`;

const PUBLIC_ROUTES = [
  '/',
  '/widget',
  '/widget?view=month',
  '/embed.js',
  '/calendar.ics',
  '/calendar.ics?tag=1&days=30',
  '/feed.rss',
  '/feed.atom',
  '/feed.json',
  '/events.json',
  `/occurrences/${ids.retreat}.ics`,
];

describe('tracking parameters', () => {
  it.each(PUBLIC_ROUTES)('%s answers 200 with the same body as without them', async (path) => {
    const plain = await get(path);
    const tracked = await get(withTracking(path));
    expect(plain.status).toBe(200);
    expect(tracked.status).toBe(200);
    const body = await tracked.text();
    expect(body).toBe(await plain.text());
    expect(body).not.toContain('fbclid');
    expect(body).not.toContain('utm_');
    expect(tracked.headers.get('ETag')).toBe(plain.headers.get('ETag'));
  });

  it.each(['google', 'outlook'])('the %s redirect ignores them', async (service) => {
    const path = `/occurrences/${ids.noche}/${service}`;
    const plain = await get(path, { redirect: 'manual' });
    const tracked = await get(withTracking(path), { redirect: 'manual' });
    expect(tracked.status).toBe(302);
    expect(tracked.headers.get('Location')).toBe(plain.headers.get('Location'));
  });

  it.each([
    ['/calendar.ics', 'days=abc', 'days'],
    ['/events.json', 'limit=0', 'limit'],
    ['/feed.rss', 'tag=youth', 'tag'],
    ['/widget', 'theme=sepia', 'theme'],
    ['/', 'view=agenda', 'view'],
  ])('%s?%s still answers 400 naming %s', async (path, query, name) => {
    const res = await get(withTracking(`${path}?${query}`));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(name);
  });
});

describe('canonical queries', () => {
  it('equivalent queries share one cache entry', async () => {
    const canonical = '/calendar.ics?limit=1426';
    const first = await get(canonical);
    expect(first.status).toBe(200);
    // The ETag is known before rendering and is the Cache API key (src/cache/keys.ts).
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const key = edgeCacheKey(new URL(`${ORIGIN}/calendar.ics`), etag);
    // The Worker stores its streamed body in the background (`waitUntil`, done once the body is
    // read): wait for that entry, so the marked one below replaces it instead of racing it.
    await first.arrayBuffer();
    for (let i = 0; i < 200 && !(await caches.default.match(key)); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // A marked entry under the canonical key: every equivalent request must be answered from it.
    await caches.default.put(
      key,
      new Response('cached canonical entry', {
        headers: { 'Cache-Control': 'public, max-age=300', ETag: '"canonical"' },
      }),
    );
    try {
      for (const path of [
        '/calendar.ics?limit=0001426',
        '/%63alendar.ics?limit=1426',
        `/calendar.ics?limit=1426&${TRACKING}`,
        '/calendar.ics?limit=1426&days=365&past_days=30&featured=false&q=%20',
      ]) {
        const res = await get(path);
        expect(res.headers.get('ETag'), path).toBe(etag);
        expect(await res.text(), path).toBe('cached canonical entry');
      }
      expect(await (await get('/calendar.ics?limit=1425')).text()).not.toBe(
        'cached canonical entry',
      );
    } finally {
      await caches.default.delete(key);
    }
  });

  it('de-duplicates and sorts tags', async () => {
    const { worship, youth } = ids.tags;
    const a = await get(`/events.json?tag=${youth}&tag=${worship}&tag=${youth}`);
    const b = await get(`/events.json?tag=${worship}&tag=00${youth}`);
    expect(a.status).toBe(200);
    expect(a.headers.get('ETag')).toBe(b.headers.get('ETag'));
    expect(await a.text()).toBe(await b.text());
  });

  it('answers 10,000 tag parameters (60 KB) with 414 at once', async () => {
    const query = Array.from({ length: 10_000 }, () => 'tag=1').join('&');
    const res = await get(`/calendar.ics?${query}`);
    expect(res.status).toBe(414);
    expect(await res.text()).toContain('4096');
  });

  it('serves a long query under the cap as its canonical one', async () => {
    const { youth } = ids.tags;
    const query = Array.from({ length: 600 }, () => `tag=${youth}`).join('&'); // ≈ 4 KB
    const long = await get(`/feed.json?${query}`);
    expect(long.status).toBe(200);
    expect(await long.text()).toBe(await (await get(`/feed.json?tag=${youth}`)).text());
  });
});

describe('CORS', () => {
  const CORS_ROUTES = ['/events.json', '/feed.json', '/feed.rss', '/feed.atom', '/calendar.ics'];

  it.each(CORS_ROUTES)('%s allows any origin', async (path) => {
    const res = await get(path, { headers: { Origin: 'https://www.grace.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
  });

  it.each(CORS_ROUTES)('%s answers the OPTIONS preflight', async (path) => {
    const res = await get(path, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.grace.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('GET');
    expect(res.headers.get('Access-Control-Allow-Headers')).toContain('if-none-match');
  });

  it('keeps CORS and security headers on 304s and cache hits', async () => {
    const first = await get('/events.json', { headers: { Origin: 'https://a.example' } });
    const etag = first.headers.get('ETag') ?? '';
    const again = await get('/events.json', {
      headers: { Origin: 'https://a.example', 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(again.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('does not open the HTML pages or the admin routes', async () => {
    for (const path of ['/', '/widget', '/health']) {
      const res = await get(path, { headers: { Origin: 'https://www.grace.example' } });
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
    }
  });
});

describe('security headers (Hono secureHeaders)', () => {
  it('sets them on pages and feeds, keeps each page its own CSP, and lets /widget be framed', async () => {
    const widget = await get('/widget');
    expect(widget.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(widget.headers.get('X-Frame-Options')).toBeNull();
    expect(widget.headers.get('Content-Security-Policy')).toContain('frame-ancestors');
    const feed = await get('/feed.rss');
    expect(feed.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(feed.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    const redirect = await get(`/occurrences/${ids.noche}/google`, { redirect: 'manual' });
    expect(redirect.headers.get('Referrer-Policy')).toBe('no-referrer');
  });
});

describe('UIDs', () => {
  it('are the same bytes when the same snapshot is served on two hostnames', async () => {
    const uids = async (origin: string) =>
      (await (await get('/calendar.ics', {}, origin)).text())
        .split('\r\n')
        .filter((line) => line.startsWith('UID:'));
    const workersDev = await uids('https://pco-feeds.grace.workers.dev');
    const ownDomain = await uids('https://calendar.grace.example');
    expect(workersDev.length).toBeGreaterThan(5);
    expect(ownDomain).toEqual(workersDev);
    expect(workersDev.join('\n')).not.toMatch(/workers\.dev|grace\.example/);
  });
});

describe('q= search', () => {
  const found = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    const { occurrences } = (await res.json()) as { occurrences: { id: string }[] };
    return occurrences.map((o) => o.id).sort();
  };

  it.each([
    ['cafe', () => [ids.noche]], // the summary says "Café": accents ignored
    ['TALENT', () => [ids.xss]], // title, case ignored
    ['show+talent', () => [ids.xss]], // every word, across title and description
    ['youth+room', () => [ids.lockIn]], // location
    ['nothing-matches-this', () => []],
  ])('/events.json?q=%s selects exactly the matching occurrences', async (q, expected) => {
    expect(await found(`/events.json?q=${q}&days=365&limit=1000`)).toEqual(expected().sort());
  });

  it('filters the iCalendar feed and the widget the same way', async () => {
    const ics = parseIcs(await (await get('/calendar.ics?q=Caf%C3%A9')).text());
    expect(ics.events.map((e) => e.summary)).toEqual(['Noche de Alabanza 🎶']);
    const widget = await (await get('/widget?q=cafe')).text();
    expect(widget).toContain('Noche de Alabanza');
    expect(widget).not.toContain('Sunday Worship');
  });

  it('answers a search longer than 100 characters with 400 naming q', async () => {
    const res = await get(`/feed.rss?q=${'a'.repeat(101)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('q must');
  });
});
