/**
 * Query strings of the public routes: validated once, in one linear pass, into a
 * {@link Selection} and one **canonical query** per equivalence class of requests.
 *
 * - Unknown names (`fbclid`, `gclid`, `utm_*`, `mc_cid`…) are ignored: they never change the
 *   body, the links in it, or the cache key. A shared link keeps working.
 * - A known parameter with a bad value, or a single-valued one given twice, is a
 *   {@link BadRequestError} whose message names it (→ 400).
 * - A query longer than {@link QUERY_MAX_LENGTH} is refused with 414 before it is parsed.
 * - The canonical query lists only known parameters, in the route's fixed order, with numbers
 *   in plain decimal (`limit=0001426` → `limit=1426`), tags de-duplicated and sorted, values
 *   equal to the default left out (`featured=false`, `days=<WINDOW_FUTURE_DAYS>`), and `q`
 *   trimmed with its spaces collapsed. Equivalent requests share it, so it is the cache key
 *   and what links in a page carry on (see {@link canonicalUrl}).
 *
 * Routes use {@link queryValidator} (Hono's `validator('query')`); handlers read the result
 * with `c.req.valid('query')`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import {
  EVENTS_JSON_DEFAULT_LIMIT,
  EVENTS_JSON_MAX_LIMIT,
  FEED_DEFAULT_LIMIT,
  FEED_MAX_LIMIT,
  ICS_MAX_LIMIT,
  WIDGET_DEFAULT_LIMIT,
  WIDGET_MAX_LIMIT,
} from '../constants';
import type { Config } from '../env';
import { type Selection, searchTerms } from '../model/select';
import type { AppEnv } from './app-env';
import { BadRequestError } from './errors';

/**
 * The kinds of public route, each with its own parameters: the four feed-like kinds (window
 * rule, filters, limits), `subscribe` (`/`, the embed builder's choice) and `none` (`/embed.js`
 * and the occurrence routes, which take no parameters).
 */
export type RouteKind = 'ics' | 'feed' | 'events' | 'widget' | 'subscribe' | 'none';

/** The widget's own display parameters (validated by `parseWidgetOptions` and `parseLanguage`). */
export const WIDGET_PARAMS = [
  'view',
  'month',
  'week',
  'accent',
  'theme',
  'font',
  'chips',
  'lang',
] as const;

/** The subscribe page's parameters (validated by `parseEmbedChoice` and `parseLanguage`). */
export const SUBSCRIBE_PARAMS = ['view', 'tag', 'theme', 'lang'] as const;

/**
 * Maximum length of the raw query string (after `?`), in characters. Far above what any
 * link of ours produces (a widget link with 100 tags is about 2,500), and above a shared
 * link's tracking parameters (`fbclid` ≈ 60–200, a full `utm_*` set ≈ 300), while it bounds
 * the work of parsing and of everything that scales with the query. Beyond it: 414.
 */
export const QUERY_MAX_LENGTH = 4096;

/** Maximum length of `q`, in characters after trimming (a search, not a document). */
export const SEARCH_MAX_LENGTH = 100;

/** The filter parameters every feed-like route takes, in canonical order. */
const FILTERS = ['tag', 'featured', 'event', 'q', 'days', 'limit'] as const;

/** Known parameter names per route, in canonical order. */
const KNOWN: Record<RouteKind, readonly string[]> = {
  ics: [...FILTERS.slice(0, 5), 'past_days', 'limit'],
  feed: FILTERS,
  events: FILTERS,
  widget: [...FILTERS, ...WIDGET_PARAMS],
  subscribe: SUBSCRIBE_PARAMS,
  none: [],
};

/** Parameters that may repeat on the feed-like routes (every other known one is single-valued). */
const REPEATABLE: ReadonlySet<string> = new Set(['tag']);

const LIMITS: Record<
  'ics' | 'feed' | 'events' | 'widget',
  { default: number | undefined; max: number }
> = {
  ics: { default: undefined, max: ICS_MAX_LIMIT },
  feed: { default: FEED_DEFAULT_LIMIT, max: FEED_MAX_LIMIT },
  events: { default: EVENTS_JSON_DEFAULT_LIMIT, max: EVENTS_JSON_MAX_LIMIT },
  widget: { default: WIDGET_DEFAULT_LIMIT, max: WIDGET_MAX_LIMIT },
};

/** A PCO id: decimal digits (leading zeros are dropped when normalized). */
const DIGITS = /^[0-9]+$/;
/** PCO ids fit in 20 decimal digits (they are 64-bit integers). */
const ID_MAX_DIGITS = 20;

/** A validated query. */
export interface ParsedQuery {
  /** What to select from the snapshot (for `subscribe` and `none`: the defaults). */
  selection: Selection;
  /** The known parameters, normalized, in canonical order; repeated names stay adjacent. */
  pairs: [string, string][];
  /** `pairs` as `application/x-www-form-urlencoded`, without `?`; `''` when empty. */
  canonical: string;
}

/** Query values as Hono's `validator('query')` hands them over, or as URLSearchParams. */
export type QueryValues = Record<string, string | string[]> | URLSearchParams;

/** `digits` without leading zeros (`'0'` stays). */
const stripZeros = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

/** Numeric order of normalized decimal strings (no leading zeros), without `Number` overflow. */
const byNumber = (a: string, b: string): number =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function id(name: string, value: string, what: string): string {
  const digits = DIGITS.test(value) ? stripZeros(value) : '';
  if (!digits || digits.length > ID_MAX_DIGITS) {
    throw new BadRequestError(`${name} must be a numeric PCO ${what} id (got "${value}")`);
  }
  return digits;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const digits = DIGITS.test(value) ? stripZeros(value) : '';
  const number = digits.length > 0 && digits.length <= 10 ? Number(digits) : Number.NaN;
  if (!(number >= min && number <= max)) {
    throw new BadRequestError(
      `${name} must be a whole number from ${min} to ${max} (got "${value}")`,
    );
  }
  return number;
}

/** Groups the values of known names; one pass over the parameters, no copying per value. */
function knownValues(
  values: QueryValues,
  known: readonly string[],
  repeatable: ReadonlySet<string>,
): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    if (!known.includes(name)) return; // unknown names (tracking parameters) are ignored
    const list = seen.get(name);
    if (list) list.push(value);
    else seen.set(name, [value]);
  };
  if (values instanceof URLSearchParams) {
    for (const [name, value] of values) add(name, value);
  } else {
    for (const name of Object.keys(values)) {
      const value = values[name];
      if (typeof value === 'string') add(name, value);
      else if (value) for (const one of value) add(name, one);
    }
  }
  for (const [name, list] of seen) {
    if (list.length > 1 && !repeatable.has(name)) {
      throw new BadRequestError(`${name} may be given only once`);
    }
  }
  return seen;
}

/**
 * Validates a public route's query and builds its canonical form.
 *
 * | parameter | routes | rule |
 * | --- | --- | --- |
 * | `tag` | feeds, widget | repeatable PCO tag id; any of them matches |
 * | `featured` | feeds, widget | `true` (only featured events) or `false` (no filter) |
 * | `event` | feeds, widget | a PCO event id |
 * | `q` | feeds, widget | search words, all found in title, location, summary or description (≤ 100 characters) |
 * | `days` | feeds, widget | 0 … WINDOW_FUTURE_DAYS |
 * | `past_days` | `/calendar.ics` | 0 … WINDOW_PAST_DAYS |
 * | `limit` | feeds, widget | 1 … the route's maximum |
 * | `view` `month` `week` `accent` `theme` `font` `chips` `lang` | `/widget` | kept as given; checked by `parseWidgetOptions` (`lang`: `parseLanguage`) |
 * | `view` `tag` `theme` `lang` | `/` | kept as given; checked by `parseEmbedChoice` (`lang`: `parseLanguage`) |
 *
 * "Feeds" are `/calendar.ics`, `/feed.rss`, `/feed.atom`, `/feed.json` and `/events.json`.
 * Any other name is ignored. Linear in the number of parameters.
 *
 * @throws {BadRequestError} naming the first invalid or repeated known parameter
 */
export function parseQuery(values: QueryValues, route: RouteKind, config: Config): ParsedQuery {
  const known = KNOWN[route];
  const filters = route !== 'subscribe' && route !== 'none';
  const seen = knownValues(values, known, filters ? REPEATABLE : new Set());
  const single = (name: string): string | undefined => seen.get(name)?.[0];
  const pairs: [string, string][] = [];
  const kind = route === 'subscribe' || route === 'none' ? 'events' : route;
  const limits = LIMITS[kind];

  // De-duplicate before validating: 10,000 copies of one tag cost one check.
  // (On `/` the embed builder's single `tag`, possibly empty, is checked by parseEmbedChoice.)
  const tagIds = filters
    ? [...new Set([...new Set(seen.get('tag'))].map((tag) => id('tag', tag, 'tag')))].sort(byNumber)
    : [];
  const featured = single('featured');
  if (featured !== undefined && featured !== 'true' && featured !== 'false') {
    throw new BadRequestError(`featured must be "true" or "false" (got "${featured}")`);
  }
  const rawEvent = single('event');
  const eventId = rawEvent === undefined ? undefined : id('event', rawEvent, 'event');
  const search = (single('q') ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (search.length > SEARCH_MAX_LENGTH) {
    throw new BadRequestError(`q must be at most ${SEARCH_MAX_LENGTH} characters`);
  }
  const rawDays = single('days');
  const futureDays =
    rawDays === undefined
      ? config.windowFutureDays
      : wholeNumber('days', rawDays, 0, config.windowFutureDays);
  const rawPastDays = single('past_days');
  const pastDays =
    rawPastDays === undefined
      ? config.windowPastDays
      : wholeNumber('past_days', rawPastDays, 0, config.windowPastDays);
  const rawLimit = single('limit');
  const limit =
    rawLimit === undefined ? limits.default : wholeNumber('limit', rawLimit, 1, limits.max);

  for (const name of known) {
    if (filters && name === 'tag') for (const tag of tagIds) pairs.push(['tag', tag]);
    else if (filters && name === 'featured' && featured === 'true') pairs.push([name, 'true']);
    else if (name === 'event' && eventId !== undefined) pairs.push([name, eventId]);
    else if (name === 'q' && search) pairs.push([name, search]);
    else if (name === 'days' && futureDays !== config.windowFutureDays)
      pairs.push([name, String(futureDays)]);
    else if (name === 'past_days' && pastDays !== config.windowPastDays)
      pairs.push([name, String(pastDays)]);
    else if (name === 'limit' && limit !== limits.default) pairs.push([name, String(limit)]);
    else if (!filters || (WIDGET_PARAMS as readonly string[]).includes(name)) {
      const value = single(name);
      if (value !== undefined) pairs.push([name, value]);
    }
  }
  return {
    selection: {
      tagIds,
      featuredOnly: featured === 'true',
      eventId,
      search: searchTerms(search),
      window: route === 'ics' ? 'overlap' : route === 'feed' ? 'upcoming' : 'not-ended',
      futureDays,
      pastDays,
      limit,
    },
    pairs,
    canonical: new URLSearchParams(pairs).toString(),
  };
}

/** The Hono input type of a route validated by {@link queryValidator}. */
export interface QueryInput {
  in: { query: Record<string, string | string[]> };
  out: { query: ParsedQuery };
}

/** A handler context of a route validated by {@link queryValidator}. */
export type QueryContext = Context<AppEnv, string, QueryInput>;

/**
 * Hono's query validator for a route kind: parses with {@link parseQuery} and the request's
 * configuration; the result is `c.req.valid('query')`.
 *
 * @throws {BadRequestError} for a bad known parameter (→ 400)
 */
export function queryValidator(route: RouteKind): MiddlewareHandler<AppEnv, string, QueryInput> {
  return validator('query', (values, c: Context<AppEnv>) =>
    parseQuery(values, route, c.var.config),
  );
}

/**
 * The canonical URL of a validated request: its origin, its decoded path (`/%63alendar.ics`
 * is `/calendar.ics`) and its canonical query. Equivalent requests get the same string.
 */
export function canonicalUrl(c: QueryContext): string {
  const { canonical } = c.req.valid('query');
  return `${new URL(c.req.url).origin}${c.req.path}${canonical ? `?${canonical}` : ''}`;
}

/** Middleware: 414 for a query string longer than {@link QUERY_MAX_LENGTH}, before parsing. */
export const queryLengthCap: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const start = url.indexOf('?');
  if (start !== -1) {
    const hash = url.indexOf('#', start);
    const length = (hash === -1 ? url.length : hash) - start - 1;
    if (length > QUERY_MAX_LENGTH) {
      return c.text(
        `URI too long: the query string has ${length} characters; at most ${QUERY_MAX_LENGTH} are accepted\n`,
        414,
        { 'Cache-Control': 'no-store' },
      );
    }
  }
  await next();
};
