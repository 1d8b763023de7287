/**
 * Normalisation of shopper-typed identifiers used for order lookup.
 * See domain.md "Finding an order (lookup)".
 */

/** Trim, drop ONE leading `#`, trim again, uppercase (lookups compare case-insensitively). */
export function normaliseOrderNumber(s: string): string {
  let v = s.trim();
  if (v.startsWith('#')) v = v.slice(1);
  return v.trim().toUpperCase();
}

/** Uppercase and drop all whitespace and hyphens: `'1012 ab'` → `'1012AB'`. */
export function normalisePostalCode(s: string): string {
  return s.toUpperCase().replace(/[\s-]+/g, '');
}

/** Uppercase and remove all whitespace. */
export function normaliseTrackingNumber(s: string): string {
  return s.toUpperCase().replace(/\s+/g, '');
}
