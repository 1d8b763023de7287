import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exchangeHoldReleasable,
  instantExchangeDeadline,
  keptShare,
  MAX_INSTANT_EXCHANGE_DAYS,
  type ReplacementTiming,
  type ReturnProgress,
  replacementDue,
  replacementValue,
  settleInstantExchange,
} from '../src/replacement-order.ts';

const progress = (p: Partial<ReturnProgress>): ReturnProgress => ({
  approved: true,
  droppedOff: false,
  received: false,
  cancelled: false,
  ...p,
});

describe('replacementDue', () => {
  it.each([
    ['on_request', {}, null, true],
    ['on_request', { approved: false }, null, false],
    ['on_request', { cancelled: true }, null, false],
    ['on_drop_off', {}, null, false],
    ['on_drop_off', { droppedOff: true }, null, true],
    ['on_drop_off', { received: true }, null, true],
    ['on_receipt', { droppedOff: true }, null, false],
    ['on_receipt', { received: true }, null, true],
    ['on_receipt', {}, { authorised: true }, true],
    ['on_receipt', {}, { authorised: false }, false],
    ['on_request', { approved: false }, { authorised: true }, false],
  ] as [ReplacementTiming, Partial<ReturnProgress>, { authorised: boolean } | null, boolean][])(
    '%s with %j (instant %j) → %s',
    (timing, p, instant, expected) => {
      expect(replacementDue(timing, progress(p), instant)).toBe(expected);
    },
  );

  it('once due, more progress keeps it due (never undone by a later step)', () => {
    const timing = fc.constantFrom<ReplacementTiming>('on_request', 'on_drop_off', 'on_receipt');
    fc.assert(
      fc.property(timing, fc.boolean(), (t, dropped) => {
        if (replacementDue(t, progress({ droppedOff: dropped }), null)) {
          expect(replacementDue(t, progress({ droppedOff: true, received: true }), null)).toBe(true);
        }
      }),
    );
  });
});

describe('replacementValue', () => {
  it.each([
    ['same price', [{ variantId: 'v1', quantity: 1, unitPrice: 2995 }], 2995, { subtotal: 2995, discount: 2995, balance: 0, refundDue: 0 }],
    ['dearer', [{ variantId: 'v1', quantity: 1, unitPrice: 3995 }], 2995, { subtotal: 3995, discount: 2995, balance: 1000, refundDue: 0 }],
    ['cheaper', [{ variantId: 'v1', quantity: 1, unitPrice: 1995 }], 2995, { subtotal: 1995, discount: 1995, balance: 0, refundDue: 1000 }],
    [
      'two lines',
      [
        { variantId: 'v1', quantity: 2, unitPrice: 1000 },
        { variantId: 'v2', quantity: 1, unitPrice: 500 },
      ],
      2000,
      { subtotal: 2500, discount: 2000, balance: 500, refundDue: 0 },
    ],
  ])('%s', (_name, lines, returned, expected) => {
    expect(replacementValue(lines, returned)).toMatchObject(expected);
  });

  it('refuses a line without its full price (a $0 order)', () => {
    expect(() => replacementValue([{ variantId: 'v1', quantity: 1, unitPrice: 0 }], 100)).toThrow(/full price/);
    expect(() => replacementValue([], 100)).toThrow();
  });

  it('lines carry their full value; discount + balance = subtotal; nothing is lost', () => {
    const line = fc.record({
      variantId: fc.string({ minLength: 1, maxLength: 5 }),
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPrice: fc.integer({ min: 1, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1_000_000 }), (lines, returned) => {
        const v = replacementValue(lines, returned);
        expect(v.subtotal).toBe(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
        expect(v.subtotal).toBeGreaterThan(0);
        expect(v.discount + v.balance).toBe(v.subtotal);
        expect(v.discount + v.refundDue).toBe(returned);
        expect(v.balance).toBeGreaterThanOrEqual(0);
        expect(v.refundDue).toBeGreaterThanOrEqual(0);
        expect(v.balance > 0 && v.refundDue > 0).toBe(false);
      }),
    );
  });
});

describe('instant exchange', () => {
  it.each([
    ['2026-12-04T10:00:00Z', 14, 'Europe/Amsterdam', '2026-12-18'],
    ['2026-12-04T23:30:00Z', 14, 'Europe/Amsterdam', '2026-12-19'],
    ['2026-12-04T23:30:00Z', 14, 'UTC', '2026-12-18'],
  ])('approved %s, %i days in %s → scan by %s', (at, days, tz, expected) => {
    expect(instantExchangeDeadline(new Date(at), days, tz)).toBe(expected);
  });

  it('refuses a deadline past what a card authorisation lasts', () => {
    expect(() => instantExchangeDeadline(new Date('2026-12-04T10:00:00Z'), MAX_INSTANT_EXCHANGE_DAYS + 1, 'UTC')).toThrow();
    expect(() => instantExchangeDeadline(new Date('2026-12-04T10:00:00Z'), 0, 'UTC')).toThrow();
  });

  it.each([
    ['2026-12-18', null, '2026-12-10', 'hold'],
    ['2026-12-18', null, '2026-12-18', 'hold'],
    ['2026-12-18', null, '2026-12-19', 'capture'],
    ['2026-12-18', '2026-12-18', '2026-12-20', 'release'],
    ['2026-12-18', '2026-12-10', '2026-12-10', 'release'],
    ['2026-12-18', '2026-12-19', '2026-12-19', 'capture'],
  ] as const)('deadline %s, scanned %s, today %s → %s', (deadline, scanned, today, expected) => {
    expect(settleInstantExchange(deadline, scanned, today)).toBe(expected);
  });

  it('a scan on or before the deadline always releases; no scan is never released', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 11, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, (deadline, scanned, today) => {
        const withScan = settleInstantExchange(deadline, scanned, today);
        expect(withScan).toBe(scanned <= deadline ? 'release' : 'capture');
        expect(settleInstantExchange(deadline, null, today)).not.toBe('release');
      }),
    );
  });
});

describe('keptShare', () => {
  it.each([
    [{ exchanges: 0, storeCredit: 0, refunded: 0 }, 0],
    [{ exchanges: 2500, storeCredit: 0, refunded: 7500 }, 0.25],
    [{ exchanges: 1000, storeCredit: 1000, refunded: 0 }, 1],
    [{ exchanges: 1, storeCredit: 0, refunded: 2 }, 0.3333],
  ])('%j → %s', (totals, expected) => {
    expect(keptShare(totals)).toBe(expected);
  });

  it('is between 0 and 1 and grows with what is kept', () => {
    const n = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(n, n, n, n, (e, s, r, more) => {
        const share = keptShare({ exchanges: e, storeCredit: s, refunded: r });
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
        expect(keptShare({ exchanges: e + more, storeCredit: s, refunded: r })).toBeGreaterThanOrEqual(share);
      }),
    );
  });
});

describe('exchangeHoldReleasable', () => {
  it.each([
    [0, 0, true],
    [-500, 0, true],
    [500, 500, true],
    [500, 700, true],
    [500, 499, false],
    [500, 0, false],
  ])('shop balance %i, paid %i → %s', (balance, paid, expected) => {
    expect(exchangeHoldReleasable(balance, paid)).toBe(expected);
  });

  it('never releases while the shop is owed more than was paid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (balance, paid) => {
        expect(exchangeHoldReleasable(balance, paid)).toBe(paid >= balance);
      }),
    );
  });

  it('refuses fractions of a cent', () => {
    expect(() => exchangeHoldReleasable(1.5, 0)).toThrow(/minor units/);
  });
});
