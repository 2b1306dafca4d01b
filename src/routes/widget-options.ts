/**
 * The widget's display parameters (`view`, `month`, `accent`, `theme`, `font`), validated into
 * {@link WidgetOptions}. Filters and unknown names are checked by `parseSelection` (route kind
 * `widget`); a bad value here is a {@link BadRequestError} naming the parameter.
 */
import { parseHex, toHex } from '../render/widget/color';
import {
  DEFAULT_WIDGET_OPTIONS,
  WIDGET_FONTS,
  WIDGET_THEMES,
  WIDGET_VIEWS,
  type WidgetOptions,
} from '../render/widget/options';
import { BadRequestError } from './errors';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new BadRequestError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/**
 * Validates the widget's display parameters.
 *
 * | parameter | rule |
 * | --- | --- |
 * | `view` | `list` (default), `cards` or `month` |
 * | `month` | `YYYY-MM`; implies `view=month` when `view` is absent, and is refused with another view |
 * | `accent` | a hex colour, `#rgb` or `#rrggbb` (the `#` may be left out, as `%23` is easy to forget) |
 * | `theme` | `light` (default), `dark`, `auto` (follows the reader's setting) or `transparent` (the embedding page's background and text colour) |
 * | `font` | `system` (default) or `inherit` (the embedding page's font, via embed.js) |
 *
 * @throws {BadRequestError} naming the first invalid or repeated parameter
 */
export function parseWidgetOptions(params: URLSearchParams): WidgetOptions {
  const single = (name: string): string | undefined => {
    const values = params.getAll(name);
    if (values.length > 1) throw new BadRequestError(`${name} may be given only once`);
    return values[0];
  };
  const view = single('view');
  const month = single('month');
  const accent = single('accent');
  const theme = single('theme');
  const font = single('font');
  if (month !== undefined) {
    const match = MONTH.exec(month);
    if (!match || Number(match[1]) < 1900) {
      throw new BadRequestError(`month must be YYYY-MM, e.g. 2026-11 (got "${month}")`);
    }
    if (view !== undefined && view !== 'month') {
      throw new BadRequestError(`month applies to view=month only (got view "${view}")`);
    }
  }
  let accentHex = DEFAULT_WIDGET_OPTIONS.accent;
  if (accent !== undefined) {
    const rgb = parseHex(accent);
    if (!rgb) {
      throw new BadRequestError(`accent must be a hex colour like #2563eb (got "${accent}")`);
    }
    accentHex = toHex(rgb);
  }
  return {
    view:
      view !== undefined
        ? oneOf('view', view, WIDGET_VIEWS)
        : month !== undefined
          ? 'month'
          : DEFAULT_WIDGET_OPTIONS.view,
    month,
    accent: accentHex,
    theme:
      theme === undefined ? DEFAULT_WIDGET_OPTIONS.theme : oneOf('theme', theme, WIDGET_THEMES),
    font: font === undefined ? DEFAULT_WIDGET_OPTIONS.font : oneOf('font', font, WIDGET_FONTS),
  };
}
