// PUT/GET/DELETE /api/v1/payment-accounts/mollie: the key is checked against Mollie (GET /v2/methods
// with the key as Bearer), stored sealed, never shown; and the portal guard: a fee paid up front
// needs a connected account (422 payments_not_configured).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { LIVE_KEY, putMollieKey, startMollie, TEST_KEY } from './mollie-helpers.ts';
import { eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import type { MollieServer } from './support/mollie-server.ts';
import { mollieError } from './support/mollie-server.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  mollie = await startMollie(h);
});
afterAll(async () => {
  await h.close();
  await mollie.close();
});

describe('connecting Mollie', () => {
  it('checks the key against Mollie, stores it sealed and shows only the mode', async () => {
    const m = await newMerchant(h);
    expect(json(await m.call('GET', '/api/v1/payment-accounts/mollie'))).toEqual({
      provider: 'mollie',
      mode: null,
      configured: false,
      updatedAt: null,
    });
    const before = mollie.requests.length;
    const res = await putMollieKey(h, m, TEST_KEY);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ provider: 'mollie', mode: 'test', configured: true, updatedAt: h.clock.now.toISOString() });
    expect(res.body).not.toContain(TEST_KEY);

    const calls = mollie.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.path).toBe('/v2/methods');
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);

    const shown = await m.call('GET', '/api/v1/payment-accounts/mollie');
    expect(json(shown)).toMatchObject({ provider: 'mollie', mode: 'test', configured: true });
    expect(shown.body).not.toContain('test_');
    const row = await h.ctx.db.selectFrom('paymentAccounts').selectAll().where('merchantId', '=', m.id).executeTakeFirstOrThrow();
    expect(row.credentials).not.toContain(TEST_KEY);
    expect(row.credentials).toMatch(/^v1\./);
  });

  it('replaces the key (live mode) and disconnects', async () => {
    const m = await newMerchant(h);
    expect((await putMollieKey(h, m, TEST_KEY)).statusCode).toBe(200);
    const live = await putMollieKey(h, m, LIVE_KEY);
    expect(json(live)).toMatchObject({ mode: 'live', configured: true });
    const rows = await h.ctx.db.selectFrom('paymentAccounts').selectAll().where('merchantId', '=', m.id).execute();
    expect(rows).toHaveLength(1);
    expect(json(await m.call('DELETE', '/api/v1/payment-accounts/mollie'))).toEqual({ deleted: true });
    expect(json(await m.call('GET', '/api/v1/payment-accounts/mollie'))).toMatchObject({ configured: false, mode: null });
    expect(json(await m.call('DELETE', '/api/v1/payment-accounts/mollie'))).toEqual({ deleted: false });
  });

  it('refuses a key Mollie refuses (401) with 422 provider_rejected_credentials and stores nothing', async () => {
    const m = await newMerchant(h);
    const res = await putMollieKey(h, m, 'test_unknownunknownunknownunknown1');
    const error = expectError(res, 422, 'provider_rejected_credentials');
    expect(error.message).toMatch(/Mollie refused this API key/);
    expect(json(await m.call('GET', '/api/v1/payment-accounts/mollie')).configured).toBe(false);
  });

  it.each([['sk_live_abcdefghijklmnopqrstuvwxyz'], ['access_abcdefghijklmnopqrstuvwxyz'], ['test_short'], ['']])(
    'refuses %j with a 400 on apiKey before calling Mollie',
    async (apiKey) => {
      const m = await newMerchant(h);
      const before = mollie.requests.length;
      expectIssue(await putMollieKey(h, m, apiKey), ['apiKey']);
      expect(mollie.requests.length).toBe(before);
    },
  );

  it('answers 502 provider_error when Mollie is down, and stores nothing', async () => {
    const m = await newMerchant(h);
    mollie.script({ status: 503, body: mollieError(503, 'Maintenance') });
    const error = expectError(await putMollieKey(h, m, TEST_KEY), 502, 'provider_error');
    expect(error.details).toMatchObject({ provider: 'mollie', kind: 'unavailable', providerStatus: 503 });
    expect(json(await m.call('GET', '/api/v1/payment-accounts/mollie')).configured).toBe(false);
  });

  it('retries after a 429 (Retry-After) and then connects', async () => {
    const m = await newMerchant(h);
    const before = mollie.requests.length;
    mollie.script({ status: 429, body: mollieError(429, 'Too many requests'), headers: { 'retry-after': '1' } });
    const res = await putMollieKey(h, m, TEST_KEY);
    expect(res.statusCode, res.body).toBe(200);
    expect(mollie.requests.slice(before).map((r) => r.path)).toEqual(['/v2/methods', '/v2/methods']);
  });

  it('gives up on a request Mollie never answers (timeout → 502)', async () => {
    const m = await newMerchant(h);
    mollie.script('hang');
    const error = expectError(await putMollieKey(h, m, TEST_KEY), 502, 'provider_error');
    expect(error.message).toMatch(/did not answer/);
  });

  it('is for owners only in the back office: staff are refused, the owner connects with the session', async () => {
    const m = await merchantWithOwner(h);
    const owner = await signIn(h, m.email);
    const staff = (await addUser(h, owner, 'staff')).browser;
    expectError(await staff.call('GET', '/api/v1/payment-accounts/mollie'), 403, 'forbidden');
    expectError(await staff.call('DELETE', '/api/v1/payment-accounts/mollie'), 403, 'forbidden');
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/payment-accounts/mollie',
      payload: { apiKey: TEST_KEY },
      headers: { cookie: `retour_session=${owner.token}`, 'x-csrf-token': owner.csrfToken },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(json(await owner.call('GET', '/api/v1/payment-accounts/mollie'))).toMatchObject({ configured: true, mode: 'test' });
  });

  it('never lets one merchant see another merchant’s account', async () => {
    const a = await newMerchant(h, 'A');
    const b = await newMerchant(h, 'B');
    expect((await putMollieKey(h, a, TEST_KEY)).statusCode).toBe(200);
    expect(json(await b.call('GET', '/api/v1/payment-accounts/mollie')).configured).toBe(false);
    expect(json(await b.call('DELETE', '/api/v1/payment-accounts/mollie'))).toEqual({ deleted: false });
    expect(json(await a.call('GET', '/api/v1/payment-accounts/mollie')).configured).toBe(true);
  });
});

describe('a portal with a fee paid up front', () => {
  const upfront = { returnFee: { amount: eur('2.95'), payment: 'upfront' } };

  it('is refused without a Mollie account (422 payments_not_configured), accepted once connected', async () => {
    const m = await newMerchant(h);
    const brand = json(await m.call('POST', '/api/v1/brands', { name: 'Acme' }));
    const refused = await m.call('POST', '/api/v1/portals', { slug: `fee-${Date.now()}`, brandId: brand.id, ...upfront });
    const error = expectError(refused, 422, 'payments_not_configured');
    expect(error.message).toMatch(/connect Mollie first/);
    expect(error.details).toEqual({ field: 'returnFee' });
    expect(json(await m.call('GET', '/api/v1/portals')).data).toEqual([]);

    expect((await putMollieKey(h, m, TEST_KEY)).statusCode).toBe(200);
    const shop = await setupShop(h, upfront, m);
    expect(shop.portal.returnFee).toEqual(upfront.returnFee);
  });

  it('is refused when a later change turns the fee to up front without an account', async () => {
    const shop = await setupShop(h, { returnFee: { amount: eur('2.95'), payment: 'deduct_from_refund' } });
    const res = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, upfront);
    expectError(res, 422, 'payments_not_configured');
    // Changes that leave the fee alone still save.
    const renamed = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { returnWindowDays: 20 });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('needs no account for a zero fee', async () => {
    const shop = await setupShop(h, { returnFee: { amount: eur('0.00'), payment: 'upfront' } });
    expect(shop.portal.returnFee.payment).toBe('upfront');
  });
});
