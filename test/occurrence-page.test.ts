/**
 * The event page (`/occurrences/{id}`), its JSON-LD, the `ItemList` of `/`, `/widget.jsonld`
 * and `/sitemap.xml`, through the whole Worker (SELF, live mode against the fake PCO with the
 * test church, America/Chicago). Expected times are computed here from the fixture's raw
 * EventTimes with `Intl`, never with the renderer's code (which uses luxon).
 */

import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app';
import { DEMO_PCO } from '../src/demo/pco';
import { en } from '../src/render/i18n/en';
import { es } from '../src/render/i18n/es';
import { LANGUAGES } from '../src/render/i18n/languages';
import { buildTestChurch, PRIVATE_MARKER, TEST_ZONE } from './fixtures/church';
import { decodeEntities } from './support/html';
import { parseIcs } from './support/ics';

const church = buildTestChurch(new Date(inject('fixtureNow')));
const { ids, dataset } = church;
const ORIGIN = 'https://feeds.example.org';
const get = (path: string, init?: RequestInit) => SELF.fetch(`${ORIGIN}${path}`, init);

/** The raw text of every `<script type="application/ld+json">`, parsed. */
async function jsonLdOf(html: string): Promise<unknown[]> {
  const blocks: string[] = [];
  await new HTMLRewriter()
    .on('script[type="application/ld+json"]', {
      element() {
        blocks.push('');
      },
      text(t) {
        blocks[blocks.length - 1] += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  return blocks.map((b) => JSON.parse(b));
}

/** The text a reader sees: the body without tags, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return decodeEntities(body.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** `2026-03-08T09:00:00-05:00`: a UTC instant as wall time in `zone` with its offset (Intl). */
function intlLocalIso(utc: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(Date.parse(utc))
      .map((p) => [p.type, p.value]),
  );
  const zoneName = parts.timeZoneName ?? '';
  const offset = zoneName === 'GMT' ? '+00:00' : zoneName.slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** The earliest start and latest end of an instance's visible EventTimes, from the fixture. */
function visibleSpan(instanceId: string): { start: string; end: string } {
  const times = dataset.eventTimes.filter(
    (t) => t.instanceId === instanceId && t.attributes.visible_on_widget_and_ical,
  );
  const starts = times.map((t) => Date.parse(t.attributes.starts_at));
  const ends = times.map((t) => Date.parse(t.attributes.ends_at));
  return {
    start: new Date(Math.min(...starts)).toISOString(),
    end: new Date(Math.max(...ends)).toISOString(),
  };
}

interface EventLd {
  '@context': string;
  '@type': string;
  name: string;
  startDate: string;
  endDate: string;
  eventStatus: string;
  eventAttendanceMode: string;
  location?: { '@type': string; name?: string; address?: string; url?: string };
  image?: string[];
  description?: string;
  url: string;
  organizer: { '@type': string; name: string; url: string };
}

describe('GET /occurrences/{id}', () => {
  it('is a script-free HTML page with a strict CSP that allows exactly its stylesheet', async () => {
    const res = await get(`/occurrences/${ids.lockIn}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The only <script> is the JSON-LD data block.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script type="application/ld+json">');
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
  });

  it('shows the title, times, place with a map link, links, menu, files and description', async () => {
    const html = await (await get(`/occurrences/${ids.lockIn}`)).text();
    const text = visibleText(html);
    expect(text).toContain('Youth Lock-In');
    expect(text).toContain('Youth Room');
    expect(html).toContain(
      'href="https://www.google.com/maps/search/?api=1&amp;query=Youth%20Room"',
    );
    expect(html).toContain('href="https://test.churchcenter.com/registrations/events/42"');
    // The signup is the registration link already; the promoted group is shown too.
    expect(text).toContain('Group: High School Group');
    expect(text).not.toContain('Sign up: Lock-In Signup');
    for (const path of ['google', 'outlook', 'microsoft365']) {
      expect(html).toContain(`href="${ids.lockIn}/${path}"`);
    }
    expect(html).toContain(`href="${ids.lockIn}.ics"`);
    expect(html).toContain('href="https://files.test/permission-slip.pdf"');
    expect(html).toContain('<strong>games</strong>');
    expect(html).toContain(
      'src="https://images.test/lock-in.png?expires_at=2082758400&amp;signature=abc"',
    );
    // 21:00 to 07:00 the next morning in the church's zone, both with their dates.
    const { start, end } = visibleSpan(ids.lockIn);
    expect(html).toContain(`<time datetime="${intlLocalIso(start, TEST_ZONE)}">`);
    expect(html).toContain(`<time datetime="${intlLocalIso(end, TEST_ZONE)}">`);
    const day = (utc: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone: TEST_ZONE, dateStyle: 'full' }).format(
        Date.parse(utc),
      );
    expect(text).toContain(`${day(start)}, 9:00 PM – ${day(end)}, 7:00 AM`);
  });

  it('keeps a hostile title and description inert', async () => {
    const html = await (await get(`/occurrences/${ids.xss}`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(html.match(/<\/script/g)).toHaveLength(1);
    const [ld] = (await jsonLdOf(html)) as EventLd[];
    expect(ld?.name).toBe('Talent Night <script>alert("xss")</script>');
  });

  it('lists the same event’s other dates not yet over, linked to their pages', async () => {
    const html = await (await get(`/occurrences/${ids.worshipNext}?lang=es`)).text();
    const others = [...html.matchAll(/<li><a href="(\d+)\?lang=es">/g)].map((m) => m[1]);
    const sunday = dataset.events.find((e) => e.attributes.name === 'Sunday Worship');
    const now = Date.now();
    const expected = dataset.instances
      .filter((i) => i.eventId === sunday?.id && i.id !== ids.worshipNext)
      .filter((i) => Date.parse(visibleSpan(i.id).end) > now)
      .sort((a, b) => Date.parse(visibleSpan(a.id).start) - Date.parse(visibleSpan(b.id).start))
      .map((i) => i.id);
    expect(others).toEqual(expected);
  });

  it('answers 404 for every unpublished instance exactly as for an unknown id', async () => {
    const unknown = await get('/occurrences/999999999');
    expect(unknown.status).toBe(404);
    const body = await unknown.text();
    const headers = [...unknown.headers].filter(([n]) => n !== 'date');
    const privateEvents = new Set(
      dataset.events.filter((e) => e.attributes.name.includes(PRIVATE_MARKER)).map((e) => e.id),
    );
    const hidden = dataset.instances.filter((i) => privateEvents.has(i.eventId)).map((i) => i.id);
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    for (const id of [...hidden, '999999998', 'abc', '12345678901234567890123']) {
      // A malformed id is refused before the snapshot is read, so it has no snapshot Cache-Tag.
      const malformed = !/^[0-9]{1,20}$/.test(id);
      for (const query of ['', '?lang=es']) {
        const res = await get(`/occurrences/${id}${query}`);
        expect(res.status, id).toBe(404);
        expect(await res.text(), id).toBe(body);
        expect(
          [...res.headers].filter(([n]) => n !== 'date'),
          id,
        ).toEqual(malformed ? headers.filter(([n]) => n !== 'cache-tag') : headers);
      }
    }
    expect(body).not.toContain(PRIVATE_MARKER);
  });

  it('answers 400 for an unknown language or a bad accent, and ignores unknown parameters', async () => {
    for (const query of ['lang=xx', 'lang=EN', 'lang=es&lang=en', 'accent=nope']) {
      expect((await get(`/occurrences/${ids.lockIn}?${query}`)).status, query).toBe(400);
    }
    const plain = await (await get(`/occurrences/${ids.lockIn}`)).text();
    // The widget's other display parameters are not this page's: ignored, whatever their value.
    for (const query of [
      'fbclid=IwAR0x',
      'utm_source=newsletter',
      'view=list',
      'view=bogus',
      'view=list&view=cards',
      'month=2026-11&view=list',
      'chips=maybe',
      'font=comic',
    ]) {
      const res = await get(`/occurrences/${ids.lockIn}?${query}`);
      expect(res.status, query).toBe(200);
      expect(await res.text(), query).toBe(plain);
    }
  });

  it('keeps the .ics download and the calendar redirects on their own routes', async () => {
    const ics = await get(`/occurrences/${ids.lockIn}.ics`);
    expect(ics.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const google = await get(`/occurrences/${ids.lockIn}/google`, { redirect: 'manual' });
    expect(google.status).toBe(302);
  });
});

describe('event JSON-LD', () => {
  it.each([
    [
      'spring-forward Sunday',
      () => ids.worshipSpring,
      () => `${church.springForward}T09:00:00-05:00`,
    ],
    ['fall-back Sunday', () => ids.worshipFall, () => `${church.fallBack}T09:00:00-06:00`],
    [
      'overnight lock-in',
      () => ids.lockIn,
      () => intlLocalIso(visibleSpan(ids.lockIn).start, TEST_ZONE),
    ],
  ])('has the start of the %s with the church’s offset', async (_, id, literal) => {
    const html = await (await get(`/occurrences/${id()}`)).text();
    const [ld] = (await jsonLdOf(html)) as EventLd[];
    const { start, end } = visibleSpan(id());
    expect(ld?.startDate).toBe(intlLocalIso(start, TEST_ZONE));
    expect(ld?.startDate).toBe(literal());
    expect(ld?.endDate).toBe(intlLocalIso(end, TEST_ZONE));
    expect(Date.parse(ld?.startDate ?? '')).toBe(Date.parse(start));
  });

  it('has every property Google’s event rich results use', async () => {
    const html = await (await get(`/occurrences/${ids.lockIn}`)).text();
    const [ld] = (await jsonLdOf(html)) as EventLd[];
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Youth Lock-In',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Youth Room', address: 'Youth Room' },
      image: ['https://images.test/lock-in.png?expires_at=2082758400&signature=abc'],
      url: `${ORIGIN}/occurrences/${ids.lockIn}`,
      organizer: { '@type': 'Organization', name: 'Test Church', url: `${ORIGIN}/` },
    });
    expect(ld?.description).toContain('All night games & worship.');
  });

  it('parses on every event page and gives every Event a location: its place, else the church', async () => {
    const list = (await (await get('/events.json?limit=1000')).json()) as {
      occurrences: { id: string; location: string | null }[];
    };
    const withoutPlace = list.occurrences.filter((o) => !o.location);
    expect(withoutPlace.length).toBeGreaterThan(0);
    expect(list.occurrences.length).toBeGreaterThan(withoutPlace.length);
    for (const o of list.occurrences) {
      const html = await (await get(`/occurrences/${o.id}`)).text();
      const blocks = (await jsonLdOf(html)) as EventLd[];
      expect(blocks, o.id).toHaveLength(1);
      const [ld] = blocks;
      expect(ld?.['@type']).toBe('Event');
      expect(ld?.eventAttendanceMode).toBe('https://schema.org/OfflineEventAttendanceMode');
      expect(ld?.location, o.id).toEqual(
        o.location
          ? { '@type': 'Place', name: o.location, address: o.location }
          : { '@type': 'Place', name: 'Test Church' },
      );
    }
  });

  it('gives an all-day retreat its first and last dates', async () => {
    const html = await (await get(`/occurrences/${ids.retreat}`)).text();
    const [ld] = (await jsonLdOf(html)) as EventLd[];
    const last = new Date(Date.parse(`${church.retreatFriday}T12:00:00Z`) + 2 * 86_400_000);
    expect(ld?.startDate).toBe(church.retreatFriday);
    expect(ld?.endDate).toBe(last.toISOString().slice(0, 10));
  });
});

describe('lang=es', () => {
  const SPANISH_MONTHS =
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(
      ' ',
    );
  const SPANISH_DAYS = 'domingo lunes martes miércoles jueves viernes sábado'.split(' ');
  const ENGLISH_NAMES =
    /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|February|March|April|May|June|July|August|September|October|November|December|AM|PM)\b/;

  it('renders Spanish weekday and month names and no English interface strings', async () => {
    const res = await get(`/occurrences/${ids.noche}?lang=es`);
    expect(res.headers.get('Content-Language')).toBe('es');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="es">/);
    const text = visibleText(html);
    const start = new Date(visibleSpan(ids.noche).start);
    const local = new Date(Date.parse(intlLocalIso(start.toISOString(), TEST_ZONE).slice(0, 10)));
    expect(text).toContain(SPANISH_DAYS[local.getUTCDay()]);
    expect(text).toContain(`de ${SPANISH_MONTHS[local.getUTCMonth()]} de`);
    expect(text).toContain('Cuándo');
    expect(text).not.toMatch(ENGLISH_NAMES);
    const english = Object.entries(en)
      .filter(([key, value]) => typeof value === 'string' && value !== es[key as keyof typeof es])
      .map(([, value]) => value as string);
    expect(english.length).toBeGreaterThan(15);
    for (const phrase of english) expect(text, phrase).not.toContain(phrase);
    for (const phrase of ['Time zone', 'Group:', 'Sign up']) expect(text).not.toContain(phrase);
  });

  it('takes its default from LANGUAGE, and lang= overrides it', async () => {
    const demo = createApp({ demo: DEMO_PCO });
    const request = (path: string) =>
      demo.request(
        `http://127.0.0.1:8787${path}`,
        {},
        { SNAPSHOTS: env.SNAPSHOTS, LANGUAGE: 'ko' },
      );
    const list = (await (await request('/events.json?limit=1')).json()) as {
      occurrences: { id: string }[];
    };
    const id = list.occurrences[0]?.id;
    const ko = await (await request(`/occurrences/${id}`)).text();
    expect(ko).toMatch(/^<!doctype html><html lang="ko">/);
    expect(visibleText(ko)).toContain('일시');
    expect(visibleText(ko)).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 [일월화수목금토]요일/);
    const de = await (await request(`/occurrences/${id}?lang=de`)).text();
    expect(de).toMatch(/^<!doctype html><html lang="de">/);
    expect(visibleText(de)).toContain('Zum Kalender hinzufügen');
  });
  it('refuses an unknown LANGUAGE as a configuration error naming the setting', async () => {
    const res = await createApp({ demo: DEMO_PCO }).request(
      'http://127.0.0.1:8787/sitemap.xml',
      {},
      { SNAPSHOTS: env.SNAPSHOTS, LANGUAGE: 'klingon' },
    );
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('LANGUAGE must be one of en, es, pt, fr, de, ko');
  });
});

describe('size of the event page', () => {
  /**
   * Budget of one event page: 16 KB of HTML for any demo occurrence in any language (the stylesheet is about
   * 4.5 KB; the largest pages have a description, files, two links and eight other dates).
   */
  const EVENT_PAGE_BUDGET_BYTES = 16_000;
  const demo = createApp({ demo: DEMO_PCO });
  const request = (path: string) =>
    demo.request(`http://127.0.0.1:8787${path}`, {}, { SNAPSHOTS: env.SNAPSHOTS });

  it(`is at most ${EVENT_PAGE_BUDGET_BYTES} bytes for the next occurrence of every demo event in every language`, async () => {
    const list = (await (await request('/events.json?limit=1000')).json()) as {
      occurrences: { id: string; event_id: string }[];
    };
    const firstOfEach = new Map<string, string>();
    for (const o of list.occurrences)
      if (!firstOfEach.has(o.event_id)) firstOfEach.set(o.event_id, o.id);
    expect(firstOfEach.size).toBeGreaterThanOrEqual(8);
    const sizes: number[] = [];
    for (const id of firstOfEach.values()) {
      for (const lang of LANGUAGES) {
        const res = await request(`/occurrences/${id}?lang=${lang}`);
        expect(res.status).toBe(200);
        sizes.push(new TextEncoder().encode(await res.text()).byteLength);
      }
    }
    console.info(`event page bytes: max ${Math.max(...sizes)} of ${sizes.length} pages`);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(EVENT_PAGE_BUDGET_BYTES);
  });
});

describe('GET / ItemList', () => {
  it('lists the event page of each upcoming occurrence shown, in order, and each answers', async () => {
    const html = await (await get('/')).text();
    const shown = [...html.matchAll(/href="[^"]*\/occurrences\/(\d+)\.ics"/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    const lists = (await jsonLdOf(html)) as {
      '@type': string;
      itemListElement: { '@type': string; position: number; url: string }[];
    }[];
    expect(lists).toHaveLength(1);
    expect(lists[0]?.['@type']).toBe('ItemList');
    const items = lists[0]?.itemListElement ?? [];
    expect(items.map((i) => i.url)).toEqual(shown.map((id) => `${ORIGIN}/occurrences/${id}`));
    expect(items.map((i) => i.position)).toEqual(shown.map((_, n) => n + 1));
    for (const item of items) expect((await get(new URL(item.url).pathname)).status).toBe(200);
  });
});

describe('GET /widget.jsonld', () => {
  it('is the Event JSON-LD of the occurrences the widget shows, readable from any origin', async () => {
    const res = await get(`/widget.jsonld?tag=${ids.tags.worship}&limit=5&view=cards&lang=es`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/ld+json; charset=utf-8');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const events = (await res.json()) as EventLd[];
    const listed = (await (await get(`/events.json?tag=${ids.tags.worship}&limit=5`)).json()) as {
      occurrences: { id: string }[];
    };
    expect(events.map((e) => e.url)).toEqual(
      listed.occurrences.map((o) => `${ORIGIN}/occurrences/${o.id}`),
    );
    expect(events.every((e) => e['@type'] === 'Event')).toBe(true);
    expect((await get('/widget.jsonld?limit=0')).status).toBe(400);
    expect((await get('/widget.jsonld?fbclid=x')).status).toBe(200);
  });
});

describe('GET /sitemap.xml', () => {
  it('is well-formed and lists / and the page of every published occurrence', async () => {
    const res = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' }).parse(
      xml,
    ) as { urlset: { '@_xmlns': string; url: { loc: string; lastmod: string }[] } };
    expect(doc.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = doc.urlset.url.map((u) => u.loc);
    const feed = parseIcs(await (await get('/calendar.ics')).text());
    const published = feed.events.map((e) =>
      e.uid.replace(/^pco-event-instance-(\d+)@.*$/, `${ORIGIN}/occurrences/$1`),
    );
    expect(locs[0]).toBe(`${ORIGIN}/`);
    expect(new Set(locs.slice(1))).toEqual(new Set(published));
    expect(locs).toHaveLength(published.length + 1);
    expect(doc.urlset.url.every((u) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(u.lastmod))).toBe(
      true,
    );
    expect(xml).not.toContain(PRIVATE_MARKER);
  });
});
