import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, foldLedger } from '../src/return-ledger.ts';
import type { LedgerAction } from '../src/return-ledger.ts';

describe('foldLedger', () => {
  it('is empty for no actions', () => {
    const l = foldLedger([]);
    expect(l.receivedByItem.size).toBe(0);
    expect([l.refundedTotal, l.storeCreditTotal, l.replacements]).toEqual([0, 0, []]);
  });

  it('sums receipts per item, refunds, store credit, and keeps replacements in order', () => {
    const l = foldLedger([
      {
        type: 'received',
        items: [
          { returnItemId: 'a', quantity: 1, condition: 'as_new', restocked: true },
          { returnItemId: 'b', quantity: 2, condition: 'damaged', restocked: false },
        ],
      },
      { type: 'refund', amount: 2500 },
      { type: 'received', items: [{ returnItemId: 'a', quantity: 1, condition: 'used', restocked: false }] },
      { type: 'refund', amount: 1000 },
      { type: 'store_credit', amount: 500, code: 'CREDIT-1' },
      { type: 'replacement', carrier: 'postnl', trackingNumber: '3SABC1' },
      { type: 'replacement', carrier: 'dhl', trackingNumber: 'JVGL2' },
    ]);
    expect(Object.fromEntries(l.receivedByItem)).toEqual({ a: 2, b: 2 });
    expect(l.refundedTotal).toBe(3500);
    expect(l.storeCreditTotal).toBe(500);
    expect(l.replacements).toEqual([
      { carrier: 'postnl', trackingNumber: '3SABC1' },
      { carrier: 'dhl', trackingNumber: 'JVGL2' },
    ]);
  });

  it('counts items received as missing with their recorded quantity (0 if none arrived)', () => {
    const l = foldLedger([{ type: 'received', items: [{ returnItemId: 'a', quantity: 0, condition: 'missing', restocked: false }] }]);
    expect(l.receivedByItem.get('a')).toBe(0);
  });

  const action: fc.Arbitrary<LedgerAction> = fc.oneof(
    fc.record({
      type: fc.constant('received' as const),
      items: fc.array(
        fc.record({
          returnItemId: fc.constantFrom('a', 'b', 'c'),
          quantity: fc.integer({ min: 0, max: 5 }),
          condition: fc.constantFrom(...CONDITIONS),
          restocked: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({ type: fc.constant('refund' as const), amount: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ type: fc.constant('store_credit' as const), amount: fc.integer({ min: 0, max: 10_000 }), code: fc.string() }),
    fc.record({ type: fc.constant('replacement' as const), carrier: fc.string(), trackingNumber: fc.string() }),
  );

  it('folding a concatenation = combining the folds (totals are additive)', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 10 }), fc.array(action, { maxLength: 10 }), (xs, ys) => {
        const a = foldLedger(xs);
        const b = foldLedger(ys);
        const ab = foldLedger([...xs, ...ys]);
        expect(ab.refundedTotal).toBe(a.refundedTotal + b.refundedTotal);
        expect(ab.storeCreditTotal).toBe(a.storeCreditTotal + b.storeCreditTotal);
        expect(ab.replacements).toEqual([...a.replacements, ...b.replacements]);
        for (const id of ['a', 'b', 'c']) {
          expect(ab.receivedByItem.get(id) ?? 0).toBe((a.receivedByItem.get(id) ?? 0) + (b.receivedByItem.get(id) ?? 0));
        }
      }),
    );
  });

  it('totals do not depend on the order of refunds and receipts', () => {
    fc.assert(
      fc.property(
        fc
          .array(action, { maxLength: 10 })
          .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))),
        ([xs, shuffled]) => {
          const a = foldLedger(xs);
          const b = foldLedger(shuffled);
          expect(b.refundedTotal).toBe(a.refundedTotal);
          expect(b.storeCreditTotal).toBe(a.storeCreditTotal);
          expect(new Map([...b.receivedByItem].sort())).toEqual(new Map([...a.receivedByItem].sort()));
        },
      ),
    );
  });
});
