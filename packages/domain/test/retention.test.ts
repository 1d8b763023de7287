import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinished, longestWindow, PERSONAL_DATA_RETENTION_DAYS, retentionCutoff } from '../src/retention.ts';

describe('personal-data retention', () => {
  it.each([
    ['2027-07-15T00:00:00.000Z', 30, '2026-06-15T00:00:00.000Z'],
    ['2027-06-29T12:00:00.000Z', 14, '2026-06-15T12:00:00.000Z'],
    ['2028-06-14T00:00:00.000Z', 365, '2026-06-15T00:00:00.000Z'],
  ])('at %s with a %i-day window, orders placed before %s are past retention', (now, window, cutoff) => {
    expect(retentionCutoff(new Date(now), window).toISOString()).toBe(cutoff);
  });
  it('keeps data at least the window + 365 days after the order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 14, max: 365 }), (t, window) => {
        const now = new Date(t + 1e12);
        const days = (now.getTime() - retentionCutoff(now, window).getTime()) / 86_400_000;
        expect(days).toBe(window + PERSONAL_DATA_RETENTION_DAYS);
      }),
    );
  });
  it.each([
    [[], 365],
    [[14], 14],
    [[30, 60, 14], 60],
  ])('the longest window of %j is %i', (windows, expected) => {
    expect(longestWindow(windows)).toBe(expected);
  });
  it.each([
    ['completed', true],
    ['cancelled', true],
    ['rejected', true],
    ['open', false],
    ['received', false],
    ['awaiting_payment', false],
    ['payment_failed', false],
  ])('%s is finished: %s', (status, finished) => {
    expect(isFinished(status)).toBe(finished);
  });
});
