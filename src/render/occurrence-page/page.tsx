/**
 * The event page (`GET /occurrences/{id}`): one published occurrence as a public,
 * self-contained HTML page for people and search engines, in one interface language.
 *
 * Server-rendered with hono/jsx and complete without JavaScript (it has none): title, image,
 * date and times in the church's zone (formatted by `Intl` in the page's language), place with
 * a map link built from the text, registration and connection links, the add-to-calendar menu
 * (the same per-occurrence routes as the widget's), tags, the full sanitized description,
 * attached files and the event's other upcoming dates, plus schema.org `Event` JSON-LD.
 *
 * Every link to the per-occurrence routes is relative (`1001.ics`, `1001/google`, `1002`), so
 * it resolves against whatever host and path served the page. hono/jsx escapes every text and
 * attribute; the one raw part is the description, which is sanitized HTML (model/text).
 */
import type { Occurrence } from '../../model/occurrence';
import { publicUrl } from '../../model/public-url';
import { sanitizeHtml } from '../../model/text';
import { messagesFor } from '../i18n/catalog';
import { localDates } from '../i18n/dates';
import type { Language } from '../i18n/languages';
import type { Messages } from '../i18n/messages';
import { eventJsonLd, JsonLdScript, localIsoWithOffset, type Organizer } from '../json-ld';
import { occurrencePaths, type QueryPairs, withQuery } from '../links';
import type { LocalStyle } from '../when';
import type { WidgetTheme } from '../widget/options';
import type { RenderedPage } from '../widget/page';
import { occurrencePageCss } from './styles';

/** Everything one event page shows. */
export interface OccurrencePageData {
  occurrence: Occurrence;
  /** Other occurrences of the same event not yet over, soonest first (already capped). */
  others: readonly Occurrence[];
  /** The calendar's title (FEED_TITLE or the organization's name). */
  calendarTitle: string;
  /** The church, for `organizer`; its `url` is the subscribe page. */
  organizer: Organizer;
  style: LocalStyle;
  lang: Language;
  /** `#rrggbb`. */
  accent: string;
  theme: WidgetTheme;
  /** Absolute URL of this page without its query (canonical URL, JSON-LD `url`). */
  pageUrl: string;
  /** The request's `lang`, `accent` and `theme`, kept by the links to other dates. */
  query: QueryPairs;
}

/** Longest `<meta name=description>`, in characters (search engines show about 160). */
const META_DESCRIPTION_MAX_CHARS = 200;

/**
 * A map search for a location's text: Google Maps' documented cross-platform search URL,
 * which opens the Maps app on phones. Nothing is embedded and nothing loads until followed.
 *
 * @see https://developers.google.com/maps/documentation/urls/get-started#search-action
 */
export function mapSearchUrl(location: string): string {
  return withQuery('https://www.google.com/maps/search/', [
    ['api', '1'],
    ['query', location],
  ]);
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** The date and times of an occurrence, each a `<time datetime>`. */
function When({ o, data, t }: { o: Occurrence; data: OccurrencePageData; t: Messages }) {
  const { timeZone, twentyFourHourTime } = data.style;
  const dates = localDates(data.lang, timeZone, twentyFourHourTime);
  if (o.allDay && o.dates) {
    const { start, endExclusive } = o.dates;
    const lastMs = Date.parse(`${endExclusive}T12:00:00Z`) - 86_400_000;
    const last = new Date(lastMs).toISOString().slice(0, 10);
    return (
      <>
        <p>
          <time datetime={start}>{dates.plainDate(start)}</time>
          {last > start ? (
            <>
              {' – '}
              <time datetime={last}>{dates.plainDate(last)}</time>
            </>
          ) : (
            ''
          )}
        </p>
        <p>{t.allDay}</p>
      </>
    );
  }
  const startMs = Date.parse(o.start);
  const endMs = Date.parse(o.end);
  const sameDay = dates.localDate(startMs) === dates.localDate(endMs);
  const startIso = localIsoWithOffset(o.start, timeZone);
  const endIso = localIsoWithOffset(o.end, timeZone);
  return (
    <>
      {sameDay ? (
        <>
          <p>
            <time datetime={startIso.slice(0, 10)}>{dates.longDate(startMs)}</time>
          </p>
          <p>
            <time datetime={startIso}>{dates.clock(startMs)}</time>
            {' – '}
            <time datetime={endIso}>{dates.clock(endMs)}</time>
          </p>
        </>
      ) : (
        <p>
          <time datetime={startIso}>{`${dates.longDate(startMs)}, ${dates.clock(startMs)}`}</time>
          {' – '}
          <time datetime={endIso}>{`${dates.longDate(endMs)}, ${dates.clock(endMs)}`}</time>
        </p>
      )}
      {o.times.length > 1 ? (
        <ul class="ts">
          {o.times.map((time) => (
            <li>
              {dates.clockRange(Date.parse(time.start), Date.parse(time.end))}
              {time.name ? ` (${time.name})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <p class="m">{t.timeZone(dates.zoneName())}</p>
    </>
  );
}

/** Registration, Church Center and connection links, and the add-to-calendar menu. */
function Actions({ o, t }: { o: Occurrence; t: Messages }) {
  const paths = occurrencePaths(o.id, '', '');
  const registration = publicUrl(o.registrationUrl);
  const churchCenter = publicUrl(o.url);
  const connections = o.connections.flatMap((c) => {
    const url = publicUrl(c.url);
    if (!url || url === registration) return [];
    return [{ url, label: c.product === 'groups' ? t.group(c.name) : t.signUp(c.name) }];
  });
  const menu = [
    [paths.google, t.googleCalendar],
    [paths.outlook, t.outlookCom],
    [paths.microsoft365, t.microsoft365],
    [paths.ics, t.icsFile],
  ] as const;
  return (
    <div class="ac">
      {registration ? (
        <a class="b" href={registration}>
          {t.register}
        </a>
      ) : (
        ''
      )}
      {connections.map((c) => (
        <a class="b" href={c.url}>
          {c.label}
        </a>
      ))}
      <details>
        <summary>{t.addToCalendar}</summary>
        {menu.map(([href, label]) => (
          <a href={href} rel="nofollow">
            {label}
          </a>
        ))}
      </details>
      {churchCenter ? <a href={churchCenter}>{t.churchCenter}</a> : ''}
    </div>
  );
}

/** The event's other upcoming dates, each linked to its own page. */
function OtherDates({ data, t }: { data: OccurrencePageData; t: Messages }) {
  const { timeZone, twentyFourHourTime } = data.style;
  const dates = localDates(data.lang, timeZone, twentyFourHourTime);
  return (
    <section aria-labelledby="od">
      <h2 id="od">{t.otherDates}</h2>
      <ul class="od">
        {data.others.map((o) => {
          const href = withQuery(encodeURIComponent(o.id), data.query);
          if (o.allDay && o.dates) {
            return (
              <li>
                <a href={href}>
                  <time datetime={o.dates.start}>{dates.plainDate(o.dates.start)}</time>
                </a>
              </li>
            );
          }
          const ms = Date.parse(o.start);
          return (
            <li>
              <a href={href}>
                <time datetime={localIsoWithOffset(o.start, timeZone)}>
                  {`${dates.longDate(ms)}, ${dates.clock(ms)}`}
                </time>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The page's content: everything about the occurrence, without the page around it (the
 * document, the link back and the footer). The widget's details dialog shows it as is.
 */
function Article({ data, t }: { data: OccurrencePageData; t: Messages }) {
  const o = data.occurrence;
  const image = publicUrl(o.imageUrl);
  const description = o.descriptionHtml ? sanitizeHtml(o.descriptionHtml) : '';
  return (
    <article>
      {image ? <img class="hero" src={image} alt="" referrerpolicy="no-referrer" /> : ''}
      <h1>{o.title}</h1>
      <section aria-labelledby="when">
        <h2 id="when">{t.when}</h2>
        <When o={o} data={data} t={t} />
      </section>
      {o.location ? (
        <section aria-labelledby="where">
          <h2 id="where">{t.where}</h2>
          {publicUrl(o.location) ? (
            // An online occurrence (its location is a stream or meeting link): the link itself.
            <p id="loc">
              <a href={publicUrl(o.location) ?? ''}>{o.location}</a>
            </p>
          ) : (
            <>
              <p id="loc">{o.location}</p>
              <p>
                <a href={mapSearchUrl(o.location)} aria-describedby="loc">
                  {t.openMap}
                </a>
              </p>
            </>
          )}
        </section>
      ) : (
        ''
      )}
      <Actions o={o} t={t} />
      {o.tags.length > 0 ? (
        <ul class="tg" aria-label={t.tags}>
          {o.tags.map((tag) => (
            <li>{tag.name}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {description ? (
        <section aria-labelledby="about">
          <h2 id="about">{t.about}</h2>
          <div class="ds" dangerouslySetInnerHTML={{ __html: description }} />
        </section>
      ) : (
        ''
      )}
      {o.attachments.length > 0 ? (
        <section aria-labelledby="files">
          <h2 id="files">{t.files}</h2>
          <ul class="fs">
            {o.attachments.map((a) => (
              <li>
                <a href={a.url}>{a.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {data.others.length > 0 ? <OtherDates data={data} t={t} /> : ''}
    </article>
  );
}

/**
 * The event page's `<article>` alone (`/occurrences/{id}?fragment=1`), for the widget's
 * details dialog: the same content and links as the page, no document, style or script.
 *
 * @example
 * renderOccurrenceFragment(data).html // '<article><h1>Sunday Worship</h1><section …'
 */
export function renderOccurrenceFragment(data: OccurrencePageData): RenderedPage {
  const t = messagesFor(data.lang);
  return { html: (<Article data={data} t={t} />).toString(), css: '', script: '' };
}

/**
 * Renders the event page: HTML around the exact stylesheet its CSP allows by hash. It has no
 * script (`script` is empty); the JSON-LD block is data, which CSP does not govern.
 *
 * @example
 * // <!DOCTYPE html><html lang="es"><head>…<title>Sunday Worship · Grace Community Church</title>
 * // …<h1>Sunday Worship</h1><h2 id="when">Cuándo</h2><p><time datetime="2026-11-22">domingo,
 * // 22 de noviembre de 2026</time></p><p><time datetime="2026-11-22T09:00:00-06:00">9:00</time>…
 */
export function renderOccurrencePage(data: OccurrencePageData): RenderedPage {
  const o = data.occurrence;
  const t = messagesFor(data.lang);
  const css = occurrencePageCss(data.accent, data.theme);
  const image = publicUrl(o.imageUrl);
  const jsonLd = eventJsonLd(o, data.pageUrl, data.style.timeZone, data.organizer);
  const metaDescription = o.summary ? clip(o.summary, META_DESCRIPTION_MAX_CHARS) : undefined;
  const title = `${o.title} · ${data.calendarTitle}`;
  const page = (
    <html lang={data.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
        {metaDescription ? <meta name="description" content={metaDescription} /> : ''}
        <link rel="canonical" href={data.pageUrl} />
        <meta property="og:type" content="website" />
        <meta property="og:title" content={o.title} />
        <meta property="og:url" content={data.pageUrl} />
        {image ? <meta property="og:image" content={image} /> : ''}
        <style dangerouslySetInnerHTML={{ __html: css }} />
        <JsonLdScript data={jsonLd} />
      </head>
      <body>
        <nav class="top" aria-label={data.calendarTitle}>
          <a href={data.organizer.url}>
            <span aria-hidden="true">← </span>
            {t.allEvents}
          </a>
        </nav>
        <main>
          <Article data={data} t={t} />
        </main>
        <footer>
          <a href={data.organizer.url}>{t.subscribe}</a>
        </footer>
      </body>
    </html>
  );
  return { html: `<!doctype html>${page.toString()}`, css, script: '' };
}
