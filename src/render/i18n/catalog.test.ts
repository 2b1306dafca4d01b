/**
 * The message catalogue: every language has every message, no message is left in English,
 * and dates come out in the language (weekday and month names from CLDR via Intl) and in the
 * church's zone.
 */
import { describe, expect, it } from 'vitest';
import { messagesFor } from './catalog';
import { localDates } from './dates';
import { LANGUAGES } from './languages';

const en = messagesFor('en');
/** Proper nouns that a language may keep as in English. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Outlook.com', 'Microsoft 365', 'Google Calendar']);

describe('message catalogue', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s translates every message', (lang) => {
    const messages = messagesFor(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(messages)) {
      const english = en[key as keyof typeof en];
      expect(typeof value, key).toBe(typeof english);
      const [mine, theirs] =
        typeof value === 'function'
          ? [value('X'), (english as (s: string) => string)('X')]
          : [value, english as string];
      expect(mine.trim(), key).not.toBe('');
      if (!SAME_IN_EVERY_LANGUAGE.has(theirs)) expect(mine, `${lang}.${key}`).not.toBe(theirs);
      if (typeof value === 'function') expect(mine, key).toContain('X');
    }
  });
});

describe('LocalDates', () => {
  // 15:00 UTC on Sunday 2026-11-22 is 09:00 in Chicago (CST).
  const sunday = Date.parse('2026-11-22T15:00:00Z');

  it.each([
    ['en', 'Sunday, November 22, 2026'],
    ['es', 'domingo, 22 de noviembre de 2026'],
    ['pt', 'domingo, 22 de novembro de 2026'],
    ['fr', 'dimanche 22 novembre 2026'],
    ['de', 'Sonntag, 22. November 2026'],
    ['ko', '2026년 11월 22일 일요일'],
  ] as const)('writes the date in %s', (lang, expected) => {
    expect(localDates(lang, 'America/Chicago', false).longDate(sunday)).toBe(expected);
  });

  it('keeps the church’s zone: 15:00 UTC is 9:00 in Chicago, 00:00 the next day in Seoul', () => {
    expect(localDates('de', 'America/Chicago', true).clock(sunday)).toBe('09:00');
    expect(localDates('ko', 'Asia/Seoul', true).longDate(sunday)).toBe('2026년 11월 23일 월요일');
  });

  it('uses the church’s 12-hour clock in English and the language’s own clock otherwise', () => {
    const norm = (s: string) => s.replace(/\s/g, ' ');
    expect(norm(localDates('en', 'America/Chicago', false).clock(sunday))).toBe('9:00 AM');
    expect(localDates('es', 'America/Chicago', false).clock(sunday + 6 * 3_600_000)).toBe('15:00');
    expect(norm(localDates('ko', 'America/Chicago', false).clock(sunday))).toBe('오전 9:00');
  });

  it('lists weekday names Sunday first', () => {
    const days = localDates('es', 'America/Chicago', false).weekdays();
    expect(days.map((d) => d.long)).toEqual([
      'domingo',
      'lunes',
      'martes',
      'miércoles',
      'jueves',
      'viernes',
      'sábado',
    ]);
  });
});
