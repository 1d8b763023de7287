// The journey as data: which steps a shopper sees, the money shown before the return exists, and
// the request the draft becomes.
import type { PublicPortal } from '@retour/contracts/portal';
import type { LookupResult } from '@retour/contracts/returns';
import { describe, expect, it } from 'vitest';
import { type Draft, emptyDraft, estimatedBonus, estimatedRefund, itemsTotal, pickupDates, returnBody, stepsFor } from '../src/flow.ts';

const eur = (value: string) => ({ value, currency: 'EUR' });
const portal = {
  lookup: {
    byOrderNumber: true,
    byTrackingNumber: true,
    pairs: [
      ['order_number', 'postal_code'],
      ['postal_code', 'tracking_number'],
    ],
    giftReturns: false,
  },
  fee: { amount: eur('2.95'), payment: 'deduct_from_refund' },
  reasons: [{ code: 'other', label: 'Other', commentRequired: true }],
} as unknown as PublicPortal;
const item = (id: string, price: string) => ({
  id,
  sku: id,
  name: id,
  variant: null,
  imageUrl: null,
  quantity: 3,
  returnableQuantity: 3,
  unitPrice: eur(price),
  eligible: true,
  ineligibleReason: null,
  returnDeadline: '2026-12-01',
});
const lookup = (resolutions: string[]) =>
  ({
    token: 't',
    expiresAt: '2030-01-01T00:00:00Z',
    order: {
      orderNumber: '#1',
      placedAt: '2026-11-01T10:00:00Z',
      country: 'NL',
      email: 'a***@b.nl',
      phoneKnown: false,
      items: [item('a', '29.95'), item('b', '0.10')],
    },
    returnDeadline: '2026-12-01',
    crossesCustomsBorder: false,
    options: {
      methods: [
        { method: 'drop_off', carriers: [{ code: 'sandbox', name: 'Sandbox Post', fee: eur('2.95'), phoneRequired: false }] },
        { method: 'in_store', carriers: [] },
      ],
      resolutions,
      reasons: [],
    },
  }) as unknown as LookupResult;

function draft(patch: Partial<Draft>): Draft {
  return { ...emptyDraft('return', portal), ...patch };
}

describe('steps', () => {
  it('ask for a resolution only when there is a choice, and never in a withdrawal', () => {
    expect(stepsFor(draft({ lookup: lookup(['refund', 'exchange']) }))).toEqual([
      'start',
      'items',
      'method',
      'resolution',
      'contact',
      'review',
      'done',
    ]);
    expect(stepsFor(draft({ lookup: lookup(['refund']) }))).toEqual(['start', 'items', 'method', 'contact', 'review', 'done']);
    expect(stepsFor(draft({ mode: 'withdrawal', lookup: lookup(['refund', 'exchange']) }))).toEqual([
      'withdraw',
      'items',
      'method',
      'contact',
      'review',
      'done',
    ]);
  });
});

describe('money', () => {
  it('sums in minor units (no float drift) and deducts a fee the shop takes from the refund', () => {
    const d = draft({
      lookup: lookup(['refund']),
      lines: { a: { quantity: 3, reason: 'x', comment: '' }, b: { quantity: 3, reason: 'x', comment: '' } },
      option: 'drop_off:sandbox',
    });
    expect(itemsTotal(d)).toEqual({ value: '90.150', currency: 'EUR' });
    expect(estimatedRefund(d, portal)).toEqual({ value: '87.200', currency: 'EUR' });
    expect(estimatedRefund({ ...d, option: 'in_store' }, portal)).toEqual({ value: '90.150', currency: 'EUR' });
  });
});

describe('request body', () => {
  it('carries only what the chosen method needs, and a withdrawal asks for a refund and says it is one', () => {
    const d = draft({
      mode: 'withdrawal',
      lookup: lookup(['store_credit', 'refund']),
      lines: { a: { quantity: 2, reason: 'other', comment: '  too big  ' } },
      option: 'in_store',
      pickupDate: '2026-12-01',
      email: ' eva@example.com ',
    });
    expect(returnBody(d, 'nl')).toEqual({
      items: [{ orderItemId: 'a', quantity: 2, reason: 'other', comment: 'too big' }],
      method: 'in_store',
      resolution: 'refund',
      contact: { email: 'eva@example.com' },
      language: 'nl',
      withdrawal: true,
    });
  });

  it('an ordinary return is not marked as a withdrawal', () => {
    const d = draft({
      mode: 'return',
      lookup: lookup(['refund']),
      lines: { a: { quantity: 1, reason: 'too_small', comment: '' } },
      option: 'in_store',
      email: 'eva@example.com',
    });
    expect(returnBody(d, 'en')).not.toHaveProperty('withdrawal');
  });
});

describe('exchanges', () => {
  const offering = { ...portal, exchanges: { reasons: ['too_small'], otherProducts: false } } as unknown as PublicPortal;
  const lines = {
    a: { quantity: 1, reason: 'too_small', comment: '' },
    b: { quantity: 1, reason: 'other', comment: 'broken' },
  };
  it('sends the chosen variant only for items whose reason allows an exchange, and only with the exchange resolution', () => {
    const d = draft({
      lookup: lookup(['refund', 'exchange']),
      lines,
      option: 'drop_off:sandbox',
      resolution: 'exchange',
      exchanges: { a: 'var_l', b: 'var_x' },
      email: 'eva@example.com',
    });
    expect(returnBody(d, 'en', offering).items).toEqual([
      { orderItemId: 'a', quantity: 1, reason: 'too_small', exchange: { variantId: 'var_l' } },
      { orderItemId: 'b', quantity: 1, reason: 'other', comment: 'broken' },
    ]);
    expect(returnBody({ ...d, resolution: 'refund' }, 'en', offering).items.some((i) => 'exchange' in i)).toBe(false);
    // A portal that offers no exchanges gets none.
    expect(returnBody(d, 'en', portal).items.some((i) => 'exchange' in i)).toBe(false);
  });
});

describe('pickup dates', () => {
  it('offers ten days from tomorrow without Sundays', () => {
    const days = pickupDates(new Date(2026, 10, 21, 15)); // Saturday 21 November 2026
    expect(days).toHaveLength(10);
    expect(days[0]).toBe('2026-11-23');
    expect(days).not.toContain('2026-11-29');
  });
});

describe('bonus for store credit', () => {
  const lines = { a: { quantity: 1, reason: 'x', comment: '' }, b: { quantity: 3, reason: 'x', comment: '' } };
  const withBonus = (bonusCredit: unknown) =>
    ({ ...portal, exchanges: { reasons: [], otherProducts: false, bonusCredit } }) as unknown as PublicPortal;
  it.each([
    ['10% of each item, rounded down to the cent (29.95 → 2.99, 3 × 0.10 → 0.03)', { kind: 'percent', percent: 10 }, '3.02'],
    ['a fixed amount in the order currency', { kind: 'fixed', amount: { value: '5.00', currency: 'EUR' } }, '5.00'],
  ])('%s', (_name, bonusCredit, expected) => {
    const d = draft({ lookup: lookup(['refund', 'store_credit']), lines });
    expect(estimatedBonus(d, withBonus(bonusCredit))).toEqual({ value: expected, currency: 'EUR' });
  });
  it('none without a bonus, for a fixed amount in another currency, or without exchanges offered', () => {
    const d = draft({ lookup: lookup(['refund', 'store_credit']), lines });
    expect(estimatedBonus(d, withBonus(null))).toBeNull();
    expect(estimatedBonus(d, withBonus({ kind: 'fixed', amount: { value: '5.00', currency: 'USD' } }))).toBeNull();
    expect(estimatedBonus(d, portal)).toBeNull();
  });
});
