/**
 * The widget document (`GET /widget`): one HTML page for an iframe, with its stylesheet
 * inline and, from its own origin, the script every view shares (`/widget.js`) and the
 * details dialog's stylesheet (`/widget-dialog.css`, at the end of the body); no fonts, scripts
 * or styles from anywhere else, and fully usable with JavaScript off.
 *
 * Links to Church Center, registration and the calendar services open in a new tab
 * (`<base target=_blank>`); month navigation stays in the frame.
 *
 * It is held to size budgets in every language (30 KB for 50 occurrences in the list view,
 * 40 KB as cards, 17.5 KB for a week of 50, 12 KB of tiles; tested): the markup
 * is compacted ({@link compactMarkup}) and the base is the `occurrences/` directory, so the
 * menus' links are as short as `1001/google`.
 */
import type { Occurrence, OccurrenceTag } from '../../model/occurrence';
import { messagesFor } from '../i18n/catalog';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import type { Messages } from '../i18n/messages';
import { encodeQuery, OCCURRENCES_DIR, type QueryPairs } from '../links';
import type { LocalStyle } from '../when';
import { Cards, DayList, Dialog, Month, Week } from './components';
import { Chips, Search, type TagMarks } from './finding';
import {
  groupByDay,
  monthGrid,
  occurrenceView,
  type WidgetStyle,
  weekGrid,
  weekLabel,
} from './model';
import type { WidgetOptions } from './options';
import { type TagMarkStyle, widgetCss } from './styles';
import { Tiles } from './tiles';

/** Everything one widget page shows. */
export interface WidgetPageData {
  /** The calendar's title (FEED_TITLE or the organization's name). */
  title: string;
  /** The demo calendar is shown: the footer says "Demo calendar". */
  demo?: boolean;
  style: LocalStyle;
  /** The interface language (`lang=`, else `LANGUAGE`, else `en`). */
  lang?: Language;
  options: WidgetOptions;
  /** The organization's current date, `YYYY-MM-DD`. */
  today: string;
  /** List and cards: the occurrences to show. Month: the candidates (filtered, any span). */
  occurrences: readonly Occurrence[];
  /** Month view: the month shown, `YYYY-MM`. */
  month: string;
  /** Month view: the months with published data, `YYYY-MM`, for the previous/next links. */
  months: { first: string; last: string };
  /** Week view: the week shown, by its first day `YYYY-MM-DD`. */
  week: string;
  /** Week view: first days of the first and last weeks with published data. */
  weeks: { first: string; last: string };
  /**
   * The request's filter, theme and `lang` parameters, kept by the month and week links; its
   * `lang` is also kept by the links to the event pages.
   */
  query: QueryPairs;
  /** Absolute URL of the subscribe page. */
  subscribeUrl: string;
  /**
   * The request's canonical pairs, all of them (view, month and week included), kept by the tag
   * chips and the search form. [opt=`query`]
   */
  pairs?: QueryPairs;
  /** The calendar's public tags (the snapshot's), for the chips and the colour marks. [opt=none] */
  tags?: readonly OccurrenceTag[];
  /** The tag ids of the current filter (`tag=`). [opt=none] */
  selectedTags?: readonly string[];
  /** The current search (`q`, canonical). [opt=''] */
  search?: string;
  /** The week's first day, luxon's numbering (1 = Monday … 7 = Sunday). [opt=7] */
  firstWeekday?: number;
}

/** The colour marks of tags: each coloured tag gets class `k{index}`. */
export function tagMarks(tags: readonly OccurrenceTag[]): TagMarkStyle[] {
  return tags.flatMap((t, i) => (t.color ? [{ cls: `k${i}`, color: t.color }] : []));
}

/** A rendered page: the HTML and the inline blocks its CSP must allow. */
export interface RenderedPage {
  html: string;
  /** Exact text of the inline `<style>`. */
  css: string;
  /** Exact text of the inline `<script>`; `''` when the page has none (the widget's is `/widget.js`). */
  script: string;
}

/**
 * Drops the bytes HTML does not need from markup rendered by hono/jsx: the quotes around
 * attribute values that need none (`id=t1`, `href=1001/google`), empty values (`download`),
 * the `/` of void elements (`<img …>`), the end tags of `li`, `td`, `th` and `tr`, and a
 * `</p>` that the next tag closes anyway (a block's start, or its parent's end).
 *
 * Safe only for hono/jsx output without raw (`dangerouslySetInnerHTML`) parts, in which every
 * `li` is in a list and every cell in a row: hono escapes `&<>"'` in every text and attribute
 * value, so `="`, `/>` and `</` occur only as markup there.
 */
export function compactMarkup(html: string): string {
  return html
    .replace(/\/>/g, '>')
    .replace(/(\s[\w:-]+)="([^\s"'=<>`]*)"/g, (_, name: string, value: string) =>
      value ? `${name}=${value}` : name,
    )
    .replace(
      /<\/p>(?=<(?:p|ul|ol|div|details|h[1-6]|table|nav|figure)[\s>]|<\/(?:li|div|main|td)>)/g,
      '',
    )
    .replace(/<\/(?:li|td|th|tr)>/g, '');
}

/**
 * The document's base: the directory of the per-occurrence routes, so the "Add to calendar"
 * links are as short as `1001/google` (the menus are most of the page). Every other link is
 * absolute, or written against it (`../widget?…`); the CSP's `base-uri 'self'` allows it.
 */
export const WIDGET_BASE_HREF = OCCURRENCES_DIR;

const monthHref = (query: QueryPairs, month: string) =>
  `../widget?${encodeQuery([...query, ['view', 'month'], ['month', month]])}`;
const weekHref = (query: QueryPairs, week: string) =>
  `../widget?${encodeQuery([...query, ['view', 'week'], ['week', week]])}`;

/**
 * The query the links to the event pages carry: `?lang=es` when the request chose a language
 * (the event page's default is the widget's own, `LANGUAGE`), else nothing.
 */
export function pageQuery(query: QueryPairs): string {
  const lang = query.find(([name]) => name === 'lang');
  return lang ? `?${encodeQuery([lang])}` : '';
}

/**
 * An occurrence's view, with its menu's paths relative to {@link WIDGET_BASE_HREF} and its page
 * link carrying `suffix` (see {@link pageQuery}).
 */
const view = (o: Occurrence, style: WidgetStyle, suffix: string) => {
  const v = occurrenceView(o, style, '', '');
  return suffix ? { ...v, page: v.page + suffix } : v;
};

function Body({ data, t, marks }: { data: WidgetPageData; t: Messages; marks: TagMarks }) {
  const { options, today } = data;
  const lang = data.lang ?? DEFAULT_LANGUAGE;
  const style: WidgetStyle = { ...data.style, lang };
  const suffix = pageQuery(data.query);
  if (options.view === 'month') {
    const grid = monthGrid(data.month, data.occurrences, style, today, data.firstWeekday);
    const views = grid.occurrences.map((o) => view(o, style, suffix));
    return (
      <Month
        t={t}
        marks={marks}
        pageQuery={suffix}
        grid={grid}
        prevHref={
          grid.prev.month >= data.months.first ? monthHref(data.query, grid.prev.month) : null
        }
        nextHref={
          grid.next.month <= data.months.last ? monthHref(data.query, grid.next.month) : null
        }
        days={groupByDay(views, `${data.month}-01`, today, lang)}
      />
    );
  }
  if (options.view === 'week') {
    const grid = weekGrid(data.week, data.occurrences, style, today);
    return (
      <Week
        t={t}
        marks={marks}
        pageQuery={suffix}
        grid={grid}
        prevHref={grid.prev >= data.weeks.first ? weekHref(data.query, grid.prev) : null}
        nextHref={grid.next <= data.weeks.last ? weekHref(data.query, grid.next) : null}
        prevLabel={weekLabel(grid.prev, lang)}
        nextLabel={weekLabel(grid.next, lang)}
      />
    );
  }
  const views = data.occurrences.map((o) => view(o, style, suffix));
  if (options.view === 'tiles') {
    return (
      <Tiles items={views} today={today} lang={lang} t={t} q={data.search ?? ''} marks={marks} />
    );
  }
  if (views.length === 0) {
    return <p class="e">{data.search ? t.noMatch(data.search) : t.noUpcoming}</p>;
  }
  if (options.view === 'cards') return <Cards items={views} t={t} marks={marks} />;
  return <DayList days={groupByDay(views, today, today, lang)} t={t} marks={marks} />;
}

/**
 * Renders the widget page: the markup compacted by {@link compactMarkup}, around the exact
 * stylesheet and script that the CSP allows by hash.
 *
 * @example
 * // <!doctype html><html lang=en><head>…<title>Grace Community Church</title>…<div class=d>
 * // <h2>Sunday, November 22</h2><ul><li><h3 id=t1><a href=https://…>Sunday Worship</a></h3>
 * // <p><time datetime=2026-11-22T09:00-06:00>9:00 AM</time> – 12:15 PM<p>Main Sanctuary…
 */
export function renderWidgetPage(data: WidgetPageData): RenderedPage {
  const tags = data.tags ?? [];
  const marks = tagMarks(tags);
  const css = widgetCss(data.options, marks);
  const lang = data.lang ?? DEFAULT_LANGUAGE;
  const t = messagesFor(lang);
  const heading =
    data.options.view === 'month' || data.options.view === 'week'
      ? t.calendarOf(data.title)
      : data.options.view === 'tiles'
        ? t.featuredEvents(data.title)
        : t.upcomingEvents(data.title);
  const pairs = data.pairs ?? data.query;
  const markOf: TagMarks = new Map(
    tags.flatMap((tag, i) => (tag.color ? [[tag.id, `k${i}`] as const] : [])),
  );
  const head = (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{data.title}</title>
      <base href={WIDGET_BASE_HREF} target="_blank" />
    </>
  );
  const main = (
    <main aria-labelledby="h">
      <h1 class="sr" id="h">
        {heading}
      </h1>
      <Search query={pairs} q={data.search ?? ''} t={t} />
      {data.options.chips && tags.length > 1 ? (
        <Chips tags={tags} query={pairs} selected={data.selectedTags ?? []} t={t} marks={markOf} />
      ) : (
        ''
      )}
      <Body data={data} t={t} marks={markOf} />
      <p class="f">
        {data.demo ? `${t.demo} · ` : ''}
        <a href={data.subscribeUrl}>{t.subscribe}</a>
      </p>
    </main>
  );
  // `data-font=inherit` and `data-theme=transparent` (fixed strings, never data) tell the script
  // to take the embedding page's font and text colour.
  const font = data.options.font === 'inherit' ? ' data-font=inherit' : '';
  const theme = data.options.theme === 'transparent' ? ' data-theme=transparent' : '';
  const html =
    `<!doctype html><html lang=${lang}${font}${theme}><head>${compactMarkup(head.toString())}` +
    `<style>${css}</style></head><body>${compactMarkup(main.toString())}` +
    compactMarkup((<Dialog t={t} />).toString()) +
    '<link rel=stylesheet href=../widget-dialog.css><script src=../widget.js defer></script></body></html>';
  return { html, css, script: '' };
}
