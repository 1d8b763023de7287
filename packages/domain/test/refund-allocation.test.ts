import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRefund } from '../src/refund-allocation.ts';

describe('allocateRefund', () => {
  it.each([
    ['exactly the lines', 5990, [2995, 2995], [2995, 2995], 0],
    ['less than the lines: first lines first', 4000, [2995, 2995], [2995, 1005], 0],
    ['more than the lines: the rest stays unallocated', 7000, [2995, 2995], [2995, 2995], 1010],
    ['nothing', 0, [2995], [0], 0],
    ['no lines', 500, [], [], 500],
  ])('%s', (_name, amount, values, expected, rest) => {
    const result = allocateRefund(
      amount,
      values.map((value, key) => ({ key, value })),
    );
    expect(result.allocated.map((a) => a.amount)).toEqual(expected);
    expect(result.rest).toBe(rest);
  });

  it('never gives a line more than its value, and allocated + rest = amount', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(100_000), { maxLength: 20 }), (amount, values) => {
        const { allocated, rest } = allocateRefund(
          amount,
          values.map((value, key) => ({ key, value })),
        );
        for (const [i, a] of allocated.entries()) expect(a.amount).toBeLessThanOrEqual(values[i] as number);
        expect(allocated.reduce((sum, a) => sum + a.amount, 0) + rest).toBe(amount);
      }),
    );
  });
});
