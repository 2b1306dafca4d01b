/**
 * Link building: feed URLs with their query, subscribe links for calendar apps, and
 * "add this occurrence to my calendar" template links for Google Calendar and Outlook.
 *
 * Every query value is percent-encoded with `encodeURIComponent` (space as `%20`, never `+`):
 * Outlook's compose page does not read `+` as a space, and a nested URL (a feed inside a
 * subscribe link) must keep its own `?`, `&` and `=` encoded.
 *
 * Neither Google nor Microsoft documents these URLs; the formats are the ones their web apps
 * accept today, as collected by add-event-to-calendar-docs:
 * @see https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs
 */
import type { Occurrence } from '../model/occurrence';

/** Query parameters in order; repeated names are allowed (`tag=1&tag=2`). */
export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** `a=1&b=x%20y`: each name and value percent-encoded with `encodeURIComponent`. */
export function encodeQuery(pairs: QueryPairs): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** `base + path`, with `?query` when there are pairs. */
export function withQuery(url: string, pairs: QueryPairs): string {
  return pairs.length > 0 ? `${url}?${encodeQuery(pairs)}` : url;
}

/**
 * The `webcal://` form of an http(s) feed URL, which Apple Calendar (and most desktop clients)
 * open as a subscription.
 *
 * @example webcalUrl('https://feeds.example.org/calendar.ics?tag=3') // 'webcal://feeds.example.org/calendar.ics?tag=3'
 */
export function webcalUrl(httpUrl: string): string {
  return httpUrl.replace(/^https?:/i, 'webcal:');
}

/** The Microsoft web calendars: Outlook.com (personal) and Microsoft 365 (work or school). */
export type OutlookHost = 'live' | 'office';

const OUTLOOK_ORIGIN: Record<OutlookHost, string> = {
  live: 'https://outlook.live.com',
  office: 'https://outlook.office.com',
};

/** Links that subscribe a calendar app to one feed. */
export interface SubscribeLinks {
  /** The feed itself (for copying into any client). */
  https: string;
  /** `webcal://`: Apple Calendar and any client registered for webcal. */
  webcal: string;
  /** Google Calendar's "add by URL" prompt. */
  google: string;
  /** Outlook.com "add from web". */
  outlook: string;
  /** Microsoft 365 "add from web". */
  microsoft365: string;
}

/**
 * Subscribe links for an iCalendar feed.
 *
 * @param feedUrl absolute http(s) URL of the `.ics` feed
 * @param name the calendar's name, prefilled by Outlook
 * @example
 * subscribeLinks('https://feeds.example.org/calendar.ics', 'Grace').google
 * // 'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ffeeds.example.org%2Fcalendar.ics'
 */
export function subscribeLinks(feedUrl: string, name: string): SubscribeLinks {
  const webcal = webcalUrl(feedUrl);
  const addFromWeb = (host: OutlookHost) =>
    withQuery(`${OUTLOOK_ORIGIN[host]}/calendar/0/addfromweb`, [
      ['url', feedUrl],
      ['name', name],
    ]);
  return {
    https: feedUrl,
    webcal,
    google: withQuery('https://calendar.google.com/calendar/render', [['cid', webcal]]),
    outlook: addFromWeb('live'),
    microsoft365: addFromWeb('office'),
  };
}

/** Text of an occurrence for a template link. */
export interface TemplateTextOptions {
  /** Plain-text description, cut to what fits in {@link TEMPLATE_URL_MAX_CHARS}. */
  details: string;
  /** IANA zone the calendar should show the occurrence in (Google's `ctz`). */
  timeZone: string;
}

/**
 * Longest template link (characters of the whole URL, percent-encoded), which is also the
 * `Location` of the `/occurrences/{id}/{service}` redirects.
 *
 * - Outlook (outlook.live.com, outlook.office.com): an 8,000-character `body` arrives whole;
 *   the request fails with 400 from IIS/http.sys past about 31,150 characters of URL, a limit
 *   that also counts the request headers and cookies, so a signed-in user gets less
 *   (add-event-to-calendar-docs issue #19 and pull request #65, measured 2026-08-19; the
 *   2,056-character figure once reported there did not hold).
 * - Google Calendar (calendar.google.com/calendar/render): undocumented; long descriptions got
 *   "414 The requested URL … is too large to process" (tardate/jquery.addtocalendar pull
 *   request #3).
 * - RFC 9110 §4.1 recommends that all senders and recipients support URIs of at least 8,000
 *   octets, so 8,000 is the one length every hop (browser, proxy, mail client rewriting links,
 *   both services) is expected to take. A redirect therefore never carries more than 8 KB.
 *
 * @see https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs/issues/19
 * @see https://github.com/tardate/jquery.addtocalendar/pull/3
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-4.1
 */
export const TEMPLATE_URL_MAX_CHARS = 8000;

/**
 * Longest title and location put into a template link, in code points: Outlook's subject field
 * holds 255 characters, and neither value should starve the description of the URL budget.
 */
export const TEMPLATE_FIELD_MAX_CHARS = 255;

const ELLIPSIS = '…';

/** `text` cut to at most `max` code points, with an ellipsis when cut. */
function cutChars(text: string, max: number): string {
  const points = Array.from(text);
  return points.length > max
    ? `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}${ELLIPSIS}`
    : text;
}

/**
 * `text` cut (at a code point, with an ellipsis) so that `encodeURIComponent(text)` is at most
 * `budget` characters; '' when not even the ellipsis fits.
 */
function cutEncoded(text: string, budget: number): string {
  if (encodeURIComponent(text).length <= budget) return text;
  const room = budget - encodeURIComponent(ELLIPSIS).length;
  let used = 0;
  let end = 0;
  for (const point of text) {
    const size = encodeURIComponent(point).length;
    if (used + size > room) break;
    used += size;
    end += point.length;
  }
  return room < 0 ? '' : `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * A template link of at most {@link TEMPLATE_URL_MAX_CHARS}: `pairs` with the title-like
 * fields cut to {@link TEMPLATE_FIELD_MAX_CHARS}, and the `detailsKey` value cut to the rest.
 */
function cappedTemplateUrl(
  base: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  detailsKey: string,
  shortKeys: readonly string[],
): string {
  const fitted = pairs.map(([k, v]): [string, string] => [
    k,
    shortKeys.includes(k) ? cutChars(v, TEMPLATE_FIELD_MAX_CHARS) : v,
  ]);
  const withoutDetails = withQuery(
    base,
    fitted.map(([k, v]) => [k, k === detailsKey ? '' : v] as const),
  );
  const budget = TEMPLATE_URL_MAX_CHARS - withoutDetails.length;
  return withQuery(
    base,
    fitted.map(([k, v]) => [k, k === detailsKey ? cutEncoded(v, budget) : v] as const),
  );
}

/** `20261122T150000Z` from a UTC ISO instant. */
const basicUtc = (iso: string) =>
  `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
/** `20261122` from `2026-11-22`. */
const basicDate = (date: string) => date.replace(/-/g, '');
/** `2026-11-22T15:00:00Z` from a UTC ISO instant. */
const isoUtc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A Google Calendar "create event" template link, prefilled with the occurrence, at most
 * {@link TEMPLATE_URL_MAX_CHARS} long (title and location cut first, then the description).
 * Timed: `dates=YYYYMMDDTHHMMSSZ/YYYYMMDDTHHMMSSZ` (UTC); all-day: `dates=YYYYMMDD/YYYYMMDD`
 * with the exclusive end date, as in iCalendar.
 *
 * @example
 * // https://calendar.google.com/calendar/render?action=TEMPLATE&text=Sunday%20Worship
 * //   &dates=20261122T150000Z%2F20261122T181500Z&details=…&location=…&ctz=America%2FChicago
 */
export function googleTemplateUrl(occurrence: Occurrence, options: TemplateTextOptions): string {
  const span = occurrence.dates;
  const dates = span
    ? `${basicDate(span.start)}/${basicDate(span.endExclusive)}`
    : `${basicUtc(occurrence.start)}/${basicUtc(occurrence.end)}`;
  return cappedTemplateUrl(
    'https://calendar.google.com/calendar/render',
    [
      ['action', 'TEMPLATE'],
      ['text', occurrence.title],
      ['dates', dates],
      ['details', options.details],
      ...(occurrence.location ? [['location', occurrence.location] as const] : []),
      ['ctz', options.timeZone],
    ],
    'details',
    ['text', 'location'],
  );
}

/**
 * An Outlook "new event" compose link (Outlook.com or Microsoft 365), prefilled with the
 * occurrence, at most {@link TEMPLATE_URL_MAX_CHARS} long. Timed: `startdt`/`enddt` as UTC ISO instants; all-day: dates with the exclusive
 * end and `allday=true`.
 *
 * @example
 * // https://outlook.live.com/calendar/0/action/compose?rru=addevent&subject=Sunday%20Worship
 * //   &startdt=2026-11-22T15%3A00%3A00Z&enddt=2026-11-22T18%3A15%3A00Z&allday=false&body=…
 */
export function outlookComposeUrl(
  occurrence: Occurrence,
  host: OutlookHost,
  options: Pick<TemplateTextOptions, 'details'>,
): string {
  const span = occurrence.dates;
  return cappedTemplateUrl(
    `${OUTLOOK_ORIGIN[host]}/calendar/0/action/compose`,
    [
      ['rru', 'addevent'],
      ['subject', occurrence.title],
      ['startdt', span ? span.start : isoUtc(occurrence.start)],
      ['enddt', span ? span.endExclusive : isoUtc(occurrence.end)],
      ['allday', span ? 'true' : 'false'],
      ['body', options.details],
      ...(occurrence.location ? [['location', occurrence.location] as const] : []),
    ],
    'body',
    ['subject', 'location'],
  );
}

/** Where an occurrence can be added: the services behind `/occurrences/{id}/{service}`. */
export const ADD_TO_CALENDAR_SERVICES = ['google', 'outlook', 'microsoft365'] as const;
/** One of {@link ADD_TO_CALENDAR_SERVICES}. */
export type AddToCalendarService = (typeof ADD_TO_CALENDAR_SERVICES)[number];

/** The template link of `service` for an occurrence. */
export function addToCalendarUrl(
  occurrence: Occurrence,
  service: AddToCalendarService,
  options: TemplateTextOptions,
): string {
  switch (service) {
    case 'google':
      return googleTemplateUrl(occurrence, options);
    case 'outlook':
      return outlookComposeUrl(occurrence, 'live', options);
    case 'microsoft365':
      return outlookComposeUrl(occurrence, 'office', options);
  }
}

/** The directory of the per-occurrence routes (`/occurrences/{id}.ics`, `/occurrences/{id}/…`). */
export const OCCURRENCES_DIR = 'occurrences/';

/**
 * Paths of an occurrence's "Add to calendar" menu: the single-event `.ics` download and the
 * redirects to each service's template link. They are relative (`occurrences/…`, no leading
 * slash) and resolve against the page that holds them, `/widget` or `/`, so they follow
 * whatever host and path prefix served that page; redirects keep the widget's HTML small.
 *
 * @param prefix [opt=''] prepended, e.g. `https://feeds.example.org/` for absolute URLs
 * @param dir [opt={@link OCCURRENCES_DIR}] the directory after `prefix`; `''` for a page whose
 *   `<base href>` is that directory already (the widget's), giving `1001/google`
 */
export function occurrencePaths(
  occurrenceId: string,
  prefix = '',
  dir = OCCURRENCES_DIR,
): Record<AddToCalendarService | 'ics', string> {
  const base = `${prefix}${dir}${encodeURIComponent(occurrenceId)}`;
  return {
    ics: `${base}.ics`,
    google: `${base}/google`,
    outlook: `${base}/outlook`,
    microsoft365: `${base}/microsoft365`,
  };
}
