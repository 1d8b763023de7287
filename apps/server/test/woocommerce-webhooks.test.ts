// WooCommerce webhooks into Retour (issue #6): base64 HMAC-SHA256 of the raw body with the secret
// Retour set on the webhook; wrong or missing signatures change nothing; the ping on save is 200;
// a repeated delivery id is dropped; order.created / order.updated upsert the order.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', consumerSecret: 'cs_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' };

let h: Harness;
let woo: WooServer;
let m: Merchant;
let hookPath: string;
let secret: string;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
  m = await newMerchant(h);
  const res = await m.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...keys });
  expect(res.statusCode, res.body).toBe(201);
  hookPath = new URL(json(res).webhookUrl).pathname;
  // The secret only WooCommerce and Retour know: as the shop received it when the webhook was made.
  secret = woo.state.webhooks.at(-1).secret;
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

let delivery = 0;
function deliver(body: unknown, opts: { topic?: string; signature?: string | null; deliveryId?: string; path?: string } = {}) {
  const raw = Buffer.from(JSON.stringify(body));
  const signature = opts.signature === undefined ? createHmac('sha256', secret).update(raw).digest('base64') : opts.signature;
  return h.app.inject({
    method: 'POST',
    url: opts.path ?? hookPath,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/9.9.0 Hookshot (WordPress/6.8)',
      'x-wc-webhook-source': `${woo.siteUrl}/`,
      'x-wc-webhook-topic': opts.topic ?? 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': (opts.topic ?? 'order.created').split('.')[1] as string,
      'x-wc-webhook-id': '901',
      'x-wc-webhook-delivery-id': opts.deliveryId ?? `${++delivery}`,
      ...(signature !== null ? { 'x-wc-webhook-signature': signature } : {}),
    },
  });
}

const findOrder = async (externalId: number) => {
  const all = json(await m.call('GET', '/api/v1/orders?limit=200')).data as { externalId: string }[];
  return all.find((o) => o.externalId === String(externalId)) as Record<string, any> | undefined;
};

describe('POST /api/hooks/woocommerce/:hookKey', () => {
  it('order.created stores the order, mapped from WooCommerce fields', async () => {
    const order = wooOrder(101, {
      number: 'WC-101',
      meta_data: [
        {
          id: 9,
          key: '_wc_shipment_tracking_items',
          value: [{ tracking_provider: 'PostNL', tracking_number: '3SABCD123', date_shipped: '1781000000' }],
        },
      ],
    });
    const res = await deliver(order);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ outcome: 'stored' });
    expect(await findOrder(101)).toMatchObject({
      integration: 'Woo',
      orderNumber: 'WC-101',
      placedAt: '2026-06-10T09:30:00.000Z',
      currency: 'EUR',
      customer: { name: 'Sanne de Vries', email: 'sanne@example.com', phone: '+31 6 12345678' },
      shippingAddress: {
        name: 'Sanne de Vries',
        street: 'Keizersgracht 1',
        addressLine2: '2nd floor',
        postalCode: '1015 CV',
        city: 'Amsterdam',
        region: 'NH',
        country: 'NL',
      },
      items: [
        { externalId: '1011', sku: 'TS-M', name: 'T-shirt - M', variant: 'M', quantity: 2, unitPrice: { value: '29.95', currency: 'EUR' } },
        {
          externalId: '1012',
          sku: 'product-40',
          name: 'Jeans',
          variant: null,
          quantity: 1,
          unitPrice: { value: '89.00', currency: 'EUR' },
        },
      ],
      shipments: [{ carrier: 'PostNL', trackingNumber: '3SABCD123', shippedAt: new Date(1781000000 * 1000).toISOString() }],
    });
    const [connection] = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(connection.lastSyncAt).toBe(h.clock.now.toISOString());
  });

  it('order.updated replaces the order; an empty shipping address falls back to billing', async () => {
    await deliver(wooOrder(102));
    const empty = {
      first_name: '',
      last_name: '',
      company: '',
      address_1: '',
      address_2: '',
      city: '',
      state: '',
      postcode: '',
      country: '',
    };
    const res = await deliver(wooOrder(102, { shipping: empty, line_items: [wooOrder(102).line_items[1]] }), { topic: 'order.updated' });
    expect(json(res)).toEqual({ outcome: 'stored' });
    const stored = await findOrder(102);
    expect(stored?.shippingAddress).toMatchObject({ street: 'Prinsengracht 263', postalCode: '1016 GV', city: 'Amsterdam', country: 'NL' });
    expect(stored?.items.map((i: { externalId: string }) => i.externalId)).toEqual(['1022']);
  });

  it.each([
    ['a wrong signature', createHmac('sha256', 'another secret').update('x').digest('base64')],
    [
      'a signature of another body',
      createHmac('sha256', 'x')
        .update(JSON.stringify(wooOrder(1)))
        .digest('base64'),
    ],
    ['a malformed signature', 'sha256=abc'],
    ['no signature', null],
  ])('%s: 401 invalid_signature and nothing stored', async (_name, signature) => {
    const res = await deliver(wooOrder(150), { signature });
    expect(res.statusCode).toBe(401);
    expect(json(res).error.code).toBe('invalid_signature');
    expect(await findOrder(150)).toBeUndefined();
  });

  it('an unknown hook key: 401 invalid_signature', async () => {
    const res = await deliver(wooOrder(151), { path: '/api/hooks/woocommerce/hk_unknownunknownunknownunknown12' });
    expect(res.statusCode).toBe(401);
    expect(await findOrder(151)).toBeUndefined();
  });

  it('the ping WooCommerce sends when the webhook is saved is answered 200 and changes nothing', async () => {
    const before = json(await m.call('GET', '/api/v1/orders?limit=200')).data.length;
    const res = await h.app.inject({
      method: 'POST',
      url: hookPath,
      payload: 'webhook_id=901',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/9.9.0 Hookshot (WordPress/6.8)' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ outcome: 'ping' });
    expect(json(await m.call('GET', '/api/v1/orders?limit=200')).data.length).toBe(before);
  });

  it('a repeated delivery id is dropped (200 duplicate), even when its body differs', async () => {
    const first = await deliver(wooOrder(160), { deliveryId: 'dup-1' });
    expect(json(first)).toEqual({ outcome: 'stored' });
    const again = await deliver(wooOrder(160, { number: 'CHANGED' }), { deliveryId: 'dup-1', topic: 'order.updated' });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toEqual({ outcome: 'duplicate' });
    expect((await findOrder(160))?.orderNumber).toBe('160');
  });

  it('unpaid orders and other topics are acknowledged without importing', async () => {
    expect(json(await deliver(wooOrder(170, { status: 'pending' })))).toEqual({ outcome: 'ignored' });
    expect(json(await deliver({ id: 5, code: 'SAVE5' }, { topic: 'coupon.updated' }))).toEqual({ outcome: 'ignored' });
    expect(await findOrder(170)).toBeUndefined();
  });

  it('an order that cannot be imported is answered 200 (WooCommerce would disable the webhook) and reported on the connection', async () => {
    const res = await deliver(wooOrder(180, { billing: { ...wooOrder(180).billing, email: 'not-an-email' } }));
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ outcome: 'ignored' });
    const [connection] = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(connection.lastError).toContain('Order 180');
    expect(connection.lastError).toContain('email');
  });

  it('a signed body that is not an order: 400 validation_error', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: hookPath,
      payload: 'not json',
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-signature': createHmac('sha256', secret).update('not json').digest('base64'),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.code).toBe('validation_error');
  });

  it('after SECRET_KEY changed, the stored secret cannot be opened: 409 credentials_unreadable saying what to do, no change', async () => {
    const before = await findOrder(7771);
    const original = h.ctx.secret;
    h.ctx.secret = Buffer.from('a-different-secret-key-a-different-secret-key');
    try {
      const res = await deliver(wooOrder(7771));
      expect(res.statusCode, res.body).toBe(409);
      expect(json(res).error.code).toBe('credentials_unreadable');
      expect(json(res).error.message).toMatch(/SECRET_KEY.*Enter the credentials again/);
    } finally {
      h.ctx.secret = original;
    }
    expect(await findOrder(7771)).toEqual(before);
  });
});
