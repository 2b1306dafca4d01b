/**
 * Colour arithmetic for the widget's themes: WCAG 2.x contrast ratios, and an accent colour
 * nudged until it reaches a target contrast against a background, so any `accent=` a church
 * picks stays readable (AA) in both the light and the dark theme.
 *
 * @see https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
 */

/** An sRGB colour, channels 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Parses `#rgb`, `#rrggbb` (the `#` optional), or returns null.
 *
 * @example parseHex('#2563eb') // { r: 37, g: 99, b: 235 }
 */
export function parseHex(text: string): Rgb | null {
  const match = HEX.exec(text);
  if (!match?.[1]) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  const n = Number.parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** `#rrggbb`, lower case. */
export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance, 0 (black) … 1 (white). */
export function luminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => ({
  r: Math.round(a.r + (b.r - a.r) * t),
  g: Math.round(a.g + (b.g - a.g) * t),
  b: Math.round(a.b + (b.b - a.b) * t),
});

const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/**
 * `color` unchanged if it has at least `ratio` contrast on `background`; otherwise the
 * smallest mix of it towards black (light backgrounds) or white (dark ones) that does.
 *
 * @param ratio target contrast, e.g. 4.5 for AA body text
 */
export function withContrast(color: Rgb, background: Rgb, ratio: number): Rgb {
  if (contrastRatio(color, background) >= ratio) return color;
  const toward = luminance(background) > 0.18 ? BLACK : WHITE;
  for (let step = 1; step <= 100; step++) {
    const candidate = mix(color, toward, step / 100);
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return toward;
}

/** Black or white, whichever reads better on `background` (always ≥ 4.5:1). */
export function textOn(background: Rgb): Rgb {
  return contrastRatio(WHITE, background) >= contrastRatio(BLACK, background) ? WHITE : BLACK;
}
