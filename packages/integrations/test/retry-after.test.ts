import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from '../src/retry-after.ts';

const now = Date.parse('2026-06-15T10:00:00.000Z');

describe('Retry-After', () => {
  it.each([
    ['2', 2000],
    ['2.0', 2000],
    ['0', 0],
    ['Mon, 15 Jun 2026 10:00:03 GMT', 3000],
    ['Mon, 15 Jun 2026 09:59:00 GMT', 0],
    [null, null],
    ['', null],
    ['-1', null],
    ['soon', null],
  ])('%j → %j ms', (header, ms) => {
    expect(parseRetryAfterMs(header, now)).toBe(ms);
  });
});
