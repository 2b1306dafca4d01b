/**
 * The syndication outputs as readers and validators see them: python3-feedparser parses RSS and
 * Atom (not bozo; titles, links, dates and order right), newsboat loads the RSS without error
 * and lists every item, `/feed.json` validates against JSON Feed 1.1 and `/events.json` against
 * its documented schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Schema, Validator } from '@cfworker/json-schema';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_MARKER, TEST_ZONE } from '../fixtures/church';
import { buildConformanceFixture } from './fixture';
import { clients, fetchApp, PUBLIC_BASE_URL } from './support/context';
import { python, run } from './support/exec';
import {
  type ExpectedOccurrence,
  instanceIdOfItem,
  itemIdOf,
  publishedOccurrences,
  zoneTimes,
} from './support/expected';

/** Items per feed by default (README: feeds 50, `/events.json` 100). */
const FEED_ITEMS = 50;
const EVENTS_JSON_ITEMS = 100;
const HOME = `${PUBLIC_BASE_URL}/`;

/** What py/feed_entries.py prints. */
interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string | null;
  version: string;
  entries: Array<{
    id: string;
    link: string;
    title: string;
    title_text: string;
    title_type: string | null;
    tags: string[];
    enclosures: Array<{ href: string; type: string | null }>;
    published: string | null;
    updated: string | null;
  }>;
}

/** fast-xml-parser with attributes as `@name`, every value kept as a string. */
const atomParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'item', 'link', 'enclosure'].includes(name),
});
// biome-ignore lint/suspicious/noExplicitAny: parsed XML is untyped
type Xml = any;
const asArray = (value: Xml): Xml[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Schema;

/**
 * Checks that `ids` are the occurrences a window rule kept when the body was rendered, at some
 * moment between the fixture's clock (before the app started) and `respondedAt` (a cached body
 * may have been rendered before the request): a run of `limit` consecutive occurrences of
 * `all`, such that the one before the run no longer qualified and the first one still did.
 *
 * @param qualifies whether an occurrence is in the window at a moment (upcoming / not ended)
 * @returns the expected occurrences, in order
 */
function windowed(
  ids: readonly string[],
  all: readonly ExpectedOccurrence[],
  limit: number,
  respondedAt: Date,
  qualifies: (o: ExpectedOccurrence, at: number) => boolean,
): ExpectedOccurrence[] {
  const first = all.findIndex((o) => o.id === ids[0]);
  expect(first, `first item ${ids[0]} is a published occurrence`).toBeGreaterThanOrEqual(0);
  const expected = all.slice(first, first + limit);
  expect(ids).toEqual(expected.map((o) => o.id));
  const renderedAfter = Date.parse(clients().fixtureNow);
  const before = all[first - 1];
  if (before) expect(qualifies(before, respondedAt.getTime()), `${before.id} is over`).toBe(false);
  expect(qualifies(all[first] as ExpectedOccurrence, renderedAfter)).toBe(true);
  return expected;
}

const upcoming = (o: ExpectedOccurrence, at: number) => Date.parse(o.start) >= at;

/** An RSS item's date as the README promises it: max(start − 7 days, creation). */
const newsletterDate = (o: ExpectedOccurrence) =>
  new Date(Math.max(Date.parse(o.start) - 7 * 86_400_000, Date.parse(o.created)))
    .toISOString()
    .replace('.000Z', 'Z');
const notEnded = (o: ExpectedOccurrence, at: number) => Date.parse(o.end) > at;

/** Feed titles as pco-feeds promises them: "Title: Sun, Nov 1, 1:10 AM" in the church's zone. */
async function expectedTitles(occurrences: readonly ExpectedOccurrence[]): Promise<string[]> {
  const stamps = await zoneTimes(
    TEST_ZONE,
    occurrences.map((o) => o.start),
  );
  const day = (date: string) =>
    new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));
  return occurrences.map((o, i) => {
    if (!o.dates) return `${o.title}: ${stamps[i]?.stamp}`;
    const last = new Date(Date.parse(`${o.dates.endExclusive}T12:00:00Z`) - 86_400_000);
    const lastDay = last.toISOString().slice(0, 10);
    return lastDay === o.dates.start
      ? `${o.title}: ${day(o.dates.start)}`
      : `${o.title}: ${day(o.dates.start)} – ${day(lastDay)}`;
  });
}

/** The published occurrences of the served fixture (version 1), in start order. */
let all: ExpectedOccurrence[];

beforeAll(() => {
  all = publishedOccurrences(
    buildConformanceFixture(new Date(clients().fixtureNow), 1).church.dataset,
  );
});

describe('feeds read by python3-feedparser and newsboat', () => {
  it.each([
    ['/feed.rss', 'rss20'],
    ['/feed.atom', 'atom10'],
  ])(
    'feedparser reads %s (%s) as well-formed, with the right titles, links, dates and order',
    async (path, version) => {
      const feed = await python<ParsedFeed>('feed_entries.py', [`${clients().appUrl}${path}`]);
      const respondedAt = new Date();
      expect(feed.bozo_exception).toBeNull();
      expect(feed.bozo).toBe(false);
      expect(feed.version).toBe(version);
      const entries = feed.entries;
      const expected = windowed(
        entries.map((e) => instanceIdOfItem(e.id)),
        all,
        FEED_ITEMS,
        respondedAt,
        upcoming,
      );
      expect(entries.map((e) => e.id)).toEqual(expected.map((o) => itemIdOf(o.id)));
      expect(entries.map((e) => e.title_text)).toEqual(await expectedTitles(expected));
      expect(entries.map((e) => e.link)).toEqual(expected.map((o) => o.link ?? HOME));
      if (version === 'atom10') {
        // RFC 4287: published = creation (§4.2.9), updated = last change (§4.2.15).
        expect(entries.map((e) => e.published)).toEqual(expected.map((o) => o.created));
        expect(entries.map((e) => e.updated)).toEqual(expected.map((o) => o.updated));
      } else {
        // The newsletter date (README): a week before the start, or the creation when later.
        expect(entries.map((e) => e.published)).toEqual(expected.map(newsletterDate));
      }
    },
  );

  it('newsboat loads /feed.rss without an error in its debug log and lists every item', async () => {
    const base = join(clients().workDir, 'newsboat');
    mkdirSync(base, { recursive: true });
    const [urls, config, cache, log] = ['urls', 'config', 'cache.db', 'debug.log'].map((name) =>
      join(base, name),
    ) as [string, string, string, string];
    writeFileSync(urls, `${clients().appUrl}/feed.rss\n`);
    writeFileSync(config, '');
    const args = ['-u', urls, '-C', config, '-c', cache];
    await run('newsboat', [...args, '-x', 'reload', '-l', '6', '-d', log]);
    const respondedAt = new Date();
    const text = readFileSync(log, 'utf8');
    expect(text.match(/^\[[^\]]*\] (USERERROR|CRITICAL|ERROR|WARN)\b.*$/gm) ?? []).toEqual([]);
    expect(text.match(/RssParser::parse: item title = /g)).toHaveLength(FEED_ITEMS);
    const unread = await run('newsboat', [...args, '-x', 'print-unread']);
    expect(unread.stdout.trim()).toBe(`${FEED_ITEMS} unread articles`);
    const items = await python<Array<{ guid: string; title: string; url: string }>>(
      'newsboat_items.py',
      [cache],
    );
    // newsboat stores (and sorts) articles its own way: compare in start order.
    const position = new Map(all.map((o, i) => [itemIdOf(o.id), i]));
    items.sort((a, b) => (position.get(a.guid) ?? -1) - (position.get(b.guid) ?? -1));
    const expected = windowed(
      items.map((i) => instanceIdOfItem(i.guid)),
      all,
      FEED_ITEMS,
      respondedAt,
      upcoming,
    );
    expect(items.map((i) => i.title)).toEqual(await expectedTitles(expected));
    expect(items.map((i) => i.url)).toEqual(expected.map((o) => o.link ?? HOME));
  });
});

describe('JSON outputs against their schemas', () => {
  it('/feed.json is valid JSON Feed 1.1 with the same items as the RSS feed', async () => {
    const schema = readJson(join(import.meta.dirname, 'schemas', 'jsonfeed-1.1.schema.json'));
    const response = await fetchApp('/feed.json');
    const respondedAt = new Date();
    const body = await response.text();
    const feed = JSON.parse(body) as { items: Array<{ id: string; title: string; url: string }> };
    const result = new Validator(schema, '2020-12', false).validate(feed);
    expect(result.errors).toEqual([]);
    const expected = windowed(
      feed.items.map((i) => instanceIdOfItem(i.id)),
      all,
      FEED_ITEMS,
      respondedAt,
      upcoming,
    );
    expect(feed.items.map((i) => i.title)).toEqual(await expectedTitles(expected));
    expect(feed.items.map((i) => i.url)).toEqual(expected.map((o) => o.link ?? HOME));
    expect(body.includes(PRIVATE_MARKER), PRIVATE_MARKER).toBe(false);
  });

  it('/events.json is valid against docs/events-json.schema.json, with the fixture instants', async () => {
    const schema = readJson(
      join(import.meta.dirname, '..', '..', 'docs', 'events-json.schema.json'),
    );
    const response = await fetchApp('/events.json');
    const respondedAt = new Date();
    const doc = (await response.json()) as {
      occurrences: Array<{ id: string; starts_at: string; ends_at: string; title: string }>;
    };
    const result = new Validator(schema, '2020-12', false).validate(doc);
    expect(result.errors).toEqual([]);
    const expected = windowed(
      doc.occurrences.map((o) => o.id),
      all,
      EVENTS_JSON_ITEMS,
      respondedAt,
      notEnded,
    );
    expect(doc.occurrences.map((o) => `${o.title} ${o.starts_at} ${o.ends_at}`)).toEqual(
      expected.map((o) => `${o.title} ${o.start} ${o.end}`),
    );
  });
});

/** Image media types registered with IANA (https://www.iana.org/assignments/media-types/). */
const REGISTERED_IMAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
]);
/** RFC 6838 §4.2 restricted-name, type/subtype. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

describe('Atom and RSS as XML: libxml2, RFC 4287 RELAX NG (jing), two parsers for titles', () => {
  const LIMIT = 500;
  const files: Record<'rss' | 'atom', string> = { rss: '', atom: '' };
  const bodies: Record<'rss' | 'atom', string> = { rss: '', atom: '' };

  beforeAll(async () => {
    for (const format of ['rss', 'atom'] as const) {
      bodies[format] = await (await fetchApp(`/feed.${format}?limit=${LIMIT}`)).text();
      files[format] = join(clients().workDir, `feed-${LIMIT}.${format}`);
      writeFileSync(files[format], bodies[format]);
    }
  });

  it.each(['rss', 'atom'] as const)('xmllint reads /feed.%s as well-formed XML', async (format) => {
    // Throws (and fails) on any well-formedness error, with libxml2's message.
    const result = await run('xmllint', ['--noout', '--nonet', files[format]]);
    expect(result.stderr).toBe('');
  });

  it('jing validates /feed.atom against the RFC 4287 Appendix B schema, and its two Schematron rules hold', async () => {
    const schema = join(import.meta.dirname, 'schemas', 'atom-rfc4287.rnc');
    await run('jing', ['-c', schema, files.atom]);
    const doc = atomParser.parse(bodies.atom).feed;
    expect(doc.author?.name).toBeTruthy();
    const entries = asArray(doc.entry);
    expect(entries.length).toBeGreaterThan(300);
    for (const entry of entries) {
      expect(asArray(entry.link).some((l) => l['@rel'] === 'alternate')).toBe(true);
    }
  });

  it('every enclosure type is a well-formed, registered media type (Atom: none when unknown)', async () => {
    const atom = asArray(atomParser.parse(bodies.atom).feed.entry).flatMap((e) =>
      asArray(e.link).filter((l) => l['@rel'] === 'enclosure'),
    );
    const rss = asArray(atomParser.parse(bodies.rss).rss.channel.item).flatMap((i) =>
      asArray(i.enclosure),
    );
    expect(atom.length).toBeGreaterThan(0);
    expect(rss.length).toBe(atom.length);
    const types = [
      ...atom.flatMap((l) => (l['@type'] === undefined ? [] : [l['@type']])),
      ...rss.map((e) => e['@type']),
    ];
    for (const type of types) {
      expect(type).toMatch(MEDIA_TYPE);
      expect(REGISTERED_IMAGE_TYPES.has(type), type).toBe(true);
    }
    // The extensionless signed URL proves no type: Atom leaves it out (it is optional).
    const unknown = atom.filter((l) => l['@href'].includes('/v1/transform'));
    expect(unknown.length).toBeGreaterThan(0);
    for (const link of unknown) expect(link['@type']).toBeUndefined();
  });

  it('feedparser and fast-xml-parser both read Atom titles as the text, no entity left', async () => {
    const feed = await python<ParsedFeed>('feed_entries.py', [files.atom]);
    expect(feed.bozo).toBe(false);
    const ids = feed.entries.map((e) => instanceIdOfItem(e.id));
    const byId = new Map(all.map((o) => [o.id, o]));
    const titles = await expectedTitles(ids.map((id) => byId.get(id) as ExpectedOccurrence));
    expect(titles.some((t) => t.startsWith("Men's Breakfast: "))).toBe(true);
    expect(titles.some((t) => t.startsWith('Food & Clothing Pantry: '))).toBe(true);
    expect(feed.entries.map((e) => e.title_type)).toEqual(titles.map(() => 'text/plain'));
    expect(feed.entries.map((e) => e.title)).toEqual(titles);
    const fxp = asArray(atomParser.parse(bodies.atom).feed.entry).map((e) => e.title['#text']);
    expect(fxp).toEqual(titles);
    for (const title of fxp) expect(title).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
    // A category label with `<` reads back whole.
    expect(feed.entries.some((e) => e.tags.includes('Kids <5'))).toBe(true);
  });
});
