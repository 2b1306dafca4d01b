/** `Retry-After` as PCO may send it (RFC 9110 §10.2.3: delay-seconds or an HTTP-date). */
import { describe, expect, it } from 'vitest';
import { parseRetryAfterSeconds } from './rate-limit';

const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('parseRetryAfterSeconds', () => {
  it('reads delay-seconds and an HTTP-date', () => {
    expect(parseRetryAfterSeconds('17', NOW)).toBe(17);
    expect(parseRetryAfterSeconds(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfterSeconds('Wed, 02 Dec 2026 10:01:30 GMT', NOW)).toBe(90);
    // The obsolete RFC 850 form a recipient must also accept (§5.6.7).
    expect(parseRetryAfterSeconds('Wednesday, 02-Dec-26 10:00:05 GMT', NOW)).toBe(5);
    expect(parseRetryAfterSeconds('Wed, 02 Dec 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('answers undefined for what is neither, instead of a date in the past (a wait of 0 s)', () => {
    for (const value of ['1.5', '-5', '+5', '5s', '', '2026-12-02', 'soon', '1e3']) {
      expect(parseRetryAfterSeconds(value, NOW), value).toBeUndefined();
    }
    expect(parseRetryAfterSeconds(null, NOW)).toBeUndefined();
  });
});
