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

/** The page's interface strings, in one place so they can move to a message catalogue. */
const TEXT = {
  byTag: 'Subscribe to one kind of event',
  volunteer: 'For your church’s website volunteer',
  volunteerLead:
    'Put this calendar on the church website, or connect it to other apps. Nothing here is needed to subscribe.',
  embed: 'Put the calendar on your website',
  feeds: 'Feeds for apps and developers',
  apps: ['Apple Calendar', 'Google Calendar', 'Outlook.com', 'Microsoft 365'] as const,
  address: 'Address (.ics)',
  views: {
    list: 'List',
    cards: 'Cards',
    month: 'Month',
    week: 'Week',
    tiles: 'Tiles (featured events)',
  } satisfies Record<WidgetView, string>,
  themes: {
    light: 'Light',
    dark: 'Dark',
    auto: 'Match the reader’s setting',
    transparent: 'Transparent (your page’s colours)',
  } satisfies Record<WidgetTheme, string>,
};

/**
 * A tag's subscribe links: small buttons whose accessible names start with their visible text
 * and add the tag (`Apple Calendar, Youth`), so speech input and screen readers agree.
 */
const TagLinks = ({ links, name }: { links: SubscribeLinks; name: string }) => {
  const hrefs = [links.webcal, links.google, links.outlook, links.microsoft365];
  return (
    <p>
      {TEXT.apps.map((app, i) => (
        <a href={hrefs[i]} aria-label={`${app}, ${name}`}>
          {app}
        </a>
      ))}
      <a href={links.https} aria-label={`${TEXT.address}, ${name}`}>
        {TEXT.address}
      </a>
      <CopyButton target={links.https} what={`the ${name} address`} />
    </p>
  );
};

/** One row of subscribe links: the four apps, with labels that say which calendar. */
const AppLinks = ({ links, name }: { links: SubscribeLinks; name: string }) => {
  const hrefs = [links.webcal, links.google, links.outlook, links.microsoft365];
  return (
    <>
      {TEXT.apps.map((app, i) => (
        <a class="b" href={hrefs[i]} aria-label={`Subscribe to ${name} in ${app}`}>
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

const CopyButton = ({ target, what }: { target: string; what: string }) => (
  <button type="button" data-copy={target} data-what={what} hidden>
    Copy
  </button>
);

/** The feed URL of the whole calendar or of one tag. */
const icsUrl = (baseUrl: string, tag?: string) =>
  withQuery(`${baseUrl}/calendar.ics`, tag ? [['tag', tag]] : []);

/** Renders the subscribe page. */
export function renderSubscribePage(data: SubscribePageData): RenderedPage {
  const css = `${themeCss(data.accent, 'auto')}${BASE_CSS}${PAGE_CSS}`.replace(/\n/g, '');
  const script = SUBSCRIBE_SCRIPT;
  const all = subscribeLinks(icsUrl(data.baseUrl), data.title);
  const snippets = embedSnippets(data.baseUrl, data.title, data.embed);
  const feeds = [
    { name: 'RSS', path: FEED_PATHS.rss, type: 'application/rss+xml' },
    { name: 'Atom', path: FEED_PATHS.atom, type: 'application/atom+xml' },
    { name: 'JSON Feed', path: FEED_PATHS.json, type: 'application/feed+json' },
  ];
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <title>{`${data.title}: subscribe`}</title>
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
          <p class="lead">
            Events from {data.organization}, with times in {data.timeZone.replace(/_/g, ' ')} time.
            Subscribe once and your calendar stays up to date.
          </p>
        </header>
        <main>
          <section class="s" aria-labelledby="subscribe">
            <h2 id="subscribe">Subscribe</h2>
            <p>Add every event to your calendar app:</p>
            <div class="row">
              <AppLinks links={all} name={data.title} />
            </div>
            <div class="u">
              <label class="sr" for="feed-url">
                Calendar address (for any other app)
              </label>
              <input id="feed-url" type="url" readonly value={all.https} />
              <CopyButton target="feed-url" what="the calendar address" />
            </div>
          </section>
          {data.tags.length > 0 ? (
            <section class="s" aria-labelledby="by-tag">
              <h2 id="by-tag">{TEXT.byTag}</h2>
              <ul class="tt">
                {data.tags.map((tag) => {
                  const links = subscribeLinks(
                    icsUrl(data.baseUrl, tag.id),
                    `${data.title}: ${tag.name}`,
                  );
                  return (
                    <li>
                      <h3>{tag.name}</h3>
                      <TagLinks links={links} name={tag.name} />
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : (
            ''
          )}
          <section class="s" aria-labelledby="upcoming">
            <h2 id="upcoming">Coming up</h2>
            {data.upcoming.length > 0 ? (
              <DayList days={data.upcoming} />
            ) : (
              <p class="e">No upcoming events.</p>
            )}
            <p>
              <a href={`${data.baseUrl}/widget?view=month`}>See the month calendar</a>
            </p>
          </section>
          <section class="s v" aria-labelledby="web">
            <h2 id="web">{TEXT.volunteer}</h2>
            <p>{TEXT.volunteerLead}</p>
            <section aria-labelledby="embed">
              <h3 id="embed">{TEXT.embed}</h3>
              <p>Pick a view, copy the snippet, and paste it into an HTML or code block.</p>
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
                  label="View"
                  name="view"
                  values={WIDGET_VIEWS}
                  names={TEXT.views}
                  selected={data.embed.view}
                />
                <label>
                  Tag
                  <select name="tag">
                    <option value="" selected={!data.embed.tag}>
                      All events
                    </option>
                    {data.tags.map((t) => (
                      <option value={t.id} selected={t.id === data.embed.tag}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <Choice
                  label="Theme"
                  name="theme"
                  values={WIDGET_THEMES}
                  names={TEXT.themes}
                  selected={data.embed.theme}
                />
                <button type="submit">Update preview</button>
              </form>
              <div class="sn">
                <div class="row">
                  <label for="snippet-script">Snippet (recommended: resizes itself)</label>
                  <CopyButton target="snippet-script" what="the snippet" />
                </div>
                <textarea id="snippet-script" rows={2} readonly>
                  {snippets.script}
                </textarea>
              </div>
              <div class="sn">
                <div class="row">
                  <label for="snippet-iframe">
                    Or, where scripts are not allowed, an iframe (fixed height)
                  </label>
                  <CopyButton target="snippet-iframe" what="the iframe snippet" />
                </div>
                <textarea id="snippet-iframe" rows={3} readonly>
                  {snippets.iframe}
                </textarea>
              </div>
              <iframe
                id="preview"
                class="pv"
                src={snippets.widgetUrl}
                title="Preview of the embedded calendar"
              />
            </section>
            <section aria-labelledby="feeds">
              <h3 id="feeds">{TEXT.feeds}</h3>
              <ul class="fl">
                {feeds.map((f) => (
                  <li>
                    <a href={`${data.baseUrl}${f.path}`}>{f.name}</a>{' '}
                    <code>{`${data.baseUrl}${f.path}`}</code>
                  </li>
                ))}
                <li>
                  <a href={`${data.baseUrl}/events.json`}>events.json</a>{' '}
                  <code>{`${data.baseUrl}/events.json`}</code> (plain JSON for developers)
                </li>
              </ul>
            </section>
          </section>
          <p class="sr" id="status" role="status" aria-live="polite" />
        </main>
        <script dangerouslySetInnerHTML={{ __html: script }} />
      </body>
    </html>
  );
  return { html: `<!doctype html>${page.toString()}`, css, script };
}
