// Prefixed, time-ordered identifiers: `ret_01jd…` (48-bit millisecond time + 80 random bits,
// Crockford base32, lowercase), so ids sort by creation and reveal nothing guessable.
// The random bits come from a pool filled by the system's CSPRNG 4 KiB at a time (one call per
// 256 ids instead of one per id); each byte is used once and the pool is refilled when spent.
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const POOL = new Uint8Array(4096);
let used = POOL.length;
let lastTime = -1;
let lastTimeText = '';

function timeText(now: number): string {
  if (now === lastTime) return lastTimeText;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  lastTime = now;
  lastTimeText = time;
  return time;
}

export function newId(prefix: string, now: number = Date.now()): string {
  if (used + 16 > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  let rand = '';
  // 256 is a multiple of 32, so `byte % 32` is uniform: 5 random bits per character.
  for (let i = used; i < used + 16; i++) rand += ALPHABET[(POOL[i] as number) % 32];
  used += 16;
  return `${prefix}_${timeText(now)}${rand}`;
}
