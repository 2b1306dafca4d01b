/**
 * Snapshot → RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1, built with `feed`.
 *
 * Each item is one occurrence: a stable id, a title like "Sunday Worship: Sun, Dec 6,
 * 9:00 AM", a link to Church Center (else the registration page), HTML content, the tags as
 * categories, the image as an enclosure, and as its date the instance's creation time (so
 * readers show new events as new). The feed's `updated` is the newest `updated_at`, never
 * "now", so the same snapshot renders the same bytes.
 *
 * Two gaps in `feed` 6.0.0 are closed here: its JSON output says version 1 (we write 1.1 and
 * its `authors`/`language`), and xml-js escapes only the first `]]>` inside CDATA, so every
 * `]]>` is neutralized before it reaches the XML.
 */
import { Feed, type Item } from 'feed';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { escapeHtml, occurrenceHtml } from './item-html';
import type { RenderContext } from './render-context';
import { formatWhen } from './when';

/** The three syndication formats. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Feed paths, relative to the base URL. */
export const FEED_PATHS: Record<FeedFormat, string> = {
  rss: '/feed.rss',
  atom: '/feed.atom',
  json: '/feed.json',
};

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** An image's media type from its path's extension; JPEG when unknown (PCO stores photos). */
export function imageType(url: string): string {
  let extension = '';
  try {
    extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  } catch {
    // not a URL; fall through to the default
  }
  return IMAGE_TYPES[extension] ?? 'image/jpeg';
}

/**
 * The stable id of an occurrence's item: a tag URI (RFC 4151 §2.1), valid as Atom id and RSS
 * guid. Its authority is a DNS name, so a port (`127.0.0.1:8787` in development) is dropped.
 */
export function itemId(occurrenceId: string, host: string): string {
  return `tag:${host.replace(/:\d+$/, '')},2020:pco-event-instance:${occurrenceId}`;
}

/** An item's plain-text title: "Sunday Worship: Sun, Dec 6, 9:00 AM". */
export function itemTitle(occurrence: Occurrence, snapshot: Snapshot): string {
  return `${occurrence.title}: ${formatWhen(occurrence, snapshot.organization)}`;
}

const noCdataEnd = (text: string) => text.replace(/]]>/g, ']]&gt;');

/**
 * Renders occurrences (a cut of `snapshot`, in item order) in one of the three formats.
 *
 * @returns the document body (XML or JSON text)
 */
export function renderFeed(
  format: FeedFormat,
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const home = `${context.baseUrl}/`;
  // Deterministic for one snapshot version: an empty calendar falls back to when that content
  // appeared, not to the build time (which an unchanged refresh renews).
  const updated = new Date(snapshot.lastModified ?? snapshot.contentChangedAt);
  const feed = new Feed({
    id: home,
    title: context.title,
    description: context.description,
    link: home,
    language: 'en',
    updated,
    generator: 'pco-feeds',
    ttl: 60,
    feedLinks: {
      rss: `${context.baseUrl}${FEED_PATHS.rss}`,
      atom: `${context.baseUrl}${FEED_PATHS.atom}`,
      json: `${context.baseUrl}${FEED_PATHS.json}`,
    },
    author: { name: snapshot.organization.name, link: home },
    copyright: snapshot.organization.name,
  });
  const contents = occurrences.map((o) => occurrenceHtml(o, snapshot.organization));
  occurrences.forEach((occurrence, i) => {
    const content = contents[i] ?? '';
    const title = itemTitle(occurrence, snapshot);
    const item: Item = {
      // Atom titles are written type="html", so they are escaped. RSS titles are plain text:
      // newsboat shows an escaped one as is ("Youth &amp; Family"), and feedparser reads a
      // plain one as text/plain. A literal `]]>` is neutralized in both (CDATA).
      title: noCdataEnd(format === 'atom' ? escapeHtml(title) : title),
      id: itemId(occurrence.id, context.host),
      link: occurrence.url ?? occurrence.registrationUrl ?? home,
      date: new Date(occurrence.created),
      published: new Date(occurrence.created),
      description: noCdataEnd(
        escapeHtml(occurrence.summary ?? formatWhen(occurrence, snapshot.organization)),
      ),
      content: noCdataEnd(content),
      category: occurrence.tags.map((t) => ({ name: t.name, term: t.name })),
      ...(occurrence.imageUrl
        ? { image: { url: occurrence.imageUrl, type: imageType(occurrence.imageUrl), length: 0 } }
        : {}),
    };
    feed.addItem(item);
  });
  switch (format) {
    case 'rss':
      return feed.rss2();
    case 'atom':
      return feed.atom1();
    case 'json':
      return jsonFeed11(feed.json1(), snapshot, occurrences, contents);
  }
}

/** Upgrades `feed`'s JSON Feed 1.0 output to 1.1 (https://www.jsonfeed.org/version/1.1/). */
function jsonFeed11(
  json1: string,
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  contents: readonly string[],
): string {
  const doc = JSON.parse(json1) as Record<string, unknown> & {
    items: Array<Record<string, unknown>>;
  };
  const { author, ...rest } = doc;
  const items = doc.items.map((item, i) => {
    const occurrence = occurrences[i];
    if (!occurrence) return item;
    return {
      ...item,
      title: itemTitle(occurrence, snapshot),
      content_html: contents[i] ?? '',
      summary: occurrence.summary ?? formatWhen(occurrence, snapshot.organization),
      date_published: new Date(occurrence.created).toISOString(),
      date_modified: new Date(occurrence.updated).toISOString(),
    };
  });
  return JSON.stringify(
    {
      ...rest,
      version: 'https://jsonfeed.org/version/1.1',
      language: 'en',
      authors: author ? [author] : [],
      items,
    },
    null,
    2,
  );
}
