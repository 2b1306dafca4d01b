/**
 * The embed snippets the subscribe page offers for a chosen view, tag and theme: the one-line
 * `<script>` (recommended) and a plain `<iframe>` for site builders that strip scripts.
 *
 * The subscribe page's script rebuilds the same strings in the browser when the choice
 * changes (render/subscribe/script.ts); the browser tests check that both agree.
 */
import { escapeHtml } from '../item-html';
import { withQuery } from '../links';
import { DEFAULT_WIDGET_OPTIONS, type WidgetTheme, type WidgetView } from '../widget/options';

/** What a person picked in the embed builder. */
export interface EmbedChoice {
  view: WidgetView;
  /** A tag id, or undefined for every occurrence. */
  tag: string | undefined;
  theme: WidgetTheme;
  /** The page's `lang=`, carried on to the widget (`data-lang`); undefined when not given. */
  lang?: string;
}

/** The snippets and the widget URL of a choice. */
export interface EmbedSnippets {
  /** `/widget` with the choice as query parameters (defaults left out). */
  widgetUrl: string;
  /** `<script src="…/embed.js" data-… async></script>` */
  script: string;
  /** `<iframe src="…/widget?…" title="…" style="…" loading="lazy"></iframe>` */
  iframe: string;
}

/** Height of the plain iframe snippet, px (it cannot resize itself without the script). */
export const IFRAME_SNIPPET_HEIGHT_PX = 700;

/**
 * The snippets for `choice` on the site at `baseUrl`.
 *
 * @example
 * embedSnippets('https://feeds.example.org', 'Grace', { view: 'cards', tag: '3', theme: 'light' }).script
 * // '<script src="https://feeds.example.org/embed.js" data-view="cards" data-tag="3" async></script>'
 */
export function embedSnippets(baseUrl: string, title: string, choice: EmbedChoice): EmbedSnippets {
  const pairs: [string, string][] = [];
  if (choice.view !== 'list') pairs.push(['view', choice.view]);
  if (choice.tag) pairs.push(['tag', choice.tag]);
  if (choice.theme !== DEFAULT_WIDGET_OPTIONS.theme) pairs.push(['theme', choice.theme]);
  if (choice.lang) pairs.push(['lang', choice.lang]);
  const widgetUrl = withQuery(`${baseUrl}/widget`, pairs);
  const data = pairs.map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`).join('');
  return {
    widgetUrl,
    script: `<script src="${escapeHtml(`${baseUrl}/embed.js`)}"${data} async></script>`,
    iframe: `<iframe src="${escapeHtml(widgetUrl)}" title="${escapeHtml(title)}" style="width:100%;height:${IFRAME_SNIPPET_HEIGHT_PX}px;border:0" loading="lazy"></iframe>`,
  };
}
