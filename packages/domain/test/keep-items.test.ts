import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptCountAsReceived, splitKept } from '../src/keep-items.ts';

type Line = { id: string; quantity: number };
const line = (id: string, quantity = 1): Line => ({ id, quantity });

describe('splitKept', () => {
  it.each([
    ['nothing kept: all shipped', ['a', 'b'], [], ['a', 'b'], [], false],
    ['one of two kept: the other ships', ['a', 'b'], ['a'], ['b'], ['a'], false],
    ['every item kept: no shipment', ['a', 'b'], ['a', 'b'], [], ['a', 'b'], true],
    ['an id kept that is not a line changes nothing', ['a'], ['z'], ['a'], [], false],
    ['no lines: nothing to keep', [], ['a'], [], [], false],
  ])('%s', (_name, ids, keptIds, shipped, kept, keepAll) => {
    const keep = new Set(keptIds);
    const split = splitKept(
      ids.map((id) => line(id)),
      (l) => keep.has(l.id),
    );
    expect(split.shipped.map((l) => l.id)).toEqual(shipped);
    expect(split.kept.map((l) => l.id)).toEqual(kept);
    expect(split.keepAll).toBe(keepAll);
  });

  it('partitions the lines in order; keep-all exactly when nothing ships (property)', () => {
    const lines = fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 12 })
      .chain((ids) => fc.tuple(fc.constant(ids.map((id) => line(id))), fc.subarray(ids)));
    fc.assert(
      fc.property(lines, ([all, keptIds]) => {
        const keep = new Set(keptIds);
        const { shipped, kept, keepAll } = splitKept(all, (l) => keep.has(l.id));
        expect(shipped.length + kept.length).toBe(all.length);
        expect(kept.every((l) => keep.has(l.id))).toBe(true);
        expect(shipped.some((l) => keep.has(l.id))).toBe(false);
        // Order is kept within each part.
        expect(shipped).toEqual(all.filter((l) => !keep.has(l.id)));
        expect(kept).toEqual(all.filter((l) => keep.has(l.id)));
        expect(keepAll).toBe(all.length > 0 && shipped.length === 0);
        // Units: what ships plus what is kept is what was chosen.
        const units = (ls: Line[]) => ls.reduce((n, l) => n + l.quantity, 0);
        expect(units(shipped) + units(kept)).toBe(units(all));
      }),
    );
  });
});

describe('keptCountAsReceived', () => {
  it.each([
    ['requested', false],
    ['awaiting_payment', false],
    ['payment_failed', false],
    ['open', true],
    ['rejected', false],
    ['cancelled', false],
    ['expired', false],
  ] as const)('a %s return: kept items received now = %s', (status, expected) => {
    expect(keptCountAsReceived(status)).toBe(expected);
  });
});
