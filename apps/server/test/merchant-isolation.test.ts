// Tenant isolation (domain.md "Concepts": every row belongs to exactly one merchant; nothing crosses
// merchants). Merchant B uses merchant A's ids on every merchant endpoint: 404 or an empty list,
// and A's data is unchanged afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, findOrder, portalReturn } from './merchant-helpers.ts';
import { eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function tenant(name: string) {
  const m = await newMerchant(h, name);
  const shop = await setupShop(h, {}, m);
  const rule = json(
    await m.call('POST', '/api/v1/shipping-rules', {
      name: 'NL',
      position: 1,
      conditions: [{ field: 'country', op: 'eq', value: 'NL' }],
      action: { senderAddressId: shop.sender.id },
    }),
  );
  const key = json(await m.call('POST', '/api/v1/api-keys', { name: `${name} integration` }));
  const { order, payload, ret } = await portalReturn(h, shop);
  return { m, shop, rule, key, order, payload, ret };
}
type Tenant = Awaited<ReturnType<typeof tenant>>;

/** Everything A can see, read through A's own key. */
async function snapshot(t: Tenant) {
  const get = async (url: string) => {
    const res = await t.m.call('GET', url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return json(res);
  };
  const { shop } = t;
  return {
    brand: await get(`/api/v1/brands/${shop.brand.id}`),
    returnAddress: await get(`/api/v1/addresses/${shop.returnAddress.id}`),
    sender: await get(`/api/v1/addresses/${shop.sender.id}`),
    portal: await get(`/api/v1/portals/${shop.portal.id}`),
    rule: await get(`/api/v1/shipping-rules/${t.rule.id}`),
    keys: await get('/api/v1/api-keys'),
    order: await get(`/api/v1/orders/${t.order.id}`),
    ret: await get(`/api/v1/returns/${t.ret.id}`),
    lists: await Promise.all(
      ['brands', 'addresses', 'portals', 'shipping-rules', 'orders', 'returns'].map((p) => get(`/api/v1/${p}?limit=200`)),
    ),
  };
}

type Call = [string, 'GET' | 'PATCH' | 'DELETE' | 'POST', (a: Tenant) => string, (a: Tenant) => unknown, string];

const CALLS: Call[] = [
  ['get brand', 'GET', (a) => `/api/v1/brands/${a.shop.brand.id}`, () => undefined, 'not_found'],
  ['patch brand', 'PATCH', (a) => `/api/v1/brands/${a.shop.brand.id}`, () => ({ name: 'Taken over' }), 'brand_not_found'],
  ['delete brand', 'DELETE', (a) => `/api/v1/brands/${a.shop.brand.id}`, () => undefined, 'not_found'],
  ['get address', 'GET', (a) => `/api/v1/addresses/${a.shop.returnAddress.id}`, () => undefined, 'not_found'],
  ['patch address', 'PATCH', (a) => `/api/v1/addresses/${a.shop.returnAddress.id}`, () => ({ city: 'Elsewhere' }), 'address_not_found'],
  ['delete address', 'DELETE', (a) => `/api/v1/addresses/${a.shop.sender.id}`, () => undefined, 'not_found'],
  ['get portal', 'GET', (a) => `/api/v1/portals/${a.shop.portal.id}`, () => undefined, 'not_found'],
  ['patch portal', 'PATCH', (a) => `/api/v1/portals/${a.shop.portal.id}`, () => ({ enabled: false }), 'portal_not_found'],
  ['delete portal', 'DELETE', (a) => `/api/v1/portals/${a.shop.portal.id}`, () => undefined, 'not_found'],
  ['get shipping rule', 'GET', (a) => `/api/v1/shipping-rules/${a.rule.id}`, () => undefined, 'not_found'],
  ['patch shipping rule', 'PATCH', (a) => `/api/v1/shipping-rules/${a.rule.id}`, () => ({ position: 99 }), 'not_found'],
  ['delete shipping rule', 'DELETE', (a) => `/api/v1/shipping-rules/${a.rule.id}`, () => undefined, 'not_found'],
  ['revoke API key', 'DELETE', (a) => `/api/v1/api-keys/${a.key.id}`, () => undefined, 'not_found'],
  ['get order', 'GET', (a) => `/api/v1/orders/${a.order.id}`, () => undefined, 'order_not_found'],
  ['get return', 'GET', (a) => `/api/v1/returns/${a.ret.id}`, () => undefined, 'return_not_found'],
  ['approve', 'POST', (a) => `/api/v1/returns/${a.ret.id}/approve`, () => ({}), 'return_not_found'],
  ['reject', 'POST', (a) => `/api/v1/returns/${a.ret.id}/reject`, () => ({ reason: 'no' }), 'return_not_found'],
  ['cancel', 'POST', (a) => `/api/v1/returns/${a.ret.id}/cancel`, () => ({ reason: 'no' }), 'return_not_found'],
  [
    'receive',
    'POST',
    (a) => `/api/v1/returns/${a.ret.id}/receive`,
    (a) => ({ items: [{ orderItemId: a.ret.items[0].orderItemId, quantity: 1, condition: 'as_new' }] }),
    'return_not_found',
  ],
  ['resolve', 'POST', (a) => `/api/v1/returns/${a.ret.id}/resolve`, () => ({}), 'return_not_found'],
  ['note', 'POST', (a) => `/api/v1/returns/${a.ret.id}/notes`, () => ({ message: 'hello' }), 'return_not_found'],
  ['refund', 'POST', (a) => `/api/v1/returns/${a.ret.id}/refunds`, () => ({ amount: eur('1.00'), note: 'x' }), 'return_not_found'],
  ['store credit', 'POST', (a) => `/api/v1/returns/${a.ret.id}/store-credits`, () => ({ amount: eur('1.00') }), 'return_not_found'],
  [
    'replacement',
    'POST',
    (a) => `/api/v1/returns/${a.ret.id}/replacements`,
    () => ({ carrier: 'sandbox', trackingNumber: 'X' }),
    'return_not_found',
  ],
  ['resend label', 'POST', (a) => `/api/v1/returns/${a.ret.id}/resend-label`, () => ({}), 'return_not_found'],
  [
    'tracking event',
    'POST',
    (a) => `/api/v1/returns/${a.ret.id}/events`,
    () => ({ at: '2026-06-15T12:00:00Z', status: 'in_transit' }),
    'return_not_found',
  ],
];

describe("merchant B with merchant A's ids", () => {
  let a: Tenant;
  let b: Tenant;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    a = await tenant('Alpha');
    b = await tenant('Bravo');
    before = await snapshot(a);
  });

  it.each(CALLS)('%s → 404', async (_name, method, url, body, code) => {
    expectError(await b.m.call(method, url(a), body(a) as object | undefined), 404, code);
  });

  it.each(['brands', 'addresses', 'portals', 'shipping-rules', 'api-keys', 'orders', 'returns'])(
    "GET /api/v1/%s lists none of A's rows",
    async (path) => {
      const res = await b.m.call('GET', `/api/v1/${path}?limit=200`);
      expect(res.statusCode, res.body).toBe(200);
      const aIds = new Set([
        a.shop.brand.id,
        a.shop.returnAddress.id,
        a.shop.sender.id,
        a.shop.portal.id,
        a.rule.id,
        a.key.id,
        a.order.id,
        a.ret.id,
      ]);
      const listed = json(res).data.map((x: any) => x.id);
      expect(listed.length).toBeGreaterThan(0); // B's own rows are there
      expect(listed.filter((id: string) => aIds.has(id))).toEqual([]);
      expect(res.body).not.toContain(a.ret.reference);
    },
  );

  it('filters and searches only within the merchant', async () => {
    const list = async (q: string) => json(await b.m.call('GET', `/api/v1/returns?${q}`)).data;
    expect(await list(`portal=${a.shop.slug}`)).toEqual([]);
    expect(await list(`q=${a.ret.reference}`)).toEqual([]);
    expect(await list(`q=${a.ret.label.trackingNumber}`)).toEqual([]);
    expect(json(await b.m.call('GET', `/api/v1/orders?orderNumber=${encodeURIComponent(a.order.orderNumber)}`)).data).toEqual([]);
  });

  it("cannot reference A's brand, addresses or orders from its own resources", async () => {
    const slug = `b-${Math.random().toString(36).slice(2, 8)}`;
    expectIssue(await b.m.call('POST', '/api/v1/portals', { slug, brandId: a.shop.brand.id }), ['brandId']);
    expectIssue(await b.m.call('POST', '/api/v1/portals', { slug, brandId: b.shop.brand.id, returnAddressId: a.shop.returnAddress.id }), [
      'returnAddressId',
    ]);
    expectIssue(await b.m.call('PATCH', `/api/v1/portals/${b.shop.portal.id}`, { brandId: a.shop.brand.id }), ['brandId']);
    expectIssue(
      await b.m.call('POST', '/api/v1/addresses', {
        kind: 'sender',
        brandId: a.shop.brand.id,
        name: 'x',
        street: 'x',
        postalCode: '1',
        city: 'x',
        country: 'NL',
      }),
      ['brandId'],
    );
    expectIssue(
      await b.m.call('POST', '/api/v1/shipping-rules', {
        name: 'x',
        position: 1,
        conditions: [],
        action: { senderAddressId: a.shop.sender.id },
      }),
      ['action', 'senderAddressId'],
    );
    const imported = json(await b.m.call('POST', '/api/v1/orders', { orders: [orderPayload(h, { brandId: a.shop.brand.id })] }));
    expect(imported.failed.map((f: any) => f.error.code)).toEqual(['brand_not_found']);
    const manual = {
      items: [{ orderItemId: a.order.items[0].id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
    };
    expectError(
      await b.m.call('POST', '/api/v1/returns', { ...manual, orderId: a.order.id, portalId: b.shop.portal.id, overrideBrand: true }),
      404,
      'order_not_found',
    );
    expectError(
      await b.m.call('POST', '/api/v1/returns', { ...manual, orderId: b.order.id, portalId: a.shop.portal.id, overrideBrand: true }),
      404,
      'not_found',
    );
  });

  it("importing an order with A's integration and externalId creates B's own order", async () => {
    const same = orderPayload(h, {
      integration: a.payload.integration,
      externalId: a.payload.externalId,
      orderNumber: a.payload.orderNumber,
      customer: { name: 'Mallory', email: 'mallory@example.com' },
    });
    const res = await b.m.call('POST', '/api/v1/orders', { orders: [same] });
    expect(json(res)).toEqual({ created: 1, updated: 0, failed: [] });
    const mine = await findOrder(b.m, same.integration, same.externalId);
    expect(mine.id).not.toBe(a.order.id);
    expect(mine.items.map((i: any) => i.id)).not.toContain(a.order.items[0].id);
    expect(json(await b.m.call('POST', '/api/v1/orders', { orders: [same] }))).toEqual({ created: 0, updated: 1, failed: [] });
  });

  it("another merchant's key does not work as a key of this merchant", async () => {
    const asB = (url: string) => h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${b.key.key}` } });
    expectError(await asB(`/api/v1/returns/${a.ret.id}`), 404, 'return_not_found');
    expect((await asB(`/api/v1/returns/${b.ret.id}`)).statusCode).toBe(200);
  });

  // runs last (tests in a file run in order): everything B did above left A's data as it was
  it("leaves all of A's data unchanged", async () => {
    expect(await snapshot(a)).toEqual(before);
    expect(before.ret.status).toBe('open');
    expect(before.keys.data.map((k: any) => k.id)).toContain(a.key.id);
  });
});
