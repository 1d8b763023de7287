// Order import and order views (api.md "Merchant API" / order import item; domain.md "Concepts":
// orders, shipping rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, findOrder, getReturn, importOrder, MINUTE, portalReturn } from './merchant-helpers.ts';
import { eur, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const post = (shop: Shop, orders: unknown[]) => shop.merchant.call('POST', '/api/v1/orders', { orders });

describe('POST /api/v1/orders', () => {
  it('counts created and updated orders, keyed by (integration, externalId)', async () => {
    const shop = await setupShop(h);
    const a = orderPayload(h);
    const b = orderPayload(h);
    const first = await post(shop, [a, b]);
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first)).toEqual({ created: 2, updated: 0, failed: [] });

    const c = orderPayload(h);
    const sameIdOtherIntegration = { ...orderPayload(h), integration: 'POS', externalId: a.externalId };
    const second = await post(shop, [{ ...a, orderNumber: '#A-1' }, c, sameIdOtherIntegration]);
    expect(json(second)).toEqual({ created: 2, updated: 1, failed: [] });
    expect(json(await shop.merchant.call('GET', '/api/v1/orders')).data).toHaveLength(4);
    expect((await findOrder(shop.merchant, 'Webshop', a.externalId)).orderNumber).toBe('#A-1');
    expect((await findOrder(shop.merchant, 'POS', a.externalId)).orderNumber).toBe(sameIdOtherIntegration.orderNumber);
  });

  it('stores every imported field and answers it in the order view', async () => {
    const shop = await setupShop(h);
    const { payload, order } = await importOrder(h, shop, {
      customer: { name: 'Jan Jansen', email: 'jan@example.com', phone: '+31 6 1234 5678' },
      items: [
        {
          externalId: 'x1',
          sku: 'HAT',
          name: 'Hat',
          variant: 'Red',
          quantity: 3,
          unitPrice: eur('12.50'),
          imageUrl: 'https://cdn.example/hat.png',
          tags: ['summer'],
        },
      ],
      shipments: [
        { carrier: 'sandbox', trackingNumber: 'TT1', shippedAt: '2026-06-10T08:00:00Z', items: [{ externalId: 'x1', quantity: 3 }] },
      ],
    });
    expect(order).toMatchObject({
      integration: 'Webshop',
      externalId: payload.externalId,
      orderNumber: payload.orderNumber,
      placedAt: payload.placedAt,
      currency: 'EUR',
      brandId: shop.brand.id,
      senderAddressId: shop.sender.id,
      customer: { name: 'Jan Jansen', email: 'jan@example.com', phone: '+31 6 1234 5678' },
      shippingAddress: payload.shippingAddress,
      items: [
        {
          externalId: 'x1',
          sku: 'HAT',
          name: 'Hat',
          variant: 'Red',
          quantity: 3,
          unitPrice: eur('12.50'),
          imageUrl: 'https://cdn.example/hat.png',
          tags: ['summer'],
          returnable: true,
          hsCode: null,
        },
      ],
      shipments: [
        {
          carrier: 'sandbox',
          trackingNumber: 'TT1',
          shippedAt: '2026-06-10T08:00:00.000Z',
          deliveredAt: null,
          deliveredTo: null,
          items: [{ externalId: 'x1', quantity: 3 }],
        },
      ],
    });
    expect(order.id).toMatch(/^ord_/);
    expect(order.items[0].id).toEqual(expect.any(String));
  });

  it('keeps the order id and the ids of unchanged items on upsert, so returns stay valid', async () => {
    const shop = await setupShop(h);
    const { payload, order, ret } = await portalReturn(h, shop);
    const [l1, l2] = order.items;
    expect(ret.items[0].orderItemId).toBe(l1.id);

    h.clock.advance(MINUTE);
    const changed = {
      ...payload,
      customer: { ...payload.customer, name: 'Sanne Jansen' },
      items: [
        { ...payload.items[0], name: 'T-shirt (organic)' },
        { ...payload.items[1], quantity: 2 },
        { externalId: 'l9', sku: 'SOCK', name: 'Socks', quantity: 1, unitPrice: eur('5.00') },
      ],
    };
    expect(json(await post(shop, [changed]))).toEqual({ created: 0, updated: 1, failed: [] });
    const after = json(await shop.merchant.call('GET', `/api/v1/orders/${order.id}`));
    expect(after.id).toBe(order.id);
    expect(after.createdAt).toBe(order.createdAt);
    expect(after.updatedAt).toBe(h.clock.now.toISOString());
    expect(after.customer.name).toBe('Sanne Jansen');
    const byExt = Object.fromEntries(after.items.map((i: any) => [i.externalId, i]));
    expect(byExt.l1).toMatchObject({ id: l1.id, name: 'T-shirt (organic)' });
    expect(byExt.l2).toMatchObject({ id: l2.id, quantity: 2 });
    expect(byExt.l9.id).not.toBe(l1.id);
    expect(byExt.l3).toBeUndefined(); // dropped from the import, no return points at it

    // drop the item the return points at: it stays, and the return keeps working
    h.clock.advance(MINUTE);
    expect(json(await post(shop, [{ ...changed, items: changed.items.slice(1) }])).updated).toBe(1);
    const again = json(await shop.merchant.call('GET', `/api/v1/orders/${order.id}`));
    expect(again.items.map((i: any) => i.id)).toContain(l1.id);
    expect(again.returns.map((r: any) => r.id)).toEqual([ret.id]);
    const current = await getReturn(shop.merchant, ret.id);
    expect(current.items[0]).toMatchObject({ orderItemId: l1.id, sku: 'TS-M' });
    const received = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [{ orderItemId: l1.id, quantity: 1, condition: 'as_new', restocked: true }],
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(json(received).proposedRefund).toEqual(eur('29.95'));
  });

  it('reports one invalid order in a batch and stores the others whole', async () => {
    const shop = await setupShop(h);
    const good1 = orderPayload(h);
    const bad = orderPayload(h, { customer: { name: 'X', email: 'not-an-email' } });
    const good2 = orderPayload(h);
    const res = await post(shop, [good1, bad, good2]);
    expect(res.statusCode, res.body).toBe(200);
    const result = json(res);
    expect(result.created).toBe(2);
    expect(result.updated).toBe(0);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ index: 1, error: { code: 'validation_error', message: expect.any(String) } });
    expect(result.failed[0].error.details.issues.map((i: any) => i.path)).toContainEqual(['customer', 'email']);

    for (const p of [good1, good2]) {
      const stored = await findOrder(shop.merchant, p.integration, p.externalId);
      expect(stored.items.map((i: any) => i.externalId)).toEqual(['l1', 'l2', 'l3']);
      expect(stored.shipments).toHaveLength(1);
    }
    const list = json(await shop.merchant.call('GET', `/api/v1/orders?orderNumber=${encodeURIComponent(bad.orderNumber)}`));
    expect(list.data).toEqual([]);
  });

  it.each([
    [
      'an item currency other than the order currency',
      (o: any) => ({ ...o, items: [{ ...o.items[0], unitPrice: { value: '29.95', currency: 'USD' } }, ...o.items.slice(1)] }),
      ['items', 0, 'unitPrice', 'currency'],
    ],
    [
      'two items with one externalId',
      (o: any) => ({ ...o, items: [o.items[0], { ...o.items[1], externalId: 'l1' }] }),
      ['items', 1, 'externalId'],
    ],
    [
      'a shipment line naming no item',
      (o: any) => ({ ...o, shipments: [{ ...o.shipments[0], items: [{ externalId: 'zz', quantity: 1 }] }] }),
      ['shipments', 0, 'items', 0, 'externalId'],
    ],
    ['no items', (o: any) => ({ ...o, items: [] }), ['items']],
    ['a bad placedAt', (o: any) => ({ ...o, placedAt: 'yesterday' }), ['placedAt']],
    ['an unknown field', (o: any) => ({ ...o, discount: 5 }), []],
    ['a non-object', () => 'order', []],
  ])('fails an order with %s and stores nothing of it', async (_name, mutate, path) => {
    const shop = await setupShop(h);
    const good = orderPayload(h);
    const bad = mutate(orderPayload(h));
    const result = json(await post(shop, [good, bad]));
    expect(result.created).toBe(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].index).toBe(1);
    expect(result.failed[0].error.code).toBe('validation_error');
    const paths = result.failed[0].error.details.issues.map((i: any) => i.path);
    expect(
      paths.some((p: any[]) => path.every((part, i) => p[i] === part)),
      JSON.stringify(paths),
    ).toBe(true);
    expect(json(await shop.merchant.call('GET', '/api/v1/orders')).data).toHaveLength(1);
  });

  it('refuses more than 1,000 orders (or none) with 400', async () => {
    const shop = await setupShop(h);
    const one = orderPayload(h);
    expectIssue(
      await post(
        shop,
        Array.from({ length: 1001 }, () => one),
      ),
      ['orders'],
    );
    expectIssue(await post(shop, []), ['orders']);
    expect(json(await shop.merchant.call('GET', '/api/v1/orders')).data).toEqual([]);
  });

  it('imports exactly 1,000 orders in one batch', async () => {
    const shop = await setupShop(h);
    const orders = Array.from({ length: 1000 }, () => orderPayload(h));
    const res = await post(shop, orders);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ created: 1000, updated: 0, failed: [] });
  });

  it('reports the same order twice in one batch', async () => {
    const shop = await setupShop(h);
    const o = orderPayload(h);
    const result = json(await post(shop, [o, { ...o, orderNumber: '#DUP' }]));
    expect(result.created).toBe(1);
    expect(result.failed).toEqual([{ index: 1, error: expect.objectContaining({ code: 'validation_error' }) }]);
    expect((await findOrder(shop.merchant, o.integration, o.externalId)).orderNumber).toBe(o.orderNumber);
  });

  it('fails an order whose brandId is unknown with brand_not_found', async () => {
    const shop = await setupShop(h);
    const other = await setupShop(h);
    const result = json(
      await post(shop, [
        orderPayload(h, { brandId: 'brd_unknown' }),
        orderPayload(h, { brandId: other.brand.id }),
        orderPayload(h, { brandId: shop.brand.id }),
      ]),
    );
    expect(result.created).toBe(1);
    expect(result.failed.map((f: any) => [f.index, f.error.code])).toEqual([
      [0, 'brand_not_found'],
      [1, 'brand_not_found'],
    ]);
  });
});

describe('GET /api/v1/orders', () => {
  it('filters by order number (with or without #, any case) and by updatedSince', async () => {
    const shop = await setupShop(h);
    const t0 = h.clock.now.toISOString();
    const a = (await importOrder(h, shop, { orderNumber: '#AB-1001' })).order;
    h.clock.advance(MINUTE);
    const t1 = h.clock.now.toISOString();
    const b = (await importOrder(h, shop)).order;
    const ids = async (q: string) => json(await shop.merchant.call('GET', `/api/v1/orders?${q}`)).data.map((o: any) => o.id);
    for (const n of ['#AB-1001', 'AB-1001', 'ab-1001', ' #ab-1001 '])
      expect(await ids(`orderNumber=${encodeURIComponent(n)}`)).toEqual([a.id]);
    expect(await ids('orderNumber=nope')).toEqual([]);
    expect(await ids(`updatedSince=${t0}`)).toEqual([a.id, b.id]);
    expect(await ids(`updatedSince=${t1}`)).toEqual([b.id]);
    h.clock.advance(MINUTE);
    const t2 = h.clock.now.toISOString();
    expect(await ids(`updatedSince=${t2}`)).toEqual([]);
    const again = orderPayload(h, { externalId: a.externalId, orderNumber: a.orderNumber });
    expect(json(await post(shop, [again])).updated).toBe(1);
    expect(await ids(`updatedSince=${t2}`)).toEqual([a.id]);
    const t2AtPlus2 = new Date(Date.parse(t2) + 2 * 3_600_000).toISOString().replace('Z', '+02:00'); // the same instant
    expect(await ids(`updatedSince=${encodeURIComponent(t2AtPlus2)}`)).toEqual([a.id]);
  });

  it('paginates oldest change first with limit and nextCursor, without duplicates or gaps', async () => {
    const shop = await setupShop(h);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await importOrder(h, shop)).order.id);
      if (i % 2 === 0) h.clock.advance(1000); // some share an updatedAt: the id breaks the tie
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Record<string, any> = json(await shop.merchant.call('GET', `/api/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((o: any) => o.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it("GET /api/v1/orders/{id} includes the order's returns; unknown ids are 404 order_not_found", async () => {
    const shop = await setupShop(h);
    const { order, ret } = await portalReturn(h, shop);
    const res = await shop.merchant.call('GET', `/api/v1/orders/${order.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = json(res);
    expect(detail.returns).toHaveLength(1);
    const { timeline: _t, ...summary } = ret;
    expect(detail.returns[0]).toMatchObject({ ...summary, portal: shop.slug });
    expect(json(await shop.merchant.call('GET', `/api/v1/orders/${(await importOrder(h, shop)).order.id}`)).returns).toEqual([]);
    expectError(await shop.merchant.call('GET', '/api/v1/orders/ord_doesnotexist'), 404, 'order_not_found');
  });
});
