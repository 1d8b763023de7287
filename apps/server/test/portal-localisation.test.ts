// Portal endpoints localise every error message from ?lang= / Accept-Language (api.md
// "Conventions"); the code and status never change with the language.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { found, item, postReturn, returnBody } from './portal-helpers.ts';
import { lookup, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let shop: Shop;
let noWorld: Shop;
type Order = { orderNumber: string; shippingAddress: { postalCode: string }; [field: string]: unknown };
const o = {} as Record<'normal' | 'old' | 'finalSale' | 'gb' | 'be', Order>;
let token: string;
let gbToken: string;
let ids: Record<string, string>;
let gbShirt: string;
let created: { id: string; accessCode: string };

const address = (country: string, postalCode: string) => ({
  name: 'Sam',
  street: 'Main',
  houseNumber: '1',
  postalCode,
  city: 'City',
  country,
});

beforeAll(async () => {
  h = await startHarness('2026-06-15T10:00:00.000Z');
  shop = await setupShop(h, { resolutions: ['refund', 'store_credit'] });
  noWorld = await setupShop(h, { carriers: { NL: ['sandbox'] } });
  const base = orderPayload(h);
  o.normal = base;
  o.old = orderPayload(h, {
    placedAt: '2026-01-01T10:00:00Z',
    shipments: [{ carrier: 'sandbox', trackingNumber: 'OLD-1', deliveredAt: '2026-01-03T10:00:00Z' }],
  });
  o.finalSale = { ...orderPayload(h), items: [base.items[2]!] };
  const gb = orderPayload(h, { shippingAddress: address('GB', 'SW1A 1AA') });
  o.gb = { ...gb, items: [{ ...gb.items[0]!, hsCode: undefined }] };
  o.be = orderPayload(h, { shippingAddress: address('BE', '1000') });
  await shop.importOrders(o.normal, o.old, o.finalSale, o.gb);
  await noWorld.importOrders(o.be);

  const result = await found(h, shop.slug, o.normal);
  token = result.token;
  ids = Object.fromEntries(result.order.items.map((i) => [i.sku, i.id]));
  const gbResult = await found(h, shop.slug, o.gb);
  gbToken = gbResult.token;
  gbShirt = item(gbResult, 'TS-M').id;
  const res = await postReturn(h, shop.slug, token, returnBody(ids['JN-32']!), { 'idempotency-key': 'same-key' });
  expect(res.statusCode, res.body).toBe(201);
  created = json(res) as typeof created;
  for (let i = 0; i < 10; i++) {
    await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload: { orderNumber: '#0', postalCode: '0000' },
      remoteAddress: '192.0.2.99',
    });
  }
});
afterAll(async () => h.close());

type Call = (headers: Record<string, string>) => Promise<LightMyRequestResponse>;
const find =
  (order: () => { orderNumber: string; shippingAddress: { postalCode: string } }, on: () => Shop = () => shop): Call =>
  (headers) =>
    lookup(h, on().slug, { orderNumber: order().orderNumber, postalCode: order().shippingAddress.postalCode }, headers);
const create =
  (body: () => Record<string, unknown>, t: () => string | null = () => token, extra: Record<string, string> = {}): Call =>
  (headers) =>
    postReturn(h, shop.slug, t(), body(), { ...extra, ...headers });
const line = (sku: string, more: Record<string, unknown> = {}) => ({ orderItemId: ids[sku], quantity: 1, reason: 'too_small', ...more });

const scenarios: [string, number, Call][] = [
  ['portal_not_found', 404, (headers) => lookup(h, 'no-such-portal', { orderNumber: '#1', postalCode: '1' }, headers)],
  ['order_not_found', 404, (headers) => lookup(h, shop.slug, { orderNumber: '#nope', postalCode: '1016 GV' }, headers)],
  [
    'too_many_attempts',
    429,
    (headers) =>
      h.app.inject({
        method: 'POST',
        url: `/api/portal/${shop.slug}/lookup`,
        payload: { orderNumber: o.normal!.orderNumber, postalCode: '1016 GV' },
        remoteAddress: '192.0.2.99',
        headers,
      }),
  ],
  ['return_window_expired', 422, find(() => o.old!)],
  ['no_returnable_items', 422, find(() => o.finalSale!)],
  [
    'no_return_method_for_country',
    422,
    find(
      () => o.be!,
      () => noWorld,
    ),
  ],
  [
    'customs_data_missing',
    422,
    create(
      () => returnBody(gbShirt),
      () => gbToken,
    ),
  ],
  [
    'invalid_token',
    401,
    create(
      () => returnBody(ids['TS-M']!),
      () => null,
    ),
  ],
  ['quantity_exceeds_returnable', 422, create(() => returnBody(ids['TS-M']!, { items: [line('TS-M', { quantity: 3 })] }))],
  ['item_not_returnable', 422, create(() => returnBody(ids.SCARF!))],
  ['invalid_reason', 422, create(() => returnBody(ids['TS-M']!, { items: [line('TS-M', { reason: 'whatever' })] }))],
  ['comment_required', 422, create(() => returnBody(ids['TS-M']!, { items: [line('TS-M', { reason: 'other' })] }))],
  ['method_not_available', 422, create(() => returnBody(ids['TS-M']!, { method: 'in_store' }))],
  ['resolution_not_available', 422, create(() => returnBody(ids['TS-M']!, { resolution: 'exchange' }))],
  ['phone_required', 422, create(() => returnBody(ids['TS-M']!, { carrier: 'sandbox_courier' }))],
  ['validation_error', 400, create(() => returnBody(ids['TS-M']!, { method: 'teleport' }))],
  [
    'idempotency_key_reused',
    409,
    create(
      () => returnBody(ids['JN-32']!, { resolution: 'store_credit' }),
      () => token,
      { 'idempotency-key': 'same-key' },
    ),
  ],
  [
    'return_not_found',
    404,
    (headers) => h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${created.id}?access=wrong`, headers }),
  ],
];

describe('every shopper-facing error speaks the shopper’s language', () => {
  it.each(scenarios)('%s', async (code, status, call) => {
    const english = await call({});
    expect(english.statusCode, english.body).toBe(status);
    expect(json(english).error.code).toBe(code);
    const messages = new Set([json(english).error.message]);
    for (const headers of [
      { 'accept-language': 'nl-NL,nl;q=0.9' },
      { 'accept-language': 'fr' },
      { 'accept-language': 'de-AT' },
      { 'accept-language': 'it' },
    ]) {
      const res = await call(headers);
      expect(res.statusCode, res.body).toBe(status);
      const error = json(res).error;
      expect(error.code).toBe(code);
      expect(error.message, `${code} in ${headers['accept-language']}`).not.toBe(json(english).error.message);
      expect(error.details).toEqual(json(english).error.details);
      messages.add(error.message);
    }
    expect(messages.size).toBe(5);
  });
});
