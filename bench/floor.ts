/**
 * The "floor" of the render benchmarks: plain string-join serializers written for the
 * benchmark only, producing the same bytes as the Worker's `/calendar.ics` and `/feed.rss`
 * (bench/render-floor.bench.ts asserts byte identity before timing anything).
 *
 * What a floor does per occurrence is what any serializer must: format the instants (UTC,
 * local time in the TZID via a cached `Intl.DateTimeFormat`), escape (RFC 5545 TEXT, XML),
 * fold lines at 75 octets, and join. It takes the content the Worker's model gives (the
 * DESCRIPTION text of render/occurrence-text, the item HTML of render/item-html, the item
 * title and date of render/feeds, the TZID decision of render/ics): those are what is said,
 * not how it is serialized, and a serializer has to get them from somewhere. It uses no
 * library (no ical-generator, `feed`, xml-js or luxon) and builds one string per document.
 */
import type { Occurrence } from '../src/model/occurrence';
import type { Snapshot } from '../src/model/snapshot';
import { FEED_PATHS, imageType, itemId, itemTitle, newsletterDate } from '../src/render/feeds';
import {
  ICS_TRAILER,
  icsHeader,
  icsShared,
  occurrenceUid,
  sequenceOf,
  snapshotVtimezone,
  usesTzid,
} from '../src/render/ics';
import { escapeHtml, occurrenceHtml } from '../src/render/item-html';
import { occurrenceText } from '../src/render/occurrence-text';
import type { RenderContext } from '../src/render/render-context';
import { formatWhen } from '../src/render/when';
import { oneLine } from '../src/render/xml';

/** RFC 5545 TEXT, as ical-generator escapes it. */
const text = (value: string) =>
  value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/(?:\r\n|\r|\n)/g, '\\n');

/** Folds one content line at 75 octets (RFC 5545 §3.1), never inside a code point. */
function fold(line: string): string {
  if (line.length <= 25) return line;
  let out = '';
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const code = line.codePointAt(i) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += code > 0xffff ? 2 : 1;
  }
  return out + line.slice(start);
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `20261122T150000Z` */
function utcBasic(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `20261122T090000`: the local wall time in `zone`. */
function localBasic(iso: string, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(iso))) p[part.type] = part.value;
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

/** `/calendar.ics`, the same bytes as render/ics `renderIcs`. */
export function floorIcs(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const shared = icsShared(snapshot, context);
  const zone = shared.zone;
  const out: string[] = [icsHeader(zone, context)];
  const vtimezone = snapshotVtimezone(snapshot);
  let needsZone = false;
  for (const o of occurrences) {
    const tzid = usesTzid(o, shared);
    needsZone ||= tzid;
    const lines = [
      'BEGIN:VEVENT',
      `UID:${occurrenceUid(o.id, context.host)}`,
      `SEQUENCE:${sequenceOf(o.updated)}`,
      `DTSTAMP:${utcBasic(o.updated)}`,
    ];
    if (o.dates) {
      lines.push(
        `DTSTART;VALUE=DATE:${o.dates.start.replaceAll('-', '')}`,
        `DTEND;VALUE=DATE:${o.dates.endExclusive.replaceAll('-', '')}`,
        'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
        'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
      );
    } else if (tzid) {
      lines.push(
        `DTSTART;TZID=${zone}:${localBasic(o.start, zone)}`,
        `DTEND;TZID=${zone}:${localBasic(o.end, zone)}`,
      );
    } else {
      lines.push(`DTSTART:${utcBasic(o.start)}`, `DTEND:${utcBasic(o.end)}`);
    }
    lines.push(`SUMMARY:${text(o.title)}`);
    if (o.location) lines.push(`LOCATION:${text(o.location)}`);
    const description = occurrenceText(o, shared.style);
    if (description) lines.push(`DESCRIPTION:${text(description)}`);
    if (o.tags.length > 0) lines.push(`CATEGORIES:${o.tags.map((t) => text(t.name)).join(',')}`);
    if (o.url) {
      lines.push(`URL;VALUE=URI:${text(o.url.replace(/[,;\\]/g, (c) => encodeURIComponent(c)))}`);
    }
    lines.push(`CREATED:${utcBasic(o.created)}`, `LAST-MODIFIED:${utcBasic(o.updated)}`);
    for (const a of o.attachments) {
      const type = a.contentType?.split(';')[0]?.trim().toLowerCase();
      const fmt = type && /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type) ? `;FMTTYPE=${type}` : '';
      lines.push(`ATTACH${fmt}:${a.url}`);
    }
    lines.push('END:VEVENT');
    out.push(`${lines.map(fold).join('\r\n')}\r\n`);
  }
  if (needsZone && vtimezone) out.splice(1, 0, vtimezone);
  out.push(ICS_TRAILER);
  return out.join('');
}

/** XML character data as xml-js writes it (`feed`'s RSS). */
const xml = (value: string) =>
  value.replace(/&amp;/g, '&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A URL as `feed` sanitizes it for an attribute (`&` escaped, `"` as xml-js writes it). */
const attributeUrl = (url: string) =>
  new URL(url).toString().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]&gt;')}]]>`;

/** `/feed.rss`, the same bytes as render/feeds `renderFeed('rss', …)` (with at least one item). */
export function floorRss(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): string {
  const home = `${context.baseUrl}/`;
  const org = snapshot.organization;
  const updated = snapshot.lastModified ?? snapshot.contentChangedAt;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">\n',
    '    <channel>\n',
    `        <title>${xml(oneLine(context.title))}</title>\n`,
    `        <link>${xml(new URL(home).toString())}</link>\n`,
    `        <description>${xml(oneLine(context.description))}</description>\n`,
    `        <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>\n`,
    '        <docs>https://validator.w3.org/feed/docs/rss2.html</docs>\n',
    '        <generator>pco-feeds</generator>\n',
    '        <language>en</language>\n',
    '        <ttl>60</ttl>\n',
    `        <copyright>${xml(oneLine(org.name))}</copyright>\n`,
    `        <atom:link href="${attributeUrl(`${context.baseUrl}${FEED_PATHS.rss}`)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const o of occurrences) {
    const link = o.url ?? o.registrationUrl ?? home;
    const summary = o.summary ?? formatWhen(o, org);
    let item = `\n        <item>\n            <title>${cdata(oneLine(itemTitle(o, snapshot)))}</title>\n            <link>${xml(new URL(link).toString())}</link>\n            <guid isPermaLink="false">${xml(itemId(o.id, context.host))}</guid>\n            <pubDate>${newsletterDate(o).toUTCString()}</pubDate>\n            <description>${cdata(escapeHtml(summary))}</description>\n            <content:encoded>${cdata(occurrenceHtml(o, org))}</content:encoded>`;
    for (const tag of o.tags) item += `\n            <category>${xml(tag.name)}</category>`;
    if (o.imageUrl) {
      const type = imageType(o.imageUrl) ?? 'image/jpeg';
      item += `\n            <enclosure length="0" type="${type}" url="${attributeUrl(o.imageUrl)}"/>`;
    }
    out.push(`${item}\n        </item>`);
  }
  out.push('\n    </channel>\n</rss>');
  return out.join('');
}
