// Bad query parameters and ids on the merchant lists, unknown routes, the OpenAPI document, the
// docs page and the health endpoints: always a 4xx in the error envelope, never a 5xx (api.md
// "Conventions", "Operations"). Bodies of every route are in bad-input.test.ts.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let shop: Shop;
let w: { brandId: string };

beforeAll(async () => {
  h = await startHarness();
  shop = await setupShop(h);
  await shop.importOrders(orderPayload(h));
  w = { brandId: shop.brand.id };
});
afterAll(async () => h.close());

function expect4xx(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  return expectError(res, res.statusCode, json(res).error?.code);
}

describe('GET lists with bad query parameters', () => {
  const LISTS = ['brands', 'addresses', 'portals', 'shipping-rules', 'orders', 'returns'];
  const garbageCursor = Buffer.from(JSON.stringify({ nothing: 'here' })).toString('base64url');
  it.each(
    LISTS.flatMap((l) => [
      [l, 'limit=0', 'limit'],
      [l, 'limit=500', 'limit'],
      [l, 'limit=201', 'limit'],
      [l, 'limit=abc', 'limit'],
      [l, 'limit=-1', 'limit'],
      [l, 'limit=1.5', 'limit'],
      [l, 'cursor=not-a-cursor', 'cursor'],
      [l, `cursor=${garbageCursor}`, 'cursor'],
      [l, `cursor=${'A'.repeat(300)}`, 'cursor'],
      [l, 'cursor=%E2%82', 'cursor'],
    ]),
  )('GET /api/v1/%s?%s → 400 naming %s', async (list, query, field) => {
    expectIssue(await shop.merchant.call('GET', `/api/v1/${list}?${query}`), [field]);
  });

  it.each([
    ['orders', 'updatedSince=yesterday', 'updatedSince'],
    ['orders', `orderNumber=${'9'.repeat(101)}`, 'orderNumber'],
    ['returns', 'status=lost', 'status'],
    ['returns', 'status=', 'status'],
    ['returns', 'createdFrom=2026-13-01', 'createdFrom'],
    ['returns', 'createdTo=tomorrow', 'createdTo'],
    ['returns', 'q=', 'q'],
    ['returns', `q=${'x'.repeat(300)}`, 'q'],
    ['returns', `portal=${'x'.repeat(300)}`, 'portal'],
    ['returns', 'q=a%00b', 'q'],
    ['returns', 'portal=a%00b', 'portal'],
    ['orders', 'orderNumber=%231001%00', 'orderNumber'],
    ['brands', 'cursor=%00', 'cursor'],
  ])('GET /api/v1/%s?%s → 400 naming %s', async (list, query, field) => {
    expectIssue(await shop.merchant.call('GET', `/api/v1/${list}?${query}`), [field]);
  });

  it('a NUL character inside one imported order → 400 naming the order and the field', async () => {
    const orders = [orderPayload(h), orderPayload(h, { customer: { name: 'Sanne\u0000', email: 'sanne@example.com' } })];
    expectIssue(await shop.merchant.call('POST', '/api/v1/orders', { orders }), ['orders', 1, 'customer', 'name']);
    expectIssue(await shop.merchant.call('POST', '/api/v1/brands', { name: 'ok', ['key\u0000']: 1 }), ['key\u0000']);
  });

  it('a cursor of one list is refused by another', async () => {
    const brands = json(await shop.merchant.call('GET', '/api/v1/brands?limit=1'));
    const cursor = brands.nextCursor ?? Buffer.from(JSON.stringify({ id: w.brandId })).toString('base64url');
    expectIssue(await shop.merchant.call('GET', `/api/v1/returns?cursor=${cursor}`), ['cursor']);
    expectIssue(await shop.merchant.call('GET', `/api/v1/orders?cursor=${cursor}`), ['cursor']);
  });

  it.each(['brands', 'addresses', 'portals', 'shipping-rules', 'orders', 'returns', 'api-keys', 'carriers'])(
    'GET /api/v1/%s with valid parameters answers 200',
    async (list) => {
      const res = await shop.merchant.call('GET', `/api/v1/${list}?limit=1`);
      expect(res.statusCode, res.body).toBe(200);
    },
  );

  it.each(['brands', 'addresses', 'portals', 'shipping-rules', 'orders', 'returns'])(
    'GET /api/v1/%s/{id} with a bad id → 400 or 404, never 5xx',
    async (list) => {
      expectIssue(await shop.merchant.call('GET', `/api/v1/${list}/${'x'.repeat(65)}`), ['id']);
      for (const id of ['nope', '%00', '%F0%9F%92%A9', "'%3B%20DROP%20TABLE%20orders%3B--"]) {
        const res = await shop.merchant.call('GET', `/api/v1/${list}/${id}`);
        expect4xx(res);
        expect([400, 404], res.body).toContain(res.statusCode);
      }
    },
  );
});

describe('unknown routes, documentation and health', () => {
  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/nothing-here'],
    ['POST', `/api/v1/returns/ret_x/teleport`],
    ['PUT', '/api/v1/brands'],
    ['DELETE', '/api/v1/orders'],
    ['GET', '/api/v1'],
  ])('%s %s → 404 route_not_found', async (method, url) => {
    const res = await h.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${shop.merchant.apiKey}` } });
    const error = expectError(res, 404, 'route_not_found');
    expect(error.message).toContain(url.split('?')[0]);
  });

  it('GET /api/openapi.json lists the paths of api.md', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json(res);
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    const expected = [
      '/api/health',
      '/api/ready',
      '/api/portal/{slug}',
      '/api/portal/{slug}/lookup',
      '/api/portal/{slug}/returns',
      '/api/portal/{slug}/returns/{id}',
      '/api/v1/orders',
      '/api/v1/orders/{id}',
      '/api/v1/returns',
      '/api/v1/returns/{id}',
      ...[
        'approve',
        'reject',
        'cancel',
        'receive',
        'resolve',
        'notes',
        'refunds',
        'store-credits',
        'replacements',
        'resend-label',
        'events',
      ].map((a) => `/api/v1/returns/{id}/${a}`),
      ...['brands', 'addresses', 'portals', 'shipping-rules', 'api-keys'].flatMap((r) => [`/api/v1/${r}`, `/api/v1/${r}/{id}`]),
      '/api/v1/carriers',
    ];
    expect(paths).toEqual(expect.arrayContaining(expected));
    expect(Object.keys(doc.paths['/api/v1/brands/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(doc.paths['/api/v1/returns'].post.requestBody).toBeDefined();
  });

  it('/api/docs answers 200 (after a redirect, if any)', async () => {
    let res = await h.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; hops < 3 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      res = await h.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://retour.test/api/docs').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('GET /api/health → {status: "ok"}; GET /api/ready → 200', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(json(health)).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode, ready.body).toBe(200);
  });
});
