import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableToExchange,
  allocateBonusCredit,
  amountDueUpfront,
  bonusAlongsideExchange,
  bonusOutstanding,
  type BonusCredit,
  bonusCreditFor,
  EXCHANGES_OFF,
  type ExchangeSettings,
  exchangeBalance,
  exchangeOffered,
  exchangeRefundDue,
  priceDifference,
  storeCreditProposal,
  totalAvailable,
  variantSelectable,
  withinPriceBand,
} from '../src/exchanges.ts';

const on: ExchangeSettings = { ...EXCHANGES_OFF, offered: true };

describe('exchangeOffered', () => {
  it.each([
    ['off', EXCHANGES_OFF, 'too_small', 'variant', false],
    ['on, every reason', on, 'too_small', 'variant', true],
    ['on, listed reason', { ...on, reasons: ['too_small', 'too_large'] }, 'too_large', 'variant', true],
    ['on, unlisted reason', { ...on, reasons: ['too_small'] }, 'damaged', 'variant', false],
    ['another product without opt-in', on, 'too_small', 'product', false],
    ['another product with opt-in', { ...on, otherProducts: true }, 'too_small', 'product', true],
    ['opt-in but exchanges off', { ...EXCHANGES_OFF, otherProducts: true }, 'too_small', 'product', false],
  ] as [string, ExchangeSettings, string, 'variant' | 'product', boolean][])('%s', (_name, settings, reason, kind, expected) => {
    expect(exchangeOffered(settings, reason, kind)).toBe(expected);
  });
});

describe('stock', () => {
  it.each([
    [[], 1, 0, false],
    [[{ available: 0 }], 1, 0, false],
    [[{ available: 3 }], 1, 3, true],
    [[{ available: 1 }, { available: 1 }], 2, 2, true],
    [[{ available: 1 }, { available: -4 }], 2, 1, false],
    [[{ available: 5 }], 0, 5, false],
  ] as [{ available: number }[], number, number, boolean][])('%j for %i → total %i, selectable %s', (levels, quantity, total, ok) => {
    expect(totalAvailable(levels)).toBe(total);
    expect(variantSelectable(levels, quantity)).toBe(ok);
  });

  it('selectable exactly when the non-negative stock covers the quantity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (levels, qty) => {
        const positive = levels.filter((l) => l > 0).reduce((a, b) => a + b, 0);
        expect(
          variantSelectable(
            levels.map((available) => ({ available })),
            qty,
          ),
        ).toBe(positive >= qty);
      }),
    );
  });
});

describe('priceDifference', () => {
  const same = { lowerPercent: 100, upperPercent: 100 };
  const wide = { lowerPercent: 90, upperPercent: 120 };
  it.each([
    ['same price, same-price band', 5000, 5000, 1, same, 0],
    ['dearer, same-price band', 5000, 6000, 1, same, 1000],
    ['cheaper, same-price band, two items', 5000, 4000, 2, same, -2000],
    ['within a 90–120 band (dearer)', 5000, 6000, 1, wide, 0],
    ['upper edge included', 5000, 6000, 3, wide, 0],
    ['just above the band', 5000, 6001, 1, wide, 1001],
    ['lower edge included', 5000, 4500, 1, wide, 0],
    ['just below the band', 5000, 4499, 1, wide, -501],
    ['returned item free: any price is charged', 0, 1500, 1, wide, 1500],
  ] as [string, number, number, number, { lowerPercent: number; upperPercent: number }, number][])(
    '%s',
    (_n, returned, next, qty, band, expected) => {
      expect(priceDifference({ returnedUnitPrice: returned, newUnitPrice: next, quantity: qty, band })).toBe(expected);
    },
  );

  it('is 0 inside the band and the whole difference outside it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 100, max: 1000 }),
        (returned, next, qty, lower, upper) => {
          const band = { lowerPercent: lower, upperPercent: upper };
          const d = priceDifference({ returnedUnitPrice: returned, newUnitPrice: next, quantity: qty, band });
          expect(Number.isInteger(d)).toBe(true);
          if (withinPriceBand(returned, next, band)) expect(d).toBe(0);
          else expect(d).toBe((next - returned) * qty);
          // The same price is always free with a band that contains 100%.
          expect(priceDifference({ returnedUnitPrice: returned, newUnitPrice: returned, quantity: qty, band })).toBe(0);
        },
      ),
    );
  });
});

describe('bonusCreditFor', () => {
  const fixed: BonusCredit = { kind: 'fixed', amount: 500, currency: 'EUR' };
  const pct: BonusCredit = { kind: 'percent', percent: 10 };
  it.each([
    ['none', null, 'exchange', 5000, 'EUR', 0],
    ['fixed, exchange', fixed, 'exchange', 5000, 'EUR', 500],
    ['fixed, store credit', fixed, 'store_credit', 5000, 'EUR', 500],
    ['fixed, refund', fixed, 'refund', 5000, 'EUR', 0],
    ['fixed, other currency', fixed, 'exchange', 5000, 'GBP', 0],
    ['percent rounds down', pct, 'store_credit', 4999, 'EUR', 499],
    ['percent, refund', pct, 'refund', 5000, 'EUR', 0],
  ] as [string, BonusCredit, string, number, string, number][])('%s', (_n, bonus, resolution, value, currency, expected) => {
    expect(bonusCreditFor(bonus, { resolution, returnedValue: value, currency })).toBe(expected);
  });

  it('a percentage bonus never exceeds the percentage of the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 100 }), (value, percent) => {
        const b = bonusCreditFor({ kind: 'percent', percent }, { resolution: 'exchange', returnedValue: value, currency: 'EUR' });
        expect(Number.isInteger(b)).toBe(true);
        expect(b * 100).toBeLessThanOrEqual(value * percent);
        expect((b + 1) * 100).toBeGreaterThan(value * percent);
      }),
    );
  });
});

describe('exchangeBalance', () => {
  it.each([
    [[], 0, 0],
    [[1000], 1000, 0],
    [[-1000], 0, 1000],
    [[1500, -500], 1000, 0],
    [[500, -1500, 0], 0, 1000],
  ] as [number[], number, number][])('%j → pay %i, refund %i', (diffs, toPay, toRefund) => {
    expect(exchangeBalance(diffs)).toEqual({ toPay, toRefund });
  });
});

describe('allocateBonusCredit', () => {
  it.each([
    ['none', null, 'exchange', [1000, 2000], [0, 0], 0],
    ['percent per line, rounded down', { kind: 'percent', percent: 10 }, 'exchange', [999, 2005], [99, 200], 299],
    ['fixed on the first line', { kind: 'fixed', amount: 500, currency: 'EUR' }, 'store_credit', [1000, 2000], [500, 0], 500],
    ['fixed in another currency', { kind: 'fixed', amount: 500, currency: 'GBP' }, 'store_credit', [1000], [0], 0],
    ['refund earns nothing', { kind: 'percent', percent: 10 }, 'refund', [1000], [0], 0],
    ['no lines', { kind: 'fixed', amount: 500, currency: 'EUR' }, 'exchange', [], [], 0],
  ] as [string, BonusCredit, string, number[], number[], number][])('%s', (_n, bonus, resolution, values, perLine, total) => {
    expect(allocateBonusCredit(bonus, { resolution, lineValues: values, currency: 'EUR' })).toEqual({ perLine, total });
  });

  it('the lines always add up to the total, and never exceed the percentage of the whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        (values, percent) => {
          const { perLine, total } = allocateBonusCredit(
            { kind: 'percent', percent },
            { resolution: 'exchange', lineValues: values, currency: 'EUR' },
          );
          expect(perLine.reduce((a, b) => a + b, 0)).toBe(total);
          expect(total * 100).toBeLessThanOrEqual(values.reduce((a, b) => a + b, 0) * percent);
        },
      ),
    );
  });
});

describe('amountDueUpfront', () => {
  it.each([
    [495, 'upfront', 0, 495],
    [495, 'upfront', 1000, 1495],
    [495, 'deduct_from_refund', 1000, 1000],
    [0, null, 1000, 1000],
    [495, 'upfront', -1000, 495],
    [0, null, -1000, 0],
  ] as [number, string | null, number, number][])('fee %i (%s), balance %i → %i', (fee, feePayment, exchangeBalance, due) => {
    expect(amountDueUpfront({ fee, feePayment, exchangeBalance })).toBe(due);
  });
});

describe('stock reservations', () => {
  it.each([
    [[{ available: 3 }], 0, 3],
    [[{ available: 3 }], 2, 1],
    [[{ available: 3 }], 5, 0],
    [[{ available: 2 }, { available: -1 }], 1, 1],
    [[{ available: 2 }], -4, 2],
  ])('%j with %i reserved leaves %i', (levels, reserved, left) => {
    expect(availableToExchange(levels, reserved)).toBe(left);
  });

  it('selectable only while the stock left after reservations covers the quantity', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 50 }), (stock, reserved, quantity) => {
        expect(variantSelectable([{ available: stock }], quantity, reserved)).toBe(stock - reserved >= quantity);
      }),
    );
  });
});

describe('exchangeRefundDue', () => {
  it.each([
    ['cheaper exchange, not yet refunded', -1000, false, 5990, 1000],
    ['cheaper exchange, already refunded', -1000, true, 5990, 0],
    ['dearer exchange: paid before, nothing back', 2000, false, 5990, 0],
    ['no difference', 0, false, 5990, 0],
    ['no exchanges', null, false, 5990, 0],
    ['capped by what may still be refunded', -1000, false, 400, 400],
    ['nothing refundable left', -1000, false, 0, 0],
  ] as [string, number | null, boolean, number, number][])('%s', (_name, exchangeBalance, alreadyRefunded, refundable, expected) => {
    expect(exchangeRefundDue({ exchangeBalance, alreadyRefunded, refundable })).toBe(expected);
  });

  it('never negative, never above the difference or the refundable amount, nothing twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), fc.integer({ min: -10, max: 1_000_000 }), (b, done, r) => {
        const due = exchangeRefundDue({ exchangeBalance: b, alreadyRefunded: done, refundable: r });
        expect(Number.isInteger(due)).toBe(true);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBeLessThanOrEqual(Math.max(0, -b));
        expect(due).toBeLessThanOrEqual(Math.max(0, r));
        if (done) expect(due).toBe(0);
      }),
    );
  });
});

describe('bonus credit given with store credit', () => {
  it.each([
    ['nothing earned', null, [], 0],
    ['earned, none given', 599, [], 599],
    ['earned, given with a credit', 599, [599], 0],
    ['earned, partly given', 599, [0, 200], 399],
    ['more given than earned stays at zero', 599, [1000], 0],
  ] as [string, number | null, number[], number][])('outstanding: %s', (_name, earned, carried, expected) => {
    expect(bonusOutstanding(earned, carried)).toBe(expected);
  });

  it.each([
    ['refund value plus the bonus', 5990, 599, { amount: 6589, bonus: 599 }],
    ['no bonus left', 5990, 0, { amount: 5990, bonus: 0 }],
    ['nothing received yet: the bonus only', 0, 299, { amount: 299, bonus: 299 }],
  ] as [string, number, number, { amount: number; bonus: number }][])('proposal: %s', (_name, proposedRefund, outstanding, expected) => {
    expect(storeCreditProposal({ proposedRefund, bonusOutstanding: outstanding })).toEqual(expected);
  });

  it.each([
    ['exchange', 299, 299],
    ['store_credit', 299, 0],
    ['refund', 299, 0],
    ['exchange', 0, 0],
  ] as [string, number, number][])('alongside a %s with %i outstanding: %i', (resolution, outstanding, expected) => {
    expect(bonusAlongsideExchange({ resolution, bonusOutstanding: outstanding })).toBe(expected);
  });

  it('the proposal is the refund plus exactly the outstanding bonus, in whole minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 4 }),
        (refund, earned, carried) => {
          const left = bonusOutstanding(earned, carried);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(earned);
          const p = storeCreditProposal({ proposedRefund: refund, bonusOutstanding: left });
          expect(Number.isInteger(p.amount)).toBe(true);
          expect(p.amount - p.bonus).toBe(refund);
          expect(bonusOutstanding(earned, [...carried, p.bonus])).toBe(0);
        },
      ),
    );
  });
});
