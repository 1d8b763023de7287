import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeFor, proposeRefund, RETURN_METHODS, refundCap } from '../src/fees.ts';
import type { ReturnFee, ReturnMethod } from '../src/fees.ts';

describe('feeFor', () => {
  const upfront: ReturnFee = { amount: 495, payment: 'upfront' };
  const deducted: ReturnFee = { amount: 300, payment: 'deduct_from_refund' };
  it.each([
    ['drop_off', upfront, 495],
    ['drop_off_labelless', upfront, 495],
    ['drop_off', deducted, 300],
    ['pickup', upfront, 0],
    ['in_store', deducted, 0],
    ['drop_off', null, 0],
    ['drop_off', { amount: 0, payment: 'upfront' }, 0],
  ] as [ReturnMethod, ReturnFee, number][])('%s with %j → %i', (method, fee, expected) => {
    expect(feeFor(method, fee)).toBe(expected);
  });
});

describe('proposeRefund', () => {
  const items = [
    { unitPrice: 2500, receivedQuantity: 2 },
    { unitPrice: 1000, receivedQuantity: 1 },
  ];
  it.each([
    ['all received, no fee', items, 0, null, 0, 6000],
    ['fee deducted', items, 300, 'deduct_from_refund', 0, 5700],
    ['fee paid up front is not deducted', items, 300, 'upfront', 0, 6000],
    [
      'part received',
      [
        { unitPrice: 2500, receivedQuantity: 1 },
        { unitPrice: 1000, receivedQuantity: 0 },
      ],
      0,
      null,
      0,
      2500,
    ],
    ['nothing received', [{ unitPrice: 2500, receivedQuantity: 0 }], 0, null, 0, 0],
    ['after an earlier partial refund', items, 0, null, 2000, 4000],
    ['after an earlier partial refund, fee deducted', items, 300, 'deduct_from_refund', 2000, 3700],
    ['fee larger than the items: 0, never negative', [{ unitPrice: 200, receivedQuantity: 1 }], 300, 'deduct_from_refund', 0, 0],
    ['already fully refunded', items, 0, null, 6000, 0],
  ] as const)('%s → %i', (_name, its, fee, feePayment, alreadyRefunded, expected) => {
    expect(proposeRefund({ items: [...its], fee, feePayment, alreadyRefunded })).toBe(expected);
  });
});

describe('refundCap', () => {
  const items = [
    { unitPrice: 2500, quantity: 2 },
    { unitPrice: 1000, quantity: 1 },
  ];
  it.each([
    ['no fee', 0, null, 6000],
    ['upfront fee is refundable on top', 495, 'upfront', 6495],
    ['deducted fee was never paid separately', 300, 'deduct_from_refund', 6000],
  ] as const)('%s → %i', (_name, fee, feePayment, expected) => {
    expect(refundCap({ items, fee, feePayment })).toBe(expected);
  });
});

describe('properties', () => {
  const line = fc.record({ unitPrice: fc.integer({ min: 0, max: 100_000 }), quantity: fc.integer({ min: 0, max: 10 }) });
  const scenario = fc
    .record({
      lines: fc.array(line, { maxLength: 6 }),
      fee: fc.integer({ min: 0, max: 2_000 }),
      feePayment: fc.constantFrom('upfront' as const, 'deduct_from_refund' as const, null),
      method: fc.constantFrom(...RETURN_METHODS),
    })
    .chain((s) =>
      fc.record({
        s: fc.constant(s),
        received: fc.tuple(...s.lines.map((l) => fc.integer({ min: 0, max: l.quantity }))),
        refundedFraction: fc.double({ min: 0, max: 1.2, noNaN: true }),
      }),
    );

  it('the proposal is never negative and never exceeds the cap', () => {
    fc.assert(
      fc.property(scenario, ({ s, received, refundedFraction }) => {
        const fee = feeFor(s.method, { amount: s.fee, payment: s.feePayment ?? 'upfront' });
        const cap = refundCap({ items: s.lines, fee, feePayment: s.feePayment });
        const alreadyRefunded = Math.floor(cap * refundedFraction);
        const proposal = proposeRefund({
          items: s.lines.map((l, i) => ({ unitPrice: l.unitPrice, receivedQuantity: received[i] ?? 0 })),
          fee,
          feePayment: s.feePayment,
          alreadyRefunded,
        });
        expect(proposal).toBeGreaterThanOrEqual(0);
        expect(proposal).toBeLessThanOrEqual(cap);
        expect(proposal + Math.min(alreadyRefunded, cap)).toBeLessThanOrEqual(cap);
        expect(Number.isInteger(proposal)).toBe(true);
      }),
    );
  });

  it('receiving more never lowers the proposal', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.nat(4), fc.integer({ min: 0, max: 1000 }), (lines, idx, fee) => {
        const base = lines.map((l) => ({ unitPrice: l.unitPrice, receivedQuantity: l.quantity }));
        const more = base.map((l, i) => (i === idx % base.length ? { ...l, receivedQuantity: l.receivedQuantity + 1 } : l));
        const input = { fee, feePayment: 'deduct_from_refund' as const, alreadyRefunded: 0 };
        expect(proposeRefund({ ...input, items: more })).toBeGreaterThanOrEqual(proposeRefund({ ...input, items: base }));
      }),
    );
  });
});
