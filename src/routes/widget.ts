/**
 * `GET /widget`: the embeddable HTML calendar (list, cards or month view) for an iframe.
 *
 * Takes the feed filters (`tag`, `featured`, `event`, `q`, `days`, `limit`; see `parseQuery`)
 * and the display options (`view`, `month`, `accent`, `theme`, `font`; see
 * `parseWidgetOptions`). List and cards show occurrences not yet over, soonest first, up to
 * `limit`; the month view shows every matching occurrence of its month (`limit` does not
 * apply). Framing is allowed to this site and to `WIDGET_FRAME_ANCESTORS`.
 */
import type { Hono } from 'hono';
import type { Config } from '../env';
import type { Occurrence } from '../model/occurrence';
import { selectOccurrences } from '../model/select';
import type { Snapshot } from '../model/snapshot';
import type { QueryPairs } from '../render/links';
import { currentMonth, localDate, monthRange } from '../render/widget/model';
import { renderWidgetPage } from '../render/widget/page';
import type { AppEnv } from './app-env';
import { currentSnapshot, renderContext } from './feed-response';
import { htmlResponse } from './html-response';
import { type ParsedQuery, queryValidator } from './query';
import { parseWidgetOptions } from './widget-options';

const DAY_MS = 86_400_000;

/** The `frame-ancestors` sources of the widget: this site, plus the configured ones. */
export function widgetFrameAncestors(config: Config): string[] {
  return ["'self'", ...config.widgetFrameAncestors.filter((s) => s !== "'self'")];
}

/** The occurrences of a month view: the selection's filters, every one overlapping the month. */
function monthOccurrences(
  snapshot: Snapshot,
  selection: ParsedQuery['selection'],
  config: Config,
  month: string,
  now: Date,
): Occurrence[] {
  const range = monthRange(month, snapshot.organization.timeZone);
  const [start, end] = [Date.parse(range.start), Date.parse(range.end)];
  return selectOccurrences(
    snapshot.occurrences,
    { ...selection, window: 'overlap', pastDays: config.windowPastDays, limit: undefined },
    now,
  ).filter((o) => Date.parse(o.start) < end && Date.parse(o.end) > start);
}

/** Registers `GET /widget`. */
export function widgetRoutes(app: Hono<AppEnv>): void {
  app.get('/widget', queryValidator('widget'), async (c) => {
    // Only known parameters, canonical: tracking parameters never reach the page or its links.
    const { selection, pairs } = c.req.valid('query');
    const config = c.var.config;
    const options = parseWidgetOptions(new URLSearchParams(pairs));
    const snapshot = await currentSnapshot(c);
    const context = renderContext(c, snapshot);
    const now = new Date();
    const zone = snapshot.organization.timeZone;
    const month = options.month ?? currentMonth(now, zone);
    const lastInstant = Math.min(
      Date.parse(snapshot.window.to) - 1,
      now.getTime() + selection.futureDays * DAY_MS,
    );
    const query: QueryPairs = pairs.filter(([name]) => name !== 'view' && name !== 'month');
    const page = renderWidgetPage({
      title: context.title,
      demo: context.demo,
      style: snapshot.organization,
      options,
      today: localDate(now, zone),
      occurrences:
        options.view === 'month'
          ? monthOccurrences(snapshot, selection, config, month, now)
          : selectOccurrences(snapshot.occurrences, selection, now),
      month,
      months: {
        first: currentMonth(new Date(snapshot.window.from), zone),
        last: currentMonth(new Date(lastInstant), zone),
      },
      query,
      subscribeUrl: `${context.baseUrl}/`,
    });
    return htmlResponse(c, page, snapshot, {
      'form-action': ["'none'"],
      // The page's <base href> is its own occurrences/ directory.
      'base-uri': ["'self'"],
      'frame-ancestors': widgetFrameAncestors(config),
    });
  });
}
