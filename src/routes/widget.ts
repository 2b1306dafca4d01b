/**
 * `GET /widget`: the embeddable HTML calendar (list, cards, month, week or tiles view) for an
 * iframe.
 *
 * Takes the feed filters (`tag`, `featured`, `event`, `q`, `days`, `limit`; see `parseQuery`)
 * and the display options (`view`, `month`, `week`, `accent`, `theme`, `font`, `chips`; see
 * `parseWidgetOptions`) and `lang` (see `parseLanguage`: a 400 naming `lang` for an unknown
 * language). List and cards show occurrences not yet over, soonest first, up to
 * `limit`; the month and week views show every matching occurrence overlapping their month or
 * week (`limit` does not apply), weeks starting on the organization's `calendar_starts_on`;
 * tiles show the next occurrence (not yet over) of each featured event, up to `limit`. Every
 * view has a search box (a GET form submitting `q`) and, when the calendar has more than one
 * public tag and `chips` is not `false`, tag chips. Framing is allowed to this site and to
 * `WIDGET_FRAME_ANCESTORS`.
 */
import type { Hono } from 'hono';
import type { Config } from '../env';
import type { Occurrence } from '../model/occurrence';
import { selectOccurrences } from '../model/select';
import type { Snapshot } from '../model/snapshot';
import type { QueryPairs } from '../render/links';
import {
  currentMonth,
  firstWeekday,
  localDate,
  monthRange,
  weekRange,
  weekStart,
} from '../render/widget/model';
import { renderWidgetPage } from '../render/widget/page';
import { nextOfEachEvent } from '../render/widget/tiles';
import type { AppEnv } from './app-env';
import { currentSnapshot, renderContext } from './feed-response';
import { htmlResponse } from './html-response';
import { parseLanguage } from './language';
import { type ParsedQuery, queryValidator } from './query';
import { parseWidgetOptions } from './widget-options';

const DAY_MS = 86_400_000;

/** The `frame-ancestors` sources of the widget: this site, plus the configured ones. */
export function widgetFrameAncestors(config: Config): string[] {
  return ["'self'", ...config.widgetFrameAncestors.filter((s) => s !== "'self'")];
}

/**
 * The occurrences of a month or week view: the selection's filters, every one overlapping the
 * UTC span `[start, end)` (`limit` does not apply).
 */
function spanOccurrences(
  snapshot: Snapshot,
  selection: ParsedQuery['selection'],
  config: Config,
  range: { start: string; end: string },
  now: Date,
): Occurrence[] {
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
    const params = new URLSearchParams(pairs);
    const options = parseWidgetOptions(params);
    const lang = parseLanguage(params.getAll('lang'), config);
    const snapshot = await currentSnapshot(c);
    const context = renderContext(c, snapshot);
    const now = new Date();
    const zone = snapshot.organization.timeZone;
    const today = localDate(now, zone);
    const month = options.month ?? currentMonth(now, zone);
    const first = firstWeekday(snapshot.organization.calendarStartsOn);
    const week = weekStart(options.week ?? today, first);
    const lastInstant = Math.min(
      Date.parse(snapshot.window.to) - 1,
      now.getTime() + selection.futureDays * DAY_MS,
    );
    const query: QueryPairs = pairs.filter(
      ([name]) => name !== 'view' && name !== 'month' && name !== 'week',
    );
    const page = renderWidgetPage({
      title: context.title,
      demo: context.demo,
      style: snapshot.organization,
      lang,
      options,
      today,
      occurrences:
        options.view === 'month'
          ? spanOccurrences(snapshot, selection, config, monthRange(month, zone), now)
          : options.view === 'week'
            ? spanOccurrences(snapshot, selection, config, weekRange(week, zone), now)
            : options.view === 'tiles'
              ? nextOfEachEvent(
                  selectOccurrences(
                    snapshot.occurrences,
                    { ...selection, featuredOnly: true, limit: undefined },
                    now,
                  ),
                  selection.limit,
                )
              : selectOccurrences(snapshot.occurrences, selection, now),
      month,
      months: {
        first: currentMonth(new Date(snapshot.window.from), zone),
        last: currentMonth(new Date(lastInstant), zone),
      },
      week,
      weeks: {
        first: weekStart(localDate(snapshot.window.from, zone), first),
        last: weekStart(localDate(new Date(lastInstant), zone), first),
      },
      query,
      subscribeUrl: `${context.baseUrl}/`,
      pairs,
      tags: snapshot.tags,
      selectedTags: selection.tagIds,
      search: new URLSearchParams(pairs).get('q') ?? '',
      firstWeekday: first,
    });
    c.header('Content-Language', lang);
    return htmlResponse(c, page, snapshot, {
      // The widget's script (/widget.js) and the dialog's stylesheet (/widget-dialog.css); the
      // script fetches the event pages' fragments.
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'connect-src': ["'self'"],
      // The search box is a GET form to /widget.
      'form-action': ["'self'"],
      // The page's <base href> is its own occurrences/ directory.
      'base-uri': ["'self'"],
      'frame-ancestors': widgetFrameAncestors(config),
    });
  });
}
