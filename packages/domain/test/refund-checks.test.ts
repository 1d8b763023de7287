import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isFinalRefundStatus,
  MAX_REFUND_CHECKS,
  REFUND_CHECK_DELAYS_MS,
  refundCheckDelay,
  refundStatusKind,
} from '../src/refund-checks.ts';

describe('refund statuses', () => {
  it.each([
    ['queued', 'in_progress', false],
    ['pending', 'in_progress', false],
    ['processing', 'in_progress', false],
    ['refunded', 'refunded', true],
    ['failed', 'failed', true],
    ['canceled', 'failed', true],
    ['something-new', 'unknown', false],
    [null, 'unknown', false],
  ])('%s is %s (final: %s)', (status, kind, final) => {
    expect(refundStatusKind(status)).toBe(kind);
    expect(isFinalRefundStatus(status)).toBe(final);
  });
});

describe('refund check schedule', () => {
  it.each([
    [1, 15 * 60_000],
    [2, 30 * 60_000],
    [10, 24 * 60 * 60_000],
    [11, null],
    [0, null],
  ])('check %i waits %s ms', (check, delay) => {
    expect(refundCheckDelay(check)).toBe(delay);
  });
  it('checks ten times over about five days, never waiting less than before', () => {
    expect(MAX_REFUND_CHECKS).toBe(10);
    const days = REFUND_CHECK_DELAYS_MS.reduce((a, b) => a + b, 0) / 86_400_000;
    expect(days).toBeGreaterThan(4);
    expect(days).toBeLessThan(6);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: MAX_REFUND_CHECKS }), (n) => {
        expect(refundCheckDelay(n)).toBeGreaterThanOrEqual(refundCheckDelay(n - 1) as number);
      }),
    );
  });
});
