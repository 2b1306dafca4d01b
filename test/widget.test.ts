/**
 * The widget, the subscribe page, /embed.js and the per-occurrence routes, through the whole
 * Worker (SELF, live mode against the fake PCO with the test church). HTML is read back with
 * workerd's HTMLRewriter; the single-event calendar with ical.js.
 */

import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app';
import { DEMO_PCO } from '../src/demo/pco';
import { buildDemoDataset, DEMO_PRIVATE_MARKERS, DEMO_TIME_ZONE } from '../src/fake-pco/demo-data';
import { messagesFor } from '../src/render/i18n/catalog';
import { LANGUAGES } from '../src/render/i18n/languages';
import { contrastRatio, parseHex } from '../src/render/widget/color';
import { WIDGET_VIEWS } from '../src/render/widget/options';
import { buildTestChurch, PRIVATE_MARKER } from './fixtures/church';
import { decodeEntities } from './support/html';
import { parseIcs } from './support/ics';
import { liveApp } from './support/live-app';

const church = buildTestChurch(new Date(inject('fixtureNow')));
const { ids } = church;
const ORIGIN = 'https://feeds.example.org';
const get = (path: string, init?: RequestInit) => SELF.fetch(`${ORIGIN}${path}`, init);

interface Element {
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

const decode = decodeEntities;

/** Elements matching `selector`, with decoded attributes and their decoded text. */
async function select(html: string, selector: string): Promise<Element[]> {
  const found: Element[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(e) {
        found.push({
          tag: e.tagName,
          attrs: Object.fromEntries([...e.attributes].map(([n, v]) => [n, decode(v ?? '')])),
          text: '',
        });
      },
      text(t) {
        const last = found[found.length - 1];
        if (last) last.text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found.map((e) => ({ ...e, text: decode(e.text) }));
}

/** The `<style>`/`<script>` bodies of a page. */
async function inline(html: string, tag: 'style' | 'script'): Promise<string[]> {
  return (await select(html, tag)).map((e) => e.text);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

interface EventsJson {
  tags: { id: string; name: string }[];
  occurrences: { id: string; title: string; tags: { id: string }[] }[];
}
const eventsJson = async (query = '') =>
  (await (await get(`/events.json${query}`)).json()) as EventsJson;

/** The occurrence ids a widget page shows, in order (from its menus' `.ics` links). */
const shownIds = async (html: string) =>
  (await select(html, 'details a[href$=".ics"]')).map((a) => a.attrs.href?.replace('.ics', ''));

describe('GET /widget', () => {
  it('is one HTML page with a strict CSP that allows exactly its inline style and its own script and dialog stylesheet', async () => {
    const res = await get('/widget');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const html = await res.text();
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const [style] = await inline(html, 'style');
    expect(await select(html, 'script:not([src])')).toEqual([]);
    expect(csp).toContain("default-src 'none'");
    // The inline style by its hash, the dialog's stylesheet file from this origin.
    expect(csp).toContain(`style-src 'sha256-${await sha256(style ?? '')}' 'self'`);
    // No inline script: only the widget's shared script file, from this origin.
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'self' *");
    expect(csp).not.toContain('unsafe-inline');
    // The page's <base href> is its own occurrences/ directory.
    expect(csp).toContain("base-uri 'self'");
    // The only external files are the widget's script and the dialog's stylesheet, from this
    // origin, each cached and revalidated by its ETag.
    const sheets = await select(html, 'link[rel=stylesheet]');
    expect(sheets.map((e) => e.attrs.href)).toEqual(['../widget-dialog.css']);
    const external = await select(html, 'script[src]');
    expect(external.map((e) => e.attrs.src)).toEqual(['../widget.js']);
    for (const [path, type, part] of [
      ['/widget.js', 'text/javascript; charset=utf-8', 'fragment'],
      ['/widget-dialog.css', 'text/css; charset=utf-8', 'dialog{'],
    ] as const) {
      const file = await get(path);
      expect(file.status).toBe(200);
      expect(file.headers.get('Content-Type')).toBe(type);
      expect(await file.text()).toContain(part);
      const again = await get(path, {
        headers: { 'If-None-Match': file.headers.get('ETag') ?? '' },
      });
      expect(again.status).toBe(304);
    }
  });

  it('lists the occurrences not yet over, soonest first, as /events.json does', async () => {
    const html = await (await get('/widget?limit=30')).text();
    const shown = await shownIds(html);
    const expected = (await eventsJson('?limit=30')).occurrences.map((o) => o.id);
    expect(shown).toEqual(expected);
    expect(html).not.toContain(PRIVATE_MARKER);
  });

  it('shows a hostile title as text', async () => {
    const html = await (await get('/widget?limit=100')).text();
    const titles = (await select(html, 'h3')).map((h) => h.text);
    expect(titles).toContain('Talent Night <script>alert("xss")</script>');
    expect(html).not.toContain('<script>alert');
    expect(await select(html, 'script:not([src])')).toEqual([]);
  });

  it('answers a month or week whose neighbour has a 5-digit year with a 400 naming it, not a 500', async () => {
    // The month grid labels the next month: 10000-01 is no date Intl or Date.parse can read.
    for (const [query, name] of [
      ['month=9999-12', 'month'],
      ['view=week&week=9999-12-31', 'week'],
    ]) {
      const res = await get(`/widget?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain(name);
    }
    expect((await get('/widget?month=9998-12')).status).toBe(200);
  });

  it('applies the feed filters', async () => {
    const youth = ids.tags.youth;
    const html = await (await get(`/widget?tag=${youth}&limit=100`)).text();
    const shown = await shownIds(html);
    const expected = (await eventsJson(`?tag=${youth}&limit=100`)).occurrences.map((o) => o.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected);
  });

  it("shows a month grid with the retreat on each of its days, in the organization's dates", async () => {
    const month = church.retreatFriday.slice(0, 7);
    const html = await (await get(`/widget?view=month&month=${month}`)).text();
    const caption = await select(html, 'h2#month time');
    expect(caption[0]?.attrs.datetime).toBe(month);
    const cells = await select(html, 'td time');
    expect(cells.length % 7).toBe(0);
    const retreatDays = [0, 1, 2].map((d) =>
      new Date(Date.parse(`${church.retreatFriday}T12:00:00Z`) + d * 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
    const inMonth = retreatDays.filter((d) => d.startsWith(month));
    const links = await select(html, 'td li a');
    const retreatLinks = links.filter((a) => a.text.includes('Retreat'));
    expect(retreatLinks.length).toBeGreaterThanOrEqual(inMonth.length);
    const nav = (await select(html, 'nav.n a')).map((a) => a.attrs.href);
    expect(
      nav.every((href) => /^\.\.\/widget\?view=month&month=\d{4}-\d{2}$/.test(href ?? '')),
    ).toBe(true);
  });

  it('links every menu entry, resolved against the page base, to an answering route', async () => {
    const html = await (await get('/widget?limit=3')).text();
    const [base] = await select(html, 'base');
    const baseUrl = new URL(base?.attrs.href ?? '', `${ORIGIN}/widget?limit=3`);
    expect(baseUrl.href).toBe(`${ORIGIN}/occurrences/`);
    const menus = await select(html, 'details a');
    expect(menus.map((a) => a.text)).toEqual(
      Array.from({ length: 3 }, () => ['Google', 'Outlook.com', 'Apple, other (.ics)']).flat(),
    );
    for (const a of menus) {
      const res = await get(new URL(a.attrs.href ?? '', baseUrl).pathname, { redirect: 'manual' });
      expect(res.status, a.attrs.href).toBe(a.attrs.href?.endsWith('.ics') ? 200 : 302);
    }
    // The month links go back to the widget from the base.
    const month = await (await get('/widget?view=month')).text();
    for (const a of await select(month, 'nav.n a')) {
      expect(new URL(a.attrs.href ?? '', baseUrl).pathname).toBe('/widget');
    }
  });

  it.each([
    ['?view=agenda', 'view'],
    ['?accent=blue', 'accent'],
    ['?theme=sepia', 'theme'],
    ['?font=comic', 'font'],
    ['?view=cards&month=2026-01', 'month'],
    ['?utm_source=x&days=abc', 'days'],
    ['?limit=0', 'limit'],
    ['?tag=youth', 'tag'],
  ])('answers %s with a 400 naming %s', async (query, name) => {
    const res = await get(`/widget${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(name);
  });
});

describe('size of the widget', () => {
  // The demo calendar (no credentials): realistic titles, places, tags, registrations, several
  // times, and Church Center links like a real church's.
  const demo = createApp({ demo: DEMO_PCO });
  const bytes = async (query: string) => {
    const res = await demo.request(
      `http://127.0.0.1:8787/widget?${query}`,
      {},
      { SNAPSHOTS: env.SNAPSHOTS },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    return { html, size: new TextEncoder().encode(html).byteLength };
  };

  /**
   * The budgets of the demo's views, in bytes of HTML, in every language (a view's interface
   * strings and dates are longer in some: Portuguese and German words, Korean's three-byte
   * syllables). The week view's is tested with 50 occurrences in one week (page.test.ts).
   */
  const BUDGETS = [
    { view: 'list', query: 'limit=50', bytes: 30_000, each: 'details', count: 50 },
    { view: 'cards', query: 'view=cards&limit=50', bytes: 40_000, each: 'figure', count: 50 },
    { view: 'tiles', query: 'view=tiles&limit=50', bytes: 12_000, each: '.tl li', count: 3 },
  ] as const;
  const cases = BUDGETS.flatMap((b) => LANGUAGES.map((lang) => ({ ...b, lang })));
  const sizes: string[] = [];
  afterAll(() => console.info(`widget bytes by view and language: ${sizes.join(', ')}`));

  it.each(cases)(
    'keeps the $view view within $bytes bytes of HTML in $lang',
    async ({ view, query, bytes: budget, each, count, lang }) => {
      const { html, size } = await bytes(`${query}&lang=${lang}`);
      sizes.push(`${view}/${lang} ${size}`);
      expect(html).toMatch(new RegExp(`<html lang="?${lang}"?[\\s>]`));
      const shown = await select(html, each);
      if (view === 'tiles') expect(shown.length).toBeGreaterThanOrEqual(count);
      else expect(shown).toHaveLength(count);
      if (view === 'list') {
        // With what the 30 KB were set for: the search box, the tag chips, the dialog.
        expect((await select(html, 'a.b')).length).toBeGreaterThan(0);
        expect((await select(html, 'ul.ts')).length).toBeGreaterThan(0);
        expect(await select(html, 'search')).toHaveLength(1);
        expect(await select(html, 'dialog')).toHaveLength(1);
      }
      if (view === 'cards') expect((await select(html, 'img')).length).toBeGreaterThan(25);
      expect(size).toBeLessThanOrEqual(budget);
    },
  );
});

describe('GET /occurrences/{id}.ics', () => {
  it('is the feed VEVENT alone, with the same UID, as a download', async () => {
    const res = await get(`/occurrences/${ids.retreat}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.ics"$/,
    );
    const single = parseIcs(await res.text());
    expect(single.events).toHaveLength(1);
    const feed = parseIcs(await (await get('/calendar.ics')).text());
    const uid = `pco-event-instance-${ids.retreat}@pco-organization-${church.dataset.organization.id}`;
    expect(single.events[0]?.uid).toBe(uid);
    const inFeed = feed.byUid.get(uid);
    expect(single.events[0]?.allDay).toBe(true);
    expect(single.events[0]?.start.toISOString()).toBe(inFeed?.start.toISOString());
    expect(single.events[0]?.summary).toBe(inFeed?.summary);
  });

  it('answers 404 for an unknown id and for every unpublished instance', async () => {
    const privateEvents = new Set(
      church.dataset.events
        .filter((e) => e.attributes.name.includes(PRIVATE_MARKER))
        .map((e) => e.id),
    );
    const hidden = church.dataset.instances
      .filter((i) => privateEvents.has(i.eventId))
      .map((i) => i.id);
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    for (const id of [...hidden, '999999999', 'abc']) {
      for (const path of [`/occurrences/${id}.ics`, `/occurrences/${id}/google`]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain(PRIVATE_MARKER);
      }
    }
  });

  it('ignores query parameters (a shared link with tracking parameters)', async () => {
    expect((await get(`/occurrences/${ids.retreat}.ics?x=1`)).status).toBe(200);
  });
});

describe('GET /occurrences/{id}/{service}', () => {
  it.each([
    ['google', 'https://calendar.google.com/calendar/render?action=TEMPLATE&'],
    ['outlook', 'https://outlook.live.com/calendar/0/action/compose?'],
    ['microsoft365', 'https://outlook.office.com/calendar/0/action/compose?'],
  ])('redirects %s to its template link, prefilled', async (service, prefix) => {
    const res = await get(`/occurrences/${ids.lockIn}/${service}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    const location = res.headers.get('Location') ?? '';
    expect(location.startsWith(prefix)).toBe(true);
    const params = new URL(location).searchParams;
    const details = params.get('details') ?? params.get('body') ?? '';
    expect(details).toContain('https://test.churchcenter.com/');
    expect(params.get('text') ?? params.get('subject')).toBeTruthy();
  });

  it('answers 404 for another service', async () => {
    expect((await get(`/occurrences/${ids.lockIn}/yahoo`)).status).toBe(404);
  });
});

describe('GET /embed.js', () => {
  it('is cached JavaScript with a strong ETag, and 304 when unchanged', async () => {
    const res = await get('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+$/);
    const etag = res.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const body = await res.text();
    expect(body.length).toBeLessThan(4096);
    expect(body).toContain('document.currentScript');
    const again = await get('/embed.js', { headers: { 'If-None-Match': `W/${etag}, "x"` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
  });
});

describe('GET /', () => {
  it('links every calendar app to the feed, percent-encoded, from the request origin', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    const hrefs = (await select(html, 'a[href]')).map((a) => a.attrs.href ?? '');
    for (const href of hrefs) expect(href).toMatch(/^(https?|webcal):\/\/[^/]/);
    const feed = `${ORIGIN}/calendar.ics`;
    expect(hrefs).toContain('webcal://feeds.example.org/calendar.ics');
    const google = hrefs.find((h) => h.startsWith('https://calendar.google.com/'));
    expect(new URL(google ?? '').searchParams.get('cid')).toBe(
      'webcal://feeds.example.org/calendar.ics',
    );
    for (const origin of ['https://outlook.live.com', 'https://outlook.office.com']) {
      const link = hrefs.find((h) => h.startsWith(`${origin}/calendar/0/addfromweb?`));
      expect(new URL(link ?? '').searchParams.get('url'), origin).toBe(feed);
      expect(new URL(link ?? '').searchParams.get('name')).toBe('Test Church');
    }
    for (const path of ['/feed.rss', '/feed.atom', '/feed.json', '/events.json']) {
      expect(hrefs).toContain(`${ORIGIN}${path}`);
    }
  });

  it('has a row of subscribe links for each tag with published occurrences', async () => {
    const html = await (await get('/')).text();
    const rows = (await select(html, 'ul.tt h3')).map((h) => h.text);
    const { tags } = await eventsJson();
    expect(rows).toEqual(tags.map((t) => t.name));
    const links = await select(html, 'ul.tt a');
    // Each accessible name starts with the visible text, then names the tag (WCAG 2.5.3).
    for (const a of links)
      expect(a.attrs['aria-label']).toMatch(
        new RegExp(`^${a.text.replace(/[.()]/g, '\\$&')}, \\S`),
      );
    const hrefs = links.map((a) => a.attrs.href ?? '');
    for (const tag of tags) {
      const feed = `${ORIGIN}/calendar.ics?tag=${tag.id}`;
      expect(hrefs).toContain(`webcal://feeds.example.org/calendar.ics?tag=${tag.id}`);
      expect(hrefs).toContain(feed);
      const google = hrefs.find(
        (h) =>
          h.startsWith('https://calendar.google.com/') &&
          new URL(h).searchParams.get('cid')?.endsWith(`?tag=${tag.id}`),
      );
      expect(google, tag.name).toBeDefined();
    }
  });

  it('puts the subscribe choices first, and the embed builder and feeds after them for the web volunteer', async () => {
    const html = await (await get('/')).text();
    // Day headings of the upcoming list have no id.
    const headings = (await select(html, 'main h2, main h3#embed, main h3#feeds'))
      .map((h) => h.attrs.id)
      .filter(Boolean);
    expect(headings).toEqual(['subscribe', 'by-tag', 'upcoming', 'web', 'embed', 'feeds']);
    const [volunteer] = await select(html, 'h2#web');
    expect(volunteer?.text).toMatch(/website volunteer/);
  });

  it('renders the embed snippet for the chosen view and tag', async () => {
    const tag = ids.tags.youth;
    const html = await (await get(`/?view=cards&tag=${tag}&theme=dark`)).text();
    const [script] = (await select(html, 'textarea#snippet-script')).map((t) => t.text);
    expect(script).toBe(
      `<script src="${ORIGIN}/embed.js" data-view="cards" data-tag="${tag}" data-theme="dark" async></script>`,
    );
    const preview = await select(html, 'iframe#preview');
    expect(preview[0]?.attrs.src).toBe(`${ORIGIN}/widget?view=cards&tag=${tag}&theme=dark`);
    expect((await get('/?utm_source=x')).status).toBe(200);
  });
});

describe('configuration of the widget', () => {
  it('uses WIDGET_FRAME_ANCESTORS in the CSP, and PUBLIC_BASE_URL in every link', async () => {
    const { request } = liveApp({
      WIDGET_FRAME_ANCESTORS: 'https://www.church.example, https://*.squarespace.com/',
      PUBLIC_BASE_URL: 'https://calendar.church.example',
    });
    const widget = await request('/widget');
    expect(widget.headers.get('Content-Security-Policy')).toContain(
      "frame-ancestors 'self' https://www.church.example https://*.squarespace.com",
    );
    const html = await (await request('/')).text();
    expect(html).toContain('webcal://calendar.church.example/calendar.ics');
    expect(html).toContain('src="https://calendar.church.example/widget"');
    expect(html).toMatch(/href="https:\/\/calendar\.church\.example\/occurrences\/\d+\.ics"/);
    expect(html).not.toContain('feeds.test');
  });

  it.each(['https://a.example/path?x', "'unsafe-inline'", 'javascript:', 'https://a.example;'])(
    'rejects WIDGET_FRAME_ANCESTORS=%s with a 500 naming the setting',
    async (value) => {
      const { request } = liveApp({ WIDGET_FRAME_ANCESTORS: value });
      const res = await request('/widget');
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('WIDGET_FRAME_ANCESTORS');
    },
  );
});

/** A published instance of a fake dataset, computed from the records alone (not our code). */
interface Published {
  id: string;
  eventId: string;
  start: number;
  end: number;
  featured: boolean;
  location: string;
  tagIds: string[];
}

/**
 * The instances a church publishes, from its fake records: approved events shown in Church
 * Center, standard instances, with their visible times, no record named with a private marker;
 * in start order (then end, then id).
 */
function publishedOf(dataset: typeof church.dataset, markers: readonly string[]): Published[] {
  const events = new Map(dataset.events.map((e) => [e.id, e]));
  const named = (name: string | null | undefined) => markers.some((m) => name?.includes(m));
  const result: Published[] = [];
  for (const instance of dataset.instances) {
    const event = events.get(instance.eventId);
    if (event?.attributes.approval_status !== 'A' || !event.attributes.visible_in_church_center) {
      continue;
    }
    if (instance.attributes.kind !== 'standard') continue;
    if (named(event.attributes.name) || named(instance.attributes.name)) continue;
    const times = dataset.eventTimes.filter(
      (t) => t.instanceId === instance.id && t.attributes.visible_on_widget_and_ical,
    );
    if (times.length === 0) continue;
    result.push({
      id: instance.id,
      eventId: event.id,
      start: Math.min(...times.map((t) => Date.parse(t.attributes.starts_at))),
      end: Math.max(...times.map((t) => Date.parse(t.attributes.ends_at))),
      featured: event.attributes.featured,
      location: instance.attributes.location ?? '',
      tagIds: event.tagIds,
    });
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end || Number(a.id) - Number(b.id));
}

describe('finding things in the widget', () => {
  const upcoming = () =>
    publishedOf(church.dataset, [PRIVATE_MARKER]).filter((p) => p.end > Date.now());
  const form = async (html: string) => {
    const [action] = await select(html, 'search form');
    const hidden = await select(html, 'search input[type=hidden]');
    const pairs = hidden.map((i): [string, string] => [i.attrs.name ?? '', i.attrs.value ?? '']);
    return { action, hidden: pairs };
  };

  it('shows a chip per public tag, each narrowing the view to exactly its occurrences', async () => {
    const html = await (await get('/widget?limit=100')).text();
    const chips = await select(html, 'nav.ch a');
    const tagNames = church.dataset.tags.map((t) => t.attributes.name).sort();
    expect(chips.map((c) => c.text)).toEqual(['All', ...tagNames]);
    expect(chips[0]?.attrs['aria-current']).toBe('true');
    const base = `${ORIGIN}/occurrences/`;
    for (const tag of church.dataset.tags) {
      const chip = chips.find((c) => c.text === tag.attributes.name);
      const url = new URL(chip?.attrs.href ?? '', base);
      expect(url.pathname).toBe('/widget');
      expect(url.searchParams.getAll('tag')).toEqual([tag.id]);
      expect(url.searchParams.get('limit')).toBe('100');
      const page = await (await get(`${url.pathname}${url.search}`)).text();
      const expected = upcoming()
        .filter((p) => p.tagIds.includes(tag.id))
        .map((p) => p.id);
      expect(expected.length, tag.attributes.name).toBeGreaterThan(0);
      expect(await shownIds(page), tag.attributes.name).toEqual(expected);
      const current = (await select(page, 'nav.ch a[aria-current]')).map((c) => c.text);
      expect(current).toEqual([tag.attributes.name]);
    }
  });

  it('keeps the view in the chips and hides them with chips=false', async () => {
    const week = await (await get('/widget?view=week&chips=false')).text();
    expect(await select(week, 'nav.ch')).toHaveLength(0);
    const month = await (await get('/widget?view=month')).text();
    for (const a of await select(month, 'nav.ch a')) {
      expect(new URL(a.attrs.href ?? '', `${ORIGIN}/occurrences/`).searchParams.get('view')).toBe(
        'month',
      );
    }
  });

  it('marks each tag with its PCO colour, at 3:1 or more on the background, beside its name', async () => {
    const html = await (await get('/widget?limit=100')).text();
    const [css] = await inline(html, 'style');
    for (const tag of church.dataset.tags) {
      const chip = (await select(html, 'nav.ch a')).find((c) => c.text === tag.attributes.name);
      const cls = chip?.attrs.class ?? '';
      expect(cls, tag.attributes.name).toMatch(/^k\d+$/);
      const color = new RegExp(`\\.${cls}\\{--k:(#[0-9a-f]{6})\\}`).exec(css ?? '')?.[1] ?? '';
      const source = parseHex(tag.attributes.color ?? '');
      const shown = parseHex(color);
      expect(source && shown, tag.attributes.name).toBeTruthy();
      if (!source || !shown) continue;
      expect(contrastRatio(shown, parseHex('#ffffff') ?? source)).toBeGreaterThanOrEqual(3);
      // Unchanged when the colour already reads, else only darkened.
      if (contrastRatio(source, { r: 255, g: 255, b: 255 }) >= 3.2)
        expect(color).toBe(tag.attributes.color);
      // The name is shown with the mark on every occurrence of the tag.
      const items = await select(html, `li.${cls}`);
      expect(items.every((li) => li.text === tag.attributes.name)).toBe(true);
    }
  });

  it('has a search box that submits q with the other parameters, selecting exactly the matches', async () => {
    const query = `?tag=${ids.tags.worship}&tag=${ids.tags.youth}&limit=100`;
    const html = await (await get(`/widget${query}`)).text();
    const { action, hidden } = await form(html);
    expect(action?.attrs.method).toBe('get');
    expect(new URL(action?.attrs.action ?? '', `${ORIGIN}/occurrences/`).pathname).toBe('/widget');
    expect(hidden).toEqual([
      ['tag', ids.tags.worship],
      ['tag', ids.tags.youth],
      ['limit', '100'],
    ]);
    const [label] = await select(html, 'label[for=q]');
    expect(label?.text).toBe('Search events');
    const csp = (await get('/widget')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("form-action 'self'");
    const submit = async (q: string, pairs: [string, string][] = hidden) => {
      const params = new URLSearchParams([...pairs, ['q', q]]);
      return shownIds(await (await get(`/widget?${params}`)).text());
    };
    const tagged = new Set([ids.tags.worship, ids.tags.youth]);
    const inTags = upcoming().filter((p) => p.tagIds.some((t) => tagged.has(t)));
    // Title, accents and case: "Noche de Alabanza 🎶".
    expect(await submit('NOCHE alabanza')).toEqual([ids.noche]);
    // The summary's "Café" folds to "cafe".
    expect(await submit('cafe')).toEqual([ids.noche]);
    // Location.
    expect(await submit('youth room')).toEqual([ids.lockIn]);
    expect(await submit('main sanctuary')).toEqual(
      inTags.filter((p) => p.location === 'Main Sanctuary').map((p) => p.id),
    );
    // Description text (a list item of the lock-in's description).
    expect(await submit('sleeping bag')).toEqual([ids.lockIn]);
    // Outside the tags: the retreat matches its title but is not tagged Worship or Youth.
    expect(await submit('retreat')).toEqual([]);
    expect(await submit('retreat', [['limit', '100']])).toEqual([ids.retreat]);
    const none = await (await get(`/widget?q=zzzz`)).text();
    expect((await select(none, 'p.e'))[0]?.text).toMatch(/^No events match “zzzz”\./);
    const [input] = await select(none, 'input#q');
    expect(input?.attrs.value).toBe('zzzz');
  });
});

describe('GET /widget?view=tiles', () => {
  const demo = createApp({ demo: DEMO_PCO });
  const request = (query: string) =>
    demo.request(`http://127.0.0.1:8787/widget?${query}`, {}, { SNAPSHOTS: env.SNAPSHOTS });

  it('shows exactly the next occurrence of each featured event, soonest first, linked to its page', async () => {
    const res = await request('view=tiles&limit=50');
    expect(res.status).toBe(200);
    const html = await res.text();
    const now = Date.now();
    const featured = publishedOf(buildDemoDataset(new Date(now)), DEMO_PRIVATE_MARKERS).filter(
      (p) => p.featured && p.end > now,
    );
    const seen = new Set<string>();
    const expected = featured.filter((p) => !seen.has(p.eventId) && seen.add(p.eventId));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const links = await select(html, '.tl h2 a');
    expect(links.map((a) => a.attrs.href)).toEqual(expected.map((p) => p.id));
    // Each tile: an image or a colour field, the day, the time.
    expect(await select(html, '.tl figure')).toHaveLength(expected.length);
    expect((await select(html, '.tl img')).length).toBeGreaterThan(0);
    const days = await select(html, '.tl .dy');
    expect(days).toHaveLength(expected.length);
    // Each day label is the occurrence's local start date in the church's zone.
    const dates = (await select(html, '.tl time'))
      .map((t) => t.attrs.datetime ?? '')
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    expect(dates).toEqual(
      expected.map((p) =>
        new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE }).format(new Date(p.start)),
      ),
    );
  });

  it('narrows with the filters and applies limit to the tiles', async () => {
    const all = await select(await (await request('view=tiles')).text(), '.tl h2 a');
    const one = await select(await (await request('view=tiles&limit=1')).text(), '.tl h2 a');
    expect(one.map((a) => a.attrs.href)).toEqual(all.slice(0, 1).map((a) => a.attrs.href));
  });
});

describe('languages of the widget and the subscribe page', () => {
  const english = messagesFor('en');
  /** Proper nouns the Spanish catalogue keeps as in English. */
  const PROPER = new Set(['Google Calendar', 'Outlook.com', 'Microsoft 365']);
  /** English pieces that are words of a language too (German "in"). */
  const SAME_WORD: Partial<Record<string, string[]>> = { de: ['in'] };
  /** Every fixed piece of English interface text: the values, and the text around a value. */
  const englishStrings = Object.values(english)
    .flatMap((v) => (typeof v === 'function' ? String(v('\u0000', '\u0000')).split('\u0000') : [v]))
    .map((s) => s.replace(/^[\s:,.()]+|[\s:,.()]+$/g, ''))
    .filter((s) => /\p{L}{2}/u.test(s) && !PROPER.has(s));
  const wordRe = (s: string) =>
    new RegExp(`(?<!\\p{L})${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u');
  const ENGLISH_DATES =
    /(?<!\p{L})(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sun|Mon|Tue|Wed|Thu|Fri|Sat|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM)(?!\p{L})/u;
  const SPANISH_WEEKDAY =
    /(?<!\p{L})(domingo|lunes|martes|miércoles|jueves|viernes|sábado|dom|lun|mar|mié|jue|vie|sáb)(?!\p{L})/u;
  const SPANISH_MONTH =
    /(?<!\p{L})(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic)(?!\p{L})/u;

  /**
   * What a reader sees or hears of a page, minus the event data (titles, places, tags, time
   * names, the calendar's and the church's names), which stays as Planning Center holds it.
   */
  async function interfaceText(html: string): Promise<string> {
    const parts: string[] = [];
    const stripped = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '');
    await new HTMLRewriter()
      .on('*', {
        element(e) {
          for (const name of ['aria-label', 'title', 'alt', 'abbr', 'data-done', 'data-fail']) {
            const value = e.getAttribute(name);
            if (value) parts.push(decode(value));
          }
        },
      })
      .onDocument({ text: (t) => void parts.push(decode(t.text)) })
      .transform(new Response(stripped))
      .text();
    const data = (await (await get('/events.json')).json()) as {
      title: string;
      organization: string;
      occurrences: {
        title: string;
        location: string | null;
        tags: { name: string }[];
        times: { name: string | null }[];
      }[];
    };
    const eventText = [
      data.title,
      data.organization,
      ...data.occurrences.flatMap((o) => [
        o.title,
        o.location ?? '',
        ...o.tags.map((t) => t.name),
        ...o.times.map((t) => t.name ?? ''),
      ]),
    ]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    let text = parts.join('\n');
    for (const s of eventText) text = text.split(s).join(' ');
    return text;
  }

  /**
   * Weekday and month names of `lang` from Intl (CLDR), long and short, as whole words; Korean
   * by its long weekday names and `N월`, since its short weekday is one syllable.
   */
  function namesOf(lang: string): { weekday: RegExp; month: RegExp } {
    const format = (options: Intl.DateTimeFormatOptions, day: number, month = 0) =>
      new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })
        .format(Date.UTC(2026, month, day))
        .replace(/\.$/, '');
    const weekdays = Array.from({ length: 7 }, (_, i) =>
      lang === 'ko'
        ? [format({ weekday: 'long' }, 4 + i), `\\(${format({ weekday: 'short' }, 4 + i)}\\)`]
        : ['long', 'short'].map((w) => format({ weekday: w as 'long' | 'short' }, 4 + i)),
    ).flat();
    const months =
      lang === 'ko'
        ? ['\\d{1,2}월']
        : Array.from({ length: 12 }, (_, m) =>
            ['long', 'short'].map((w) => format({ month: w as 'long' | 'short' }, 15, m)),
          )
            .flat()
            .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const words = (names: string[]) =>
      new RegExp(`(?<!\\p{L})(${[...new Set(names)].join('|')})(?!\\p{L})`, 'iu');
    return { weekday: words(weekdays), month: words(months) };
  }

  it('finds Spanish weekday and month names the way the catalogue test’s Intl does', () => {
    const { weekday, month } = namesOf('es');
    expect('domingo, 22 de noviembre').toMatch(weekday);
    expect('dom, 22 nov').toMatch(month);
    expect('Sunday, November 22').not.toMatch(weekday);
    expect(namesOf('ko').weekday.test('11월 22일 일요일')).toBe(true);
  });

  /** Every view of the widget, the subscribe page, in every language but English. */
  const PAGES = LANGUAGES.filter((lang) => lang !== 'en').flatMap((lang) =>
    [...WIDGET_VIEWS.map((view) => `/widget?lang=${lang}&view=${view}`), `/?lang=${lang}`].map(
      (path) => [path, lang] as const,
    ),
  );

  it.each(PAGES)(
    '%s is in its language: weekday and month names, and no English interface string',
    async (path, lang) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Language')).toBe(lang);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`<html lang="?${lang}"?[\\s>]`));
      const text = await interfaceText(html);
      const names = namesOf(lang);
      expect(text).toMatch(names.weekday);
      expect(text).toMatch(names.month);
      if (lang === 'es') {
        expect(text).toMatch(SPANISH_WEEKDAY);
        expect(text).toMatch(SPANISH_MONTH);
      }
      // An English date word is one only where it is not the language's own too (German "Nov").
      const english = [...text.matchAll(new RegExp(ENGLISH_DATES, 'gu'))].map((m) => m[0]);
      expect(
        english.filter((word) => !names.weekday.test(word) && !names.month.test(word)),
      ).toEqual([]);
      const left = englishStrings.filter(
        (s) => wordRe(s).test(text) && !SAME_WORD[lang]?.includes(s),
      );
      expect(left).toEqual([]);
    },
  );

  it('checks against the English page: the same words are found there', async () => {
    // The check above can fail: the English widget and page do hold these strings.
    const text = await interfaceText(await (await get('/widget?view=month')).text());
    expect(text).toMatch(ENGLISH_DATES);
    expect(englishStrings.filter((s) => wordRe(s).test(text)).length).toBeGreaterThan(3);
    // The tiles' own strings are in the catalogue, so the check sees them too.
    const tiles = await interfaceText(await (await get('/widget?view=tiles')).text());
    expect(tiles).toMatch(ENGLISH_DATES);
    expect(englishStrings.filter((s) => wordRe(s).test(tiles))).toContain('featured events');
  });

  it('carries lang on to the event pages and the other weeks, and keeps times in the church’s zone', async () => {
    const hrefs = async (path: string) =>
      (await select(await (await get(path)).text(), 'a')).map((a) => a.attrs.href ?? '');
    const titles = await hrefs('/widget?lang=ko');
    expect(titles.filter((h) => /^\d+\?lang=ko$/.test(h)).length).toBeGreaterThan(2);
    expect(titles.filter((h) => /^\d+$/.test(h))).toEqual([]);
    const weeks = await hrefs('/widget?lang=ko&view=week');
    expect(weeks.some((h) => h.startsWith('../widget?') && h.includes('lang=ko'))).toBe(true);
    const list = await (await get('/widget?lang=de')).text();
    // Every start is written in the church's zone (its offset), whatever the language.
    const starts = (await select(list, 'time')).map((t) => t.attrs.datetime ?? '');
    const en = (await select(await (await get('/widget')).text(), 'time')).map(
      (t) => t.attrs.datetime ?? '',
    );
    expect(starts).toEqual(en);
  });

  it.each([
    ['/widget?lang=xx'],
    ['/widget?lang=ES'],
    ['/?lang=en-US'],
    ['/widget?lang=es&lang=en'],
  ])('answers %s with a 400 naming lang', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('lang');
  });
});

describe('GET /occurrences/{id}?fragment=1', () => {
  it('is the event page’s article alone, in the language asked for', async () => {
    const id = (await eventsJson()).occurrences[0]?.id ?? '';
    const page = await (await get(`/occurrences/${id}?lang=es`)).text();
    const res = await get(`/occurrences/${id}?fragment=1&lang=es`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Language')).toBe('es');
    const html = await res.text();
    expect(html.startsWith('<article>')).toBe(true);
    expect(html.endsWith('</article>')).toBe(true);
    expect(page).toContain(html);
    expect(html).not.toContain('<html');
  });

  it('answers 404 for an unknown or unpublished id, like the page, and 400 for a bad fragment', async () => {
    const unknown = await get('/occurrences/999999999?fragment=1');
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    const privateEvents = new Set(
      church.dataset.events
        .filter((e) => e.attributes.name.includes(PRIVATE_MARKER))
        .map((e) => e.id),
    );
    const hidden = church.dataset.instances.filter((i) => privateEvents.has(i.eventId));
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    for (const { id } of hidden) {
      const res = await get(`/occurrences/${id}?fragment=1`);
      expect(res.status, id).toBe(404);
      expect(await res.text()).toBe(unknownBody);
    }
    const bad = await get('/occurrences/1?fragment=yes');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('fragment');
  });
});
