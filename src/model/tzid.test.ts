import { describe, expect, it } from 'vitest';
import { canonicalTzid } from './tzid';

describe('canonicalTzid', () => {
  it.each([
    ['US/Central', 'America/Chicago'],
    ['America/Chicago', 'America/Chicago'],
    ['Australia/NSW', 'Australia/Sydney'],
    ['UTC', 'Etc/UTC'],
    ['Etc/UTC', 'Etc/UTC'],
    ['GMT', 'Etc/UTC'],
    // Names CLDR (so Intl) keeps but IANA has replaced.
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ])('publishes %s as %s', (zone, tzid) => {
    expect(canonicalTzid(zone)).toBe(tzid);
  });

  it('leaves a zone the runtime does not know as it is', () => {
    expect(canonicalTzid('Mars/Olympus_Mons')).toBe('Mars/Olympus_Mons');
  });
});
