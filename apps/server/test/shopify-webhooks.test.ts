// Webhooks from a connected Shopify shop (POST /api/hooks/shopify/{hookKey}): signed with the
// app's client secret over the raw body, deduplicated by X-Shopify-Event-Id, orders and their
// shipments upserted, compliance topics honoured, unknown topics acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectShop, deliver, type FakeShopify, restOrder, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, json, type Merchant, startHarness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});

async function orderOf(m: Merchant, number: string): Promise<any> {
  const res = await m.call('GET', `/api/v1/orders?orderNumber=${encodeURIComponent(number)}`);
  expect(res.statusCode, res.body).toBe(200);
  const [summary] = json(res).data;
  if (!summary) return undefined;
  return json(await m.call('GET', `/api/v1/orders/${summary.id}`));
}

describe('orders/create and orders/updated', () => {
  it('stores the order under the connection, then updates it', async () => {
    const { m, integration, hookKey } = await connectShop(h, fake);
    const created = await deliver(h, hookKey, 'orders/create', restOrder(1001));
    expect(created.statusCode, created.body).toBe(200);
    expect(json(created)).toEqual({ received: true, duplicate: false, outcome: 'order_upserted' });
    const order = await orderOf(m, '1001');
    expect(order).toMatchObject({
      integration: integration.name,
      externalId: 'gid://shopify/Order/1001',
      orderNumber: '#1001',
      placedAt: '2026-06-01T07:00:00.000Z',
      currency: 'EUR',
      customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+31 20 123 4567' },
      shippingAddress: { name: 'Jane Doe', street: 'Keizersgracht 1', postalCode: '1015 CJ', city: 'Amsterdam', country: 'NL' },
      items: [
        {
          externalId: 'gid://shopify/LineItem/10011',
          sku: 'SHIRT-M',
          name: 'Linen shirt - M',
          variant: 'M',
          quantity: 2,
          unitPrice: { value: '49.95', currency: 'EUR' },
        },
      ],
      shipments: [],
    });

    const updated = await deliver(h, hookKey, 'orders/updated', restOrder(1001, { email: 'jane.doe@example.com' }));
    expect(json(updated).outcome).toBe('order_upserted');
    const after = await orderOf(m, '1001');
    expect(after.id).toBe(order.id);
    expect(after.customer.email).toBe('jane.doe@example.com');
  });

  it('acknowledges an order it cannot store (no address) without storing it', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    const res = await deliver(h, hookKey, 'orders/create', restOrder(1002, { shipping_address: null, billing_address: null }));
    expect(res.statusCode).toBe(200);
    expect(json(res).outcome).toBe('order_invalid');
    expect(await orderOf(m, '1002')).toBeUndefined();
    const [view] = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(view.lastError).toBe('Order #1002 could not be imported (shippingAddress); fix it in Shopify.');
  });
});

describe('signatures and repeated deliveries', () => {
  it('refuses a wrong, missing or malformed signature with 401 and changes nothing', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    for (const opts of [{ secret: 'another-secret' }, { secret: null }, { hmac: 'not-base64!' }, { hmac: '' }]) {
      const res = await deliver(h, hookKey, 'orders/create', restOrder(2001), opts);
      expect(res.statusCode, JSON.stringify(opts)).toBe(401);
      expect(json(res).error.code).toBe('invalid_signature');
    }
    expect(await orderOf(m, '2001')).toBeUndefined();
  });

  it('answers an unknown hook key like a wrong signature', async () => {
    const res = await deliver(h, 'hk_unknown', 'orders/create', restOrder(2002));
    expect(res.statusCode).toBe(401);
    expect(json(res).error.code).toBe('invalid_signature');
  });

  it('drops a repeated delivery (same X-Shopify-Event-Id) without a second change', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    const eventId = 'repeat-1';
    expect(json(await deliver(h, hookKey, 'orders/create', restOrder(2003), { eventId })).outcome).toBe('order_upserted');
    const again = await deliver(h, hookKey, 'orders/updated', restOrder(2003, { email: 'changed@example.com' }), { eventId });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toEqual({ received: true, duplicate: true, outcome: 'duplicate' });
    expect((await orderOf(m, '2003')).customer.email).toBe('jane@example.com');
  });

  it('keeps event ids per connection (another shop may reuse an id)', async () => {
    const first = await connectShop(h, fake);
    const second = await connectShop(h, fake);
    expect(json(await deliver(h, first.hookKey, 'orders/create', restOrder(2004), { eventId: 'shared-id' })).duplicate).toBe(false);
    expect(json(await deliver(h, second.hookKey, 'orders/create', restOrder(2004), { eventId: 'shared-id' })).duplicate).toBe(false);
    expect(await orderOf(second.m, '2004')).toBeDefined();
  });

  it('acknowledges unknown topics and ignores them', async () => {
    const { hookKey } = await connectShop(h, fake);
    const res = await deliver(h, hookKey, 'collections/update', { id: 1 });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ received: true, duplicate: false, outcome: 'ignored' });
  });
});

describe('fulfillments/create and fulfillments/update', () => {
  const fulfillment = (overrides: Record<string, unknown> = {}) => ({
    id: 555,
    order_id: 3001,
    status: 'success',
    created_at: '2026-06-02T10:00:00+00:00',
    updated_at: '2026-06-02T10:00:00+00:00',
    tracking_company: 'PostNL',
    tracking_number: '3SABCD1234567',
    tracking_numbers: ['3SABCD1234567', '3SABCD7654321'],
    shipment_status: 'in_transit',
    line_items: [{ id: 30011, admin_graphql_api_id: 'gid://shopify/LineItem/30011', quantity: 2 }],
    ...overrides,
  });

  it('adds a shipment per tracking number, then records the delivery on the same shipments', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    await deliver(h, hookKey, 'orders/create', restOrder(3001));
    const created = await deliver(h, hookKey, 'fulfillments/create', fulfillment());
    expect(json(created).outcome).toBe('shipments_upserted');
    let order = await orderOf(m, '3001');
    expect(order.shipments).toEqual([
      {
        carrier: 'PostNL',
        trackingNumber: '3SABCD1234567',
        shippedAt: '2026-06-02T10:00:00.000Z',
        deliveredAt: null,
        deliveredTo: null,
        items: [{ externalId: 'gid://shopify/LineItem/30011', quantity: 2 }],
      },
      {
        carrier: 'PostNL',
        trackingNumber: '3SABCD7654321',
        shippedAt: '2026-06-02T10:00:00.000Z',
        deliveredAt: null,
        deliveredTo: null,
        items: [{ externalId: 'gid://shopify/LineItem/30011', quantity: 2 }],
      },
    ]);

    await deliver(
      h,
      hookKey,
      'fulfillments/update',
      fulfillment({ shipment_status: 'delivered', updated_at: '2026-06-04T15:30:00+02:00' }),
    );
    order = await orderOf(m, '3001');
    expect(order.shipments.map((s: any) => [s.trackingNumber, s.deliveredAt])).toEqual([
      ['3SABCD1234567', '2026-06-04T13:30:00.000Z'],
      ['3SABCD7654321', '2026-06-04T13:30:00.000Z'],
    ]);
  });

  it('acknowledges a fulfillment of an order it does not know', async () => {
    const { hookKey } = await connectShop(h, fake);
    const res = await deliver(h, hookKey, 'fulfillments/create', fulfillment({ order_id: 9999 }));
    expect(res.statusCode).toBe(200);
    expect(json(res).outcome).toBe('order_unknown');
  });
});

describe('privacy (compliance) topics', () => {
  it('customers/data_request is acknowledged and recorded (a repeat is a duplicate)', async () => {
    const { hookKey } = await connectShop(h, fake);
    const body = {
      shop_id: 1,
      shop_domain: 'demo-shop.myshopify.com',
      customer: { id: 77, email: 'jane@example.com' },
      orders_requested: [4001],
      data_request: { id: 9 },
    };
    const first = await deliver(h, hookKey, 'customers/data_request', body, { eventId: 'dr-1' });
    expect(json(first)).toEqual({ received: true, duplicate: false, outcome: 'data_request_recorded' });
    expect(json(await deliver(h, hookKey, 'customers/data_request', body, { eventId: 'dr-1' })).duplicate).toBe(true);
  });

  it("customers/redact anonymises that customer's orders of this shop and keeps the rest", async () => {
    const { m, hookKey } = await connectShop(h, fake);
    await deliver(h, hookKey, 'orders/create', restOrder(4001));
    await deliver(
      h,
      hookKey,
      'orders/create',
      restOrder(4002, { email: 'other@example.com', customer: { id: 78, email: 'other@example.com', first_name: 'Max', last_name: 'M' } }),
    );
    const res = await deliver(h, hookKey, 'customers/redact', {
      shop_id: 1,
      shop_domain: 'demo-shop.myshopify.com',
      customer: { id: 77, email: 'jane@example.com', phone: null },
      orders_to_redact: [4001],
    });
    expect(json(res).outcome).toBe('customer_redacted');
    const redacted = await orderOf(m, '4001');
    expect(redacted.customer).toEqual({ name: 'Anonymised', email: 'anonymised@anonymised.invalid', phone: null });
    expect(redacted.shippingAddress).toMatchObject({ name: 'Anonymised', street: '—', postalCode: '—', city: '—', country: 'NL' });
    expect(redacted.items[0]).toMatchObject({ sku: 'SHIRT-M', quantity: 2, unitPrice: { value: '49.95', currency: 'EUR' } });
    expect((await orderOf(m, '4002')).customer.email).toBe('other@example.com');
  });

  it('shop/redact anonymises every order of the shop and disconnects it', async () => {
    const { m, integration, hookKey } = await connectShop(h, fake);
    await deliver(h, hookKey, 'orders/create', restOrder(5001));
    const res = await deliver(h, hookKey, 'shop/redact', { shop_id: 1, shop_domain: 'demo-shop.myshopify.com' });
    expect(json(res).outcome).toBe('shop_redacted');
    expect((await orderOf(m, '5001')).customer.name).toBe('Anonymised');
    const [row] = json(await m.call('GET', '/api/v1/integrations')).data.filter((i: any) => i.id === integration.id);
    expect(row).toMatchObject({ status: 'disconnected', credentialsSet: false, webhookUrl: null });
    expect((await deliver(h, hookKey, 'orders/create', restOrder(5002))).statusCode).toBe(401);
  });
});
