/**
 * Cuts of a snapshot: the occurrences one request asks for (filters, window, limit).
 *
 * Windows per output: the iCalendar feed keeps occurrences that overlap
 * `[now − past_days, now + days]`; feeds list occurrences starting from now; `/events.json`
 * lists occurrences not yet over (in progress or upcoming). All keep start order. Filters:
 * tags (any of), featured, one event, and `q` search (every term, in title, location, summary or
 * description, ignoring case and accents).
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
  /**
   * Search terms from `q`, already folded by {@link searchTerms}: keep occurrences whose title,
   * location, summary or description contains every one (none = no search).
   */
  search: readonly string[];
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
 * Text folded for case- and accent-insensitive search: compatibility-decomposed (NFKD), marks
 * removed, lower-cased, so `Café`, `CAFE` and `café` all fold to `cafe`.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The search terms of a `q` value: folded ({@link foldForSearch}) and split on white space;
 * `[]` for a blank query.
 *
 * @example searchTerms('  Youth  Café ') // ['youth', 'cafe']
 */
export function searchTerms(q: string): string[] {
  return foldForSearch(q).split(/\s+/).filter(Boolean);
}

/** The few entities sanitized HTML may hold in text; others stay as written. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': ' ',
};

/** Folded searchable text per occurrence, computed once per occurrence object (a snapshot's). */
const haystacks = new WeakMap<Occurrence, string>();

/**
 * The folded text `q` searches: title, location, summary and the description's text. The
 * description is sanitized HTML, so dropping its tags is enough to get its words.
 */
function haystackOf(o: Occurrence): string {
  let text = haystacks.get(o);
  if (text === undefined) {
    const description = (o.descriptionHtml ?? '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
    text = foldForSearch([o.title, o.location ?? '', o.summary ?? '', description].join('\n'));
    haystacks.set(o, text);
  }
  return text;
}

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
    if (selection.search.length > 0) {
      const text = haystackOf(o);
      if (!selection.search.every((term) => text.includes(term))) continue;
    }
    result.push(o);
  }
  return result;
}
