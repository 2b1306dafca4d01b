/**
 * The plain-text body of an occurrence, used for the iCalendar DESCRIPTION (render/ics) and the
 * add-to-calendar links (routes/occurrence-links): its summary, its visible times when there are
 * several, and its registration and connection links.
 */
import type { Occurrence } from '../model/occurrence';
import { formatTimeRange, type LocalStyle } from './when';

/** A connection's label: its record's name, else its kind ("Signup", "Group"). */
export function connectionLabel(connection: Occurrence['connections'][number]): string {
  const kind = connection.type.replace(/_/g, ' ');
  return connection.name ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * Plain text describing an occurrence.
 *
 * @example
 * // "Join us!\n\nTimes:\n- 9:00 AM – 10:15 AM\n- 11:00 AM – 12:15 PM\n\nRegister: https://…"
 */
export function occurrenceText(occurrence: Occurrence, style: LocalStyle): string {
  const parts: string[] = [];
  if (occurrence.summary) parts.push(occurrence.summary);
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
