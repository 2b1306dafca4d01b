/**
 * The widget's display options (`view`, `month`, `week`, `accent`, `theme`, `font`, `chips`)
 * and their defaults.
 */

/**
 * `list`: grouped by day; `cards`: a grid of cards with images; `month`: a month grid; `week`:
 * seven days, a column each on wide screens and a day-by-day list on phones; `tiles`: the next
 * occurrence of each featured event as a large tile, for a church's home page.
 */
export type WidgetView = 'list' | 'cards' | 'month' | 'week' | 'tiles';
/**
 * `light` (default); `dark`; `auto` follows the reader's `prefers-color-scheme`; `transparent`
 * shows the embedding page's own background through the widget, with the page's text colour
 * (sent by embed.js).
 */
export type WidgetTheme = 'light' | 'dark' | 'auto' | 'transparent';
/** `system`: the platform's UI font; `inherit`: the embedding page's font (sent by embed.js). */
export type WidgetFont = 'inherit' | 'system';

/** Every accepted `view`, in the order the docs list them. */
export const WIDGET_VIEWS: readonly WidgetView[] = ['list', 'cards', 'month', 'week', 'tiles'];
/** Every accepted `theme`, in the order the docs list them. */
export const WIDGET_THEMES: readonly WidgetTheme[] = ['light', 'dark', 'auto', 'transparent'];
/** Every accepted `font`, in the order the docs list them. */
export const WIDGET_FONTS: readonly WidgetFont[] = ['system', 'inherit'];

/** Validated display options of one widget request. */
export interface WidgetOptions {
  view: WidgetView;
  /** Month view: `YYYY-MM`; undefined means the current month in the organization's zone. */
  month: string | undefined;
  /** Week view: any local date of the week, `YYYY-MM-DD`; undefined means this week. */
  week: string | undefined;
  /** Accent colour, `#rrggbb`. */
  accent: string;
  theme: WidgetTheme;
  font: WidgetFont;
  /** Show the tag chips (when the calendar has more than one public tag); `chips=false` hides them. */
  chips: boolean;
}

/** The accent when none is given: blue, 5.2:1 on white. */
export const DEFAULT_ACCENT = '#2563eb';

/** Defaults of every option. */
export const DEFAULT_WIDGET_OPTIONS: WidgetOptions = {
  view: 'list',
  month: undefined,
  week: undefined,
  accent: DEFAULT_ACCENT,
  theme: 'light',
  font: 'system',
  chips: true,
};
