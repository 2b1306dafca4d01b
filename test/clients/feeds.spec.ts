/**
 * The syndication outputs as readers and validators see them: python3-feedparser parses RSS and
 * Atom (not bozo; titles, links, dates and order right), newsboat loads the RSS without error
 * and lists every item, `/feed.json` validates against JSON Feed 1.1 and `/events.json` against
 * its documented schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Schema, Validator } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_MARKER, TEST_ZONE } from '../fixtures/church';
import { buildConformanceFixture } from './fixture';
import { clients, fetchApp, PUBLIC_BASE_URL } from './support/context';
import { python, run } from './support/exec';
import {
  type ExpectedOccurrence,
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
    title_text: string;
    published: string | null;
    updated: string | null;
  }>;
}

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

describe('feeds read by python3-feedparser and newsboat', () => {
  let all: ExpectedOccurrence[];

  beforeAll(() => {
    all = publishedOccurrences(
      buildConformanceFixture(new Date(clients().fixtureNow), 1).church.dataset,
    );
  });

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
        entries.map((e) => e.id.replace(/^tag:[^:]+:pco-event-instance:/, '')),
        all,
        FEED_ITEMS,
        respondedAt,
        upcoming,
      );
      expect(entries.map((e) => e.id)).toEqual(expected.map((o) => itemIdOf(o.id)));
      expect(entries.map((e) => e.title_text)).toEqual(await expectedTitles(expected));
      expect(entries.map((e) => e.link)).toEqual(expected.map((o) => o.link ?? HOME));
      expect(entries.map((e) => e.published)).toEqual(expected.map((o) => o.created));
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
      items.map((i) => i.guid.replace(/^tag:[^:]+:pco-event-instance:/, '')),
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
  let all: ExpectedOccurrence[];

  beforeAll(() => {
    all = publishedOccurrences(
      buildConformanceFixture(new Date(clients().fixtureNow), 1).church.dataset,
    );
  });

  it('/feed.json is valid JSON Feed 1.1 with the same items as the RSS feed', async () => {
    const schema = readJson(join(import.meta.dirname, 'schemas', 'jsonfeed-1.1.schema.json'));
    const response = await fetchApp('/feed.json');
    const respondedAt = new Date();
    const body = await response.text();
    const feed = JSON.parse(body) as { items: Array<{ id: string; title: string; url: string }> };
    const result = new Validator(schema, '2020-12', false).validate(feed);
    expect(result.errors).toEqual([]);
    const expected = windowed(
      feed.items.map((i) => i.id.replace(/^tag:[^:]+:pco-event-instance:/, '')),
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
