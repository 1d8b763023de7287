// The return window in the portal's time zone, and per-item eligibility (domain.md "Return window",
// "Eligibility"), as the lookup shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { lookup, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const shipped = (deliveredAt: string | null, shippedAt: string | null, extra: Record<string, unknown> = {}) => [
  { carrier: 'sandbox', trackingNumber: `TRK-${Math.random().toString(36).slice(2, 10)}`, shippedAt, deliveredAt, ...extra },
];

describe('window edges in the portal time zone', () => {
  it.each([
    // name, portal settings, deliveredAt, deadline, last allowed instant, first refused instant
    [
      'delivered just after local midnight (Amsterdam, CET)',
      {},
      '2026-03-10T23:30:00Z',
      '2026-03-25',
      '2026-03-25T22:59:59Z',
      '2026-03-25T23:00:00Z',
    ],
    [
      'window spanning the spring DST change (CET → CEST)',
      {},
      '2026-03-20T23:30:00Z',
      '2026-04-04',
      '2026-04-04T21:59:59Z',
      '2026-04-04T22:00:00Z',
    ],
    [
      'window spanning the autumn DST change (CEST → CET)',
      {},
      '2026-10-15T22:30:00Z',
      '2026-10-30',
      '2026-10-30T22:59:59Z',
      '2026-10-30T23:00:00Z',
    ],
    [
      'delivered late in the evening in New York (still the previous local day)',
      { timezone: 'America/New_York' },
      '2026-03-11T03:30:00Z',
      '2026-03-24',
      '2026-03-25T03:59:59Z',
      '2026-03-25T04:00:00Z',
    ],
    [
      '30-day window in Auckland',
      { timezone: 'Pacific/Auckland', returnWindowDays: 30 },
      '2026-05-31T12:30:00Z',
      '2026-07-01',
      '2026-07-01T11:59:59Z',
      '2026-07-01T12:00:00Z',
    ],
  ])('%s', async (_name, settings, deliveredAt, deadline, lastAllowed, firstRefused) => {
    const shop = await setupShop(h, { returnWindowDays: 14, ...settings });
    h.clock.set(deliveredAt);
    const order = orderPayload(h, { placedAt: '2026-01-02T10:00:00Z', shipments: shipped(deliveredAt, '2026-01-03T10:00:00Z') });
    await shop.importOrders(order);

    h.clock.set(lastAllowed);
    const ok = await found(h, shop.slug, order);
    expect(ok.returnDeadline).toBe(deadline);
    expect(item(ok, 'TS-M')).toMatchObject({ eligible: true, returnableQuantity: 2, returnDeadline: deadline });
    expect(item(ok, 'JN-32').returnDeadline).toBe(deadline);
    // a return can still be created in the last second
    expect((await postReturn(h, shop.slug, ok.token, returnBody(item(ok, 'JN-32').id))).statusCode).toBe(201);

    h.clock.set(firstRefused);
    const res = await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' });
    const error = expectError(res, 422, 'return_window_expired');
    expect(error.details?.returnDeadline).toBe(deadline);
    // a token taken before midnight does not stretch the window
    const late = await postReturn(h, shop.slug, ok.token, returnBody(item(ok, 'TS-M').id));
    expectError(late, 422, 'item_not_returnable');
  });
});

describe('the anchor of the window', () => {
  it.each([
    // name, portal settings, placedAt, shipment (null = none), expected deadline
    [
      'only shippedAt known: shipped date + default 7 days allowance',
      {},
      '2026-04-28T10:00:00Z',
      { shippedAt: '2026-04-30T22:30:00Z', deliveredAt: null },
      '2026-06-07',
    ],
    [
      'only shippedAt known: shipped date + 3 days allowance',
      { transitAllowanceDays: 3 },
      '2026-04-28T10:00:00Z',
      { shippedAt: '2026-05-01T08:00:00Z', deliveredAt: null },
      '2026-06-03',
    ],
    ['no shipment: placed date + allowance', { transitAllowanceDays: 5 }, '2026-05-01T22:15:00Z', null, '2026-06-06'],
    ['no shipment, no allowance', { transitAllowanceDays: 0 }, '2026-05-10T10:00:00Z', null, '2026-06-09'],
    [
      'delivered to a service point: its delivered scan counts',
      {},
      '2026-04-28T10:00:00Z',
      { shippedAt: '2026-04-29T10:00:00Z', deliveredAt: '2026-05-02T09:00:00Z', deliveredTo: 'service_point' },
      '2026-06-01',
    ],
    [
      'delivered home: delivered date, not shipped + allowance',
      { transitAllowanceDays: 10 },
      '2026-04-28T10:00:00Z',
      { shippedAt: '2026-04-29T10:00:00Z', deliveredAt: '2026-04-30T10:00:00Z', deliveredTo: 'home' },
      '2026-05-30',
    ],
  ])('%s', async (_name, settings, placedAt, shipment, deadline) => {
    h.clock.set('2026-05-20T10:00:00Z');
    const shop = await setupShop(h, { returnWindowDays: 30, ...settings });
    const shipments = shipment
      ? [{ carrier: 'sandbox', trackingNumber: `TRK-${Math.random().toString(36).slice(2, 10)}`, ...shipment }]
      : [];
    const order = orderPayload(h, { placedAt, shipments });
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(result.returnDeadline).toBe(deadline);
    for (const i of result.order.items) expect(i.returnDeadline).toBe(deadline);

    // one day after the deadline (local), the lookup is refused
    h.clock.set(`${deadline}T23:30:00Z`);
    expectError(await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' }), 422, 'return_window_expired');
  });

  it('shows a deadline per item when items travelled in different shipments, and the order deadline of the eligible ones', async () => {
    h.clock.set('2026-05-20T10:00:00Z');
    const shop = await setupShop(h, { returnWindowDays: 14 });
    const order = orderPayload(h, {
      placedAt: '2026-04-20T10:00:00Z',
      shipments: [
        { carrier: 'sandbox', trackingNumber: 'SPLIT-A', deliveredAt: '2026-05-01T10:00:00Z', items: [{ externalId: 'l1', quantity: 2 }] },
        {
          carrier: 'sandbox',
          trackingNumber: 'SPLIT-B',
          deliveredAt: '2026-05-12T10:00:00Z',
          items: [
            { externalId: 'l2', quantity: 1 },
            { externalId: 'l3', quantity: 1 },
          ],
        },
      ],
    });
    await shop.importOrders(order);

    h.clock.set('2026-05-14T10:00:00Z');
    const both = await found(h, shop.slug, order);
    expect(item(both, 'TS-M')).toMatchObject({ returnDeadline: '2026-05-15', eligible: true });
    expect(item(both, 'JN-32')).toMatchObject({ returnDeadline: '2026-05-26', eligible: true });
    expect(both.returnDeadline).toBe('2026-05-15');

    h.clock.set('2026-05-20T10:00:00Z');
    const one = await found(h, shop.slug, order);
    expect(item(one, 'TS-M')).toMatchObject({
      eligible: false,
      ineligibleReason: 'return_window_expired',
      returnableQuantity: 0,
      returnDeadline: '2026-05-15',
    });
    expect(item(one, 'JN-32')).toMatchObject({ eligible: true, returnableQuantity: 1, returnDeadline: '2026-05-26' });
    expect(one.returnDeadline).toBe('2026-05-26');
    const refused = await postReturn(h, shop.slug, one.token, returnBody(item(one, 'TS-M').id));
    const error = expectError(refused, 422, 'item_not_returnable');
    expect(error.details?.reason).toBe('return_window_expired');
    expect((await postReturn(h, shop.slug, one.token, returnBody(item(one, 'JN-32').id))).statusCode).toBe(201);
  });
});

describe('final sale', () => {
  it('shows final-sale items as not returnable and refuses them', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(item(result, 'SCARF')).toMatchObject({
      eligible: false,
      ineligibleReason: 'not_returnable',
      returnableQuantity: 0,
      quantity: 1,
    });
    expect(item(result, 'SCARF').returnDeadline).toBe(item(result, 'TS-M').returnDeadline);
    expect(item(result, 'TS-M')).toMatchObject({ eligible: true, ineligibleReason: null, returnableQuantity: 2 });
  });

  it('refuses the lookup of an order with only final-sale items: 422 no_returnable_items', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h);
    const base = orderPayload(h);
    const order = { ...base, items: base.items.map((i) => ({ ...i, returnable: false })) };
    await shop.importOrders(order);
    expectError(await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' }), 422, 'no_returnable_items');
  });

  it('says no_returnable_items, not return_window_expired, for an expired order of final-sale items only', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h);
    const base = orderPayload(h, { placedAt: '2026-01-01T10:00:00Z', shipments: shipped('2026-01-03T10:00:00Z', null) });
    const order = { ...base, items: [base.items[2]] };
    await shop.importOrders(order);
    expectError(await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' }), 422, 'no_returnable_items');
  });
});

describe('partial and repeated returns', () => {
  it('counts earlier returns, shows already_returned, and frees the quantity of a cancelled return', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);

    const first = await found(h, shop.slug, order);
    const shirt = item(first, 'TS-M').id;
    const r1 = await postReturn(h, shop.slug, first.token, returnBody(shirt));
    expect(r1.statusCode, r1.body).toBe(201);

    const second = await found(h, shop.slug, order);
    expect(item(second, 'TS-M')).toMatchObject({ quantity: 2, returnableQuantity: 1, eligible: true, ineligibleReason: null });
    const tooMany = await postReturn(
      h,
      shop.slug,
      second.token,
      returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 2, reason: 'too_small' }] }),
    );
    expect(expectError(tooMany, 422, 'quantity_exceeds_returnable').details).toMatchObject({ orderItemId: shirt, returnableQuantity: 1 });
    const r2 = await postReturn(
      h,
      shop.slug,
      second.token,
      returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_large' }] }),
    );
    expect(r2.statusCode, r2.body).toBe(201);

    const third = await found(h, shop.slug, order);
    expect(item(third, 'TS-M')).toMatchObject({ returnableQuantity: 0, eligible: false, ineligibleReason: 'already_returned' });
    expect(item(third, 'JN-32')).toMatchObject({ returnableQuantity: 1, eligible: true });
    expect(third.returnDeadline).toBe(item(third, 'JN-32').returnDeadline);
    expectError(await postReturn(h, shop.slug, third.token, returnBody(shirt)), 422, 'item_not_returnable');

    const cancelled = await shop.merchant.call('POST', `/api/v1/returns/${json(r1).id}/cancel`, { reason: 'Shopper changed their mind' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(json(cancelled).status).toBe('cancelled');

    const fourth = await found(h, shop.slug, order);
    expect(item(fourth, 'TS-M')).toMatchObject({ returnableQuantity: 1, eligible: true, ineligibleReason: null });
    expect((await postReturn(h, shop.slug, fourth.token, returnBody(shirt))).statusCode).toBe(201);
  });

  it('lets only one of two simultaneous returns take the last units', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const [a, b] = [await found(h, shop.slug, order), await found(h, shop.slug, order)];
    const all = (r: typeof a) =>
      returnBody(item(r, 'TS-M').id, { items: [{ orderItemId: item(r, 'TS-M').id, quantity: 2, reason: 'too_small' }] });
    const results = await Promise.all([postReturn(h, shop.slug, a.token, all(a)), postReturn(h, shop.slug, b.token, all(b))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const refused = results.find((r) => r.statusCode === 422)!;
    expect(['item_not_returnable', 'quantity_exceeds_returnable']).toContain(json(refused).error.code);
    expect(item(await found(h, shop.slug, order), 'TS-M')).toMatchObject({ returnableQuantity: 0, ineligibleReason: 'already_returned' });
  });

  it('refuses the lookup once everything returnable is in returns, and a rejected request frees it again', async () => {
    h.clock.set('2026-06-15T10:00:00Z');
    const shop = await setupShop(h, { approval: 'manual' });
    const order = orderPayload(h);
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    const all = await postReturn(
      h,
      shop.slug,
      result.token,
      returnBody(item(result, 'TS-M').id, {
        items: [
          { orderItemId: item(result, 'TS-M').id, quantity: 2, reason: 'too_small' },
          { orderItemId: item(result, 'JN-32').id, quantity: 1, reason: 'changed_mind' },
        ],
      }),
    );
    expect(all.statusCode, all.body).toBe(201);
    expect(json(all).status).toBe('requested');
    expectError(await lookup(h, shop.slug, { orderNumber: order.orderNumber, postalCode: '1016 GV' }), 422, 'no_returnable_items');

    const rejected = await shop.merchant.call('POST', `/api/v1/returns/${json(all).id}/reject`, { reason: 'Worn' });
    expect(json(rejected).status).toBe('rejected');
    const again = await found(h, shop.slug, order);
    expect(item(again, 'TS-M').returnableQuantity).toBe(2);
    expect(item(again, 'JN-32').returnableQuantity).toBe(1);
  });
});
