/**
 * Cuts of a snapshot: the occurrences one request asks for (filters, window, limit).
 *
 * Windows per output: the iCalendar feed keeps occurrences that overlap
 * `[now − past_days, now + days]`; feeds list occurrences starting from now; `/events.json`
 * lists occurrences not yet over (in progress or upcoming). All keep start order.
 */
import type { Occurrence } from './occurrence';

/** Which occurrences a request wants. */
export interface Selection {
  /** Keep occurrences having any of these tag ids (none = no tag filter). */
  tagIds: readonly string[];
  /** Keep only featured events. */
  featuredOnly: boolean;
  /** Keep only this event's occurrences. */
  eventId: string | undefined;
  /** How the time window applies: `overlap` (iCalendar), `upcoming` (feeds), `not-ended` (JSON). */
  window: 'overlap' | 'upcoming' | 'not-ended';
  /** Days before now (overlap only). */
  pastDays: number;
  /** Days after now. */
  futureDays: number;
  /** Maximum number of occurrences; undefined for all. */
  limit: number | undefined;
}

const DAY_MS = 86_400_000;

/**
 * The occurrences matching `selection` at `now`, in the snapshot's (start) order.
 *
 * @param occurrences a snapshot's occurrences, in start order
 * @param now the request's clock
 */
export function selectOccurrences(
  occurrences: readonly Occurrence[],
  selection: Selection,
  now: Date,
): Occurrence[] {
  const nowMs = now.getTime();
  const until = nowMs + selection.futureDays * DAY_MS;
  const since = nowMs - selection.pastDays * DAY_MS;
  const tags = new Set(selection.tagIds);
  const result: Occurrence[] = [];
  for (const o of occurrences) {
    if (selection.limit !== undefined && result.length >= selection.limit) break;
    const start = Date.parse(o.start);
    const end = Date.parse(o.end);
    if (start >= until) continue;
    if (selection.window === 'overlap' && end <= since) continue;
    if (selection.window === 'upcoming' && start < nowMs) continue;
    if (selection.window === 'not-ended' && end <= nowMs) continue;
    if (selection.featuredOnly && !o.featured) continue;
    if (selection.eventId !== undefined && o.eventId !== selection.eventId) continue;
    if (tags.size > 0 && !o.tags.some((t) => tags.has(t.id))) continue;
    result.push(o);
  }
  return result;
}
