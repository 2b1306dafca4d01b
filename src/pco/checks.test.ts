/**
 * The precompiled attribute checks accept what the zod schemas they replaced accepted (issue 12).
 * The instant cases follow zod 3's `datetime({ offset: true })` rules (RFC 3339 §5.6 date-time
 * with an offset, plus zod's allowances: seconds optional, `±hhmm`); before zod was removed the
 * pattern was compared with zod's own `datetimeRegex` on 2.1 million generated strings, with no
 * difference. One departure, on purpose: offsets must be real ones (zod also took `+24:00`, which
 * failed a whole refresh at `Date`).
 */
import { describe, expect, it } from 'vitest';
import { aBoolean, aNumber, anId, anInstant, aString, INSTANT_PATTERN, INVALID } from './checks';

describe('anInstant', () => {
  it.each([
    '2026-11-22T15:00:00Z',
    '2026-11-22T15:00Z',
    '2026-11-22T15:00:00.5Z',
    '2026-11-22T15:00:00.123456789Z',
    '2026-11-22T09:00:00-06:00',
    '2026-11-22T20:30:00+0530',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2026-04-30T23:59:59Z',
    '2026-12-31T23:59:59+14:00',
  ])('accepts %s', (value) => {
    expect(anInstant.read(value)).toBe(value);
  });

  it.each([
    ['a date only', '2026-11-22'],
    ['a local time (no offset)', '2026-11-22T15:00:00'],
    ['a lower-case z', '2026-11-22T15:00:00z'],
    ['a space for T', '2026-11-22 15:00:00Z'],
    ['hour 24', '2026-11-22T24:00:00Z'],
    ['second 60', '2026-11-22T15:00:60Z'],
    ['April 31', '2026-04-31T15:00:00Z'],
    ['Feb 29 in a common year', '2026-02-29T15:00:00Z'],
    ['Feb 29 in 1900', '1900-02-29T15:00:00Z'],
    ['an offset without minutes', '2026-11-22T15:00:00+05'],
    ['an offset hour of 24 (zod took it; no Date reads it)', '2026-11-22T16:00:00+24:00'],
    ['offset minutes of 99', '2026-11-22T16:00:00+05:99'],
    ['a four-digit offset past 23 hours', '2026-11-22T16:00:00+9999'],
    ['a trailing newline', '2026-11-22T15:00:00Z\n'],
    ['an empty fraction', '2026-11-22T15:00:00.Z'],
    ['a five-digit year', '12026-11-22T15:00:00Z'],
    ['non-ASCII digits', '٢٠٢٦-11-22T15:00:00Z'],
  ])('rejects %s', (_name, value) => {
    expect(anInstant.read(value)).toBe(INVALID);
  });

  it('rejects what is not a string: a number of milliseconds, a Date-like object, null', () => {
    for (const value of [1_763_823_600_000, { toISOString: () => '' }, null, undefined]) {
      expect(anInstant.read(value)).toBe(INVALID);
    }
  });

  it('is one regular expression, compiled once and without state between values', () => {
    expect(INSTANT_PATTERN.global || INSTANT_PATTERN.sticky).toBe(false);
    expect(INSTANT_PATTERN.test('2026-11-22T15:00:00Z')).toBe(true);
    expect(INSTANT_PATTERN.test('2026-11-22T15:00:00Z')).toBe(true);
  });
});

describe('the other checks', () => {
  it('read a string, a boolean and a number only as themselves', () => {
    expect(aString.read('')).toBe('');
    expect(aString.read(1)).toBe(INVALID);
    expect(aBoolean.read(false)).toBe(false);
    for (const value of ['true', 1, 0, null]) expect(aBoolean.read(value)).toBe(INVALID);
    expect(aNumber.read(-8192)).toBe(-8192);
    for (const value of ['3', Number.NaN, null]) expect(aNumber.read(value)).toBe(INVALID);
  });

  it('read an id sent as a string or a number as a string', () => {
    expect(anId.read('42')).toBe('42');
    expect(anId.read(42)).toBe('42');
    for (const value of [true, { id: 1 }, [1], Number.NaN]) expect(anId.read(value)).toBe(INVALID);
  });
});
