// Shared steps of the Shopify tests: a local Shopify, a connected shop, signed webhook deliveries.
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { FakeShopify, fakeEndpoints } from '../../../packages/integrations/test/support/fake-shopify.ts';
import { type Harness, json, type Merchant, newMerchant } from './support/harness.ts';

export { FakeShopify };

export async function startFakeShopify(h: Harness): Promise<FakeShopify> {
  const fake = await new FakeShopify().start();
  h.ctx.providers = fakeEndpoints(fake, 1_000);
  return fake;
}

export async function connectShop(h: Harness, fake: FakeShopify, m?: Merchant, shopDomain = 'demo-shop.myshopify.com') {
  const merchant = m ?? (await newMerchant(h));
  const res = await merchant.call('POST', '/api/v1/integrations/shopify', {
    shopDomain,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
  });
  expect(res.statusCode, res.body).toBe(201);
  const integration = json(res);
  const hookKey = String(integration.webhookUrl).split('/').pop() as string;
  return { m: merchant, integration, hookKey };
}

let eventSeq = 0;
export const nextEventId = () => `evt-${Date.now()}-${++eventSeq}`;

export function deliver(
  h: Harness,
  hookKey: string,
  topic: string,
  body: unknown,
  opts: { secret?: string | null; eventId?: string; hmac?: string } = {},
) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': 'demo-shop.myshopify.com',
    'x-shopify-api-version': '2026-10',
    'x-shopify-webhook-id': `wh-${++eventSeq}`,
    'x-shopify-event-id': opts.eventId ?? nextEventId(),
  };
  const secret = opts.secret === undefined ? 'client-secret-1' : opts.secret;
  if (opts.hmac !== undefined) headers['x-shopify-hmac-sha256'] = opts.hmac;
  else if (secret !== null) headers['x-shopify-hmac-sha256'] = createHmac('sha256', secret).update(raw).digest('base64');
  return h.app.inject({ method: 'POST', url: `/api/hooks/shopify/${hookKey}`, payload: raw, headers });
}

/** A REST order as Shopify sends it in orders/create and orders/updated webhooks (trimmed). */
export function restOrder(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    order_number: id,
    email: 'jane@example.com',
    phone: null,
    created_at: '2026-06-01T09:00:00+02:00',
    processed_at: '2026-06-01T09:00:00+02:00',
    currency: 'EUR',
    customer: { id: 77, email: 'jane@example.com', first_name: 'Jane', last_name: 'Doe', phone: null },
    shipping_address: {
      first_name: 'Jane',
      last_name: 'Doe',
      name: 'Jane Doe',
      company: null,
      address1: 'Keizersgracht 1',
      address2: null,
      zip: '1015 CJ',
      city: 'Amsterdam',
      province_code: null,
      country_code: 'NL',
      phone: '+31 20 123 4567',
    },
    line_items: [
      {
        id: id * 10 + 1,
        admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + 1}`,
        name: 'Linen shirt - M',
        title: 'Linen shirt',
        variant_title: 'M',
        sku: 'SHIRT-M',
        quantity: 2,
        price: '49.95',
        price_set: { shop_money: { amount: '49.95', currency_code: 'EUR' } },
      },
    ],
    fulfillments: [],
    ...overrides,
  };
}
