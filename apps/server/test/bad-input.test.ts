// Hostile and malformed input on every merchant route: always a 4xx in the error envelope (400
// validation_error naming the field where it is a validation problem), never a 5xx. Also unknown
// routes, the OpenAPI document, the docs page and the health endpoints (api.md "Conventions",
// "Operations").
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, portalReturn } from './merchant-helpers.ts';
import { eur, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let shop: Shop;
let w: {
  brandId: string;
  addressId: string;
  senderId: string;
  portalId: string;
  ruleId: string;
  orderId: string;
  itemId: string;
  returnId: string;
};

beforeAll(async () => {
  h = await startHarness();
  shop = await setupShop(h);
  const rule = json(
    await shop.merchant.call('POST', '/api/v1/shipping-rules', {
      name: 'r',
      position: 1,
      conditions: [],
      action: { senderAddressId: shop.sender.id },
    }),
  );
  const { order, ret } = await portalReturn(h, shop);
  w = {
    brandId: shop.brand.id,
    addressId: shop.returnAddress.id,
    senderId: shop.sender.id,
    portalId: shop.portal.id,
    ruleId: rule.id,
    orderId: order.id,
    itemId: order.items[0].id,
    returnId: ret.id,
  };
});
afterAll(async () => h.close());

type Body = Record<string, unknown>;
type RouteSpec = {
  method: 'POST' | 'PATCH';
  /** with {id} for the id of the world's resource */
  path: string;
  id?: () => string;
  body: () => Body;
  /** a required field */
  required?: string;
  /** a field and a value of the wrong type */
  wrongType: [string, unknown] | null;
  /** a string field with a length limit */
  long: string | null;
  /** an array field with a size limit, and one element */
  array?: [string, unknown];
  /** the body may be left out */
  optionalBody?: boolean;
};

const slug = () => `bad-${Math.random().toString(36).slice(2, 10)}`;

const SPECS: RouteSpec[] = [
  { method: 'POST', path: '/api/v1/brands', body: () => ({ name: 'B' }), required: 'name', wrongType: ['colors', 'blue'], long: 'name' },
  {
    method: 'PATCH',
    path: '/api/v1/brands/{id}',
    id: () => w.brandId,
    body: () => ({ name: 'Acme' }),
    wrongType: ['name', 5],
    long: 'name',
  },
  {
    method: 'POST',
    path: '/api/v1/addresses',
    body: () => ({ kind: 'store', name: 'Store', street: 'Kalverstraat', postalCode: '1012 AB', city: 'Amsterdam', country: 'NL' }),
    required: 'street',
    wrongType: ['country', 31],
    long: 'city',
  },
  {
    method: 'PATCH',
    path: '/api/v1/addresses/{id}',
    id: () => w.addressId,
    body: () => ({ city: 'Amsterdam' }),
    wrongType: ['kind', 'office'],
    long: 'city',
  },
  {
    method: 'POST',
    path: '/api/v1/portals',
    body: () => ({ slug: slug(), brandId: w.brandId }),
    required: 'slug',
    wrongType: ['enabled', 'yes'],
    long: 'instructionsHtml',
    array: ['reasons', { code: 'a', labels: {} }],
  },
  {
    method: 'PATCH',
    path: '/api/v1/portals/{id}',
    id: () => w.portalId,
    body: () => ({ returnWindowDays: 30 }),
    wrongType: ['returnWindowDays', '30'],
    long: 'policyUrl',
    array: ['allowedFrameAncestors', 'https://shop.example'],
  },
  {
    method: 'POST',
    path: '/api/v1/shipping-rules',
    body: () => ({ name: 'r', position: 2, conditions: [], action: { senderAddressId: w.senderId } }),
    required: 'action',
    wrongType: ['position', 'first'],
    long: 'name',
    array: ['conditions', { field: 'country', op: 'eq', value: 'NL' }],
  },
  {
    method: 'PATCH',
    path: '/api/v1/shipping-rules/{id}',
    id: () => w.ruleId,
    body: () => ({ name: 'r2' }),
    wrongType: ['conditions', 'all'],
    long: 'name',
  },
  { method: 'POST', path: '/api/v1/api-keys', body: () => ({ name: 'k' }), required: 'name', wrongType: ['name', 1], long: 'name' },
  {
    method: 'POST',
    path: '/api/v1/orders',
    body: () => ({ orders: [orderPayload(h)] }),
    required: 'orders',
    wrongType: ['orders', { a: 1 }],
    long: 'orders',
    array: ['orders', {}],
  },
  {
    method: 'POST',
    path: '/api/v1/returns',
    body: () => ({
      orderId: w.orderId,
      portalId: w.portalId,
      items: [{ orderItemId: w.itemId, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
    }),
    required: 'orderId',
    wrongType: ['overrideWindow', 'yes'],
    long: 'overrideReason',
    array: ['items', { orderItemId: 'itm_x', quantity: 1, reason: 'too_small' }],
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/approve',
    id: () => w.returnId,
    body: () => ({}),
    wrongType: null,
    long: null,
    optionalBody: true,
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/reject',
    id: () => w.returnId,
    body: () => ({ reason: 'No' }),
    wrongType: ['reason', 5],
    long: 'reason',
    optionalBody: true,
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/cancel',
    id: () => w.returnId,
    body: () => ({ reason: 'No' }),
    wrongType: ['reason', false],
    long: 'reason',
    optionalBody: true,
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/receive',
    id: () => w.returnId,
    body: () => ({ items: [{ orderItemId: w.itemId, quantity: 1, condition: 'as_new' }] }),
    required: 'items',
    wrongType: ['items', 'all'],
    long: 'note',
    array: ['items', { orderItemId: 'itm_x', quantity: 1, condition: 'as_new' }],
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/resolve',
    id: () => w.returnId,
    body: () => ({}),
    wrongType: null,
    long: null,
    optionalBody: true,
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/notes',
    id: () => w.returnId,
    body: () => ({ message: 'Hi' }),
    required: 'message',
    wrongType: ['message', ['a']],
    long: 'message',
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/refunds',
    id: () => w.returnId,
    body: () => ({ amount: eur('1.00'), note: 'n' }),
    wrongType: ['amount', 'ten'],
    long: 'note',
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/store-credits',
    id: () => w.returnId,
    // amount may be left out (the proposed credit is given), so nothing here is required.
    body: () => ({ amount: eur('1.00') }),
    wrongType: ['amount', 10],
    long: 'code',
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/replacements',
    id: () => w.returnId,
    body: () => ({ carrier: 'sandbox', trackingNumber: 'T1' }),
    required: 'trackingNumber',
    wrongType: ['carrier', 1],
    long: 'trackingNumber',
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/resend-label',
    id: () => w.returnId,
    body: () => ({}),
    wrongType: null,
    long: null,
    optionalBody: true,
  },
  {
    method: 'POST',
    path: '/api/v1/returns/{id}/events',
    id: () => w.returnId,
    body: () => ({ at: '2026-06-15T11:00:00Z', status: 'in_transit' }),
    required: 'at',
    wrongType: ['status', 1],
    long: 'message',
  },
];

const raw = (method: string, url: string, payload: string | undefined, contentType = 'application/json') =>
  h.app.inject({
    method: method as 'POST',
    url,
    headers: { authorization: `Bearer ${shop.merchant.apiKey}`, ...(payload !== undefined ? { 'content-type': contentType } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });

function expect4xx(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  return expectError(res, res.statusCode, json(res).error?.code);
}

type Route = RouteSpec & { url: (id?: string) => string };
const ROUTES: Route[] = SPECS.map((spec) => ({ ...spec, url: (id?: string) => spec.path.replace('{id}', id ?? spec.id?.() ?? '') }));

describe.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_label, r) => {
  it('accepts its valid body (no 400, no 5xx)', async () => {
    const res = await shop.merchant.call(r.method, r.url(), r.body());
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.statusCode, res.body).not.toBe(400);
  });

  it('malformed JSON → 400 validation_error', async () => {
    expectError(await raw(r.method, r.url(), '{"name": "x",'), 400, 'validation_error');
    expectError(await raw(r.method, r.url(), "{'single': 'quotes'}"), 400, 'validation_error');
  });

  it('an empty JSON body → 400 validation_error', async () => {
    expectError(await raw(r.method, r.url(), ''), 400, 'validation_error');
  });

  it(r.optionalBody ? 'no body at all → accepted' : 'no body at all → 400 validation_error', async () => {
    const res = await raw(r.method, r.url(), undefined);
    if (r.optionalBody) {
      expect(res.statusCode, res.body).not.toBe(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
    } else expectIssue(res, []);
  });

  it('a body that is not an object → 400', async () => {
    // a JSON null is "no body", which the optional-body actions accept
    for (const body of ['[]', '"text"', '42', 'true', ...(r.optionalBody ? [] : ['null'])])
      expectIssue(await raw(r.method, r.url(), body), []);
  });

  it('another content type → 415 unsupported_media_type (text is read as a string: 400)', async () => {
    expectError(await raw(r.method, r.url(), 'name=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    expectError(await raw(r.method, r.url(), '<name>x</name>', 'application/xml'), 415, 'unsupported_media_type');
    expectError(await raw(r.method, r.url(), 'name=x', 'not a media type'), 415, 'unsupported_media_type');
    expectIssue(await raw(r.method, r.url(), '{"name":"x"}', 'text/plain'), []);
  });

  if (r.wrongType)
    it('a field of the wrong type → 400 naming it', async () => {
      const [field, value] = r.wrongType as [string, unknown];
      expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), [field]: value }), [field]);
    });

  if (r.required)
    it('a missing required field → 400 naming it', async () => {
      const body = r.body();
      delete body[r.required as string];
      expectIssue(await shop.merchant.call(r.method, r.url(), body), [r.required as string]);
    });

  if (r.long)
    it('a 100,000-character string → 400 naming the field', async () => {
      const field = r.long as string;
      expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), [field]: 'x'.repeat(100_000) }), [field]);
    });

  if (r.long)
    it('a NUL character in a text field → 400 naming it (PostgreSQL cannot store it)', async () => {
      const field = r.long as string;
      expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), [field]: 'a\u0000b' }), [field]);
    });

  if (r.array)
    it('a huge array → 400 naming the field', async () => {
      const [field, element] = r.array as [string, unknown];
      expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), [field]: Array.from({ length: 5000 }, () => element) }), [
        field,
      ]);
    });

  it('an unknown extra field → 400 naming it', async () => {
    expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), surprise: true }), ['surprise']);
    expectIssue(await shop.merchant.call(r.method, r.url(), { ...r.body(), constructor: 1 }), ['constructor']);
    const proto = JSON.stringify(r.body()).replace(/^\{/, '{"__proto__": {"polluted": true},');
    expectError(await raw(r.method, r.url(), proto), 400, 'validation_error');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body over the size limit → 413 payload_too_large', async () => {
    const size = r.path === '/api/v1/orders' ? 17 * 1024 * 1024 : 2 * 1024 * 1024;
    expectError(await raw(r.method, r.url(), JSON.stringify({ pad: 'x'.repeat(size) })), 413, 'payload_too_large');
  });

  if (r.path.includes('{id}'))
    it('an invalid or unknown path id → 400 naming id, or 404', async () => {
      const replaced = (id: string) => r.url(id);
      expectIssue(await shop.merchant.call(r.method, replaced('x'.repeat(65)), r.body()), ['id']);
      for (const id of ['nope', 'ret_00000000000000000000000000', '%20', '..', 'a%2Fb', "1'%20OR%20'1'%3D'1"]) {
        const res = await shop.merchant.call(r.method, replaced(id), r.body());
        expect4xx(res);
        expect([400, 404], res.body).toContain(res.statusCode);
      }
    });
});
