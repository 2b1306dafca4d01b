/**
 * The plain-text body of an occurrence, used for the iCalendar DESCRIPTION (render/ics) and the
 * add-to-calendar links (routes/occurrence-links): its summary (when the event has one of its
 * own), its full public description as text, its visible times when there are several, and its
 * registration and connection links.
 *
 * Google Calendar and Apple Calendar show DESCRIPTION only (X-ALT-DESC is read by desktop
 * Outlook alone), so everything a subscriber should read is in this one text.
 */
import type { Occurrence } from '../model/occurrence';
import { htmlToText } from '../model/text';
import { formatTimeRange, type LocalStyle } from './when';

/** A connection's label: its record's name, else its kind ("Signup", "Group"). */
export function connectionLabel(connection: Occurrence['connections'][number]): string {
  const kind = connection.type.replace(/_/g, ' ');
  return connection.name ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * Distinct descriptions converted so far, sanitized HTML → text. Every occurrence of a series
 * shares its event's description, so a 1,400-occurrence calendar converts a few dozen texts,
 * not 1,400. Cleared whole when it reaches {@link TEXT_CACHE_MAX_ENTRIES}, so an isolate's
 * memory stays bounded across snapshots.
 */
const textCache = new Map<string, string>();
/** Entries kept before {@link textCache} is cleared (a large church has a few hundred events). */
const TEXT_CACHE_MAX_ENTRIES = 2_000;

/**
 * The occurrence's full public description as plain text (model/text `htmlToText` of the
 * sanitized HTML: paragraphs and list items on their own lines, links as `text [url]`), or
 * null when it has none.
 */
export function descriptionText(occurrence: Occurrence): string | null {
  const html = occurrence.descriptionHtml;
  if (!html) return null;
  let text = textCache.get(html);
  if (text === undefined) {
    if (textCache.size >= TEXT_CACHE_MAX_ENTRIES) textCache.clear();
    text = htmlToText(html);
    textCache.set(html, text);
  }
  return text || null;
}

/**
 * Plain text describing an occurrence: the summary (left out when the description already
 * says it, as when PCO has no summary and the summary is the description's own text), the
 * full description, the times when there are several, then the links. Paragraphs are
 * separated by one blank line; newlines are LF (the iCalendar writer escapes them as `\n`).
 *
 * @example
 * // "Join us!\n\nWe meet in the hall…\n\nTimes:\n- 9:00 AM – 10:15 AM\n- 11:00 AM – 12:15 PM\n\nRegister: https://…"
 */
export function occurrenceText(occurrence: Occurrence, style: LocalStyle): string {
  const parts: string[] = [];
  const description = descriptionText(occurrence);
  const summary = occurrence.summary;
  if (summary && !description?.startsWith(summary)) parts.push(summary);
  if (description) parts.push(description);
  if (occurrence.times.length > 1) {
    const lines = occurrence.times.map(
      (t) => `- ${formatTimeRange(t, style)}${t.name ? ` (${t.name})` : ''}`,
    );
    parts.push(`Times:\n${lines.join('\n')}`);
  }
  const links: string[] = [];
  if (occurrence.registrationUrl) links.push(`Register: ${occurrence.registrationUrl}`);
  for (const c of occurrence.connections) {
    if (c.url) links.push(`${connectionLabel(c)}: ${c.url}`);
  }
  if (links.length > 0) parts.push(links.join('\n'));
  return parts.join('\n\n');
}
