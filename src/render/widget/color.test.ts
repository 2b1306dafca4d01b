import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, textOn, toHex, withContrast } from './color';
import { NEUTRALS, themeTokens } from './styles';

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
