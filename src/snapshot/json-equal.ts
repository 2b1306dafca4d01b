/**
 * Equality of JSON-shaped values, as `JSON.stringify(a) === JSON.stringify(b)` would judge
 * them when both were built in the same key order, without building either string.
 *
 * Key order is ignored; a key whose value is `undefined` counts as absent (JSON drops it).
 */

/**
 * Whether two JSON-shaped values (string, number, boolean, null, arrays and plain objects of
 * them) are equal. Identical references and strings answer at once.
 *
 * @param ignoredKey [opt=none] a key of the two top-level objects left out of the comparison
 */
export function jsonEqual(a: unknown, b: unknown, ignoredKey?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined || key === ignoredKey) continue;
    defined += 1;
    if (!jsonEqual(value, right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined && key !== ignoredKey) defined -= 1;
  return defined === 0;
}
