/**
 * `GET /`: the subscribe page (render/subscribe/page). Its query holds only the embed
 * builder's choice (`view`, `tag`, `theme`), so the builder works as a plain GET form with
 * JavaScript off; anything else is a 400 like on every other route.
 */
import type { Hono } from 'hono';
import { SUBSCRIBE_PAGE_UPCOMING } from '../constants';
import { selectOccurrences } from '../model/select';
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
import { parseSelection } from './query';

const ALLOWED = ['view', 'tag', 'theme'];

/**
 * The embed builder's choice from the page's query.
 *
 * @throws {BadRequestError} for an unknown or repeated parameter or a bad value
 */
export function parseEmbedChoice(params: URLSearchParams): EmbedChoice {
  for (const [name] of params) {
    if (!ALLOWED.includes(name)) {
      throw new BadRequestError(
        `unknown query parameter "${name}"; allowed: ${ALLOWED.join(', ')}`,
      );
    }
    if (params.getAll(name).length > 1) throw new BadRequestError(`${name} may be given only once`);
  }
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
  app.get('/', async (c) => {
    const choice = parseEmbedChoice(new URL(c.req.url).searchParams);
    const snapshot = await currentSnapshot(c);
    const context = renderContext(c, snapshot);
    const now = new Date();
    const style = snapshot.organization;
    const today = localDate(now, style.timeZone);
    const selection = parseSelection(new URLSearchParams(), 'widget', c.var.config);
    const upcoming = selectOccurrences(
      snapshot.occurrences,
      { ...selection, limit: SUBSCRIBE_PAGE_UPCOMING },
      now,
    ).map((o) => occurrenceView(o, style, `${context.baseUrl}/`));
    const page = renderSubscribePage({
      title: context.title,
      organization: snapshot.organization.name,
      timeZone: style.timeZone,
      baseUrl: context.baseUrl,
      tags: snapshot.tags,
      upcoming: groupByDay(upcoming, today, today),
      embed: choice,
      accent: DEFAULT_WIDGET_OPTIONS.accent,
    });
    const baseOrigin = new URL(context.baseUrl).origin;
    const requestOrigin = new URL(c.req.url).origin;
    return htmlResponse(c, page, snapshot, {
      'frame-src': ["'self'", ...(baseOrigin !== requestOrigin ? [baseOrigin] : [])],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });
}
