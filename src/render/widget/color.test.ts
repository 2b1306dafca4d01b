import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, textOn, toHex, withContrast } from './color';
import { markColor, NEUTRALS, tagColorCss, themeTokens } from './styles';

const rgb = (hex: string) => {
  const color = parseHex(hex);
  if (!color) throw new Error(`bad colour ${hex}`);
  return color;
};

describe('parseHex', () => {
  it('reads #rgb and #rrggbb, with or without #', () => {
    expect(parseHex('#2563eb')).toEqual({ r: 37, g: 99, b: 235 });
    expect(parseHex('fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(toHex(rgb('#ABC'))).toBe('#aabbcc');
  });

  it('rejects anything else', () => {
    for (const text of ['', '#12', '#1234', 'red', '#ggg', 'url(x)', '#2563eb;']) {
      expect(parseHex(text), text).toBeNull();
    }
  });
});

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio(rgb('#000'), rgb('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(rgb('#fff'), rgb('#fff'))).toBe(1);
    expect(contrastRatio(rgb('#777'), rgb('#fff'))).toBeCloseTo(4.48, 2);
  });
});

describe('withContrast', () => {
  it('keeps a colour that already passes', () => {
    expect(withContrast(rgb('#2563eb'), rgb('#fff'), 4.5)).toEqual(rgb('#2563eb'));
  });

  it('darkens on light and lightens on dark backgrounds until the ratio is met', () => {
    const yellowOnWhite = withContrast(rgb('#ffff00'), rgb('#fff'), 4.5);
    expect(contrastRatio(yellowOnWhite, rgb('#fff'))).toBeGreaterThanOrEqual(4.5);
    const navyOnDark = withContrast(rgb('#000080'), rgb('#15181d'), 4.5);
    expect(contrastRatio(navyOnDark, rgb('#15181d'))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('textOn', () => {
  it('picks black or white with at least 4.5:1', () => {
    for (const hex of ['#000', '#fff', '#777', '#2563eb', '#ffff00', '#767676', '#008000']) {
      expect(contrastRatio(textOn(rgb(hex)), rgb(hex)), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('themes (WCAG AA in light and dark)', () => {
  it('has AA text on every neutral background', () => {
    for (const theme of ['light', 'dark'] as const) {
      const n = NEUTRALS[theme];
      for (const background of [n.bg, n.surface]) {
        for (const text of [n.fg, n.muted]) {
          expect(
            contrastRatio(rgb(text), rgb(background)),
            `${theme} ${text}/${background}`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it('adjusts any accent to AA for links and buttons', () => {
    const accents = ['#2563eb', '#ffff00', '#000000', '#ffffff', '#777777', '#e11d48', '#00ff00'];
    for (const accent of accents) {
      for (const theme of ['light', 'dark'] as const) {
        const t = themeTokens(accent, theme);
        const label = `${accent} ${theme}`;
        expect(contrastRatio(rgb(t.accent), rgb(t.bg)), label).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(rgb(t.accent), rgb(t.surface)), label).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(rgb(t.onAccent), rgb(t.accent)), label).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('tag colour marks (WCAG 1.4.11, 3:1 in both themes)', () => {
  // PCO's palette has light colours (yellow, lime) that vanish on white, and dark ones on black.
  const colours = ['#eeb902', '#97cc04', '#ffff00', '#2d7dd2', '#000080', '#111111', '#ffffff'];
  it.each(colours)('draws %s at 3:1 or more on both backgrounds of each theme', (hex) => {
    for (const theme of ['light', 'dark'] as const) {
      const mark = parseHex(markColor(hex, theme));
      for (const bg of [NEUTRALS[theme].bg, NEUTRALS[theme].surface]) {
        expect(
          contrastRatio(mark ?? { r: 0, g: 0, b: 0 }, parseHex(bg) ?? { r: 0, g: 0, b: 0 }),
        ).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('keeps a colour that already has the contrast', () => {
    expect(markColor('#2d7dd2', 'light')).toBe('#2d7dd2');
    expect(markColor('#eeb902', 'dark')).toBe('#eeb902');
    expect(markColor('#eeb902', 'light')).not.toBe('#eeb902');
  });

  it('switches with the reader’s scheme in the auto theme', () => {
    const css = tagColorCss([{ cls: 'k0', color: '#eeb902' }], 'auto');
    expect(css).toBe(
      `.k0{--k:${markColor('#eeb902', 'light')}}@media (prefers-color-scheme:dark){.k0{--k:#eeb902}}`,
    );
    expect(tagColorCss([], 'auto')).toBe('');
  });
});
