// Connecting a Shopify shop (POST/PATCH /api/v1/integrations/shopify) against a local server that
// answers like Shopify: credentials checked with the client-credentials grant and a shop query,
// webhooks subscribed to the connection's URL, secrets sealed and never returned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntegration } from '@retour/db/repos/integrations';
import { connectShop, deliver, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});

describe('connect', () => {
  it('checks the credentials, subscribes webhooks to the connection URL and returns the connection', async () => {
    fake.received.length = 0;
    const { m, integration, hookKey } = await connectShop(h, fake);
    expect(integration).toMatchObject({
      name: 'Shopify demo-shop',
      kind: 'shopify',
      status: 'active',
      settings: { shopDomain: 'demo-shop.myshopify.com', shopName: 'Fake Shop' },
      credentialsSet: true,
      lastSyncAt: null,
      lastError: null,
    });
    expect(integration.webhookUrl).toBe(`http://retour.test/api/hooks/shopify/${hookKey}`);
    expect(hookKey).toMatch(/^hk_/);

    const [token, shop, ...subscriptions] = fake.received;
    expect(token?.body).toEqual({ grant_type: 'client_credentials', client_id: 'client-id-1', client_secret: 'client-secret-1' });
    expect(shop?.field).toBe('shop');
    expect(subscriptions.map((s) => s.variables)).toEqual(
      [
        'ORDERS_CREATE',
        'ORDERS_UPDATED',
        'FULFILLMENTS_CREATE',
        'FULFILLMENTS_UPDATE',
        'PRODUCTS_CREATE',
        'PRODUCTS_UPDATE',
        'PRODUCTS_DELETE',
        'INVENTORY_LEVELS_UPDATE',
      ].map((topic) => ({
        topic,
        webhookSubscription: { uri: integration.webhookUrl, format: 'JSON' },
      })),
    );
    for (const call of [shop, ...subscriptions]) expect(call?.headers['x-shopify-access-token']).toMatch(/^shpat_/);

    const list = await m.call('GET', '/api/v1/integrations');
    expect(list.statusCode).toBe(200);
    expect(json(list).data).toEqual([integration]);
    expect(list.body).not.toContain('client-secret-1');
    expect(list.body).not.toContain('shpat_');
    const row = await getIntegration(h.ctx.db, m.id, integration.id);
    expect(row?.credentials).toMatch(/^v1\./);
    expect(row?.credentials).not.toContain('client-secret-1');
  });

  it('refuses wrong credentials with 422 provider_rejected_credentials and stores nothing', async () => {
    const m = await newMerchant(h);
    const res = await m.call('POST', '/api/v1/integrations/shopify', {
      shopDomain: 'demo-shop.myshopify.com',
      clientId: 'client-id-1',
      clientSecret: 'not-the-secret',
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(json(res).error).toMatchObject({ code: 'provider_rejected_credentials', details: { provider: 'shopify' } });
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it('answers 502 provider_error when Shopify is down, or does not answer in time, and stores nothing', async () => {
    const m = await newMerchant(h);
    const body = { shopDomain: 'demo-shop.myshopify.com', clientId: fake.clientId, clientSecret: fake.clientSecret };
    fake.scriptToken({ status: 503, body: { errors: 'Service Unavailable' } });
    const down = await m.call('POST', '/api/v1/integrations/shopify', body);
    expect(down.statusCode, down.body).toBe(502);
    expect(json(down).error).toMatchObject({ code: 'provider_error', details: { provider: 'shopify' } });

    fake.script('hang');
    const hung = await m.call('POST', '/api/v1/integrations/shopify', body);
    expect(hung.statusCode, hung.body).toBe(502);
    expect(json(hung).error.details.reason).toMatch(/did not answer within 1000 ms/);

    fake.handle('webhookSubscriptionCreate', () => ({
      webhookSubscriptionCreate: {
        webhookSubscription: null,
        userErrors: [{ field: ['webhookSubscription', 'uri'], message: 'Address is invalid' }],
      },
    }));
    try {
      const refused = await m.call('POST', '/api/v1/integrations/shopify', body);
      expect(refused.statusCode).toBe(502);
      expect(json(refused).error.details.reason).toMatch(/Address is invalid/);
    } finally {
      fake.handle('webhookSubscriptionCreate', (v) => ({
        webhookSubscriptionCreate: { webhookSubscription: { id: 'gid://shopify/WebhookSubscription/1', topic: v.topic }, userErrors: [] },
      }));
    }
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it.each([
    ['a custom domain', 'shop.example.com'],
    ['a URL', 'https://demo.myshopify.com'],
    ['an empty name', '.myshopify.com'],
  ])('refuses %s as shopDomain with a validation error', async (_label, shopDomain) => {
    const m = await newMerchant(h);
    const res = await m.call('POST', '/api/v1/integrations/shopify', { shopDomain, clientId: 'a', clientSecret: 'b' });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.code).toBe('validation_error');
    expect(JSON.stringify(json(res).error.details)).toContain('shopDomain');
  });

  it('refuses a second connection with the same name (409)', async () => {
    const { m } = await connectShop(h, fake);
    const res = await m.call('POST', '/api/v1/integrations/shopify', {
      shopDomain: 'demo-shop.myshopify.com',
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    });
    expect(res.statusCode).toBe(409);
  });

  it('two connects with one name at the same moment: one is stored, the other is 409 conflict (not a 500)', async () => {
    const m = await newMerchant(h);
    const body = { shopDomain: 'demo-shop.myshopify.com', clientId: fake.clientId, clientSecret: fake.clientSecret };
    const answers = await Promise.all([
      m.call('POST', '/api/v1/integrations/shopify', body),
      m.call('POST', '/api/v1/integrations/shopify', body),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(json(answers.find((r) => r.statusCode === 409) as (typeof answers)[number]).error.code).toBe('conflict');
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toHaveLength(1);
  });
});

describe('replace credentials (PATCH)', () => {
  it('checks the new credentials, keeps the webhook URL and accepts the old secret for an hour', async () => {
    const { m, integration, hookKey } = await connectShop(h, fake);
    fake.clientSecret = 'rotated-secret';
    try {
      const wrong = await m.call('PATCH', `/api/v1/integrations/shopify/${integration.id}`, {
        clientId: 'client-id-1',
        clientSecret: 'client-secret-1',
      });
      expect(wrong.statusCode).toBe(422);
      expect(json(wrong).error.code).toBe('provider_rejected_credentials');
      const ok = await m.call('PATCH', `/api/v1/integrations/shopify/${integration.id}`, {
        clientId: 'client-id-1',
        clientSecret: 'rotated-secret',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(json(ok)).toMatchObject({ id: integration.id, webhookUrl: integration.webhookUrl, credentialsSet: true, status: 'active' });
      // Webhooks signed with the old secret are accepted for an hour, then refused.
      expect((await deliver(h, hookKey, 'products/update', { id: 1 }, { secret: 'rotated-secret' })).statusCode).toBe(200);
      expect((await deliver(h, hookKey, 'products/update', { id: 1 }, { secret: 'client-secret-1' })).statusCode).toBe(200);
      h.clock.advance(61 * 60_000);
      expect((await deliver(h, hookKey, 'products/update', { id: 1 }, { secret: 'client-secret-1' })).statusCode).toBe(401);
      expect((await deliver(h, hookKey, 'products/update', { id: 1 }, { secret: 'rotated-secret' })).statusCode).toBe(200);
    } finally {
      fake.clientSecret = 'client-secret-1';
    }
  });

  it("404 for an unknown or another merchant's connection", async () => {
    const { integration } = await connectShop(h, fake);
    const other = await newMerchant(h);
    const res = await other.call('PATCH', `/api/v1/integrations/shopify/${integration.id}`, { clientId: 'a', clientSecret: 'b' });
    expect(res.statusCode).toBe(404);
  });
});
