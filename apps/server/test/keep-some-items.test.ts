// Partial keep-the-item (issue #15 item 1): when the return rules let the shopper keep some of the
// chosen items, the return still opens with a label for the others; the kept items are marked kept,
// recorded as received at once (refundable without a shipment, counted in the refund proposal) and
// the shopper's status page says which to send back. When every item is kept: received at once.
// A return that waits for staff approval counts its kept items only once approved (open): a
// rejected one keeps nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidShop, paymentIdOf, startMollie, webhook } from './mollie-helpers.ts';
import { found, item, postReturn, returnBody } from './portal-helpers.ts';
import type { MollieServer } from './support/mollie-server.ts';
import { eur, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  mollie = await startMollie(h);
});
afterAll(async () => {
  await mollie.close();
  await h.close();
});

async function keepSocks(shop: Shop) {
  const res = await shop.merchant.call('PUT', '/api/v1/return-rules', {
    rules: [
      {
        name: 'cheap socks',
        scope: 'item',
        criteria: { match: 'all', conditions: [{ property: 'vendor', operator: 'eq', value: 'Tiny Socks' }] },
        actions: [{ identifier: 'keep_item' }],
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function returnOf(shop: Shop, skus: string[]) {
  const order = orderPayload(h);
  const withVendor = { ...order, items: order.items.map((it, i) => (i === 0 ? { ...it, vendor: 'Tiny Socks' } : it)) };
  await shop.importOrders(withVendor);
  const result = await found(h, shop.slug, withVendor);
  const body = returnBody(item(result, skus[0] as string).id, {
    items: skus.map((sku) => ({ orderItemId: item(result, sku).id, quantity: 1, reason: 'too_small' })),
  });
  const created = await postReturn(h, shop.slug, result.token, body);
  expect(created.statusCode, created.body).toBe(201);
  return json(created);
}

describe('keep some items', () => {
  it('ships only the others: a label for the rest, the kept item received and refundable at once', async () => {
    const shop = await setupShop(h);
    await keepSocks(shop);
    const created = await returnOf(shop, ['TS-M', 'JN-32']);
    const ret = json(await shop.merchant.call('GET', `/api/v1/returns/${created.id}`));
    expect(ret.status).toBe('open');
    expect(ret.label.status).toBe('ready');
    expect(ret.label.trackingNumber).toBeTruthy();
    expect(ret.items.map((i: Record<string, unknown>) => [i.sku, i.kept, i.receivedQuantity])).toEqual([
      ['TS-M', true, 1],
      ['JN-32', false, 0],
    ]);
    // The refund proposal counts the kept item now; the jeans follow when they arrive.
    expect(ret.proposedRefund).toEqual(eur('29.95'));
    const kept = ret.timeline.filter((e: { type: string }) => e.type === 'received');
    expect(kept).toHaveLength(1);
    expect(kept[0].status).toBeUndefined();
    expect(kept[0].message).toContain('1 of 2 items kept');
    // The shopper sees the same marks (which item to send back).
    const shopper = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/returns/${created.id}?access=${created.accessCode}`,
    });
    const keptEntry = json(shopper).timeline.find((e: { type: string }) => e.type === 'kept');
    expect(keptEntry).toEqual({ at: expect.any(String), type: 'kept' }); // worded by the page; no rule names
    expect(json(shopper).items.map((i: Record<string, unknown>) => [i.sku, i.kept])).toEqual([
      ['TS-M', true],
      ['JN-32', false],
    ]);
    // Staff receive the jeans: the kept item is not asked for again; the whole amount is then refundable.
    const received = await shop.merchant.call('POST', `/api/v1/returns/${created.id}/receive`, {
      items: [{ orderItemId: ret.items[1].orderItemId, quantity: 1, condition: 'as_new' }],
    });
    expect(received.statusCode, received.body).toBe(200);
    const after = json(await shop.merchant.call('GET', `/api/v1/returns/${created.id}`));
    expect(after.status).toBe('received');
    expect(after.proposedRefund).toEqual(eur('118.95'));
  });

  it('every item kept: received at once, no label (as before)', async () => {
    const shop = await setupShop(h);
    await keepSocks(shop);
    const created = await returnOf(shop, ['TS-M']);
    const ret = json(await shop.merchant.call('GET', `/api/v1/returns/${created.id}`));
    expect(ret).toMatchObject({ status: 'received', carrier: null, proposedRefund: eur('29.95') });
    expect(ret.items[0].kept).toBe(true);
    expect(ret.dropOffBy).toBeUndefined();
  });

  it('nothing kept: nothing marked, nothing received', async () => {
    const shop = await setupShop(h);
    await keepSocks(shop);
    const created = await returnOf(shop, ['JN-32']);
    const ret = json(await shop.merchant.call('GET', `/api/v1/returns/${created.id}`));
    expect(ret.status).toBe('open');
    expect(ret.items[0]).toMatchObject({ kept: false, receivedQuantity: 0 });
    expect(ret.timeline.filter((e: { type: string }) => e.type === 'received')).toEqual([]);
  });
  it('waiting for approval: nothing kept until staff approve it; a rejected return keeps nothing', async () => {
    const shop = await setupShop(h, { approval: 'manual' });
    await keepSocks(shop);
    const receivedEntries = (ret: Record<string, any>) => ret.timeline.filter((e: { type: string }) => e.type === 'received');

    const refused = await returnOf(shop, ['TS-M', 'JN-32']);
    let ret = json(await shop.merchant.call('GET', `/api/v1/returns/${refused.id}`));
    expect(ret.status).toBe('requested');
    expect(ret.items.map((i: Record<string, unknown>) => [i.sku, i.kept, i.receivedQuantity])).toEqual([
      ['TS-M', true, 0],
      ['JN-32', false, 0],
    ]);
    expect(receivedEntries(ret)).toEqual([]);
    expect((await shop.merchant.call('POST', `/api/v1/returns/${refused.id}/reject`, { reason: 'Not ours' })).statusCode).toBe(200);
    ret = json(await shop.merchant.call('GET', `/api/v1/returns/${refused.id}`));
    expect(ret.status).toBe('rejected');
    expect(ret.items[0].receivedQuantity).toBe(0);
    expect(receivedEntries(ret)).toEqual([]);

    const accepted = await returnOf(shop, ['TS-M', 'JN-32']);
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${accepted.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await shop.merchant.call('POST', `/api/v1/returns/${accepted.id}/approve`)).statusCode).toBe(409);
    ret = json(await shop.merchant.call('GET', `/api/v1/returns/${accepted.id}`));
    expect(ret.status).toBe('open');
    expect(ret.items.map((i: Record<string, unknown>) => [i.sku, i.receivedQuantity])).toEqual([
      ['TS-M', 1],
      ['JN-32', 0],
    ]);
    expect(receivedEntries(ret)).toHaveLength(1);
    expect(receivedEntries(ret)[0]).toMatchObject({ message: expect.stringContaining('1 of 2 items kept') });
    expect(ret.proposedRefund).toEqual(eur('29.95'));
  });
  it('waiting for its fee: the kept item counts once the fee is paid and the return opens', async () => {
    const shop = await paidShop(h);
    await keepSocks(shop);
    const created = await returnOf(shop, ['TS-M', 'JN-32']);
    expect(created.status).toBe('awaiting_payment');
    const view = async () => json(await shop.merchant.call('GET', `/api/v1/returns/${created.id}`));
    expect((await view()).items[0].receivedQuantity).toBe(0);
    const pay = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/returns/${created.id}/payments?access=${created.accessCode}`,
    });
    expect(pay.statusCode, pay.body).toBe(201);
    const payment = paymentIdOf(json(pay).checkoutUrl);
    mollie.setStatus(payment, 'paid');
    for (let i = 0; i < 2; i++) expect((await webhook(h, shop.merchant.id, payment)).statusCode).toBe(200);
    const ret = await view();
    expect(ret.status).toBe('open');
    expect(ret.items.map((i: Record<string, unknown>) => [i.sku, i.receivedQuantity])).toEqual([
      ['TS-M', 1],
      ['JN-32', 0],
    ]);
    expect(ret.timeline.filter((e: { type: string }) => e.type === 'received')).toHaveLength(1);
  });
});
