/**
 * Query parameters of the feed routes, validated into a {@link Selection}.
 *
 * Every parameter is checked: an unknown name, a repeated single-valued one, or a bad value
 * is a {@link BadRequestError} whose message names the parameter, so a client gets a 400 it
 * can act on, never a 5xx and never a silently ignored filter.
 */
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
import type { Selection } from '../model/select';
import { BadRequestError } from './errors';

/** The kinds of feed route; each has its own window rule, parameters and limits. */
export type RouteKind = 'ics' | 'feed' | 'events' | 'widget';

/** The widget's own display parameters (validated by `parseWidgetOptions`). */
export const WIDGET_PARAMS = ['view', 'month', 'accent', 'theme', 'font'] as const;

const COMMON = ['tag', 'featured', 'event', 'days', 'limit'] as const;
const ALLOWED: Record<RouteKind, readonly string[]> = {
  ics: [...COMMON, 'past_days'],
  feed: COMMON,
  events: COMMON,
  widget: [...COMMON, ...WIDGET_PARAMS],
};
const LIMITS: Record<RouteKind, { default: number | undefined; max: number }> = {
  ics: { default: undefined, max: ICS_MAX_LIMIT },
  feed: { default: FEED_DEFAULT_LIMIT, max: FEED_MAX_LIMIT },
  events: { default: EVENTS_JSON_DEFAULT_LIMIT, max: EVENTS_JSON_MAX_LIMIT },
  widget: { default: WIDGET_DEFAULT_LIMIT, max: WIDGET_MAX_LIMIT },
};
const ID = /^[0-9]{1,20}$/;

function wholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new BadRequestError(
      `${name} must be a whole number from ${min} to ${max} (got "${value}")`,
    );
  }
  return Number(value);
}

/**
 * Validates a feed route's query string.
 *
 * | parameter | rule |
 * | --- | --- |
 * | `tag` | repeatable PCO tag id; any of them matches |
 * | `featured` | `true` (only featured events) or `false` (no filter) |
 * | `event` | a PCO event id |
 * | `days` | 0 … WINDOW_FUTURE_DAYS |
 * | `past_days` | 0 … WINDOW_PAST_DAYS, `/calendar.ics` only |
 * | `limit` | 1 … the route's maximum |
 * | `view` `month` `accent` `theme` `font` | `/widget` only; their values are checked by `parseWidgetOptions` |
 *
 * @throws {BadRequestError} naming the first invalid parameter
 */
export function parseSelection(
  params: URLSearchParams,
  route: RouteKind,
  config: Config,
): Selection {
  const allowed = ALLOWED[route];
  const seen = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (!allowed.includes(name)) {
      const hint = name === 'past_days' ? ' (past_days applies to /calendar.ics only)' : '';
      throw new BadRequestError(
        `unknown query parameter "${name}"${hint}; allowed: ${allowed.join(', ')}`,
      );
    }
    seen.set(name, [...(seen.get(name) ?? []), value]);
  }
  const single = (name: string): string | undefined => {
    const values = seen.get(name);
    if (values && values.length > 1) throw new BadRequestError(`${name} may be given only once`);
    return values?.[0];
  };
  const tagIds = seen.get('tag') ?? [];
  for (const tag of tagIds) {
    if (!ID.test(tag)) throw new BadRequestError(`tag must be a numeric PCO tag id (got "${tag}")`);
  }
  const featured = single('featured');
  if (featured !== undefined && featured !== 'true' && featured !== 'false') {
    throw new BadRequestError(`featured must be "true" or "false" (got "${featured}")`);
  }
  const eventId = single('event');
  if (eventId !== undefined && !ID.test(eventId)) {
    throw new BadRequestError(`event must be a numeric PCO event id (got "${eventId}")`);
  }
  const days = single('days');
  const pastDays = single('past_days');
  const limit = single('limit');
  const limits = LIMITS[route];
  return {
    tagIds: [...new Set(tagIds)],
    featuredOnly: featured === 'true',
    eventId,
    window: route === 'ics' ? 'overlap' : route === 'feed' ? 'upcoming' : 'not-ended',
    futureDays:
      days === undefined
        ? config.windowFutureDays
        : wholeNumber('days', days, 0, config.windowFutureDays),
    pastDays:
      pastDays === undefined
        ? config.windowPastDays
        : wholeNumber('past_days', pastDays, 0, config.windowPastDays),
    limit: limit === undefined ? limits.default : wholeNumber('limit', limit, 1, limits.max),
  };
}
