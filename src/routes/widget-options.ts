/**
 * The widget's display parameters (`view`, `month`, `week`, `accent`, `theme`, `font`, `chips`), validated into
 * {@link WidgetOptions}. Filters and unknown names are checked by `parseQuery` (route kind
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
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Whether a year can be shown: from 1900, and before 9999, so that the next month or week a
 * view links to still has a 4-digit year (`10000-01` is no date Intl or `Date.parse` reads).
 */
const isShownYear = (year = ''): boolean => year >= '1900' && year < '9999';

/** True for a real calendar date `YYYY-MM-DD` in a {@link isShownYear shown year}. */
function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match || !isShownYear(match[1])) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === value;
}

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
 * | `view` | `list` (default), `cards`, `month`, `week` or `tiles` |
 * | `month` | `YYYY-MM`; implies `view=month` when `view` is absent, and is refused with another view |
 * | `week` | `YYYY-MM-DD`, any day of the week; implies `view=week` likewise |
 * | `accent` | a hex colour, `#rgb` or `#rrggbb` (the `#` may be left out, as `%23` is easy to forget) |
 * | `theme` | `light` (default), `dark`, `auto` (follows the reader's setting) or `transparent` (the embedding page's background and text colour) |
 * | `font` | `system` (default) or `inherit` (the embedding page's font, via embed.js) |
 * | `chips` | `true` (default: tag chips when the calendar has more than one public tag) or `false` |
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
  const week = single('week');
  const accent = single('accent');
  const theme = single('theme');
  const font = single('font');
  const chips = single('chips');
  if (chips !== undefined && chips !== 'true' && chips !== 'false') {
    throw new BadRequestError(`chips must be "true" or "false" (got "${chips}")`);
  }
  if (month !== undefined) {
    const match = MONTH.exec(month);
    if (!match || !isShownYear(match[1])) {
      throw new BadRequestError(
        `month must be YYYY-MM from 1900-01 to 9998-12, e.g. 2026-11 (got "${month}")`,
      );
    }
    if (view !== undefined && view !== 'month') {
      throw new BadRequestError(`month applies to view=month only (got view "${view}")`);
    }
  }
  if (week !== undefined) {
    if (!isDate(week)) {
      throw new BadRequestError(
        `week must be a date YYYY-MM-DD from 1900 to 9998, e.g. 2026-11-22 (got "${week}")`,
      );
    }
    if (month !== undefined) throw new BadRequestError('week and month cannot be given together');
    if (view !== undefined && view !== 'week') {
      throw new BadRequestError(`week applies to view=week only (got view "${view}")`);
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
          : week !== undefined
            ? 'week'
            : DEFAULT_WIDGET_OPTIONS.view,
    month,
    week,
    accent: accentHex,
    theme:
      theme === undefined ? DEFAULT_WIDGET_OPTIONS.theme : oneOf('theme', theme, WIDGET_THEMES),
    font: font === undefined ? DEFAULT_WIDGET_OPTIONS.font : oneOf('font', font, WIDGET_FONTS),
    chips: chips === undefined ? DEFAULT_WIDGET_OPTIONS.chips : chips === 'true',
  };
}
