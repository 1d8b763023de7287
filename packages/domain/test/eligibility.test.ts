import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessOrder, NOT_COUNTED_STATUSES, returnedQuantities } from '../src/eligibility.ts';
import type { ItemFacts, PriorReturn } from '../src/eligibility.ts';
import type { ShipmentFacts, WindowSettings } from '../src/return-window.ts';
import { RETURN_STATUSES } from '../src/state-machine.ts';
import type { ReturnStatus } from '../src/state-machine.ts';
import { instant } from './arbitraries.ts';

const AMS: WindowSettings = { returnWindowDays: 14, transitAllowanceDays: 7, timezone: 'Europe/Amsterdam' };
const PLACED = new Date('2026-03-01T12:00:00Z');
const WITHIN = new Date('2026-03-20T12:00:00Z');
const AFTER = new Date('2026-03-26T12:00:00Z');

function deliveredAt(iso: string): ShipmentFacts {
  return { shippedAt: null, deliveredAt: new Date(iso), deliveredTo: 'home' };
}
/** Delivered 2026-03-10T23:30Z = local 11 March → deadline 2026-03-25. */
const D25 = deliveredAt('2026-03-10T23:30:00Z');
/** Delivered 15 March → deadline 2026-03-29. */
const D29 = deliveredAt('2026-03-15T10:00:00Z');

function item(id: string, quantity: number, over: Partial<ItemFacts> = {}): ItemFacts {
  return { id, quantity, returnable: true, shipments: [D25], ...over };
}
function prior(status: ReturnStatus, lines: [string, number][]): PriorReturn {
  return { status, items: lines.map(([orderItemId, quantity]) => ({ orderItemId, quantity })) };
}

describe('returnedQuantities', () => {
  it('sums counted returns per item and skips cancelled, rejected and payment_failed', () => {
    const q = returnedQuantities([
      prior('open', [
        ['a', 1],
        ['b', 2],
      ]),
      prior('completed', [['a', 1]]),
      prior('cancelled', [['a', 5]]),
      prior('rejected', [['b', 5]]),
      prior('payment_failed', [['c', 5]]),
      prior('requested', [['c', 1]]),
    ]);
    expect(Object.fromEntries(q)).toEqual({ a: 2, b: 2, c: 1 });
  });

  it.each(RETURN_STATUSES.map((s) => [s, !NOT_COUNTED_STATUSES.includes(s)] as const))(
    'a return in status %s counts = %s',
    (status, counts) => {
      expect(returnedQuantities([prior(status, [['a', 1]])]).get('a') ?? 0).toBe(counts ? 1 : 0);
    },
  );
});

type Row = {
  name: string;
  items: ItemFacts[];
  prior?: PriorReturn[];
  now?: Date;
  override?: boolean;
  expect: { id: string; qty: number; reason: string | null }[];
  deadline: string | null;
  failure: 'return_window_expired' | 'no_returnable_items' | null;
};

const rows: Row[] = [
  { name: 'within the window', items: [item('a', 2)], expect: [{ id: 'a', qty: 2, reason: null }], deadline: '2026-03-25', failure: null },
  {
    name: 'final sale',
    items: [item('a', 2, { returnable: false })],
    expect: [{ id: 'a', qty: 0, reason: 'not_returnable' }],
    deadline: null,
    failure: 'no_returnable_items',
  },
  {
    name: 'partial earlier return',
    items: [item('a', 3)],
    prior: [prior('open', [['a', 1]])],
    expect: [{ id: 'a', qty: 2, reason: null }],
    deadline: '2026-03-25',
    failure: null,
  },
  {
    name: 'repeated returns used up the quantity',
    items: [item('a', 2)],
    prior: [prior('in_transit', [['a', 1]]), prior('received', [['a', 1]])],
    expect: [{ id: 'a', qty: 0, reason: 'already_returned' }],
    deadline: null,
    failure: 'no_returnable_items',
  },
  {
    name: 'cancelled, rejected and payment_failed returns give the quantity back',
    items: [item('a', 2)],
    prior: [prior('cancelled', [['a', 2]]), prior('rejected', [['a', 2]]), prior('payment_failed', [['a', 1]]), prior('open', [['a', 1]])],
    expect: [{ id: 'a', qty: 1, reason: null }],
    deadline: '2026-03-25',
    failure: null,
  },
  {
    name: 'window expired',
    items: [item('a', 2)],
    now: AFTER,
    expect: [{ id: 'a', qty: 0, reason: 'return_window_expired' }],
    deadline: null,
    failure: 'return_window_expired',
  },
  {
    name: 'final sale outranks expiry',
    items: [item('a', 1, { returnable: false })],
    now: AFTER,
    expect: [{ id: 'a', qty: 0, reason: 'not_returnable' }],
    deadline: null,
    failure: 'no_returnable_items',
  },
  {
    name: 'already returned outranks expiry',
    items: [item('a', 1)],
    prior: [prior('completed', [['a', 1]])],
    now: AFTER,
    expect: [{ id: 'a', qty: 0, reason: 'already_returned' }],
    deadline: null,
    failure: 'no_returnable_items',
  },
  {
    name: 'final sale + expired: the shared reason is the window',
    items: [item('a', 1, { returnable: false }), item('b', 1), item('c', 1)],
    prior: [prior('open', [['c', 1]])],
    now: AFTER,
    expect: [
      { id: 'a', qty: 0, reason: 'not_returnable' },
      { id: 'b', qty: 0, reason: 'return_window_expired' },
      { id: 'c', qty: 0, reason: 'already_returned' },
    ],
    deadline: null,
    failure: 'return_window_expired',
  },
  {
    name: 'one eligible item is enough',
    items: [item('a', 1, { returnable: false }), item('b', 4, { shipments: [D29] })],
    now: new Date('2026-03-27T12:00:00Z'),
    expect: [
      { id: 'a', qty: 0, reason: 'not_returnable' },
      { id: 'b', qty: 4, reason: null },
    ],
    deadline: '2026-03-29',
    failure: null,
  },
  {
    name: 'order deadline is the earliest among eligible items',
    items: [item('a', 1, { shipments: [D29] }), item('b', 1)],
    expect: [
      { id: 'a', qty: 1, reason: null },
      { id: 'b', qty: 1, reason: null },
    ],
    deadline: '2026-03-25',
    failure: null,
  },
  {
    name: 'an item shipped in two parcels uses the later one',
    items: [item('a', 2, { shipments: [D25, D29] })],
    now: new Date('2026-03-27T12:00:00Z'),
    expect: [{ id: 'a', qty: 2, reason: null }],
    deadline: '2026-03-29',
    failure: null,
  },
  {
    name: 'staff override ignores the window but not final sale or quantities',
    items: [item('a', 2), item('b', 1, { returnable: false }), item('c', 1)],
    prior: [prior('open', [['c', 1]])],
    now: AFTER,
    override: true,
    expect: [
      { id: 'a', qty: 2, reason: null },
      { id: 'b', qty: 0, reason: 'not_returnable' },
      { id: 'c', qty: 0, reason: 'already_returned' },
    ],
    deadline: '2026-03-25',
    failure: null,
  },
  { name: 'no items at all', items: [], expect: [], deadline: null, failure: 'no_returnable_items' },
];

describe('assessOrder', () => {
  it.each(rows)('$name', (row) => {
    const result = assessOrder({
      placedAt: PLACED,
      items: row.items,
      prior: row.prior ?? [],
      settings: AMS,
      now: row.now ?? WITHIN,
      ...(row.override === undefined ? {} : { overrideWindow: row.override }),
    });
    expect(result.items.map((i) => ({ id: i.id, qty: i.returnableQuantity, reason: i.ineligibleReason }))).toEqual(row.expect);
    expect(result.items.every((i) => i.eligible === (i.ineligibleReason === null))).toBe(true);
    expect(result.returnDeadline).toBe(row.deadline);
    expect(result.failure).toBe(row.failure);
  });

  it('reports each item its own deadline, also when ineligible', () => {
    const result = assessOrder({
      placedAt: PLACED,
      items: [item('a', 1, { returnable: false }), item('b', 1, { shipments: [] })],
      prior: [],
      settings: AMS,
      now: WITHIN,
    });
    expect(result.items.map((i) => i.returnDeadline)).toEqual(['2026-03-25', '2026-03-22']); // b: placed 1 Mar + 7 + 14
  });

  it('a window a return rule set for one item moves only that item’s deadline', () => {
    const result = assessOrder({
      placedAt: PLACED,
      items: [item('a', 1, { shipments: [] }), item('b', 1, { shipments: [] })],
      prior: [],
      settings: AMS,
      now: WITHIN,
      windowDays: new Map([['b', 60]]),
    });
    expect(result.items.map((i) => i.returnDeadline)).toEqual(['2026-03-22', '2026-05-07']); // b: placed 1 Mar + 7 + 60
  });
});

const status = fc.constantFrom(...RETURN_STATUSES);
const notCounted = fc.constantFrom(...NOT_COUNTED_STATUSES);
const counted = status.filter((s) => !NOT_COUNTED_STATUSES.includes(s));

/** An item with prior returns: `taken` units in counted returns (split in two), noise in not-counted ones. */
const itemWithHistory: fc.Arbitrary<History> = fc
  .record({ ordered: fc.integer({ min: 1, max: 20 }), returnable: fc.boolean() })
  .chain(({ ordered, returnable }) =>
    fc.record({
      ordered: fc.constant(ordered),
      returnable: fc.constant(returnable),
      taken: fc.integer({ min: 0, max: ordered }),
      split: fc.integer({ min: 0, max: 100 }),
      statuses: fc.tuple(counted, counted),
      noise: fc.array(fc.tuple(notCounted, fc.integer({ min: 1, max: 20 })), { maxLength: 3 }),
    }),
  );

type History = {
  ordered: number;
  returnable: boolean;
  taken: number;
  split: number;
  statuses: [ReturnStatus, ReturnStatus];
  noise: [ReturnStatus, number][];
};

function build(id: string, h: History): { item: ItemFacts; prior: PriorReturn[] } {
  const first = Math.floor((h.taken * h.split) / 100);
  return {
    item: { id, quantity: h.ordered, returnable: h.returnable, shipments: [] },
    prior: [
      prior(h.statuses[0], [[id, first]]),
      prior(h.statuses[1], [[id, h.taken - first]]),
      ...h.noise.map(([s, q]) => prior(s, [[id, q]])),
    ],
  };
}

describe('properties', () => {
  it('returnable quantity is never negative and never exceeds the ordered quantity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 0, max: 20 }), returnable: fc.boolean() }), { maxLength: 5 }),
        fc.array(fc.record({ status, idx: fc.nat(5), quantity: fc.integer({ min: 0, max: 30 }) }), { maxLength: 6 }),
        instant,
        fc.boolean(),
        (facts, priors, now, override) => {
          const items = facts.map((f, i) => ({ id: `i${i}`, ...f, shipments: [] }));
          const result = assessOrder({
            placedAt: PLACED,
            items,
            prior: priors.map((p) => prior(p.status, [[`i${p.idx}`, p.quantity]])),
            settings: AMS,
            now,
            overrideWindow: override,
          });
          result.items.forEach((a, i) => {
            expect(a.returnableQuantity).toBeGreaterThanOrEqual(0);
            expect(a.returnableQuantity).toBeLessThanOrEqual(items[i]?.quantity ?? -1);
            expect(a.eligible).toBe(a.returnableQuantity > 0);
          });
          expect(result.failure === null).toBe(result.items.some((a) => a.eligible));
          expect(result.returnDeadline === null).toBe(result.failure !== null);
        },
      ),
    );
  });

  it('within the window: counted prior returns + returnable quantity = ordered', () => {
    fc.assert(
      fc.property(itemWithHistory, (h) => {
        const { item: it1, prior: p } = build('a', h);
        const [a] = assessOrder({ placedAt: PLACED, items: [{ ...it1, returnable: true }], prior: p, settings: AMS, now: WITHIN }).items;
        const countedSum = returnedQuantities(p).get('a') ?? 0;
        expect(countedSum).toBe(h.taken);
        expect(countedSum + (a?.returnableQuantity ?? -1)).toBe(h.ordered);
      }),
    );
  });

  it('the order deadline is the earliest deadline of the eligible items', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.boolean()), { minLength: 1, maxLength: 5 }), instant, (deliveries, now) => {
        const items = deliveries.map(([at, returnable], i) => ({
          id: `i${i}`,
          quantity: 1,
          returnable,
          shipments: [{ shippedAt: null, deliveredAt: at, deliveredTo: 'home' as const }],
        }));
        const result = assessOrder({ placedAt: PLACED, items, prior: [], settings: AMS, now });
        const eligible = result.items
          .filter((a) => a.eligible)
          .map((a) => a.returnDeadline)
          .sort();
        expect(result.returnDeadline).toBe(eligible[0] ?? null);
      }),
    );
  });

  it('the override only turns return_window_expired items eligible', () => {
    fc.assert(
      fc.property(fc.array(itemWithHistory, { maxLength: 4 }), instant, (hs, now) => {
        const built = hs.map((h, i) => build(`i${i}`, h));
        const input = { placedAt: PLACED, items: built.map((b) => b.item), prior: built.flatMap((b) => b.prior), settings: AMS, now };
        const plain = assessOrder(input).items;
        const overridden = assessOrder({ ...input, overrideWindow: true }).items;
        plain.forEach((a, i) => {
          const o = overridden[i];
          if (a.ineligibleReason === 'return_window_expired') {
            expect(o?.eligible).toBe(true);
          } else {
            expect(o).toEqual(a);
          }
        });
      }),
    );
  });
});
