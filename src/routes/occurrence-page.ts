/**
 * `GET /occurrences/{instance_id}`: the event page of one published occurrence (see
 * render/occurrence-page), in the language of `lang=` (else `LANGUAGE`, else `en`) and with
 * the widget's `accent=` and `theme=`. With `fragment=1` it is the page's `<article>` alone,
 * which the widget's details dialog fetches (same 404s, same language rule).
 *
 * Only the snapshot is searched, and it holds only what the publication rule let through: an
 * unpublished instance's id gets exactly the answer of an id that never existed (same status,
 * same body, no id echoed). The page's CSP allows its one inline stylesheet by hash, https
 * images, and no script at all.
 */
import type { Context, Hono } from 'hono';
import type { Config } from '../env';
import type { Occurrence } from '../model/occurrence';
import type { Language } from '../render/i18n/languages';
import type { QueryPairs } from '../render/links';
import { renderOccurrenceFragment, renderOccurrencePage } from '../render/occurrence-page/page';
import type { WidgetTheme } from '../render/widget/options';
import type { AppEnv } from './app-env';
import { BadRequestError, NotFoundError } from './errors';
import { currentSnapshot, renderContext } from './feed-response';
import { htmlResponse } from './html-response';
import { parseLanguage } from './language';
import { widgetFrameAncestors } from './widget';
import { parseWidgetOptions } from './widget-options';

/** The query parameters of the event page kept by its links to other dates. */
export const OCCURRENCE_PAGE_PARAMS = ['lang', 'accent', 'theme'] as const;

/** Most other upcoming dates of the same event listed on a page. */
export const OTHER_DATES_MAX = 8;

/** The 404 of every id that is not a published occurrence; it names no id. */
export const NO_PUBLISHED_OCCURRENCE = 'no published occurrence with this id';

const ID = /^[0-9]{1,20}$/;

/** The event page's display options. */
export interface OccurrencePageOptions {
  lang: Language;
  /** `#rrggbb`. */
  accent: string;
  theme: WidgetTheme;
  /** `fragment=1`: the `<article>` alone, for the widget's dialog. */
  fragment: boolean;
  /** The given parameters, in a canonical order, for links to other dates. */
  query: QueryPairs;
}

/**
 * Validates the event page's query: `lang` (one of the LANGUAGES; default
 * `config.language`), `accent` and `theme` as the widget takes them, and `fragment` (`1`).
 *
 * @throws {BadRequestError} for a repeated parameter or a bad value; unknown names are ignored
 */
export function parseOccurrencePageOptions(
  params: URLSearchParams,
  config: Pick<Config, 'language'>,
): OccurrencePageOptions {
  // Unknown names (fbclid, utm_*, …) are ignored, as on every public route (routes/query.ts).
  const lang = parseLanguage(params.getAll('lang'), config);
  // Only the widget's `accent` and `theme` apply here; its `view`, `month`… are ignored too.
  const display = new URLSearchParams([...params].filter(([n]) => n === 'accent' || n === 'theme'));
  const { accent, theme } = parseWidgetOptions(display);
  const fragments = params.getAll('fragment');
  if (fragments.length > 1 || (fragments.length === 1 && fragments[0] !== '1')) {
    throw new BadRequestError('fragment must be 1, given once');
  }
  const query = OCCURRENCE_PAGE_PARAMS.flatMap((name) => {
    const value = params.get(name);
    return value === null ? [] : [[name, value] as const];
  });
  return { lang, accent, theme, fragment: fragments.length === 1, query };
}

/**
 * The published occurrence `id` of the current snapshot, and the snapshot.
 *
 * @throws {NotFoundError} with {@link NO_PUBLISHED_OCCURRENCE} for any other id
 */
async function published(c: Context<AppEnv>, id: string) {
  // A malformed id is a 404 before the snapshot is read (no PCO read on a cold start).
  if (!ID.test(id)) throw new NotFoundError(NO_PUBLISHED_OCCURRENCE);
  const snapshot = await currentSnapshot(c);
  const occurrence = snapshot.occurrences.find((o) => o.id === id);
  if (!occurrence) throw new NotFoundError(NO_PUBLISHED_OCCURRENCE);
  return { snapshot, occurrence };
}

/** The same event's other occurrences not yet over at `now`, soonest first, at most `max`. */
export function otherDates(
  occurrences: readonly Occurrence[],
  occurrence: Occurrence,
  now: Date,
  max = OTHER_DATES_MAX,
): Occurrence[] {
  const nowMs = now.getTime();
  return occurrences
    .filter(
      (o) =>
        o.eventId === occurrence.eventId && o.id !== occurrence.id && Date.parse(o.end) > nowMs,
    )
    .slice(0, max);
}

/**
 * Registers `GET /occurrences/{id}`. The id segment has no `.` or `/`, so `{id}.ics` and
 * `{id}/{service}` keep their own routes whatever the order of registration.
 */
export function occurrencePageRoutes(app: Hono<AppEnv>): void {
  app.get('/occurrences/:id{[^/.]+}', async (c) => {
    const config = c.var.config;
    const options = parseOccurrencePageOptions(new URL(c.req.url).searchParams, config);
    const { snapshot, occurrence } = await published(c, c.req.param('id'));
    const context = renderContext(c, snapshot);
    const data = {
      occurrence,
      others: otherDates(snapshot.occurrences, occurrence, new Date()),
      calendarTitle: context.title,
      organizer: { name: snapshot.organization.name, url: `${context.baseUrl}/` },
      style: snapshot.organization,
      lang: options.lang,
      accent: options.accent,
      theme: options.theme,
      pageUrl: `${context.baseUrl}/occurrences/${occurrence.id}`,
      query: options.query,
    };
    const page = options.fragment ? renderOccurrenceFragment(data) : renderOccurrencePage(data);
    c.header('Content-Language', options.lang);
    return htmlResponse(c, page, snapshot, {
      'script-src': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': widgetFrameAncestors(config),
    });
  });
}
