/**
 * Precompiled checks of one PCO attribute value each: plain functions built once at module load,
 * with the instant's regular expression compiled once.
 *
 * They replace zod (issue 12): zod 3 rebuilt the `datetime()` regex for every value, built an
 * issue object for every failed union option, and was 14.8 KB of the gzipped Worker. The checks
 * accept exactly what the zod schemas they replace accepted (`z.string()`, `z.boolean()`,
 * `z.number()`, `z.string().datetime({ offset: true })`, and `z.union([z.string(), z.number()])`
 * turned into a string); `checks.test.ts` holds the cases.
 */

/** What a check returns for a value it does not accept. */
export const INVALID: unique symbol = Symbol('invalid');
/** The type of {@link INVALID}. */
export type Invalid = typeof INVALID;

/** A check of one JSON value: what it accepts, in words, and its reader. */
export interface Check<T> {
  /** What the check accepts, for messages: e.g. `a boolean`. Never contains a value. */
  readonly expects: string;
  /** The value as decoded (typed, or converted), or {@link INVALID}. Never throws. */
  readonly read: (value: unknown) => T | Invalid;
}

/** The decoded type of a check. */
export type Checked<C> = C extends Check<infer T> ? T : never;

/** A JSON string. */
export const aString: Check<string> = {
  expects: 'a string',
  read: (value) => (typeof value === 'string' ? value : INVALID),
};

/** A JSON boolean (`true`/`false`; never the strings `"true"`, `"1"`). */
export const aBoolean: Check<boolean> = {
  expects: 'a boolean',
  read: (value) => (typeof value === 'boolean' ? value : INVALID),
};

/** A JSON number (as `z.number()`: not NaN, which JSON cannot carry anyway). */
export const aNumber: Check<number> = {
  expects: 'a number',
  read: (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : INVALID),
};

/**
 * ISO 8601 date-time with `Z` or a numeric offset, as PCO writes instants
 * (`2026-11-22T15:00:00Z`): the pattern of zod 3's `datetime({ offset: true })`, seconds and
 * fractions optional, offsets `±hh:mm` or `±hhmm`, calendar dates only (Feb 29 in leap years,
 * no April 31), except that the offset must be a real one (hours 00–23, minutes 00–59): zod
 * took `+24:00` or `+99:99`, which no Date can read, and one such value failed a whole
 * refresh instead of its record. Compiled once.
 */
export const INSTANT_PATTERN =
  /^(?:(?:\d\d(?:[2468][048]|[13579][26]|0[48])|(?:[02468][048]|[13579][26])00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** A UTC instant as PCO writes it (a string matching {@link INSTANT_PATTERN}), unchanged. */
export const anInstant: Check<string> = {
  expects: 'an ISO 8601 date-time with offset',
  read: (value) =>
    typeof value === 'string' && INSTANT_PATTERN.test(value) && !Number.isNaN(Date.parse(value))
      ? value
      : INVALID,
};

/** A record id that PCO may send as a string or a number, always read as a string. */
export const anId: Check<string> = {
  expects: 'a string or a number',
  read: (value) =>
    typeof value === 'string'
      ? value
      : typeof value === 'number' && !Number.isNaN(value)
        ? String(value)
        : INVALID,
};
