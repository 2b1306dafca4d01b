/**
 * Snapshot → RSS 2.0 and JSON Feed 1.1, built with `feed`, and Atom 1.0 (RFC 4287), written by
 * render/atom (see there for why not `feed`).
 *
 * Each item is one occurrence: a stable id, a title like "Sunday Worship: Sun, Dec 6,
 * 9:00 AM", a link to Church Center (else the registration page), HTML content, the tags as
 * categories, the image as an enclosure. The feed's `updated` is the newest `updated_at`,
 * never "now", so the same snapshot renders the same bytes. Titles (the feed's and each
 * item's) are one line: a newline in FEED_TITLE or the organization's name becomes a space.
 *
 * Two gaps in `feed` 6.0.0 are closed here: its JSON output says version 1 (we write 1.1 and
 * its `authors`/`language`), and xml-js escapes only the first `]]>` inside CDATA, so every
 * `]]>` is neutralized before it reaches the XML.
 */
import { Feed, type Item } from 'feed';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { atomDocument, atomEntry } from './atom';
import { escapeHtml, occurrenceHtml } from './item-html';
import type { RenderContext } from './render-context';
import { formatWhen } from './when';
import { oneLine } from './xml';

/** The three syndication formats. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Feed paths, relative to the base URL. */
export const FEED_PATHS: Record<FeedFormat, string> = {
  rss: '/feed.rss',
  atom: '/feed.atom',
  json: '/feed.json',
};

/** Registered image media types (IANA) by file extension. */
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/**
 * An image's media type from its path's extension, or null when the path has none we know
 * (PCO's signed image URLs may have no extension; nothing in the snapshot says their type).
 */
export function imageType(url: string): string | null {
  let extension = '';
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    extension = last.includes('.') ? (last.split('.').pop()?.toLowerCase() ?? '') : '';
  } catch {
    // not a URL: no type
  }
  return IMAGE_TYPES[extension] ?? null;
}

/**
 * How long before an occurrence its RSS item is dated: one week, the period of the weekly
 * RSS-to-email campaign the README describes.
 */
export const NEWSLETTER_LEAD_MS = 7 * 86_400_000;

/**
 * The RSS item date (`pubDate`) of an occurrence: one week before it starts, or its creation
 * when that is later (an occurrence added less than a week ahead).
 *
 * Why: RSS-to-email campaigns (Mailchimp, Buttondown) send the items dated after their last
 * send. A weekly campaign on `/feed.rss?days=7` sent at S₁, S₂ = S₁ + 7 days, … sees at Sₖ the
 * occurrences starting in [Sₖ, Sₖ + 7 days), and sends those dated after Sₖ₋₁, that is those
 * starting after Sₖ (or created after Sₖ₋₁): each occurrence goes out exactly once, in the week
 * before it starts, however long ago its Event (and a weekly series' instances) was created;
 * the creation date alone (the old item date) sent a years-old series never. Feed readers sort
 * such items by when they happen, which suits an events feed. Depends on the snapshot only
 * (never "now"), so the same snapshot renders the same bytes.
 */
export function newsletterDate(occurrence: Occurrence): Date {
  const lead = Date.parse(occurrence.start) - NEWSLETTER_LEAD_MS;
  return new Date(Math.max(lead, Date.parse(occurrence.created)));
}

/**
 * The stable id of an occurrence's item: a tag URI (RFC 4151 §2.1), valid as Atom id and RSS
 * guid. Its authority is the UID domain ({@link RenderContext.host}, `pco-organization-<id>`),
 * never the request's hostname; a `:port` would be dropped, as a tag URI's authority is a DNS name.
 *
 * @example itemId('1001', 'pco-organization-42') // 'tag:pco-organization-42,2020:pco-event-instance:1001'
 */
export function itemId(occurrenceId: string, host: string): string {
  return `tag:${host.replace(/:\d+$/, '')},2020:pco-event-instance:${occurrenceId}`;
}

/** An item's plain-text title: "Sunday Worship: Sun, Dec 6, 9:00 AM". */
export function itemTitle(occurrence: Occurrence, snapshot: Snapshot): string {
  return `${occurrence.title}: ${formatWhen(occurrence, snapshot.organization)}`;
}

const noCdataEnd = (text: string) => text.replace(/]]>/g, ']]&gt;');

/** What every item of one feed shares: the snapshot, the request's context, the home URL. */
export interface FeedShared {
  snapshot: Snapshot;
  context: RenderContext;
  /** `${baseUrl}/`: the feed's id and every item's fallback link. */
  home: string;
}

/** An occurrence's page: Church Center, else its registration page, else the feed's home. */
const itemLink = (occurrence: Occurrence, home: string) =>
  occurrence.url ?? occurrence.registrationUrl ?? home;

/** An item's plain-text summary: the occurrence's summary, else when it happens. */
const itemSummary = (occurrence: Occurrence, snapshot: Snapshot) =>
  occurrence.summary ?? formatWhen(occurrence, snapshot.organization);

/**
 * One Atom `<entry>`, from one occurrence, its item HTML (render/item-html) and the shared
 * context.
 */
export function atomItem(occurrence: Occurrence, content: string, shared: FeedShared): string {
  const url = occurrence.imageUrl;
  return atomEntry({
    id: itemId(occurrence.id, shared.context.host),
    title: itemTitle(occurrence, shared.snapshot),
    updated: occurrence.updated,
    published: occurrence.created,
    link: itemLink(occurrence, shared.home),
    summary: itemSummary(occurrence, shared.snapshot),
    contentHtml: content,
    categories: occurrence.tags.map((t) => t.name),
    enclosure: url ? { url, type: imageType(url) } : null,
  });
}

/**
 * One `feed` item (RSS 2.0 and JSON Feed), from one occurrence, its item HTML and the shared
 * context; its date is {@link newsletterDate}.
 */
export function feedItem(occurrence: Occurrence, content: string, shared: FeedShared): Item {
  const url = occurrence.imageUrl;
  return {
    // RSS titles are plain text: newsboat shows an escaped one as is ("Youth &amp; Family"),
    // and feedparser reads a plain one as text/plain. A literal `]]>` is neutralized (CDATA).
    title: noCdataEnd(oneLine(itemTitle(occurrence, shared.snapshot))),
    id: itemId(occurrence.id, shared.context.host),
    link: itemLink(occurrence, shared.home),
    // No `published`: feed 6.0.0 writes it, not `date`, as the RSS pubDate.
    date: newsletterDate(occurrence),
    description: noCdataEnd(escapeHtml(itemSummary(occurrence, shared.snapshot))),
    content: noCdataEnd(content),
    category: occurrence.tags.map((t) => ({ name: t.name, term: t.name })),
    // RSS 2.0 requires an enclosure's type: photos are JPEG unless the extension says otherwise.
    ...(url ? { image: { url, type: imageType(url) ?? 'image/jpeg', length: 0 } } : {}),
  };
}

/**
 * Renders occurrences (a cut of `snapshot`, in item order) in one of the three formats.
 *
 * Item dates: Atom `updated` is the occurrence's last change and `published` its creation;
 * RSS `pubDate` is {@link newsletterDate}; JSON Feed `date_published` / `date_modified` are
 * the creation and the last change. The feed's own date is the newest change, never "now".
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
  const updated = snapshot.lastModified ?? snapshot.contentChangedAt;
  const shared: FeedShared = { snapshot, context, home };
  const contents = occurrences.map((o) => occurrenceHtml(o, snapshot.organization));
  if (format === 'atom') {
    return atomDocument(
      {
        id: home,
        title: context.title,
        subtitle: context.description,
        updated,
        home,
        self: `${context.baseUrl}${FEED_PATHS.atom}`,
        author: snapshot.organization.name,
        generator: 'pco-feeds',
      },
      occurrences.map((o, i) => atomItem(o, contents[i] ?? '', shared)),
    );
  }
  const feed = new Feed({
    id: home,
    title: oneLine(context.title),
    description: oneLine(context.description),
    link: home,
    language: 'en',
    updated: new Date(updated),
    generator: 'pco-feeds',
    ttl: 60,
    feedLinks: {
      rss: `${context.baseUrl}${FEED_PATHS.rss}`,
      atom: `${context.baseUrl}${FEED_PATHS.atom}`,
      json: `${context.baseUrl}${FEED_PATHS.json}`,
    },
    author: { name: oneLine(snapshot.organization.name), link: home },
    copyright: oneLine(snapshot.organization.name),
  });
  occurrences.forEach((o, i) => {
    feed.addItem(feedItem(o, contents[i] ?? '', shared));
  });
  return format === 'rss' ? feed.rss2() : jsonFeed11(feed.json1(), snapshot, occurrences, contents);
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
      title: oneLine(itemTitle(occurrence, snapshot)),
      content_html: contents[i] ?? '',
      summary: itemSummary(occurrence, snapshot),
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
