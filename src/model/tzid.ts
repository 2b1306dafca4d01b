/**
 * The TZID an organization's zone is published under: the name timezones-ical-library writes
 * in its VTIMEZONE, so every `TZID=` parameter has a matching VTIMEZONE (RFC 5545 §3.2.19;
 * Outlook shifts times otherwise). IANA aliases map to their canonical zone: `US/Central` →
 * `America/Chicago`, `Europe/Kiev` → `Europe/Kyiv`, `UTC` → `Etc/UTC`.
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { isValidTimeZone } from './zoned-time';

/**
 * The canonical TZID of an IANA zone, or the zone itself when the library has no VTIMEZONE for
 * it or luxon does not know the canonical name.
 *
 * @param zone a valid IANA zone (see {@link isValidTimeZone})
 */
export function canonicalTzid(zone: string): string {
  const tzid = /^TZID=(.+)$/.exec(tzlib_get_ical_block(zone)[1] ?? '')?.[1];
  return tzid && isValidTimeZone(tzid) ? tzid : zone;
}
