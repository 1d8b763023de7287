/**
 * Short human return references (`R-7K3Q9M`), printed on labels and used by support.
 * Randomness is passed in (e.g. crypto.getRandomValues at the edge) to keep this pure.
 */

/** Crockford-like: no 0/1/I/L/O/U, so references survive being read aloud or handwritten. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const LENGTH = 6;
const REFERENCE_RE = new RegExp(`^R-[${REFERENCE_ALPHABET}]{${LENGTH}}$`);

/**
 * `R-` + 6 characters from REFERENCE_ALPHABET, one per byte (byte mod 30). Needs at least 6
 * bytes. The mod bias (256 = 8×30 + 16) is slight and harmless: references are looked up
 * together with the merchant and are not secrets.
 */
export function formatReference(randomBytes: Uint8Array): string {
  if (randomBytes.length < LENGTH) {
    throw new RangeError(`formatReference: need at least ${LENGTH} random bytes, got ${randomBytes.length}`);
  }
  let out = 'R-';
  for (let i = 0; i < LENGTH; i++) {
    out += REFERENCE_ALPHABET[(randomBytes[i] as number) % REFERENCE_ALPHABET.length];
  }
  return out;
}

/** True for a well-formed reference (exact case, as printed). */
export function isReference(s: string): boolean {
  return REFERENCE_RE.test(s);
}
