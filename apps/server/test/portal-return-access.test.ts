// Who may create and read a portal return: the lookup token, Idempotency-Key, and the shopper's
// view opened with the access code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/secrets.ts';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function ready(portal: Record<string, unknown> = {}) {
  h.clock.set('2026-06-15T10:00:00.000Z');
  const shop = await setupShop(h, portal);
  const order = orderPayload(h);
  await shop.importOrders(order);
  const result = await found(h, shop.slug, order);
  return { shop, order, result, token: result.token, shirt: item(result, 'TS-M').id };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));

describe('the lookup token', () => {
  it.each([
    ['no Authorization header', () => ({})],
    ['an empty bearer token', () => ({ authorization: 'Bearer ' })],
    ['another scheme', (t: string) => ({ authorization: `Basic ${t}` })],
    ['garbage', () => ({ authorization: 'Bearer not-a-token' })],
    ['three parts', (t: string) => ({ authorization: `Bearer ${t}.extra` })],
    ['a changed signature', (t: string) => ({ authorization: `Bearer ${t.slice(0, -2)}${t.endsWith('AA') ? 'BB' : 'AA'}` })],
  ])('refuses %s: 401 invalid_token', async (_name, headers) => {
    const { shop, token, shirt } = await ready();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/returns`,
      headers: headers(token),
      payload: returnBody(shirt),
    });
    expectError(res, 401, 'invalid_token');
  });

  it('refuses a forged token: claims changed under the old signature, or signed with another secret', async () => {
    const { shop, token, shirt, order } = await ready();
    const other = orderPayload(h);
    await shop.importOrders(other);
    const otherResult = await found(h, shop.slug, other);
    const claims = claimsOf(token);
    const sig = token.split('.')[1];
    const forgedOrder = `${b64({ ...claims, o: claimsOf(otherResult.token).o })}.${sig}`;
    const longer = `${b64({ ...claims, exp: claims.exp + 86_400_000 })}.${sig}`;
    const wrongSecret = signToken(Buffer.from('some-other-secret-some-other-secret!!'), claims);
    for (const t of [forgedOrder, longer, wrongSecret]) {
      expectError(await postReturn(h, shop.slug, t, returnBody(item(otherResult, 'TS-M').id)), 401, 'invalid_token');
      expectError(await postReturn(h, shop.slug, t, returnBody(shirt)), 401, 'invalid_token');
    }
    expect(json(await shop.merchant.call('GET', '/api/v1/returns')).data).toEqual([]);
    expect(order.orderNumber).not.toBe(other.orderNumber);
  });

  it('expires after 30 minutes', async () => {
    const { shop, order, token, shirt } = await ready();
    h.clock.advance(29 * 60_000);
    expect((await postReturn(h, shop.slug, token, returnBody(shirt))).statusCode).toBe(201);
    const fresh = (await found(h, shop.slug, order)).token;
    h.clock.advance(31 * 60_000);
    expectError(await postReturn(h, shop.slug, fresh, returnBody(shirt)), 401, 'invalid_token');
  });

  it('only works on the portal that issued it', async () => {
    const { shop, token, shirt } = await ready();
    // a second portal of the same brand and merchant
    const sibling = await shop.merchant.call('POST', '/api/v1/portals', {
      slug: `${shop.slug}-be`,
      brandId: shop.brand.id,
      enabled: true,
      returnAddressId: shop.returnAddress.id,
      methods: ['drop_off'],
      carriers: { '*': ['sandbox'] },
    });
    expect(sibling.statusCode, sibling.body).toBe(201);
    expectError(await postReturn(h, `${shop.slug}-be`, token, returnBody(shirt)), 401, 'invalid_token');
    // a portal of another brand of the same merchant, and of another merchant
    const otherBrand = await setupShop(h, {}, shop.merchant);
    expectError(await postReturn(h, otherBrand.slug, token, returnBody(shirt)), 401, 'invalid_token');
    const otherMerchant = await setupShop(h, {}, await newMerchant(h, 'Elsewhere'));
    expectError(await postReturn(h, otherMerchant.slug, token, returnBody(shirt)), 401, 'invalid_token');
    // the merchant's API key is no lookup token either
    expectError(await postReturn(h, shop.slug, shop.merchant.apiKey, returnBody(shirt)), 401, 'invalid_token');
    expect((await postReturn(h, shop.slug, token, returnBody(shirt))).statusCode).toBe(201);
  });

  it('localises the message of invalid_token', async () => {
    const { shop, shirt } = await ready();
    const res = await postReturn(h, shop.slug, null, returnBody(shirt), { 'accept-language': 'nl' });
    expect(expectError(res, 401, 'invalid_token').message).toMatch(/sessie/);
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeat with the first response and creates nothing new', async () => {
    const { shop, order, token, shirt } = await ready();
    const key = 'checkout-7f3a';
    const first = await postReturn(h, shop.slug, token, returnBody(shirt), { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    const again = await postReturn(h, shop.slug, token, returnBody(shirt), { 'idempotency-key': key });
    expect(again.statusCode, again.body).toBe(201);
    expect(json(again).id).toBe(json(first).id);
    expect(json(again)).toEqual(json(first));

    const list = json(await shop.merchant.call('GET', '/api/v1/returns'));
    expect(list.data.map((r: { id: string }) => r.id)).toEqual([json(first).id]);
    expect(item(await found(h, shop.slug, order), 'TS-M').returnableQuantity).toBe(1);
  });

  it('refuses the same key with another body: 409 idempotency_key_reused', async () => {
    const { shop, token, shirt } = await ready();
    const key = 'checkout-9b21';
    const first = await postReturn(h, shop.slug, token, returnBody(shirt), { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    const other = await postReturn(h, shop.slug, token, returnBody(shirt, { resolution: 'store_credit' }), { 'idempotency-key': key });
    expectError(other, 409, 'idempotency_key_reused');
    expect(json(await shop.merchant.call('GET', '/api/v1/returns')).data).toHaveLength(1);
  });

  it('creates a new return for a new key', async () => {
    const { shop, token, shirt } = await ready();
    const a = await postReturn(h, shop.slug, token, returnBody(shirt), { 'idempotency-key': 'k-1' });
    const b = await postReturn(h, shop.slug, token, returnBody(shirt), { 'idempotency-key': 'k-2' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(json(b).id).not.toBe(json(a).id);
  });
});

describe("the shopper's view of a return", () => {
  it('opens with the access code and shows status and timeline', async () => {
    const { shop, token, shirt } = await ready();
    const created = json(await postReturn(h, shop.slug, token, returnBody(shirt)));
    const res = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${created.id}?access=${created.accessCode}` });
    expect(res.statusCode, res.body).toBe(200);
    const view = json(res);
    const { accessCode: _code, ...withoutCode } = created;
    expect(view).toEqual(withoutCode);
    expect(view.accessCode).toBeUndefined();
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'carrier_booked']);
    expect(view.timeline[0]).toMatchObject({ type: 'created', status: 'open', at: '2026-06-15T10:00:00.000Z' });
  });

  it('follows the return through approval', async () => {
    const { shop, token, shirt } = await ready({ approval: 'manual' });
    const created = json(await postReturn(h, shop.slug, token, returnBody(shirt)));
    const url = `/api/portal/${shop.slug}/returns/${created.id}?access=${created.accessCode}`;
    expect(json(await h.app.inject({ method: 'GET', url })).status).toBe('requested');
    h.clock.advance(3_600_000);
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${created.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const view = json(await h.app.inject({ method: 'GET', url }));
    expect(view.status).toBe('open');
    expect(view.label.trackingNumber).toMatch(/^RTR\d{17}$/);
    expect(view.timeline.map((e: { status?: string }) => e.status).filter(Boolean)).toEqual(['requested', 'open']);
  });

  it('gives one answer for a wrong code, an unknown id and another portal', async () => {
    const { shop, token, shirt } = await ready();
    const created = json(await postReturn(h, shop.slug, token, returnBody(shirt)));
    const sibling = await setupShop(h, {}, shop.merchant);
    const get = (slug: string, id: string, access: string) =>
      h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${id}?access=${access}` });
    // One character off (never the same code: an access code may itself end in x).
    const last = created.accessCode.slice(-1) === 'x' ? 'y' : 'x';
    const wrong = await get(shop.slug, created.id, `${created.accessCode.slice(0, -1)}${last}`);
    expectError(wrong, 404, 'return_not_found');
    const responses = [
      await get(shop.slug, 'ret_doesnotexist', created.accessCode),
      await get(shop.slug, 'ret_doesnotexist', 'whatever'),
      await get(shop.slug, created.id, 'a'.repeat(100)),
      await get(sibling.slug, created.id, created.accessCode),
    ];
    for (const res of responses) {
      expectError(res, 404, 'return_not_found');
      expect(res.body).toBe(wrong.body);
    }
    const missing = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${created.id}` });
    expectError(missing, 400, 'validation_error');
  });

  it('never shows staff notes', async () => {
    const { shop, token, shirt } = await ready();
    const created = json(await postReturn(h, shop.slug, token, returnBody(shirt)));
    const secret = 'Internal: shopper is on the fraud watch list';
    const noted = await shop.merchant.call('POST', `/api/v1/returns/${created.id}/notes`, { message: secret });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(json(noted).timeline.some((e: { type: string; message?: string }) => e.message === secret)).toBe(true);

    const res = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${created.id}?access=${created.accessCode}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('fraud watch list');
    expect(json(res).timeline.map((e: { type: string }) => e.type)).not.toContain('note');
  });
});
