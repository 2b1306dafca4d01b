/**
 * `GET /`: the subscribe page (render/subscribe/page). Its query holds only the embed
 * builder's choice (`view`, `tag`, `theme`) and the page's language (`lang`), so the builder works as a plain GET form with
 * JavaScript off; other names are ignored like on every other route (routes/query).
 */
import type { Hono } from 'hono';
import { SUBSCRIBE_PAGE_UPCOMING } from '../constants';
import { selectOccurrences } from '../model/select';
import { withQuery } from '../render/links';
import { renderSubscribePage } from '../render/subscribe/page';
import type { EmbedChoice } from '../render/subscribe/snippets';
import { groupByDay, localDate, occurrenceView } from '../render/widget/model';
import {
  DEFAULT_WIDGET_OPTIONS,
  WIDGET_THEMES,
  WIDGET_VIEWS,
  type WidgetTheme,
  type WidgetView,
} from '../render/widget/options';
import type { AppEnv } from './app-env';
import { BadRequestError } from './errors';
import { currentSnapshot, renderContext } from './feed-response';
import { htmlResponse } from './html-response';
import { parseLanguage } from './language';
import { parseQuery, queryValidator } from './query';

/**
 * The embed builder's choice from the page's canonical query pairs (`view`, `tag`, `theme`,
 * each at most once: see `parseQuery`, route kind `subscribe`).
 *
 * @throws {BadRequestError} for a bad value
 */
export function parseEmbedChoice(params: URLSearchParams): EmbedChoice {
  const view = params.get('view') || DEFAULT_WIDGET_OPTIONS.view;
  const theme = params.get('theme') || DEFAULT_WIDGET_OPTIONS.theme;
  const tag = params.get('tag') || undefined;
  if (!(WIDGET_VIEWS as readonly string[]).includes(view)) {
    throw new BadRequestError(`view must be one of ${WIDGET_VIEWS.join(', ')} (got "${view}")`);
  }
  if (!(WIDGET_THEMES as readonly string[]).includes(theme)) {
    throw new BadRequestError(`theme must be one of ${WIDGET_THEMES.join(', ')} (got "${theme}")`);
  }
  if (tag !== undefined && !/^[0-9]{1,20}$/.test(tag)) {
    throw new BadRequestError(`tag must be a numeric PCO tag id (got "${tag}")`);
  }
  return { view: view as WidgetView, tag, theme: theme as WidgetTheme };
}

/** Registers `GET /`. */
export function subscribeRoutes(app: Hono<AppEnv>): void {
  app.get('/', queryValidator('subscribe'), async (c) => {
    const params = new URLSearchParams(c.req.valid('query').pairs);
    const choice = parseEmbedChoice(params);
    const given = params.get('lang');
    const lang = parseLanguage(params.getAll('lang'), c.var.config);
    const snapshot = await currentSnapshot(c);
    const context = renderContext(c, snapshot);
    const now = new Date();
    const style = snapshot.organization;
    const today = localDate(now, style.timeZone);
    const { selection } = parseQuery({}, 'widget', c.var.config);
    const upcoming = selectOccurrences(
      snapshot.occurrences,
      { ...selection, limit: SUBSCRIBE_PAGE_UPCOMING },
      now,
    ).map((o) => {
      const view = occurrenceView(o, { ...style, lang }, `${context.baseUrl}/`);
      // The event pages keep a chosen language.
      return given ? { ...view, page: withQuery(view.page, [['lang', lang]]) } : view;
    });
    const page = renderSubscribePage({
      title: context.title,
      lang,
      // Only a chosen language is carried on to the widget links; else they use LANGUAGE too.
      carryLang: given !== null,
      organization: snapshot.organization.name,
      timeZone: style.timeZone,
      baseUrl: context.baseUrl,
      tags: snapshot.tags,
      upcoming: groupByDay(upcoming, today, today, lang),
      embed: choice,
      accent: DEFAULT_WIDGET_OPTIONS.accent,
    });
    const baseOrigin = new URL(context.baseUrl).origin;
    const requestOrigin = new URL(c.req.url).origin;
    c.header('Content-Language', lang);
    return htmlResponse(c, page, snapshot, {
      'frame-src': ["'self'", ...(baseOrigin !== requestOrigin ? [baseOrigin] : [])],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });
}
