// Back-office insights (SQL aggregates over a small known dataset), the shipping-rule tester,
// image uploads and the framing headers of /admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue, getReturn, importOrder, MINUTE } from './merchant-helpers.ts';
import { createPortalReturn, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('2026-03-10T10:00:00.000Z');
});
afterAll(async () => h.close());

async function returnWith(shop: Shop, o: { reason: string; item: number; resolution: string }) {
  const { payload, order } = await importOrder(h, shop);
  const res = await createPortalReturn(h, shop.slug, payload, {
    items: [{ orderItemId: order.items[o.item].id, quantity: 1, reason: o.reason }],
    resolution: o.resolution,
  });
  expect(res.statusCode, res.body).toBe(201);
  h.clock.advance(MINUTE);
  return getReturn(shop.merchant, json(res).id);
}

describe('GET /api/v1/insights', () => {
  it('aggregates returns per day, reasons, return rate per SKU, resolutions and label costs', async () => {
    h.clock.set('2026-03-10T10:00:00.000Z');
    const m = await merchantWithOwner(h);
    const shop = await setupShop(h, {}, m);
    // Orders are placed 5 days before the clock: 2 × TS-M, 1 × JN-32, 1 × SCARF each.
    await returnWith(shop, { reason: 'too_small', item: 0, resolution: 'refund' });
    await returnWith(shop, { reason: 'damaged', item: 1, resolution: 'store_credit' });
    h.clock.set('2026-03-12T23:59:00.000Z');
    const cancelled = await returnWith(shop, { reason: 'too_small', item: 0, resolution: 'refund' });
    expect((await m.call('POST', `/api/v1/returns/${cancelled.id}/cancel`, {})).statusCode).toBe(200);

    const b = await signIn(h, m.email);
    const res = await b.call('GET', '/api/v1/insights?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.returnsPerDay).toHaveLength(31);
    expect(body.returnsPerDay[0]).toEqual({ date: '2026-03-01', count: 0 });
    expect(body.returnsPerDay[30]).toEqual({ date: '2026-03-31', count: 0 });
    expect(body.returnsPerDay.filter((d: { count: number }) => d.count > 0)).toEqual([
      { date: '2026-03-10', count: 2 },
      { date: '2026-03-12', count: 1 },
    ]);
    expect(body.topReasons).toEqual([
      { reason: 'too_small', count: 2 },
      { reason: 'damaged', count: 1 },
    ]);
    // Ordered: 3 orders in range → 6 × TS-M, 3 × JN-32; the cancelled return does not count as returned.
    expect(body.returnRateBySku).toEqual([
      { sku: 'JN-32', ordered: 3, returned: 1, rate: 0.3333 },
      { sku: 'TS-M', ordered: 6, returned: 1, rate: 0.1667 },
    ]);
    expect(body.resolutionMix).toEqual([
      { resolution: 'refund', count: 2 },
      { resolution: 'store_credit', count: 1 },
    ]);
    expect(body.labelCostByCarrierMonth).toEqual([
      { month: '2026-03', carrier: 'sandbox', labels: 3, total: { value: '14.85', currency: 'EUR' } },
    ]);

    // A range without returns: every day listed, with zeros.
    const quiet = json(await m.call('GET', '/api/v1/insights?from=2026-03-11&to=2026-03-11'));
    expect(quiet).toEqual({
      returnsPerDay: [{ date: '2026-03-11', count: 0 }],
      topReasons: [],
      returnRateBySku: [],
      resolutionMix: [],
      labelCostByCarrierMonth: [],
      revenueKept: [],
    });
    const oneDay = json(await m.call('GET', '/api/v1/insights?from=2026-03-12&to=2026-03-12'));
    expect(oneDay.returnsPerDay).toEqual([{ date: '2026-03-12', count: 1 }]);
    expect(oneDay.resolutionMix).toEqual([{ resolution: 'refund', count: 1 }]);

    // Another merchant sees nothing of it.
    const other = await merchantWithOwner(h);
    const theirs = json(await other.call('GET', '/api/v1/insights?from=2026-03-01&to=2026-03-31'));
    expect(theirs.returnsPerDay.every((d: { count: number }) => d.count === 0)).toBe(true);
    expect([theirs.topReasons, theirs.returnRateBySku, theirs.resolutionMix, theirs.labelCostByCarrierMonth]).toEqual([[], [], [], []]);
  });

  it('accepts at most 366 days, in order', async () => {
    const m = await merchantWithOwner(h);
    const ok = await m.call('GET', '/api/v1/insights?from=2024-01-01&to=2024-12-31');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).returnsPerDay).toHaveLength(366);
    expectIssue(await m.call('GET', '/api/v1/insights?from=2025-01-01&to=2026-01-02'), ['to']);
    expectIssue(await m.call('GET', '/api/v1/insights?from=2026-03-02&to=2026-03-01'), ['to']);
    expectIssue(await m.call('GET', '/api/v1/insights?from=2026-3-1&to=2026-03-31'), ['from']);
    expectIssue(await m.call('GET', '/api/v1/insights?from=2026-03-01'), ['to']);
  });
});

describe('POST /api/v1/shipping-rules/test', () => {
  it('answers the rule, sender address and brand an order would get, like the import', async () => {
    const m = await merchantWithOwner(h);
    const shop = await setupShop(h, {}, m);
    const brand2 = json(await m.call('POST', '/api/v1/brands', { name: 'Acme Belgium' }));
    const senderBE = json(
      await m.call('POST', '/api/v1/addresses', {
        kind: 'sender',
        brandId: brand2.id,
        name: 'Acme BE',
        street: 'Grote Markt',
        houseNumber: '1',
        postalCode: '1000',
        city: 'Brussel',
        country: 'BE',
      }),
    );
    const be = json(
      await m.call('POST', '/api/v1/shipping-rules', {
        name: 'Belgium',
        position: 2,
        conditions: [{ field: 'country', op: 'eq', value: 'BE' }],
        action: { senderAddressId: senderBE.id },
      }),
    );
    const vip = json(
      await m.call('POST', '/api/v1/shipping-rules', {
        name: 'VIP',
        position: 1,
        conditions: [
          { field: 'tag', op: 'in', value: ['vip'] },
          { field: 'integration', op: 'eq', value: 'Webshop' },
        ],
        action: { senderAddressId: shop.sender.id },
      }),
    );
    const b = await signIn(h, m.email);
    const test = async (body: Record<string, unknown>) => {
      const res = await b.call('POST', '/api/v1/shipping-rules/test', body);
      expect(res.statusCode, res.body).toBe(200);
      return json(res);
    };
    expect(await test({ integration: 'Webshop', country: 'be' })).toEqual({
      rule: { id: be.id, name: 'Belgium' },
      senderAddress: senderBE,
      brandId: brand2.id,
    });
    expect(await test({ integration: 'Webshop', country: 'BE', tags: ['vip'], skus: ['TS-M'] })).toEqual({
      rule: { id: vip.id, name: 'VIP' },
      senderAddress: shop.sender,
      brandId: shop.brand.id,
    });
    // No rule: the first sender address and its brand, as on import.
    expect(await test({ integration: 'Other', country: 'NL', tags: ['vip'] })).toEqual({
      rule: null,
      senderAddress: shop.sender,
      brandId: shop.brand.id,
    });
    // The import agrees with the tester.
    const { order } = await importOrder(h, shop, {
      shippingAddress: { name: 'L', street: 'Grote Markt', houseNumber: '2', postalCode: '1000', city: 'Brussel', country: 'BE' },
    });
    expect(order.brandId).toBe(brand2.id);
    expectIssue(await b.call('POST', '/api/v1/shipping-rules/test', { integration: 'Webshop' }), ['country']);
    expectError(
      await b.call('POST', '/api/v1/shipping-rules/test', { integration: 'Webshop', country: 'NL' }, { csrf: null }),
      403,
      'csrf_failed',
    );
    // Another merchant has no rules and no addresses.
    const other = await merchantWithOwner(h);
    const theirs = await other.call('POST', '/api/v1/shipping-rules/test', { integration: 'Webshop', country: 'BE' });
    expect(json(theirs)).toEqual({ rule: null, senderAddress: null, brandId: null });
  });
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([20, 0, 0, 0]), Buffer.from('WEBPVP8 fake')]);

describe('uploads', () => {
  it('stores PNG, JPEG and WebP images and serves them publicly with safe headers', async () => {
    const m = await merchantWithOwner(h);
    const b = await signIn(h, m.email);
    for (const [contentType, data] of [
      ['image/png', PNG],
      ['image/jpeg', JPEG],
      ['image/webp', WEBP],
    ] as const) {
      const res = await b.call('POST', '/api/v1/uploads', { contentType, dataBase64: data.toString('base64') });
      expect(res.statusCode, res.body).toBe(201);
      const upload = json(res);
      expect(upload).toEqual({ id: expect.stringMatching(/^upl_/), url: `http://retour.test/uploads/${m.id}/${upload.id}` });
      const served = await h.app.inject({ method: 'GET', url: `/uploads/${m.id}/${upload.id}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(contentType);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.rawPayload.equals(data)).toBe(true);
    }
  });

  it('refuses bytes that are not the declared type, other types, bad base64 and more than 2 MB', async () => {
    const m = await merchantWithOwner(h);
    const upload = (contentType: string, dataBase64: string) => m.call('POST', '/api/v1/uploads', { contentType, dataBase64 });
    expectIssue(await upload('image/png', JPEG.toString('base64')), ['dataBase64']);
    expectIssue(await upload('image/jpeg', PNG.toString('base64')), ['dataBase64']);
    expectIssue(await upload('image/webp', Buffer.from('RIFF....AVI fake').toString('base64')), ['dataBase64']);
    expectIssue(await upload('image/png', Buffer.from('<svg onload=alert(1)>').toString('base64')), ['dataBase64']);
    expectIssue(await upload('image/svg+xml', Buffer.from('<svg/>').toString('base64')), ['contentType']);
    expectIssue(await upload('image/png', 'not base64 at all!'), ['dataBase64']);
    const twoMb = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)]);
    expect((await upload('image/png', twoMb.toString('base64'))).statusCode).toBe(201);
    const tooBig = Buffer.concat([twoMb, Buffer.alloc(1)]);
    expectError(await upload('image/png', tooBig.toString('base64')), 413, 'payload_too_large');
    expectError(await upload('image/png', Buffer.alloc(3 * 1024 * 1024).toString('base64')), 413, 'payload_too_large');
  });

  it('serves an upload only under its own merchant, and needs authentication to upload', async () => {
    const a = await merchantWithOwner(h);
    const other = await merchantWithOwner(h);
    const { id } = json(await a.call('POST', '/api/v1/uploads', { contentType: 'image/png', dataBase64: PNG.toString('base64') }));
    expect((await h.app.inject({ method: 'GET', url: `/uploads/${a.id}/${id}` })).statusCode).toBe(200);
    expectError(await h.app.inject({ method: 'GET', url: `/uploads/${other.id}/${id}` }), 404, 'not_found');
    expectError(await h.app.inject({ method: 'GET', url: `/uploads/${a.id}/upl_nope` }), 404, 'not_found');
    expectError(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        payload: { contentType: 'image/png', dataBase64: PNG.toString('base64') },
      }),
      401,
      'invalid_api_key',
    );
  });
});

describe('framing', () => {
  it('the back office and the API refuse to be framed', async () => {
    for (const url of ['/admin', '/admin/', '/admin/returns/ret_1']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
    const api = await h.app.inject({ method: 'GET', url: '/api/session' });
    expect(api.headers['x-frame-options']).toBe('DENY');
  });
});
