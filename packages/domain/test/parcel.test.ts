import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ITEM_WEIGHT_GRAMS, handInDeadline, parcelWeightGrams } from '../src/parcel.ts';

describe('parcel weight', () => {
  it.each([
    [[], 0],
    [[{ weightGrams: 180, quantity: 2 }], 360],
    [[{ weightGrams: null, quantity: 1 }], DEFAULT_ITEM_WEIGHT_GRAMS],
    [
      [
        { weightGrams: 650, quantity: 1 },
        { weightGrams: null, quantity: 2 },
      ],
      650 + 2 * DEFAULT_ITEM_WEIGHT_GRAMS,
    ],
  ])('%j weighs %i g', (lines, grams) => {
    expect(parcelWeightGrams(lines)).toBe(grams);
  });

  it('is additive over lines', () => {
    const line = fc.record({
      weightGrams: fc.option(fc.integer({ min: 1, max: 50_000 }), { nil: null }),
      quantity: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(line),
        fc.array(line),
        (a, b) => parcelWeightGrams([...a, ...b]) === parcelWeightGrams(a) + parcelWeightGrams(b),
      ),
    );
  });
});

describe('hand-in deadline', () => {
  it.each([
    ['2026-06-15', '2026-06-29'],
    ['2026-12-25', '2027-01-08'],
    ['2028-02-20', '2028-03-05'],
  ])('booked %s → hand in by %s', (booked, deadline) => {
    expect(handInDeadline(booked)).toBe(deadline);
  });
});
