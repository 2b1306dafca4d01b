/**
 * The widget's stylesheet: design tokens as CSS custom properties (`--pco-*`) for a light and a
 * dark theme, and the component rules that use only those tokens.
 *
 * The accent is the church's colour; links, buttons and focus rings use it after
 * {@link withContrast} has adjusted it to WCAG AA (4.5:1) on each theme's backgrounds, so
 * every `accent=` stays readable. The neutral palette meets AA in both themes (unit-tested).
 */
import { parseHex, type Rgb, textOn, toHex, withContrast } from './color';
import { DEFAULT_ACCENT, type WidgetTheme, type WidgetView } from './options';

/** The custom properties of one theme. */
export interface ThemeTokens {
  bg: string;
  surface: string;
  fg: string;
  muted: string;
  border: string;
  /** Links, focus ring, button background: the accent at ≥ 4.5:1 on `bg` and `surface`. */
  accent: string;
  /** Text on `accent`. */
  onAccent: string;
}

/** The neutral palettes (everything but the accent). */
export const NEUTRALS: Record<'light' | 'dark', Omit<ThemeTokens, 'accent' | 'onAccent'>> = {
  light: { bg: '#ffffff', surface: '#f4f6f8', fg: '#1f2328', muted: '#59636e', border: '#d1d9e0' },
  dark: { bg: '#15181d', surface: '#1f242b', fg: '#e6e8eb', muted: '#a3acb7', border: '#3d444d' },
};

/** AA for normal text. */
const AA = 4.5;

/** AA for graphical objects (WCAG 1.4.11): the tag colour marks. */
const AA_GRAPHIC = 3;

/**
 * A tag's colour (`#rrggbb`, PCO's `Tag.color`) as its mark is drawn in a theme: unchanged when
 * it has 3:1 contrast on the theme's background and surface, else darkened (light theme) or
 * lightened (dark theme) just enough.
 */
export function markColor(hex: string, theme: 'light' | 'dark'): string {
  const neutrals = NEUTRALS[theme];
  const rgb = (h: string): Rgb => parseHex(h) ?? { r: 0, g: 0, b: 0 };
  return toHex(
    withContrast(
      withContrast(rgb(hex), rgb(neutrals.bg), AA_GRAPHIC),
      rgb(neutrals.surface),
      AA_GRAPHIC,
    ),
  );
}

/** A tag colour mark: the class that carries it and the tag's colour, `#rrggbb`. */
export interface TagMarkStyle {
  cls: string;
  color: string;
}

/**
 * The rules that give each mark class its `--k` colour for a theme choice (see
 * {@link markColor}); `auto` switches with `prefers-color-scheme`, `transparent` takes the
 * light theme's (the embedding page's background is unknown). Empty without marks.
 */
export function tagColorCss(marks: readonly TagMarkStyle[], theme: WidgetTheme): string {
  if (marks.length === 0) return '';
  const rules = (t: 'light' | 'dark') =>
    marks.map(({ cls, color }) => `.${cls}{--k:${markColor(color, t)}}`).join('');
  if (theme === 'dark') return rules('dark');
  if (theme === 'auto')
    return `${rules('light')}@media (prefers-color-scheme:dark){${rules('dark')}}`;
  return rules('light');
}

/** The tokens of a theme for an accent (`#rrggbb`). */
export function themeTokens(accentHex: string, theme: 'light' | 'dark'): ThemeTokens {
  const neutrals = NEUTRALS[theme];
  const rgb = (hex: string): Rgb => parseHex(hex) ?? { r: 0, g: 0, b: 0 };
  const accent = withContrast(
    withContrast(rgb(accentHex || DEFAULT_ACCENT), rgb(neutrals.bg), AA),
    rgb(neutrals.surface),
    AA,
  );
  return { ...neutrals, accent: toHex(accent), onAccent: toHex(textOn(accent)) };
}

const vars = (t: ThemeTokens, scheme: 'light' | 'dark') =>
  `--pco-bg:${t.bg};--pco-surface:${t.surface};--pco-fg:${t.fg};--pco-muted:${t.muted};--pco-border:${t.border};--pco-accent:${t.accent};--pco-on-accent:${t.onAccent};color-scheme:${scheme}`;

/**
 * The custom properties for a theme choice: one set for `light`/`dark`, or light with a
 * `prefers-color-scheme: dark` override for `auto`.
 */
export function themeCss(accentHex: string, theme: WidgetTheme): string {
  const light = `:root{${vars(themeTokens(accentHex, 'light'), 'light')}}`;
  const dark = `:root{${vars(themeTokens(accentHex, 'dark'), 'dark')}}`;
  if (theme === 'light') return light;
  if (theme === 'dark') return dark;
  if (theme === 'transparent') return transparentCss(themeTokens(accentHex, 'light'));
  return `${light}@media (prefers-color-scheme:dark){${dark}}`;
}

/**
 * The `transparent` theme: no background of its own, so the embedding page's shows through
 * (`color-scheme: normal`, as a frame whose scheme differs from its parent's gets an opaque
 * backdrop in Chromium). Text takes `--pco-fg`, which embed.js sets to the page's own text
 * colour; muted text is the same colour (its contrast is then the page's own), and borders and
 * surfaces are tints of it. Links are that colour with an accent underline, since the accent's
 * contrast on an unknown background cannot be known; buttons keep the accent with their own
 * text colour.
 */
function transparentCss(light: ThemeTokens): string {
  const tint = (percent: number) => `color-mix(in srgb,var(--pco-fg) ${percent}%,transparent)`;
  return `:root{--pco-bg:transparent;--pco-surface:${tint(8)};--pco-fg:${light.fg};--pco-muted:var(--pco-fg);--pco-border:${tint(30)};--pco-accent:${light.accent};--pco-on-accent:${light.onAccent};color-scheme:normal}`;
}

/**
 * Rules of the `transparent` theme that override the components' (so they come last): links and
 * menus in the text colour with an accent underline, and the cards' date badge on the light
 * theme's own colours (it sits on the accent gradient).
 */
function transparentRules(light: ThemeTokens): string {
  return `html{background:transparent}a,summary,.n a,.n>span{color:var(--pco-fg);text-decoration-color:var(--pco-accent)}.dt{background:${light.bg};color:${light.fg}}dialog{--pco-bg:${light.bg};--pco-fg:${light.fg};--pco-muted:${light.muted};--pco-border:${light.border}}`;
}

/**
 * An occurrence's container, whose children are its title, times, place, tags, Register link
 * and menu: an item of a day list, or a card (`.cs>li`).
 */
const OCC = ':is(.d>ul>li,.cs>li)';

/** Rules shared by the widget and the subscribe page (they use only the tokens). */
export const BASE_CSS = `
:root{--pco-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--pco-radius:8px}
*,::before,::after{box-sizing:border-box}
html{background:var(--pco-bg);color:var(--pco-fg);font:100%/1.45 var(--pco-font);-webkit-text-size-adjust:100%}
body{margin:0}
h1,h2,h3,p,ul,figure{margin:0;padding:0}
ul{list-style:none}
a{color:var(--pco-accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--pco-accent);outline-offset:2px;border-radius:3px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.d>h2{font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.05em;color:var(--pco-muted);padding-bottom:.3rem;border-bottom:1px solid var(--pco-border)}
.d>ul{margin-bottom:1rem}
.d>ul>li{padding:.65rem 0;border-bottom:1px solid var(--pco-border)}
.d>ul>li:last-child{border:0}
h3,.cs h2{font-size:1.02rem;line-height:1.3}
:is(h3,.cs h2) a{color:var(--pco-fg);text-decoration-color:var(--pco-accent)}
${OCC}>p,.ts{color:var(--pco-muted);font-size:.9rem}
.ts li::before{content:"• "}
${OCC}>ul:not(.ts){display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.3rem;font-size:.75rem}
${OCC}>ul:not(.ts)>li{padding:.05rem .55rem;border-radius:99px;background:var(--pco-surface);border:1px solid var(--pco-border)}
.b,summary,.x{display:inline-block;min-height:1.75rem;padding:.2rem .7rem;border-radius:var(--pco-radius);font-weight:600;text-decoration:none;cursor:pointer}
.b{background:var(--pco-accent);color:var(--pco-on-accent)}
.b:hover{text-decoration:underline}
${OCC}>.b,details{margin:.45rem .5rem 0 0;font-size:.9rem;vertical-align:top}
details{display:inline-block}
details[open]{display:block}
details[open]>summary{margin-bottom:.2rem}
summary,.x{color:var(--pco-accent);border:1px solid var(--pco-border);list-style:none;transition:background-color .15s}
summary::-webkit-details-marker{display:none}
summary::after{content:"▾";display:inline-block;margin-left:.35em;transition:transform .15s}
details[open]>summary::after{transform:rotate(180deg)}
summary:hover,.x:hover{background:var(--pco-surface)}
details a{display:block;width:fit-content;padding:.15rem 0}
.e{color:var(--pco-muted);padding:1rem 0}
.f{margin-top:.75rem;font-size:.85rem;color:var(--pco-muted)}
@media (prefers-reduced-motion:reduce){*,::after{transition:none!important}}
`;

/**
 * Rules of the tag chips (`.ch`), the search box (`.q`) and the tag colour marks: a dot before
 * a tag's name (`li` or chip with a `k…` class), a stripe on a month-grid entry (`.s`).
 */
const FIND_CSS = `
.q{display:flex;gap:.4rem;margin-bottom:.6rem;max-width:32rem}
.q input::placeholder{color:var(--pco-muted);opacity:1}
.q input{flex:1;min-width:0;min-height:2rem;font:inherit;padding:.25rem .6rem;border:1px solid var(--pco-muted);border-radius:var(--pco-radius);background:var(--pco-bg);color:var(--pco-fg)}
.q button{border:0;font:inherit;font-weight:600;min-height:2rem}
.ch ul{display:flex;flex-wrap:wrap;gap:.4rem;margin-bottom:.75rem}
.ch a{display:inline-block;min-height:1.75rem;padding:.2rem .75rem;border:1px solid var(--pco-border);border-radius:99px;color:var(--pco-fg);text-decoration:none;font-size:.85rem}
.ch a:hover{background:var(--pco-surface)}
.ch a[aria-current]{border:2px solid var(--pco-accent);background:var(--pco-surface);font-weight:700;padding:calc(.2rem - 1px) calc(.75rem - 1px)}
:is(.ch a,li)[class^=k]::before{content:"";display:inline-block;width:.65em;height:.65em;border-radius:50%;background:var(--k);margin-right:.35em}
`;

/** The date badge (`.dt`) over a card's or a tile's image or colour field. */
const BADGE_CSS = `
.dt{position:absolute;top:.6rem;left:.6rem;z-index:1;min-width:3.2rem;padding:.25rem .5rem;border-radius:var(--pco-radius);background:var(--pco-bg);color:var(--pco-fg);text-align:center;font-size:.75rem;line-height:1.15;text-transform:uppercase}
.dt b{display:block;font-size:1.35rem}
`;

/** Rules of the cards view: a grid of `.cs>li`, each with a `figure` (image, or `.ni`: none). */
const CARDS_CSS = `
.cs{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.9rem}
.cs>li{border:1px solid var(--pco-border);border-radius:var(--pco-radius);overflow:hidden;background:var(--pco-bg);padding:0 .8rem .7rem}
.cs>li>h2{margin-top:.7rem}
.cs figure{position:relative;aspect-ratio:16/9;margin:0 -.8rem}
.cs figure,.cs img::after{background:linear-gradient(135deg,var(--pco-accent),color-mix(in srgb,var(--pco-accent) 55%,var(--pco-bg)))}
.cs .ni{aspect-ratio:auto;height:5.5rem}
.cs img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}
.cs img::after{content:"";position:absolute;inset:0}
${BADGE_CSS}`;

/**
 * The previous/next navigation of the month and week views: one line at any width; on phones
 * the neighbours' names are visually hidden (still in the links' names) and the arrows remain.
 */
const NAV_CSS = `
.n{display:flex;align-items:center;justify-content:space-between;gap:.5rem;margin-bottom:.6rem}
.n h2{font-size:1.15rem;white-space:nowrap}
.n a,.n>span{white-space:nowrap;padding:.25rem .6rem;border:1px solid var(--pco-border);border-radius:var(--pco-radius);text-decoration:none;font-weight:600}
.n>span{color:var(--pco-muted)}
@media (max-width:36rem){.n .m{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}}
`;

/** Rules of the month view. */
const MONTH_CSS = `${NAV_CSS}
.g{width:100%;border-collapse:collapse;table-layout:fixed;margin-bottom:1rem}
.g th{font-size:.75rem;font-weight:600;color:var(--pco-muted);padding:.2rem;text-align:left}
.g td{vertical-align:top;height:5.2rem;padding:.2rem;border:1px solid var(--pco-border);font-size:.75rem;overflow:hidden}
.g td.x{background:var(--pco-surface);color:var(--pco-muted)}
.g td.t time{background:var(--pco-accent);color:var(--pco-on-accent);border-radius:99px;padding:0 .35rem}
.g li{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;line-height:1.3;margin-top:.15rem;overflow-wrap:anywhere}
.g li span{color:var(--pco-muted)}
.g li.ad{padding:0 .25rem;border-left:3px solid var(--pco-accent);background:var(--pco-surface)}
.g li a{color:var(--pco-fg)}
.g li.s{border-left:3px solid var(--k);padding-left:.25rem}
@media (max-width:36rem){.g{display:none}}
`;

/**
 * Rules of the week view: the month view's navigation, then seven columns on wide screens and
 * a day-by-day list on phones (where days without events are left out).
 */
const WEEK_CSS = `${NAV_CSS}
.w{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:.4rem;list-style:none;padding:0;margin:0 0 1rem}
.w>li{border:1px solid var(--pco-border);border-radius:var(--pco-radius);padding:.35rem;min-width:0}
.w>li.t{border-color:var(--pco-accent);border-width:2px}
.w h3{font-size:.75rem;font-weight:600;color:var(--pco-muted);text-transform:uppercase;letter-spacing:.03em;margin-bottom:.3rem}
.w li li{font-size:.8rem;line-height:1.3;padding:.3rem 0;border-top:1px solid var(--pco-border);overflow-wrap:anywhere}
.w li li p{color:var(--pco-muted)}
.w li li a{display:inline-block;font-weight:600;color:var(--pco-fg);text-decoration-color:var(--pco-accent);padding:.1rem 0}
.w .e{padding:0;font-size:.8rem}
.w li li ul{display:flex;flex-wrap:wrap;gap:0 .5rem;font-size:.75rem;color:var(--pco-muted)}
.w li li li{border:0;padding:0;font-size:inherit}
@media (max-width:48rem){.w{display:block}.w>li{border:0;border-bottom:1px solid var(--pco-border);border-radius:0;padding:.5rem 0}.w>li.t{border-width:0 0 1px}.w>li:has(.e){display:none}.w li li{font-size:.95rem}}
`;

/**
 * Rules of the tiles view: large tiles in a grid, each one link (its title's, stretched over
 * the tile, so the whole tile is a target and the focus ring goes round it).
 */
const TILES_CSS = `
.tl{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.tl>li{position:relative;border:1px solid var(--pco-border);border-radius:var(--pco-radius);overflow:hidden;background:var(--pco-bg);padding:0 1rem 1rem}
.tl figure{position:relative;aspect-ratio:16/9;margin:0 -1rem .8rem;background:linear-gradient(135deg,var(--pco-accent),color-mix(in srgb,var(--pco-accent) 55%,var(--pco-bg)))}
.tl .ni{aspect-ratio:auto;height:6.5rem}
.tl img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}${BADGE_CSS}
.tl h2{font-size:1.3rem;line-height:1.25}
.tl h2 a{color:var(--pco-fg);text-decoration-color:var(--pco-accent)}
.tl h2 a::after{content:"";position:absolute;inset:0}
.tl h2 a:focus-visible{outline:0}
.tl>li:has(a:focus-visible){outline:3px solid var(--pco-accent);outline-offset:2px}
.tl>li:hover h2 a{text-decoration-thickness:2px}
.tl p{color:var(--pco-muted);margin-top:.2rem}
.tl .dy{color:var(--pco-fg);font-size:1.05rem;font-weight:600;margin-top:.4rem}
.tl ul{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.5rem;font-size:.75rem}
.tl li li{padding:.05rem .55rem;border-radius:99px;background:var(--pco-surface);border:1px solid var(--pco-border)}
`;

/**
 * The details dialog (see `Dialog`) and the parts of an event page's `<article>` it shows that
 * the base rules do not cover. Not inline: served as `/widget-dialog.css` (see
 * {@link WIDGET_DIALOG_CSS}), since it is used only once a dialog opens.
 */
const DIALOG_CSS = `
dialog{width:min(40rem,calc(100% - 1rem));max-height:min(90vh,44rem);padding:1rem;border:1px solid var(--pco-border);border-radius:var(--pco-radius);background:var(--pco-bg);color:var(--pco-fg)}
dialog::backdrop{background:#000a}
.x{float:right;font:inherit;font-weight:600;background:var(--pco-bg)}
dialog h1{font-size:1.4rem;line-height:1.2;margin-bottom:.4rem}
dialog h2{font-size:1rem;margin:1rem 0 .3rem}
dialog .m{color:var(--pco-muted);font-size:.9rem}
.hero{width:100%;aspect-ratio:16/9;object-fit:cover}
.ac,.tg{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start;margin-top:.8rem}
.ac details{margin:0}
.tg li{padding:0 .55rem;border-radius:99px;background:var(--pco-surface);border:1px solid var(--pco-border);font-size:.8rem}
.ds{overflow-wrap:anywhere}
.ds ul{list-style:disc;padding-left:1.4rem}
.ds p{margin:.5rem 0}
`;

/**
 * The stylesheet `/widget-dialog.css`, linked at the end of every widget view's body (so it
 * blocks no rendering): the dialog's rules, written with the widget's short custom property
 * names, so the page's tokens (theme, accent) style the dialog.
 */
export const WIDGET_DIALOG_CSS = compact(DIALOG_CSS);

/** The rules each view adds to {@link BASE_CSS}. */
const VIEW_CSS: Record<WidgetView, string> = {
  list: '',
  cards: CARDS_CSS,
  month: MONTH_CSS,
  week: WEEK_CSS,
  tiles: TILES_CSS,
};

/**
 * The widget's inline stylesheet for its options and its tags' colour marks (the dialog's rules
 * are {@link WIDGET_DIALOG_CSS}). Its custom properties lose their `pco-`
 * prefix (`--accent`, `--font`…): the widget's document has no other styles to clash with,
 * and the page is held to a size budget.
 */
export function widgetCss(
  options: {
    accent: string;
    theme: WidgetTheme;
    view: WidgetView;
  },
  marks: readonly TagMarkStyle[] = [],
): string {
  const view = VIEW_CSS[options.view];
  const overrides =
    options.theme === 'transparent' ? transparentRules(themeTokens(options.accent, 'light')) : '';
  return compact(
    `${themeCss(options.accent, options.theme)}${BASE_CSS}body{padding:.75rem}${FIND_CSS}${view}${tagColorCss(marks, options.theme)}${overrides}`,
  );
}

/** A stylesheet as the widget ships it: one line, custom properties without `pco-`. */
function compact(css: string): string {
  return css.replace(/\n/g, '').replace(/--pco-/g, '--');
}
