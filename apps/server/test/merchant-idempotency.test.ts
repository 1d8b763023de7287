// Idempotency-Key on creating POSTs (api.md "Conventions"): a repeat with the same key and body
// returns the first response and creates nothing; the same key with another body is 409
// idempotency_key_reused; keys belong to one merchant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, getReturn, importOrder, portalReturn, receiveAll } from './merchant-helpers.ts';
import { eur, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Target = {
  url: string;
  status: number;
  body: Record<string, unknown>;
  other: Record<string, unknown>;
  /** Something that grows by one when the request really runs. */
  count: () => Promise<number>;
};

const count = async (shop: Shop, url: string) => json(await shop.merchant.call('GET', `${url}?limit=200`)).data.length;

const TARGETS: [string, (shop: Shop) => Promise<Target>][] = [
  [
    'POST /api/v1/brands',
    async (shop) => ({
      url: '/api/v1/brands',
      status: 201,
      body: { name: 'Acme Kids' },
      other: { name: 'Acme Home' },
      count: () => count(shop, '/api/v1/brands'),
    }),
  ],
  [
    'POST /api/v1/orders',
    async (shop) => {
      const order = orderPayload(h);
      return {
        url: '/api/v1/orders',
        status: 200,
        body: { orders: [order] },
        other: { orders: [{ ...order, orderNumber: '#CHANGED' }] },
        count: async () => {
          // a real second run would update the order and move its updatedAt
          const orders = json(await shop.merchant.call('GET', '/api/v1/orders?limit=200')).data;
          return orders.length + orders.filter((o: any) => o.updatedAt !== o.createdAt).length;
        },
      };
    },
  ],
  [
    'POST /api/v1/returns',
    async (shop) => {
      const { order } = await importOrder(h, shop);
      const body = {
        orderId: order.id,
        portalId: shop.portal.id,
        items: [{ orderItemId: order.items[0].id, quantity: 1, reason: 'too_small' }],
        method: 'drop_off',
        carrier: 'sandbox',
        resolution: 'refund',
      };
      return {
        url: '/api/v1/returns',
        status: 201,
        body,
        other: { ...body, resolution: 'store_credit' },
        count: () => count(shop, '/api/v1/returns'),
      };
    },
  ],
  [
    'POST /api/v1/returns/{id}/refunds',
    async (shop) => {
      const { ret } = await portalReturn(h, shop);
      await receiveAll(shop.merchant, ret);
      return {
        url: `/api/v1/returns/${ret.id}/refunds`,
        status: 201,
        body: { amount: eur('10.00'), note: 'Partial' },
        other: { amount: eur('12.00'), note: 'Partial' },
        count: async () => (await getReturn(shop.merchant, ret.id)).refunds.length,
      };
    },
  ],
];

describe.each(TARGETS)('Idempotency-Key on %s', (_name, prepare) => {
  it('replays the first response for the same key and body, and creates nothing', async () => {
    const shop = await setupShop(h);
    const t = await prepare(shop);
    const before = await t.count();
    const key = { 'idempotency-key': `key-${Math.random()}` };
    const first = await shop.merchant.call('POST', t.url, t.body, key);
    expect(first.statusCode, first.body).toBe(t.status);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.count()).toBe(before + 1);

    h.clock.advance(60_000);
    for (let i = 0; i < 2; i++) {
      const replay = await shop.merchant.call('POST', t.url, t.body, key);
      expect(replay.statusCode, replay.body).toBe(t.status);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers['content-type']).toMatch(/^application\/json/);
      expect(json(replay)).toEqual(json(first));
    }
    expect(await t.count()).toBe(before + 1);
  });

  it('refuses the same key with another body (409 idempotency_key_reused)', async () => {
    const shop = await setupShop(h);
    const t = await prepare(shop);
    const key = { 'idempotency-key': 'shared-key' };
    expect((await shop.merchant.call('POST', t.url, t.body, key)).statusCode).toBe(t.status);
    const before = await t.count();
    expectError(await shop.merchant.call('POST', t.url, t.other, key), 409, 'idempotency_key_reused');
    expect(await t.count()).toBe(before);
  });

  it('keeps keys per merchant: another merchant may use the same key', async () => {
    const a = await setupShop(h);
    const b = await setupShop(h);
    const ta = await prepare(a);
    const tb = await prepare(b);
    const key = { 'idempotency-key': 'same-key-everywhere' };
    const fromA = await a.merchant.call('POST', ta.url, ta.body, key);
    expect(fromA.statusCode, fromA.body).toBe(ta.status);
    const beforeB = await tb.count();
    const fromB = await b.merchant.call('POST', tb.url, tb.body, key);
    expect(fromB.statusCode, fromB.body).toBe(tb.status);
    expect(fromB.headers['idempotent-replayed']).toBeUndefined();
    expect(await tb.count()).toBe(beforeB + 1);
    if (json(fromA).id) expect(json(fromB).id).not.toBe(json(fromA).id);
  });
});

describe('Idempotency-Key details', () => {
  it('without a key every POST creates', async () => {
    const shop = await setupShop(h);
    const before = await count(shop, '/api/v1/brands');
    await shop.merchant.call('POST', '/api/v1/brands', { name: 'Twice' });
    await shop.merchant.call('POST', '/api/v1/brands', { name: 'Twice' });
    expect(await count(shop, '/api/v1/brands')).toBe(before + 2);
  });

  it('a refused request stores nothing: it may be corrected and sent again with the same key', async () => {
    const shop = await setupShop(h);
    const { order } = await importOrder(h, shop, {
      placedAt: new Date(h.clock.now.getTime() - 90 * 86_400_000).toISOString(),
      shipments: [
        { carrier: 'sandbox', trackingNumber: 'OLD', deliveredAt: new Date(h.clock.now.getTime() - 80 * 86_400_000).toISOString() },
      ],
    });
    const body = {
      orderId: order.id,
      portalId: shop.portal.id,
      items: [{ orderItemId: order.items[0].id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
    };
    const key = { 'idempotency-key': 'fix-and-retry' };
    expectError(await shop.merchant.call('POST', '/api/v1/returns', body, key), 422, 'item_not_returnable');
    const fixed = await shop.merchant.call('POST', '/api/v1/returns', { ...body, overrideWindow: true }, key);
    expect(fixed.statusCode, fixed.body).toBe(201);
    const replay = await shop.merchant.call('POST', '/api/v1/returns', { ...body, overrideWindow: true }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(json(replay).id).toBe(json(fixed).id);
  });

  it('a key is bound to its URL: the same key on another endpoint is reused', async () => {
    const shop = await setupShop(h);
    const key = { 'idempotency-key': 'one-url-only' };
    expect((await shop.merchant.call('POST', '/api/v1/brands', { name: 'A' }, key)).statusCode).toBe(201);
    expectError(await shop.merchant.call('POST', '/api/v1/api-keys', { name: 'A' }, key), 409, 'idempotency_key_reused');
  });

  it('refuses a key longer than 200 characters', async () => {
    const shop = await setupShop(h);
    expectIssue(await shop.merchant.call('POST', '/api/v1/brands', { name: 'A' }, { 'idempotency-key': 'k'.repeat(201) }), [
      'idempotency-key',
    ]);
  });
});
