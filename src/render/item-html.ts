/**
 * The HTML body of one feed item: when, where, the description, and the links (registration,
 * connections, attachments). Built with hono's `html` template, which escapes every
 * interpolated value; only the description, already sanitized by model/text, goes in raw.
 */
import { html, raw } from 'hono/html';
import type { Occurrence } from '../model/occurrence';
import { connectionLabel } from './occurrence-text';
import { formatSpan, formatTimeRange, type LocalStyle } from './when';

/** HTML-escapes text for an HTML context (`&`, `<`, `>`, `"`, `'`). */
export function escapeHtml(text: string): string {
  return html`${text}`.toString();
}

/**
 * The item's HTML content.
 *
 * @example
 * // <p><strong>Sun, Dec 6, 9:00 AM – 12:15 PM</strong></p><p>Main Sanctuary</p>…
 */
export function occurrenceHtml(occurrence: Occurrence, style: LocalStyle): string {
  const times =
    occurrence.times.length > 1
      ? html`<p>Times:</p><ul>${occurrence.times.map((t) => html`<li>${formatTimeRange(t, style)}${t.name ? ` (${t.name})` : ''}</li>`)}</ul>`
      : '';
  const description = occurrence.descriptionHtml
    ? raw(occurrence.descriptionHtml)
    : occurrence.summary
      ? html`<p>${occurrence.summary}</p>`
      : '';
  const links = [
    ...(occurrence.registrationUrl
      ? [html`<li><a href="${occurrence.registrationUrl}">Register</a></li>`]
      : []),
    ...occurrence.connections.flatMap((c) =>
      c.url ? [html`<li><a href="${c.url}">${connectionLabel(c)}</a></li>`] : [],
    ),
    ...occurrence.attachments.map((a) => html`<li><a href="${a.url}">${a.name}</a></li>`),
  ];
  return html`<p><strong>${formatSpan(occurrence, style)}</strong></p>${times}${
    occurrence.location ? html`<p>${occurrence.location}</p>` : ''
  }${description}${links.length > 0 ? html`<ul>${links}</ul>` : ''}`.toString();
}
