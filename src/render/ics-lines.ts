/**
 * RFC 5545 content-line helpers for the few things ical-generator cannot write: RFC 7986
 * IMAGE, ATTACH with FMTTYPE, and calendar properties in the order the grammar requires.
 *
 * Lines are folded with ical-generator's own `foldLines` (75 octets, never inside a UTF-8
 * sequence), so the whole body follows one folding rule.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.1 (content lines, folding)
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.4 (icalbody = calprops component)
 */
import { foldLines } from 'ical-generator';

const CRLF = '\r\n';

/**
 * One folded content line, CRLF-terminated. `value` is written as is: pass only URI or
 * already-escaped values (RFC 5545 §3.3.13: URI values are not backslash-escaped).
 *
 * @param params parameter name → value; a value containing `:`, `;` or `,` is DQUOTEd
 */
export function contentLine(name: string, params: Record<string, string>, value: string): string {
  const paramText = Object.entries(params)
    .map(([key, v]) => `;${key}=${/[:;,]/.test(v) ? `"${v.replace(/"/g, '')}"` : v}`)
    .join('');
  return foldLines(`${name}${paramText}:${value}`) + CRLF;
}

/**
 * Inserts extra content lines at the end of each VEVENT, in order: `extras[i]` goes before
 * the i-th `END:VEVENT`. Safe because escaped TEXT never contains a bare CRLF and folded
 * continuation lines start with a space, so `CRLF END:VEVENT` only matches real lines.
 */
export function appendToEvents(ics: string, extras: readonly string[]): string {
  let i = 0;
  return ics.replace(/\r\nEND:VEVENT/g, (match) => {
    const extra = extras[i++] ?? '';
    return extra ? `${CRLF}${extra.replace(/\r\n$/, '')}${match}` : match;
  });
}

/**
 * Moves every VCALENDAR property that appears after a component (ical-generator writes
 * REFRESH-INTERVAL after VTIMEZONE and X- properties after the last VEVENT) to just before the
 * first component, keeping their order. RFC 5545 §3.4 requires calprops first.
 */
export function hoistCalendarProperties(ics: string): string {
  const lines = ics.split(CRLF);
  const head: string[] = [];
  const late: string[] = [];
  const body: string[] = [];
  let depth = 0;
  let seenComponent = false;
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      (current ?? body).push(line);
      continue;
    }
    if (line.startsWith('BEGIN:')) depth += 1;
    const atCalendarLevel = depth === 1 && !line.startsWith('BEGIN:') && !line.startsWith('END:');
    if (line.startsWith('BEGIN:') && depth === 2) seenComponent = true;
    current = atCalendarLevel ? (seenComponent ? late : head) : seenComponent ? body : head;
    current.push(line);
    if (line.startsWith('END:')) depth -= 1;
  }
  return [...head, ...late, ...body].join(CRLF);
}
