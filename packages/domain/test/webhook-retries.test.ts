import { describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS, webhookRetryDelay } from '../src/webhook-retries.ts';

describe('webhook retry schedule', () => {
  it.each([
    [1, 60_000],
    [2, 5 * 60_000],
    [9, 12 * 60 * 60_000],
    [10, null],
    [0, null],
  ])('after %i failed attempts wait %s ms', (attempts, delay) => {
    expect(webhookRetryDelay(attempts)).toBe(delay);
  });
  it('makes 10 attempts over about a day, each wait longer than the last', () => {
    expect(MAX_WEBHOOK_ATTEMPTS).toBe(10);
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(24);
    expect(total / 3_600_000).toBeLessThan(30);
    for (let i = 1; i < WEBHOOK_RETRY_DELAYS_MS.length; i++)
      expect(WEBHOOK_RETRY_DELAYS_MS[i]).toBeGreaterThan(WEBHOOK_RETRY_DELAYS_MS[i - 1] as number);
  });
});
