/**
 * The TZID an organization's zone is published under: its canonical IANA name, which every
 * `TZID=` parameter and the VTIMEZONE (render/vtimezone) share (RFC 5545 §3.2.19; Outlook
 * shifts times whose TZID has no VTIMEZONE). IANA aliases map to their canonical zone:
 * `US/Central` → `America/Chicago`, `Europe/Kiev` → `Europe/Kyiv`, `UTC` → `Etc/UTC`.
 *
 * Intl resolves links (`US/Central`, `Australia/NSW`, `GMT`) to CLDR's canonical IDs, which keep
 * some names IANA has since replaced (workerd and Node 20 alike: `Europe/Kyiv` resolves to
 * `Europe/Kiev`, `Asia/Kolkata` to `Asia/Calcutta`, every UTC alias to `UTC`); those few are
 * renamed to their IANA names here ({@link CLDR_TO_IANA}, from tzdata's `backward` file).
 */
import { isValidTimeZone } from './zoned-time';

/** CLDR's canonical IDs that IANA has renamed: CLDR ID → IANA's current name. */
const CLDR_TO_IANA: Readonly<Record<string, string>> = {
  UTC: 'Etc/UTC',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The canonical IANA name of a zone, or the zone itself when the runtime does not know it.
 *
 * @param zone an IANA zone name or alias (see {@link isValidTimeZone})
 * @example canonicalTzid('US/Central') // 'America/Chicago'
 */
export function canonicalTzid(zone: string): string {
  if (!isValidTimeZone(zone)) return zone;
  const cldr = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  const tzid = CLDR_TO_IANA[cldr] ?? cldr;
  return isValidTimeZone(tzid) ? tzid : zone;
}
