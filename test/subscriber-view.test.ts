/**
 * What subscribers see (issue 11) and what no configured or upstream value may do to the
 * outputs (issue 9), read back with parsers independent of the writers: ical.js for
 * iCalendar, fast-xml-parser for RSS and Atom. The Debian clients (python3-icalendar,
 * feedparser, xmllint, jing) read the same outputs in `npm run test:clients`.
 */
import { env } from 'cloudflare:workers';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { Occurrence } from '../src/model/occurrence';
import { selectOccurrences } from '../src/model/select';
import type { Snapshot } from '../src/model/snapshot';
import { renderFeed } from '../src/render/feeds';
import { TEMPLATE_URL_MAX_CHARS } from '../src/render/links';
import { buildTestChurch } from './fixtures/church';
import { parseIcs } from './support/ics';
import { clearKv } from './support/kv';
import { liveApp } from './support/live-app';
import { makeOccurrence, makeSnapshot } from './support/occurrence';

const now = new Date(inject('fixtureNow'));
// Each test starts cold (a refresh of the test church in workerd): seconds on a loaded machine,
// close to vitest's 5-second default.
vi.setConfig({ testTimeout: 30_000 });
const uid = (id: string) =>
  `pco-event-instance-${id}@pco-organization-${buildTestChurch(now).dataset.organization.id}`;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A description longer than any summary: 30 paragraphs between two marker sentences. */
const LONG_DESCRIPTION = [
  '<p>FIRST-SENTENCE: we read Romans together, one chapter a week.</p>',
  ...Array.from(
    { length: 30 },
    (_, i) =>
      `<p>Week ${i + 1}: chapter notes, questions for small groups, and a prayer list. Bring a friend &amp; a Bible.</p>`,
  ),
  '<ul><li>Childcare for <strong>Kids &lt;5</strong></li></ul>',
  '<p>LAST-SENTENCE: coffee is on us.</p>',
].join('');

/** The test church plus a weekly study with a summary and a long description, and hostile data. */
function church() {
  const ids = { study: [] as string[], huge: '', mens: '' };
  const test = buildTestChurch(now, (b, { today }) => {
    const kids = b.tag('Kids <5');
    const study = b.event(
      {
        name: 'Romans Study',
        summary: 'A weekly study of Romans.',
        description: LONG_DESCRIPTION,
        image_url: 'https://images.test/v1/transform?signature=abc',
        created_at: '2021-01-10T12:00:00Z',
      },
      { tags: [kids] },
    );
    for (let week = 1; week <= 4; week += 1) {
      const d = today.plus({ days: 7 * week }).toISODate();
      const instance = b.instance(study, {
        times: [{ start: `${d}T19:00`, end: `${d}T20:30` }],
        createdAt: '2021-01-10T12:00:00Z',
        updatedAt: '2026-01-05T08:00:00Z',
      });
      ids.study.push(instance.id);
    }
    const huge = b.event({ name: `Title ${'t'.repeat(28_000)}` });
    const d = today.plus({ days: 3 }).toISODate();
    ids.huge = b.instance(huge, {
      location: `Hall ${'l'.repeat(28_000)}`,
      times: [{ start: `${d}T10:00`, end: `${d}T11:00` }],
    }).id;
    const mens = b.event({ name: "Men's Bible Study & Breakfast" });
    ids.mens = b.instance(mens, { times: [{ start: `${d}T07:00`, end: `${d}T08:00` }] }).id;
  });
  return { test, ids };
}

beforeEach(() => clearKv(env.SNAPSHOTS));

describe('iCalendar DESCRIPTION (what Google and Apple Calendar show)', () => {
  it('holds the summary and the full description of every occurrence that has one', async () => {
    const { test, ids } = church();
    const body = await (await liveApp({}, test.dataset).request('/calendar.ics')).text();
    const { byUid } = parseIcs(body);
    for (const id of ids.study) {
      const description = byUid.get(uid(id))?.description ?? '';
      expect(description.startsWith('A weekly study of Romans.\n\nFIRST-SENTENCE')).toBe(true);
      expect(description).toContain('Week 30: chapter notes');
      expect(description).toContain('Childcare for Kids <5');
      expect(description).toContain('LAST-SENTENCE: coffee is on us.');
    }
    // The description is the summary here (no PCO summary): not written twice.
    const lockIn = byUid.get(uid(test.ids.lockIn))?.description ?? '';
    expect(lockIn.match(/All night games & worship\./g)).toHaveLength(1);
    expect(lockIn).toContain('Bring a sleeping bag');
  });
});

describe('calendar-level text cannot add a line (issue 9: header injection)', () => {
  const INJECTION = 'Grace\nEND:VCALENDAR\r\nBEGIN:VEVENT\nUID:injected@evil.test\nEND:VEVENT';

  it.each([
    ['the organization name', {}],
    ['FEED_TITLE', { FEED_TITLE: `Feeds\n${INJECTION}` }],
  ])('a newline in %s stays inside one property value', async (_, bindings) => {
    const { test } = church();
    test.dataset.organization.attributes.name = INJECTION;
    const app = liveApp(bindings, test.dataset);
    const body = await (await app.request('/calendar.ics')).text();
    expect(body).not.toMatch(/^UID:injected/m);
    expect(body.match(/^BEGIN:VCALENDAR/gm)).toHaveLength(1);
    expect(body.match(/^END:VCALENDAR/gm)).toHaveLength(1);
    const { calendar, events } = parseIcs(body);
    expect(events.some((e) => e.uid.includes('injected'))).toBe(false);
    const title = 'FEED_TITLE' in bindings ? bindings.FEED_TITLE : INJECTION;
    // One value, read back whole (ical.js leaves X- values TEXT-escaped, so unescape `\n`);
    // the writer normalizes CRLF to LF.
    const read = (name: string) =>
      String(calendar.getFirstPropertyValue(name)).replace(/\\n/g, '\n');
    expect(read('x-wr-calname')).toBe(title.replace(/\r\n/g, '\n'));
    expect(read('name')).toBe(title.replace(/\r\n/g, '\n'));
    expect(String(calendar.getFirstPropertyValue('x-wr-caldesc'))).toContain('UID:injected');
    for (const path of ['/feed.rss', '/feed.atom']) {
      const feed = await (await app.request(path)).text();
      expect(XMLValidator.validate(feed), path).toBe(true);
      expect(feed, path).not.toMatch(/^(UID|END|BEGIN):/m);
      const doc = xml.parse(feed);
      const feedTitle = path === '/feed.rss' ? doc.rss.channel.title : doc.feed.title['#text'];
      expect(String(feedTitle), path).not.toContain('\n');
    }
    const json = await (await app.request('/feed.json')).json<{ title: string }>();
    expect(json.title).not.toContain('\n');
  });
});

describe('add-to-calendar redirects are capped (issue 9: a 56 KB Location header)', () => {
  it.each(['google', 'outlook', 'microsoft365'])(
    '%s: Location within the limit',
    async (service) => {
      const { test, ids } = church();
      const res = await liveApp({}, test.dataset).request(`/occurrences/${ids.huge}/${service}`);
      expect(res.status).toBe(302);
      const location = res.headers.get('Location') ?? '';
      expect(location.length).toBeLessThanOrEqual(TEMPLATE_URL_MAX_CHARS);
      const params = new URL(location).searchParams;
      expect(params.get(service === 'google' ? 'text' : 'subject')).toMatch(/^Title t{200,}…$/);
      expect(params.get('location')).toMatch(/^Hall l{200,}…$/);
    },
  );

  it('carries the full description when it fits', async () => {
    const { test, ids } = church();
    const res = await liveApp({}, test.dataset).request(`/occurrences/${ids.study[0]}/google`);
    const details = new URL(res.headers.get('Location') ?? '').searchParams.get('details') ?? '';
    expect(details).toContain('A weekly study of Romans.');
    expect(details).toContain('LAST-SENTENCE: coffee is on us.');
  });
});

describe('Atom', () => {
  async function atom() {
    const { test, ids } = church();
    const body = await (await liveApp({}, test.dataset).request('/feed.atom?limit=500')).text();
    type Link = { '@rel': string; '@href': string; '@type'?: string };
    type Entry = {
      id: string;
      title: { '#text': string; '@type': string };
      updated: string;
      published: string;
      link: Link | Link[];
      category?: { '@term': string; '@label': string } | Array<{ '@term': string }>;
    };
    const entries = asArray<Entry>(xml.parse(body).feed.entry);
    const entry = (id: string) => entries.find((e) => e.id.endsWith(`:${id}`));
    return { body, ids, test, entry };
  }

  it('is well-formed with a tag named "Kids <5", which reads back whole', async () => {
    const { body, ids, entry } = await atom();
    expect(XMLValidator.validate(body)).toBe(true);
    expect(body).toContain('label="Kids &lt;5"');
    expect(asArray(entry(ids.study[0] ?? '')?.category)).toEqual([
      { '@term': 'Kids <5', '@label': 'Kids <5' },
    ]);
  });

  it('writes titles as text with no entity a reader would show', async () => {
    const { body, ids, entry } = await atom();
    const title = entry(ids.mens)?.title;
    expect(title?.['@type']).toBe('text');
    expect(title?.['#text']).toMatch(/^Men's Bible Study & Breakfast: /);
    expect(body).not.toContain('&#39;');
    expect(body).not.toContain('&amp;#');
  });

  it('gives the enclosure the type its URL proves, and none when it proves none', async () => {
    const { ids, test, entry } = await atom();
    const enclosure = (id: string) =>
      asArray(entry(id)?.link).find((l) => l['@rel'] === 'enclosure');
    expect(enclosure(ids.study[0] ?? '')).toEqual({
      '@rel': 'enclosure',
      '@href': 'https://images.test/v1/transform?signature=abc',
    });
    expect(enclosure(test.ids.lockIn)?.['@type']).toBe('image/png');
  });

  it('dates an entry updated = last change, published = creation', async () => {
    const { ids, entry } = await atom();
    const study = entry(ids.study[0] ?? '');
    expect(study?.published).toBe('2021-01-10T12:00:00Z');
    expect(Date.parse(study?.updated ?? '')).toBeGreaterThanOrEqual(
      Date.parse('2026-01-05T08:00:00Z'),
    );
  });
});

describe('RSS item dates for a weekly newsletter on /feed.rss?days=7', () => {
  const DAY = 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const first = Date.parse('2026-11-03T14:00:00Z'); // a Tuesday, 08:00 in Chicago

  /** Occurrences over ten weeks: a weekly series from 2021, a daily one, two added late. */
  function occurrences(): Occurrence[] {
    const list: Occurrence[] = [];
    const add = (id: string, startMs: number, created: string) =>
      list.push(
        makeOccurrence({
          id,
          start: at(startMs),
          end: at(startMs + 3_600_000),
          times: [{ start: at(startMs), end: at(startMs + 3_600_000), name: null }],
          created,
          updated: created,
        }),
      );
    const sunday = Date.parse('2026-11-01T15:00:00Z');
    for (let w = 0; w < 10; w += 1) add(`w${w}`, sunday + w * 7 * DAY, '2021-01-10T12:00:00Z');
    for (let d = 0; d < 70; d += 1)
      add(`d${d}`, first + d * DAY - 2 * 3_600_000, '2025-06-01T00:00:00Z');
    // Added after the first send, 8 and 2 days before they happen.
    add('late8', Date.parse('2026-11-20T18:00:00Z'), '2026-11-12T09:00:00Z');
    add('late2', Date.parse('2026-11-18T18:00:00Z'), '2026-11-16T09:00:00Z');
    return list.sort((a, b) => a.start.localeCompare(b.start));
  }

  const snapshotOf = (list: Occurrence[]): Snapshot =>
    makeSnapshot(list, {
      lastModified: '2026-11-16T09:00:00Z',
      contentChangedAt: '2026-11-16T09:00:00Z',
    });

  it('sends each occurrence exactly once, in the send of the week before it starts', () => {
    const list = occurrences();
    const snapshot = snapshotOf(list);
    const context = {
      baseUrl: 'https://feeds.test',
      host: 'pco-organization-1',
      title: 'Grace',
      description: 'Events',
      demo: false,
    };
    const sends = 8;
    const sentAt = new Map<string, number[]>();
    // Mailchimp/Buttondown: at each send, the items dated after the previous send.
    let lastSend = first;
    for (let k = 1; k <= sends; k += 1) {
      const sendMs = first + k * 7 * DAY;
      const selection = {
        tagIds: [],
        featuredOnly: false,
        eventId: undefined,
        search: [],
        window: 'upcoming' as const,
        pastDays: 0,
        futureDays: 7,
        limit: undefined,
      };
      const cut = selectOccurrences(list, selection, new Date(sendMs));
      const rss = renderFeed('rss', snapshot, cut, context);
      expect(renderFeed('rss', snapshot, cut, context)).toBe(rss);
      const items = asArray<{ guid: { '#text': string }; pubDate: string }>(
        xml.parse(rss).rss.channel.item,
      );
      for (const item of items) {
        if (Date.parse(item.pubDate) <= lastSend) continue;
        const id = item.guid['#text'].split(':').pop() ?? '';
        sentAt.set(id, [...(sentAt.get(id) ?? []), sendMs]);
      }
      lastSend = sendMs;
    }
    const lastMs = first + sends * 7 * DAY;
    const due = list.filter((o) => {
      const start = Date.parse(o.start);
      return start > first + 7 * DAY && start < lastMs + 7 * DAY;
    });
    expect(due.length).toBeGreaterThan(50);
    for (const o of due) {
      const start = Date.parse(o.start);
      // The one send in [start − 7 days, start).
      const expected = first + Math.ceil((start - first) / (7 * DAY) - 1) * 7 * DAY;
      expect(sentAt.get(o.id), o.id).toEqual([expected]);
      expect(start - expected).toBeLessThanOrEqual(7 * DAY);
      expect(start).toBeGreaterThan(expected);
    }
    for (const id of sentAt.keys()) expect(due.some((o) => o.id === id)).toBe(true);
  });
});
