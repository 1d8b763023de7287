// /api/v1/carrier-accounts: connect (checked with the carrier, sealed, never shown), list, test,
// services, choose services per country and method, reconnect, disconnect — over HTTP to the test
// carrier (test support) standing in for the real adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { connectBody, connectedAccount, startCarrier } from './carrier-helpers.ts';
import type { Merchant } from './support/harness.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import { TEST_CARRIER_KEYS, type TestCarrierServer } from './support/test-carrier-server.ts';

let h: Harness;
const putCredentials = (m: Merchant, id: string, payload: object) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/v1/carrier-accounts/${id}/credentials`,
    payload,
    headers: { authorization: `Bearer ${m.apiKey}` },
  });
let carrier: TestCarrierServer;
beforeAll(async () => {
  h = await startHarness();
  carrier = await startCarrier(h);
});
afterAll(async () => {
  await h.close();
  await carrier.close();
});

describe('connecting a carrier account', () => {
  it('verifies the credentials with the carrier, stores them sealed and never returns them', async () => {
    const m = await newMerchant(h);
    const before = carrier.requests.length;
    const res = await m.call('POST', '/api/v1/carrier-accounts', connectBody());
    expect(res.statusCode, res.body).toBe(201);
    const account = json(res);
    expect(account).toMatchObject({
      provider: 'sendcloud',
      code: 'tc',
      name: 'Test Carrier',
      accountName: 'Test Carrier BV',
      status: 'active',
      lastError: null,
      settings: { services: [] },
      webhookUrl: `http://retour.test/api/carriers/accounts/${account.id}/webhook`,
    });
    expect(res.body).not.toContain(TEST_CARRIER_KEYS.secretKey);
    expect(res.body).not.toContain(TEST_CARRIER_KEYS.publicKey);
    expect(carrier.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /account']);
    const row = await h.ctx.db.selectFrom('carrierAccounts').selectAll().where('merchantId', '=', m.id).executeTakeFirstOrThrow();
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain(TEST_CARRIER_KEYS.secretKey);
    expect(row.webhookSecret).toMatch(/^v1\./);

    const list = await m.call('GET', '/api/v1/carrier-accounts');
    expect(json(list).data).toEqual([account]);
    expect(list.body).not.toContain(TEST_CARRIER_KEYS.secretKey);
    expect(json(await m.call('GET', `/api/v1/carrier-accounts/${account.id}`))).toEqual(account);
  });

  it('refuses credentials the carrier refuses (422 carrier_auth_failed) and stores nothing', async () => {
    const m = await newMerchant(h);
    const res = await m.call(
      'POST',
      '/api/v1/carrier-accounts',
      connectBody('tc', { publicKey: TEST_CARRIER_KEYS.publicKey, secretKey: 'wrong' }),
    );
    const error = expectError(res, 422, 'carrier_auth_failed');
    expect(error.message).toMatch(/enter them again/);
    expect(error.details).toMatchObject({ provider: 'sendcloud', carrierMessage: 'Invalid API key pair.' });
    expect(json(await m.call('GET', '/api/v1/carrier-accounts')).data).toEqual([]);
  });

  it('answers 503 carrier_unavailable when the carrier is down, storing nothing', async () => {
    const m = await newMerchant(h);
    carrier.failNext(1);
    const res = await m.call('POST', '/api/v1/carrier-accounts', connectBody());
    expectError(res, 503, 'carrier_unavailable');
    expect(res.headers['retry-after']).toBe('7');
    expect(json(await m.call('GET', '/api/v1/carrier-accounts')).data).toEqual([]);
  });

  it('validates the credentials per provider and refuses taken or built-in codes', async () => {
    const m = await newMerchant(h);
    expectIssue(await m.call('POST', '/api/v1/carrier-accounts', { provider: 'postnl', code: 'pnl', credentials: { apiKey: 'k' } }), [
      'credentials',
    ]);
    expectIssue(await m.call('POST', '/api/v1/carrier-accounts', { ...connectBody(), code: 'Bad Code' }), ['code']);
    expectIssue(await m.call('POST', '/api/v1/carrier-accounts', { ...connectBody(), provider: 'fedex' }), ['provider']);
    expectError(await m.call('POST', '/api/v1/carrier-accounts', connectBody('sandbox')), 409, 'carrier_code_taken');
    expect((await m.call('POST', '/api/v1/carrier-accounts', connectBody('mine'))).statusCode).toBe(201);
    expectError(await m.call('POST', '/api/v1/carrier-accounts', connectBody('mine')), 409, 'carrier_code_taken');
  });

  it('says which provider has no adapter in this installation', async () => {
    const m = await newMerchant(h);
    const res = await m.call('POST', '/api/v1/carrier-accounts', {
      provider: 'ups',
      code: 'ups',
      credentials: { clientId: 'id', clientSecret: 'secret', accountNumber: 'A1B2C3' },
    });
    const error = expectError(res, 503, 'carrier_unavailable');
    expect(error.message).toMatch(/no UPS adapter/);
  });

  it('honours Idempotency-Key: a repeat answers the same account and connects nothing twice', async () => {
    const m = await newMerchant(h);
    const headers = { 'idempotency-key': 'connect-1' };
    const first = await m.call('POST', '/api/v1/carrier-accounts', connectBody(), headers);
    const again = await m.call('POST', '/api/v1/carrier-accounts', connectBody(), headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(json(again).id).toBe(json(first).id);
    expect(json(await m.call('GET', '/api/v1/carrier-accounts')).data).toHaveLength(1);
  });
});

describe('services, settings, test and disconnect', () => {
  it('lists the carrier services and saves a choice per country and method', async () => {
    const { merchant, id, account } = await connectedAccount(h);
    const services = json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}/services`)).data;
    expect(services.map((s: any) => s.code)).toEqual(['tc:dropoff', 'tc:labelless', 'tc:pickup']);
    expect(services[0]).toEqual({
      code: 'tc:dropoff',
      name: 'Test carrier drop-off',
      carrier: 'postnl',
      methods: ['drop_off'],
      fromCountries: ['NL', 'BE', 'DE'],
      phoneRequired: false,
      price: { amountMinor: 475, currency: 'EUR' },
    });
    expect(account.settings.services).toContainEqual({
      country: 'NL',
      method: 'pickup',
      service: 'tc:pickup',
      name: 'Test carrier pickup',
      carrier: 'dhl',
      phoneRequired: true,
      price: null,
    });
  });

  it('refuses a service the account does not have, or one that does not serve the country or method', async () => {
    const { merchant, id } = await connectedAccount(h);
    const patch = (services: unknown[]) => merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, { settings: { services } });
    const unknown = expectError(
      await patch([{ country: 'NL', method: 'drop_off', service: 'nope' }]),
      422,
      'carrier_service_not_available',
    );
    expect(unknown.details?.available).toEqual(['tc:dropoff', 'tc:labelless', 'tc:pickup']);
    expectError(await patch([{ country: 'FR', method: 'drop_off', service: 'tc:dropoff' }]), 422, 'carrier_service_not_available');
    expectError(await patch([{ country: 'NL', method: 'pickup', service: 'tc:dropoff' }]), 422, 'carrier_service_not_available');
    expectIssue(await patch([{ country: 'NL', method: 'in_store', service: 'tc:dropoff' }]), ['settings', 'services', 0, 'method']);
    expectIssue(
      await patch([
        { country: 'NL', method: 'drop_off', service: 'tc:dropoff' },
        { country: 'nl', method: 'drop_off', service: 'tc:dropoff' },
      ]),
      ['settings', 'services', 1],
    );
    // Unchanged after the refusals.
    expect(json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`)).settings.services).toHaveLength(4);
  });

  it('tests the connection; revoked keys mark the account auth_failed with what to do; reconnecting clears it', async () => {
    const { merchant, id } = await connectedAccount(h);
    expect(json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`))).toEqual({
      ok: true,
      status: 'active',
      accountName: 'Test Carrier BV',
      message: null,
    });
    carrier.keys.delete(TEST_CARRIER_KEYS.publicKey);
    try {
      const failed = json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`));
      expect(failed).toMatchObject({ ok: false, status: 'auth_failed' });
      expect(failed.message).toMatch(/Reconnect the account with new credentials/);
      const shown = json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`));
      expect(shown.status).toBe('auth_failed');
      expect(shown.lastError).toMatchObject({ at: h.clock.now.toISOString() });
      expect(shown.lastError.action).toContain(`/api/v1/carrier-accounts/${id}/credentials`);

      carrier.keys.set('tc-public-0002', 'tc-secret-0002');
      expectIssue(await putCredentials(merchant, id, { publicKey: 'x' }), ['secretKey']);
      expectError(await putCredentials(merchant, id, { publicKey: 'tc-public-0002', secretKey: 'bad' }), 422, 'carrier_auth_failed');
      const fixed = await putCredentials(merchant, id, { publicKey: 'tc-public-0002', secretKey: 'tc-secret-0002' });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(json(fixed)).toMatchObject({ status: 'active', lastError: null });
      expect(json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`)).ok).toBe(true);
    } finally {
      carrier.keys.set(TEST_CARRIER_KEYS.publicKey, TEST_CARRIER_KEYS.secretKey);
    }
  });

  it('disconnects; another merchant sees and touches nothing of it', async () => {
    const { merchant, id } = await connectedAccount(h);
    const other = await newMerchant(h);
    expectError(await other.call('GET', `/api/v1/carrier-accounts/${id}`), 404, 'carrier_account_not_found');
    expectError(await other.call('DELETE', `/api/v1/carrier-accounts/${id}`), 404, 'carrier_account_not_found');
    expectError(await other.call('POST', `/api/v1/carrier-accounts/${id}/test`), 404, 'carrier_account_not_found');
    expect(json(await merchant.call('DELETE', `/api/v1/carrier-accounts/${id}`))).toEqual({ deleted: true });
    expect(json(await merchant.call('GET', '/api/v1/carrier-accounts')).data).toEqual([]);
  });

  it('is owner-only in the back office', async () => {
    const m = await merchantWithOwner(h);
    const owner = await signIn(h, m.email, m.password);
    const staff = (await addUser(h, owner, 'staff')).browser;
    expectError(await staff.call('GET', '/api/v1/carrier-accounts'), 403, 'forbidden');
    expectError(await staff.call('POST', '/api/v1/carrier-accounts', connectBody()), 403, 'forbidden');
    const res = await owner.call('POST', '/api/v1/carrier-accounts', connectBody());
    expect(res.statusCode, res.body).toBe(201);
  });
});
