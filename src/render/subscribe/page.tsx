/**
 * The subscribe page (`GET /`): the calendar's title and next occurrences, one-tap subscribe
 * links for every calendar app (for the whole calendar and for each tag), the RSS/Atom/JSON
 * feeds, and an embed builder with a live preview.
 *
 * Every URL is absolute, built from the base URL (PUBLIC_BASE_URL or the request's origin)
 * with `render/links`. Without JavaScript everything but the "Copy" buttons works: the embed
 * builder is a GET form that the server answers with the chosen snippet and preview.
 */
import type { OccurrenceTag } from '../../model/occurrence';
import { FEED_PATHS } from '../feeds';
import { messagesFor } from '../i18n/catalog';
import { localDates } from '../i18n/dates';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import type { Messages } from '../i18n/messages';
import { type SubscribeLinks, subscribeLinks, withQuery } from '../links';
import { DayList } from '../widget/components';
import type { DayGroup } from '../widget/model';
import {
  DEFAULT_WIDGET_OPTIONS,
  WIDGET_THEMES,
  WIDGET_VIEWS,
  type WidgetTheme,
  type WidgetView,
} from '../widget/options';
import type { RenderedPage } from '../widget/page';
import { BASE_CSS, themeCss } from '../widget/styles';
import { UpcomingItemList } from './item-list';
import { SUBSCRIBE_SCRIPT } from './script';
import { type EmbedChoice, embedSnippets, IFRAME_SNIPPET_HEIGHT_PX } from './snippets';

/** Everything the subscribe page shows. */
export interface SubscribePageData {
  title: string;
  /** The interface language (`lang=`, else `LANGUAGE`, else `en`). */
  lang?: Language;
  /** Whether the request chose `lang`: the widget links and snippets then carry it on. */
  carryLang?: boolean;
  /** The organization's name and zone, for the intro line. */
  organization: string;
  timeZone: string;
  /** PUBLIC_BASE_URL or the request's origin, no trailing slash. */
  baseUrl: string;
  /** Tags with published occurrences, by name. */
  tags: readonly OccurrenceTag[];
  /** The next occurrences, grouped by day. */
  upcoming: readonly DayGroup[];
  /** The embed builder's current choice. */
  embed: EmbedChoice;
  accent: string;
}

const PAGE_CSS = `
body{max-width:56rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{margin-bottom:1.5rem}
h1{font-size:1.8rem;line-height:1.2}
.lead{color:var(--pco-muted);margin-top:.3rem}
.s{margin-top:2rem}
.s>h2{font-size:1.25rem;margin-bottom:.6rem}
.s>p{margin-bottom:.6rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.u{display:flex;gap:.5rem;margin-top:.6rem;max-width:40rem}
.u input{flex:1;min-width:0}
input,select,textarea,button{font:inherit;color:var(--pco-fg);background:var(--pco-bg);border:1px solid var(--pco-muted);border-radius:var(--pco-radius);padding:.3rem .5rem}
button{cursor:pointer;font-weight:600;color:var(--pco-accent);border-color:var(--pco-border)}
button:hover{background:var(--pco-surface)}
textarea{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;resize:vertical}
.tt>li{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem;padding:.5rem 0;border-bottom:1px solid var(--pco-border)}
.tt h3{flex:0 0 9rem}
.tt p{display:flex;flex-wrap:wrap;gap:.35rem;flex:1 1 20rem}
.tt a{display:inline-flex;align-items:center;min-height:1.75rem;padding:.1rem .55rem;border:1px solid var(--pco-border);border-radius:var(--pco-radius);text-decoration:none;font-size:.9rem}
.tt a:hover{background:var(--pco-surface)}
.v{margin-top:3rem;padding-top:1rem;border-top:2px solid var(--pco-border)}
.v>p{color:var(--pco-muted)}
.v h3{font-size:1.1rem;margin:1.2rem 0 .5rem}
.fl li{padding:.2rem 0}
.fl code{color:var(--pco-muted);font-size:.85rem;word-break:break-all}
form.eb{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:.75rem}
form.eb label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600;gap:.2rem}
.sn{margin:.6rem 0}
.sn label{font-weight:600;font-size:.9rem}
.sn .row{justify-content:space-between}
.pv{display:block;width:100%;height:600px;border:1px dashed var(--pco-border);border-radius:var(--pco-radius);margin-top:.6rem}
`;

/** The names of the four calendar apps, in the order of their links. */
const apps = (t: Messages) => [t.appleCalendar, t.googleCalendar, t.outlookCom, t.microsoft365];

/** The embed builder's names of the views and themes. */
const viewNames = (t: Messages): Record<WidgetView, string> => ({
  list: t.viewList,
  cards: t.viewCards,
  month: t.viewMonth,
  week: t.viewWeek,
  tiles: t.viewTiles,
});
const themeNames = (t: Messages): Record<WidgetTheme, string> => ({
  light: t.themeLight,
  dark: t.themeDark,
  auto: t.themeAuto,
  transparent: t.themeTransparent,
});

/**
 * A tag's subscribe links: small buttons whose accessible names start with their visible text
 * and add the tag (`Apple Calendar, Youth`), so speech input and screen readers agree.
 */
const TagLinks = ({ links, name, t }: { links: SubscribeLinks; name: string; t: Messages }) => {
  const hrefs = [links.webcal, links.google, links.outlook, links.microsoft365];
  return (
    <p>
      {apps(t).map((app, i) => (
        <a href={hrefs[i]} aria-label={`${app}, ${name}`}>
          {app}
        </a>
      ))}
      <a href={links.https} aria-label={`${t.address}, ${name}`}>
        {t.address}
      </a>
      <CopyButton target={links.https} done={t.copiedAddressOf(name)} t={t} />
    </p>
  );
};

/** One row of subscribe links: the four apps, with labels that say which calendar. */
const AppLinks = ({ links, name, t }: { links: SubscribeLinks; name: string; t: Messages }) => {
  const hrefs = [links.webcal, links.google, links.outlook, links.microsoft365];
  return (
    <>
      {apps(t).map((app, i) => (
        <a class="b" href={hrefs[i]} aria-label={t.subscribeIn(name, app)}>
          {app}
        </a>
      ))}
    </>
  );
};

/** A labelled `<select>` of the embed builder, over a fixed list of values with their names. */
function Choice<T extends string>({
  label,
  name,
  values,
  names,
  selected,
}: {
  label: string;
  name: string;
  values: readonly T[];
  names: Record<T, string>;
  selected: T;
}) {
  return (
    <label>
      {label}
      <select name={name}>
        {values.map((v) => (
          <option value={v} selected={v === selected}>
            {names[v]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A "Copy" button (shown by the script); `done` is what the live region says after a copy. */
const CopyButton = ({ target, done, t }: { target: string; done: string; t: Messages }) => (
  <button type="button" data-copy={target} data-done={done} hidden>
    {t.copy}
  </button>
);

/** The feed URL of the whole calendar or of one tag. */
const icsUrl = (baseUrl: string, tag?: string) =>
  withQuery(`${baseUrl}/calendar.ics`, tag ? [['tag', tag]] : []);

/** Renders the subscribe page. */
export function renderSubscribePage(data: SubscribePageData): RenderedPage {
  const css = `${themeCss(data.accent, 'auto')}${BASE_CSS}${PAGE_CSS}`.replace(/\n/g, '');
  const lang = data.lang ?? DEFAULT_LANGUAGE;
  const t = messagesFor(lang);
  const zone = localDates(lang, data.timeZone, false).zoneName();
  /** `lang` for the links to the widget, when the page was asked for one. */
  const langQuery: [string, string][] = data.carryLang ? [['lang', lang]] : [];
  const script = SUBSCRIBE_SCRIPT;
  const all = subscribeLinks(icsUrl(data.baseUrl), data.title);
  const snippets = embedSnippets(data.baseUrl, data.title, {
    ...data.embed,
    lang: data.carryLang ? lang : undefined,
  });
  const feeds = [
    { name: 'RSS', path: FEED_PATHS.rss, type: 'application/rss+xml' },
    { name: 'Atom', path: FEED_PATHS.atom, type: 'application/atom+xml' },
    { name: 'JSON Feed', path: FEED_PATHS.json, type: 'application/feed+json' },
  ];
  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <title>{t.subscribeTitle(data.title)}</title>
        {feeds.map((f) => (
          <link
            rel="alternate"
            type={f.type}
            title={`${data.title} (${f.name})`}
            href={`${data.baseUrl}${f.path}`}
          />
        ))}
        <style dangerouslySetInnerHTML={{ __html: css }} />
        <UpcomingItemList baseUrl={data.baseUrl} upcoming={data.upcoming} />
      </head>
      <body>
        <header>
          <h1>{data.title}</h1>
          <p class="lead">{t.lead(data.organization, zone)}</p>
        </header>
        <main>
          <section class="s" aria-labelledby="subscribe">
            <h2 id="subscribe">{t.subscribeHeading}</h2>
            <p>{t.addEveryEvent}</p>
            <div class="row">
              <AppLinks links={all} name={data.title} t={t} />
            </div>
            <div class="u">
              <label class="sr" for="feed-url">
                {t.calendarAddress}
              </label>
              <input id="feed-url" type="url" readonly value={all.https} />
              <CopyButton target="feed-url" done={t.copiedCalendarAddress} t={t} />
            </div>
          </section>
          {data.tags.length > 0 ? (
            <section class="s" aria-labelledby="by-tag">
              <h2 id="by-tag">{t.byTag}</h2>
              <ul class="tt">
                {data.tags.map((tag) => {
                  const links = subscribeLinks(
                    icsUrl(data.baseUrl, tag.id),
                    `${data.title}: ${tag.name}`,
                  );
                  return (
                    <li>
                      <h3>{tag.name}</h3>
                      <TagLinks links={links} name={tag.name} t={t} />
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : (
            ''
          )}
          <section class="s" aria-labelledby="upcoming">
            <h2 id="upcoming">{t.comingUp}</h2>
            {data.upcoming.length > 0 ? (
              <DayList days={data.upcoming} t={t} />
            ) : (
              <p class="e">{t.noUpcoming}</p>
            )}
            <p>
              <a href={withQuery(`${data.baseUrl}/widget`, [['view', 'month'], ...langQuery])}>
                {t.seeMonth}
              </a>
            </p>
          </section>
          <section class="s v" aria-labelledby="web">
            <h2 id="web">{t.forVolunteer}</h2>
            <p>{t.volunteerLead}</p>
            <section aria-labelledby="embed">
              <h3 id="embed">{t.embedHeading}</h3>
              <p>{t.embedLead}</p>
              <form
                class="eb"
                id="embed-form"
                method="get"
                action="#embed"
                data-base={data.baseUrl}
                data-title={data.title}
                data-height={String(IFRAME_SNIPPET_HEIGHT_PX)}
                data-theme={DEFAULT_WIDGET_OPTIONS.theme}
              >
                <Choice
                  label={t.view}
                  name="view"
                  values={WIDGET_VIEWS}
                  names={viewNames(t)}
                  selected={data.embed.view}
                />
                <label>
                  {t.tag}
                  <select name="tag">
                    <option value="" selected={!data.embed.tag}>
                      {t.allEvents}
                    </option>
                    {data.tags.map((t) => (
                      <option value={t.id} selected={t.id === data.embed.tag}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <Choice
                  label={t.theme}
                  name="theme"
                  values={WIDGET_THEMES}
                  names={themeNames(t)}
                  selected={data.embed.theme}
                />
                {data.carryLang ? <input type="hidden" name="lang" value={lang} /> : ''}
                <button type="submit">{t.updatePreview}</button>
              </form>
              <div class="sn">
                <div class="row">
                  <label for="snippet-script">{t.snippetScript}</label>
                  <CopyButton target="snippet-script" done={t.copiedSnippet} t={t} />
                </div>
                <textarea id="snippet-script" rows={2} readonly>
                  {snippets.script}
                </textarea>
              </div>
              <div class="sn">
                <div class="row">
                  <label for="snippet-iframe">{t.snippetIframe}</label>
                  <CopyButton target="snippet-iframe" done={t.copiedIframe} t={t} />
                </div>
                <textarea id="snippet-iframe" rows={3} readonly>
                  {snippets.iframe}
                </textarea>
              </div>
              <iframe id="preview" class="pv" src={snippets.widgetUrl} title={t.previewTitle} />
            </section>
            <section aria-labelledby="feeds">
              <h3 id="feeds">{t.feedsHeading}</h3>
              <ul class="fl">
                {feeds.map((f) => (
                  <li>
                    <a href={`${data.baseUrl}${f.path}`}>{f.name}</a>{' '}
                    <code>{`${data.baseUrl}${f.path}`}</code>
                  </li>
                ))}
                <li>
                  <a href={`${data.baseUrl}/events.json`}>events.json</a>{' '}
                  <code>{`${data.baseUrl}/events.json`}</code> {t.plainJson}
                </li>
              </ul>
            </section>
          </section>
          <p class="sr" id="status" role="status" aria-live="polite" data-fail={t.copyFailed} />
        </main>
        <script dangerouslySetInnerHTML={{ __html: script }} />
      </body>
    </html>
  );
  return { html: `<!doctype html>${page.toString()}`, css, script };
}
