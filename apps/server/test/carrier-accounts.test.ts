// /api/v1/carrier-accounts: connect (checked with the carrier, sealed, never shown), list, test,
// services, choose services per country and method, reconnect, rename, disconnect — through the
// real Sendcloud and PostNL adapters over HTTP to their fakes (packages/integrations/test/support).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { connectedPostnl, connectedSendcloud, type RealCarriers, startRealCarriers } from './real-carrier-helpers.ts';
import { setupShop } from './support/fixtures.ts';
import type { Merchant } from './support/harness.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
let carriers: RealCarriers;
const putCredentials = (m: Merchant, id: string, payload: object) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/v1/carrier-accounts/${id}/credentials`,
    payload,
    headers: { authorization: `Bearer ${m.apiKey}` },
  });
const KEYS = { publicKey: 'pk-test', secretKey: 'sk-test' };
const connectBody = (code = 'sc', keys: { publicKey: string; secretKey: string } = KEYS) => ({
  provider: 'sendcloud',
  code,
  name: 'Sendcloud',
  credentials: { ...keys },
});
const connectedAccount = async (hh: Harness) => {
  const { merchant, id } = await connectedSendcloud(hh, carriers.sendcloud);
  return { merchant, id, account: json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`)) };
};
beforeAll(async () => {
  h = await startHarness();
  carriers = await startRealCarriers(h);
});
afterAll(async () => {
  await h.close();
  await carriers.close();
});

describe('connecting a carrier account', () => {
  it('verifies the credentials with the carrier, stores them sealed and never returns them', async () => {
    const m = await newMerchant(h);
    const before = carriers.sendcloud.received.length;
    const res = await m.call('POST', '/api/v1/carrier-accounts', connectBody());
    expect(res.statusCode, res.body).toBe(201);
    const account = json(res);
    expect(account).toMatchObject({
      provider: 'sendcloud',
      code: 'sc',
      name: 'Sendcloud',
      accountName: 'Sendcloud user 4242, integration 77',
      status: 'active',
      lastError: null,
      settings: { services: [] },
      webhookUrl: `http://retour.test/api/carriers/accounts/${account.id}/webhook`,
    });
    expect(res.body).not.toContain(KEYS.secretKey);
    expect(res.body).not.toContain(KEYS.publicKey);
    expect(carriers.sendcloud.received.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v3/user/auth/metadata']);
    const row = await h.ctx.db.selectFrom('carrierAccounts').selectAll().where('merchantId', '=', m.id).executeTakeFirstOrThrow();
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain(KEYS.secretKey);
    expect(row.webhookSecret).toMatch(/^v1\./);

    const list = await m.call('GET', '/api/v1/carrier-accounts');
    expect(json(list).data).toEqual([account]);
    expect(list.body).not.toContain(KEYS.secretKey);
    expect(json(await m.call('GET', `/api/v1/carrier-accounts/${account.id}`))).toEqual(account);
  });

  it('refuses credentials the carrier refuses (422 carrier_auth_failed) and stores nothing', async () => {
    const m = await newMerchant(h);
    const res = await m.call('POST', '/api/v1/carrier-accounts', connectBody('sc', { publicKey: KEYS.publicKey, secretKey: 'wrong' }));
    const error = expectError(res, 422, 'carrier_auth_failed');
    expect(error.message).toBe('Sendcloud refused these credentials: Invalid username/password. Check them and try again.');
    expect(error.details).toMatchObject({ provider: 'sendcloud', carrierMessage: 'Invalid username/password.' });
    expect(json(await m.call('GET', '/api/v1/carrier-accounts')).data).toEqual([]);
  });

  it('answers 503 carrier_unavailable when the carrier is down, storing nothing', async () => {
    const m = await newMerchant(h);
    carriers.sendcloud.script({
      status: 503,
      headers: { 'retry-after': '7' },
      body: { errors: [{ status: '503', code: 'unavailable', detail: 'Maintenance.' }] },
    });
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
    const providers = await m.call('GET', '/api/v1/carrier-accounts/providers');
    expect(providers.statusCode, providers.body).toBe(200);
    expect(json(providers)).toEqual({
      data: [
        { provider: 'sendcloud', name: 'Sendcloud', webhooks: true },
        { provider: 'postnl', name: 'PostNL', webhooks: false },
      ],
    });
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
    expect(services.map((s: any) => s.code)).toEqual(['postnl:standard/return', 'dhl:return/pickup', 'dpd:return/return']);
    expect(services[0]).toEqual({
      code: 'postnl:standard/return',
      name: 'PostNL Return',
      carrier: 'postnl',
      methods: ['drop_off', 'drop_off_labelless'],
      fromCountries: ['*'],
      phoneRequired: false,
      price: null,
    });
    expect(account.settings.services).toContainEqual({
      country: 'NL',
      method: 'pickup',
      service: 'dhl:return/pickup',
      name: 'DHL Return Pickup',
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
    expect(unknown.details?.available).toEqual(['postnl:standard/return', 'dhl:return/pickup', 'dpd:return/return']);
    expect(unknown.message).not.toMatch(/\/api\//);
    expect(unknown.details?.servicesPath).toBe(`/api/v1/carrier-accounts/${id}/services`);
    expectError(
      await patch([{ country: 'NL', method: 'pickup', service: 'postnl:standard/return' }]),
      422,
      'carrier_service_not_available',
    );
    expectIssue(await patch([{ country: 'NL', method: 'in_store', service: 'postnl:standard/return' }]), [
      'settings',
      'services',
      0,
      'method',
    ]);
    expectIssue(
      await patch([
        { country: 'NL', method: 'drop_off', service: 'postnl:standard/return' },
        { country: 'nl', method: 'drop_off', service: 'postnl:standard/return' },
      ]),
      ['settings', 'services', 1],
    );
    // Unchanged after the refusals.
    expect(json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`)).settings.services).toHaveLength(3);
    // PostNL's products name the countries they take returns from.
    const postnl = await connectedPostnl(h, carriers.postnl, merchant);
    const fromFrance = expectError(
      await merchant.call('PATCH', `/api/v1/carrier-accounts/${postnl.id}`, {
        settings: { services: [{ country: 'FR', method: 'drop_off_labelless', service: '3285' }] },
      }),
      422,
      'carrier_service_not_available',
    );
    expect(fromFrance.details).toMatchObject({ service: '3285', fromCountries: ['NL'] });
  });

  it('tests the connection; revoked keys mark the account auth_failed with what to do; reconnecting clears it', async () => {
    const { merchant, id } = await connectedAccount(h);
    expect(json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`))).toEqual({
      ok: true,
      status: 'active',
      accountName: 'Sendcloud user 4242, integration 77',
      message: null,
    });
    carriers.sendcloud.secretKey = 'sk-rotated';
    try {
      const failed = json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`));
      expect(failed).toMatchObject({ ok: false, status: 'auth_failed' });
      expect(failed.message).toMatch(/Reconnect the account with new credentials/);
      const shown = json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`));
      expect(shown.status).toBe('auth_failed');
      expect(shown.lastError).toMatchObject({ at: h.clock.now.toISOString() });
      expect(shown.lastError.action).toBe('Reconnect the account with new credentials (Settings → Carriers → Reconnect).');
      expect(shown.lastError.details).toEqual({ method: 'PUT', path: `/api/v1/carrier-accounts/${id}/credentials` });
      expect(failed.message).not.toMatch(/\/api\//);

      carriers.sendcloud.publicKey = 'pk-0002';
      carriers.sendcloud.secretKey = 'sk-0002';
      expectIssue(await putCredentials(merchant, id, { publicKey: 'x' }), ['credentials', 'secretKey']);
      expectIssue(await putCredentials(merchant, id, { apiKey: 'k', customerCode: 'DEVC', customerNumber: '11223344' }), ['credentials']);
      expectError(await putCredentials(merchant, id, { publicKey: 'pk-0002', secretKey: 'bad' }), 422, 'carrier_auth_failed');
      const fixed = await putCredentials(merchant, id, { publicKey: 'pk-0002', secretKey: 'sk-0002' });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(json(fixed)).toMatchObject({ status: 'active', lastError: null });
      expect(json(await merchant.call('POST', `/api/v1/carrier-accounts/${id}/test`)).ok).toBe(true);
    } finally {
      carriers.sendcloud.publicKey = KEYS.publicKey;
      carriers.sendcloud.secretKey = KEYS.secretKey;
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

  it('renames an account (PATCH name) without touching its services, and refuses an empty patch', async () => {
    const { merchant, id, account } = await connectedAccount(h);
    const renamed = await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, { name: '  Parcels by SC ' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(json(renamed)).toMatchObject({ name: 'Parcels by SC', settings: account.settings });
    expectIssue(await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, { name: '' }), ['name']);
    expectError(await merchant.call('PATCH', `/api/v1/carrier-accounts/${id}`, {}), 400, 'validation_error');
    expect(json(await merchant.call('GET', `/api/v1/carrier-accounts/${id}`)).name).toBe('Parcels by SC');
  });

  it('GET /api/v1/carriers lists the connected account beside the built-in carriers, in the same shape', async () => {
    const { merchant, id } = await connectedAccount(h);
    const carriersList = json(await merchant.call('GET', '/api/v1/carriers')).data;
    expect(carriersList.find((c: any) => c.code === 'sandbox')).toMatchObject({ accountId: null, provider: null, status: 'active' });
    expect(carriersList.find((c: any) => c.code === 'sc')).toEqual({
      code: 'sc',
      name: 'Sendcloud',
      methods: ['drop_off', 'drop_off_labelless', 'pickup'],
      countries: ['NL'],
      phoneRequired: true,
      prices: {},
      webhook: null,
      accountId: id,
      provider: 'sendcloud',
      status: 'active',
    });
  });

  it('refuses to disconnect an account a portal still lists (409 carrier_in_use naming the portals)', async () => {
    const { merchant, id } = await connectedAccount(h);
    const shop = await setupShop(h, { carriers: { '*': ['sandbox'], NL: ['sandbox', 'sc'] } }, merchant);
    const refused = expectError(await merchant.call('DELETE', `/api/v1/carrier-accounts/${id}`), 409, 'carrier_in_use');
    expect(refused.details).toEqual({ portals: [shop.portal.slug] });
    expect(refused.message).toContain(shop.portal.slug);
    expect(json(await merchant.call('GET', '/api/v1/carrier-accounts')).data.map((a: { id: string }) => a.id)).toEqual([id]);
    const freed = await merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { carriers: { '*': ['sandbox'] } });
    expect(freed.statusCode, freed.body).toBe(200);
    expect(json(await merchant.call('DELETE', `/api/v1/carrier-accounts/${id}`))).toEqual({ deleted: true });
  });

  it("describes the new credentials in OpenAPI as one of the providers' credential shapes", async () => {
    const spec = json(await h.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    // Named schemas are components: follow `$ref`s to what they name.
    const deref = (schema: { $ref?: string }): Record<string, unknown> =>
      schema.$ref ? deref(spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema;
    const body = deref(spec.paths['/api/v1/carrier-accounts/{id}/credentials'].put.requestBody.content['application/json'].schema);
    const members = ((body.anyOf ?? body.oneOf) as { $ref?: string }[]).map(deref) as { properties: Record<string, unknown> }[];
    expect(members.map((m) => Object.keys(m.properties).sort())).toEqual([
      ['publicKey', 'secretKey'],
      ['apiKey', 'collectionLocation', 'customerCode', 'customerNumber'],
      ['accountId', 'key', 'userId'],
      ['accountNumber', 'clientId', 'clientSecret'],
    ]);
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
