// Prefixed, time-ordered identifiers: `ret_01jd…` (48-bit millisecond time + 80 random bits,
// Crockford base32, lowercase), so ids sort by creation and reveal nothing guessable.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[(bytes[i] as number) % 32];
  return `${prefix}_${time}${rand}`;
}
