// A typical shop built through the real merchant API: brand, addresses, a portal, and orders.
import { expect } from 'vitest';
import { type Harness, json, type Merchant, newMerchant } from './harness.ts';

export const eur = (value: string) => ({ value, currency: 'EUR' });

export type OrderOverrides = Record<string, unknown>;

let counter = 0;
/** An order import payload; by default delivered in NL two days before the harness clock. */
export function orderPayload(h: Harness, overrides: OrderOverrides = {}) {
  counter++;
  const delivered = new Date(h.clock.now.getTime() - 2 * 86_400_000).toISOString();
  const n = `${1000 + counter}`;
  return {
    integration: 'Webshop',
    externalId: `ext-${n}-${Math.random().toString(36).slice(2, 8)}`,
    orderNumber: `#${n}`,
    placedAt: new Date(h.clock.now.getTime() - 5 * 86_400_000).toISOString(),
    currency: 'EUR',
    customer: { name: 'Sanne de Vries', email: 'sanne@example.com' },
    shippingAddress: {
      name: 'Sanne de Vries',
      street: 'Prinsengracht',
      houseNumber: '263',
      postalCode: '1016 GV',
      city: 'Amsterdam',
      country: 'NL',
    },
    items: [
      {
        externalId: 'l1',
        sku: 'TS-M',
        name: 'T-shirt',
        quantity: 2,
        unitPrice: eur('29.95'),
        hsCode: '610910',
        originCountry: 'PT',
        weightGrams: 180,
      },
      {
        externalId: 'l2',
        sku: 'JN-32',
        name: 'Jeans',
        quantity: 1,
        unitPrice: eur('89.00'),
        hsCode: '620342',
        originCountry: 'TR',
        weightGrams: 650,
      },
      { externalId: 'l3', sku: 'SCARF', name: 'Scarf', quantity: 1, unitPrice: eur('15.00'), returnable: false },
    ],
    shipments: [{ carrier: 'sandbox', trackingNumber: `TRK${n}NL`, shippedAt: delivered, deliveredAt: delivered, deliveredTo: 'home' }],
    ...overrides,
  };
}

export async function setupShop(h: Harness, portalOverrides: Record<string, unknown> = {}, merchant?: Merchant) {
  const m = merchant ?? (await newMerchant(h));
  const brand = json(await m.call('POST', '/api/v1/brands', { name: 'Acme' }));
  const returnAddress = json(
    await m.call('POST', '/api/v1/addresses', {
      kind: 'return',
      brandId: brand.id,
      name: 'Acme Returns',
      street: 'Keizersgracht',
      houseNumber: '100',
      postalCode: '1015 CV',
      city: 'Amsterdam',
      country: 'NL',
    }),
  );
  const sender = json(
    await m.call('POST', '/api/v1/addresses', {
      kind: 'sender',
      brandId: brand.id,
      name: 'Acme',
      street: 'Keizersgracht',
      houseNumber: '100',
      postalCode: '1015 CV',
      city: 'Amsterdam',
      country: 'NL',
    }),
  );
  const slug = `acme-${Math.random().toString(36).slice(2, 10)}`;
  const res = await m.call('POST', '/api/v1/portals', {
    slug,
    brandId: brand.id,
    enabled: true,
    returnAddressId: returnAddress.id,
    returnWindowDays: 30,
    methods: ['drop_off', 'drop_off_labelless', 'pickup'],
    carriers: { NL: ['sandbox', 'sandbox_courier'], '*': ['sandbox'] },
    resolutions: ['refund', 'store_credit', 'exchange'],
    ...portalOverrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  const portal = json(res);
  const importOrders = async (...orders: unknown[]) => {
    const r = await m.call('POST', '/api/v1/orders', { orders });
    expect(r.statusCode, r.body).toBe(200);
    return json(r);
  };
  return { merchant: m, brand, returnAddress, sender, portal, slug, importOrders };
}

export type Shop = Awaited<ReturnType<typeof setupShop>>;

export async function lookup(h: Harness, slug: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: `/api/portal/${slug}/lookup`, payload: body, headers });
}

/** Looks the order up and creates a return of the first item (one unit) unless told otherwise. */
export async function createPortalReturn(
  h: Harness,
  slug: string,
  order: { orderNumber: string; shippingAddress: { postalCode: string } },
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const found = await lookup(h, slug, { orderNumber: order.orderNumber, postalCode: order.shippingAddress.postalCode });
  expect(found.statusCode, found.body).toBe(200);
  const { token, order: o } = json(found);
  return h.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/returns`,
    headers: { authorization: `Bearer ${token}`, ...headers },
    payload: {
      items: [{ orderItemId: o.items[0].id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      contact: { email: 'sanne@example.com' },
      language: 'en',
      ...body,
    },
  });
}
