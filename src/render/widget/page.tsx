/**
 * The widget document (`GET /widget`): one self-contained HTML page for an iframe, with its
 * stylesheet and its one small script inline (no fonts, scripts or styles from anywhere
 * else), and fully usable with JavaScript off.
 *
 * Links to Church Center, registration and the calendar services open in a new tab
 * (`<base target="_blank">`); month navigation stays in the frame.
 */
import type { Occurrence } from '../../model/occurrence';
import { encodeQuery, type QueryPairs } from '../links';
import type { LocalStyle } from '../when';
import { Cards, DayList, Month } from './components';
import { groupByDay, monthGrid, occurrenceView } from './model';
import type { WidgetOptions } from './options';
import { WIDGET_SCRIPT } from './script';
import { widgetCss } from './styles';

/** Everything one widget page shows. */
export interface WidgetPageData {
  /** The calendar's title (FEED_TITLE or the organization's name). */
  title: string;
  style: LocalStyle;
  options: WidgetOptions;
  /** The organization's current date, `YYYY-MM-DD`. */
  today: string;
  /** List and cards: the occurrences to show. Month: the candidates (filtered, any span). */
  occurrences: readonly Occurrence[];
  /** Month view: the month shown, `YYYY-MM`. */
  month: string;
  /** Month view: the months with published data, `YYYY-MM`, for the previous/next links. */
  months: { first: string; last: string };
  /** The request's filter and theme parameters, kept by the month links. */
  query: QueryPairs;
  /** Absolute URL of the subscribe page. */
  subscribeUrl: string;
}

/** A rendered widget: the HTML and the inline blocks its CSP must allow. */
export interface RenderedPage {
  html: string;
  /** Exact text of the inline `<style>`. */
  css: string;
  /** Exact text of the inline `<script>`. */
  script: string;
}

const monthHref = (query: QueryPairs, month: string) =>
  `?${encodeQuery([...query, ['view', 'month'], ['month', month]])}`;

function Body({ data }: { data: WidgetPageData }) {
  const { options, style, today } = data;
  if (options.view === 'month') {
    const grid = monthGrid(data.month, data.occurrences, style, today);
    const views = grid.occurrences.map((o) => occurrenceView(o, style));
    return (
      <Month
        grid={grid}
        prevHref={
          grid.prev.month >= data.months.first ? monthHref(data.query, grid.prev.month) : null
        }
        nextHref={
          grid.next.month <= data.months.last ? monthHref(data.query, grid.next.month) : null
        }
        days={groupByDay(views, `${data.month}-01`, today)}
      />
    );
  }
  const views = data.occurrences.map((o) => occurrenceView(o, style));
  if (views.length === 0) return <p class="e">No upcoming events.</p>;
  if (options.view === 'cards') return <Cards items={views} />;
  return <DayList days={groupByDay(views, today, today)} />;
}

/**
 * Renders the widget page.
 *
 * @example
 * // <!doctype html><html lang="en" data-font="system"><head>…<title>Grace Community Church</title>
 * // …<section class="d"><h2><time datetime="2026-11-22">Sunday, November 22</time></h2><ul>
 * // <li class="o"><h3 id="t109615"><a href="https://…churchcenter.com/…">Sunday Worship</a></h3>…
 */
export function renderWidgetPage(data: WidgetPageData): RenderedPage {
  const css = widgetCss(data.options);
  const script = WIDGET_SCRIPT;
  const heading =
    data.options.view === 'month' ? `${data.title}: calendar` : `${data.title}: upcoming events`;
  const page = (
    <html lang="en" data-font={data.options.font}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <title>{data.title}</title>
        <base target="_blank" />
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <h1 class="sr">{heading}</h1>
          <Body data={data} />
          <p class="f">
            <a href={data.subscribeUrl}>Subscribe to this calendar</a>
          </p>
        </main>
        <script dangerouslySetInnerHTML={{ __html: script }} />
      </body>
    </html>
  );
  return { html: `<!doctype html>${page.toString()}`, css, script };
}
