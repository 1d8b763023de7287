// Bad input to the portal never reaches the use cases and never causes a 500: it is a 400
// validation_error whose details.issues name the offending field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, found, postReturn, returnBody } from './portal-helpers.ts';
import { orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let shop: Shop;
let order: ReturnType<typeof orderPayload>;
beforeAll(async () => {
  h = await startHarness();
  shop = await setupShop(h);
  order = orderPayload(h);
  await shop.importOrders(order);
});
afterAll(async () => h.close());

const long = 'x'.repeat(10_000);
type Issue = { path: (string | number)[]; message: string };

function expectIssue(res: { statusCode: number; body: string; json(): unknown }, path: (string | number)[]) {
  const error = expectError(res as never, 400, 'validation_error');
  const issues = error.details?.issues as Issue[];
  expect(Array.isArray(issues), res.body).toBe(true);
  expect(
    issues.map((i) => i.path),
    res.body,
  ).toContainEqual(path);
  for (const issue of issues) expect(typeof issue.message).toBe('string');
}

describe('lookup input', () => {
  const valid = () => ({ orderNumber: order.orderNumber, postalCode: '1016 GV' });
  it.each([
    ['missing postal code', () => ({ orderNumber: order.orderNumber }), ['postalCode']],
    ['neither order nor tracking number', () => ({ postalCode: '1016 GV' }), ['orderNumber']],
    ['both order and tracking number', () => ({ ...valid(), trackingNumber: 'TRK1' }), ['orderNumber']],
    ['order number as a number', () => ({ ...valid(), orderNumber: 1001 }), ['orderNumber']],
    ['postal code null', () => ({ ...valid(), postalCode: null }), ['postalCode']],
    ['postal code as an object', () => ({ ...valid(), postalCode: { code: '1016 GV' } }), ['postalCode']],
    ['order number as an array', () => ({ ...valid(), orderNumber: [order.orderNumber] }), ['orderNumber']],
    ['tracking number as a boolean', () => ({ trackingNumber: true, postalCode: '1016 GV' }), ['trackingNumber']],
    ['empty order number', () => ({ ...valid(), orderNumber: '' }), ['orderNumber']],
    ['blank postal code', () => ({ ...valid(), postalCode: '   ' }), ['postalCode']],
    ['10k-character order number', () => ({ ...valid(), orderNumber: long }), ['orderNumber']],
    ['10k-character postal code', () => ({ ...valid(), postalCode: long }), ['postalCode']],
    ['10k-character tracking number', () => ({ trackingNumber: long, postalCode: '1016 GV' }), ['trackingNumber']],
    ['an unknown field', () => ({ ...valid(), phone: '+31612345678' }), ['phone']],
    ['three lookup fields', () => ({ ...valid(), email: 'sanne@example.com' }), ['orderNumber']],
    ['a NUL character in the order number', () => ({ ...valid(), orderNumber: `${order.orderNumber}\u0000` }), ['orderNumber']],
    ['a NUL character in the tracking number', () => ({ trackingNumber: 'TRK\u00001', postalCode: '1016 GV' }), ['trackingNumber']],
  ])('%s → 400 naming the field', async (_name, body, path) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload: body() as object,
      remoteAddress: '10.0.0.1',
    });
    expectIssue(res, path);
  });

  it.each([
    ['an array body', '[{"orderNumber":"#1","postalCode":"1016 GV"}]'],
    ['a string body', '"#1001 1016GV"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('refuses %s with a 400 validation_error', async (_name, payload) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expectIssue(res, []);
  });

  it.each([
    ['truncated JSON', '{"orderNumber": "#1001", "postalCode": '],
    ['single quotes', "{'orderNumber': '#1001'}"],
    ['trailing comma', '{"orderNumber":"#1001","postalCode":"1016 GV",}'],
    ['an empty body', ''],
  ])('refuses malformed JSON (%s) with a 400 validation_error', async (_name, payload) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'validation_error');
  });

  it('refuses a form-encoded body without a 500', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload: 'orderNumber=1&postalCode=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(json(res).error.code).toEqual(expect.any(String));
  });

  it('refuses a bad slug or ?lang with the usual error envelope', async () => {
    expectIssue(await h.app.inject({ method: 'POST', url: `/api/portal/${'a'.repeat(80)}/lookup`, payload: valid() }), ['slug']);
    expectIssue(await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/lookup?lang=xx`, payload: valid() }), ['lang']);
    // longer than the router's parameter limit, and not validly percent-encoded: still { error: { code, … } }
    for (const url of [`/api/portal/${'a'.repeat(200)}/lookup`, '/api/portal/%E0%A4%A/lookup', `/api/portal/${'b'.repeat(5000)}`]) {
      expectIssue(await h.app.inject({ method: 'POST', url, payload: valid() }), []);
    }
  });

  it('does not count invalid input as failed attempts', async () => {
    for (let i = 0; i < 15; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/portal/${shop.slug}/lookup`,
        payload: { postalCode: '1016 GV' },
        remoteAddress: '10.0.0.99',
      });
      expectError(res, 400, 'validation_error');
    }
    const ok = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/lookup`, payload: valid(), remoteAddress: '10.0.0.99' });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('create-return input', () => {
  let token: string;
  let shirt: string;
  beforeAll(async () => {
    const result = await found(h, shop.slug, order);
    token = result.token;
    shirt = result.order.items[0]!.id;
  });
  const line = (more: Record<string, unknown> = {}) => ({ orderItemId: shirt, quantity: 1, reason: 'too_small', ...more });
  const body = (overrides: Record<string, unknown> = {}) => returnBody(shirt, overrides) as Record<string, unknown>;
  const without = (key: string) => {
    const b = body();
    delete b[key];
    return b;
  };

  it.each([
    ['missing items', () => without('items'), ['items']],
    ['missing method', () => without('method'), ['method']],
    ['missing resolution', () => without('resolution'), ['resolution']],
    ['missing contact', () => without('contact'), ['contact']],
    ['missing language', () => without('language'), ['language']],
    ['missing contact email', () => body({ contact: {} }), ['contact', 'email']],
    ['missing item quantity', () => body({ items: [{ orderItemId: shirt, reason: 'too_small' }] }), ['items', 0, 'quantity']],
    ['missing orderItemId', () => body({ items: [{ quantity: 1, reason: 'too_small' }] }), ['items', 0, 'orderItemId']],
    ['empty items', () => body({ items: [] }), ['items']],
    ['items as an object', () => body({ items: line() }), ['items']],
    ['an item as an array', () => body({ items: [[shirt, 1]] }), ['items', 0]],
    ['contact as an array', () => body({ contact: ['sanne@example.com'] }), ['contact']],
    ['pickup as an array', () => body({ method: 'pickup', pickup: ['2026-07-01'] }), ['pickup']],
    ['quantity as a string', () => body({ items: [line({ quantity: '1' })] }), ['items', 0, 'quantity']],
    ['quantity zero', () => body({ items: [line({ quantity: 0 })] }), ['items', 0, 'quantity']],
    ['negative quantity', () => body({ items: [line({ quantity: -1 })] }), ['items', 0, 'quantity']],
    ['fractional quantity', () => body({ items: [line({ quantity: 1.5 })] }), ['items', 0, 'quantity']],
    ['huge quantity', () => body({ items: [line({ quantity: 1e12 })] }), ['items', 0, 'quantity']],
    ['an unknown method', () => body({ method: 'teleport' }), ['method']],
    ['an unknown resolution', () => body({ resolution: 'free_money' }), ['resolution']],
    ['an unknown language', () => body({ language: 'xx' }), ['language']],
    ['an invalid email', () => body({ contact: { email: 'not-an-email' } }), ['contact', 'email']],
    ['an invalid phone', () => body({ contact: { email: 'a@example.com', phone: 'call me maybe' } }), ['contact', 'phone']],
    ['an invalid pickup date', () => body({ method: 'pickup', pickup: { date: '2026-02-30' } }), ['pickup', 'date']],
    ['a 10k-character comment', () => body({ items: [line({ reason: 'other', comment: long })] }), ['items', 0, 'comment']],
    ['a 10k-character reason', () => body({ items: [line({ reason: long })] }), ['items', 0, 'reason']],
    ['a 10k-character orderItemId', () => body({ items: [line({ orderItemId: long })] }), ['items', 0, 'orderItemId']],
    ['a 10k-character carrier', () => body({ carrier: long }), ['carrier']],
    ['a 10k-character exchange note', () => body({ exchangeNote: long }), ['exchangeNote']],
    ['a 10k-character email', () => body({ contact: { email: `${long}@example.com` } }), ['contact', 'email']],
    ['an unknown top-level field', () => body({ refundAmount: { value: '999.00', currency: 'EUR' } }), ['refundAmount']],
    ['an unknown item field', () => body({ items: [line({ unitPrice: '0.01' })] }), ['items', 0, 'unitPrice']],
    ['an unknown contact field', () => body({ contact: { email: 'a@example.com', iban: 'NL00BANK0123456789' } }), ['contact', 'iban']],
    ['201 items', () => body({ items: Array.from({ length: 201 }, () => line()) }), ['items']],
    ['a NUL character in a comment', () => body({ items: [line({ comment: 'too\u0000small' })] }), ['items', 0, 'comment']],
    ['a NUL character in the exchange note', () => body({ exchangeNote: 'size M\u0000' }), ['exchangeNote']],
  ])('%s → 400 naming the field', async (_name, payload, path) => {
    expectIssue(await postReturn(h, shop.slug, token, payload()), path);
  });

  it('refuses the same item twice in one return, naming the second line', async () => {
    expectIssue(await postReturn(h, shop.slug, token, body({ items: [line(), line()] })), ['items', 1, 'orderItemId']);
  });

  it('refuses a pickup without a date, or before tomorrow', async () => {
    expectIssue(await postReturn(h, shop.slug, token, body({ method: 'pickup' })), ['pickup', 'date']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(h.clock.now);
    expectIssue(await postReturn(h, shop.slug, token, body({ method: 'pickup', pickup: { date: today } })), ['pickup', 'date']);
  });

  it.each([
    ['truncated JSON', '{"items": [{"orderItemId": '],
    ['not JSON at all', 'return please'],
    ['an empty body', ''],
  ])('refuses malformed JSON (%s) with a 400 validation_error', async (_name, payload) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/returns`,
      payload,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expectError(res, 400, 'validation_error');
  });

  it('refuses an array body and an over-long Idempotency-Key', async () => {
    const array = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/returns`,
      payload: JSON.stringify([body()]),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expectIssue(array, []);
    expectError(await postReturn(h, shop.slug, token, body(), { 'idempotency-key': 'k'.repeat(201) }), 400, 'validation_error');
  });

  it('created nothing while refusing all of the above', async () => {
    expect(json(await shop.merchant.call('GET', '/api/v1/returns')).data).toEqual([]);
    const res = await postReturn(h, shop.slug, token, body());
    expect(res.statusCode, res.body).toBe(201);
  });
});
