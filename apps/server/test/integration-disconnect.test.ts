// DELETE /api/v1/integrations/:id removes what Retour created at the shop before forgetting the
// credentials: WooCommerce's two webhooks (DELETE /webhooks/{id}?force=true) and Shopify's webhook
// subscriptions to the connection's URL (webhookSubscriptions(uri:) → webhookSubscriptionDelete).
// A shop that is down or refuses does not block the local disconnect: the answer says `failed` and
// which webhooks to remove by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { fakeEndpoints } from '../../../packages/integrations/test/support/fake-shopify.ts';
import { connectShop, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooError } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567', consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567' };
const basic = `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString('base64')}`;

let h: Harness;
let woo: WooServer;
let fake: FakeShopify;
const wooProviders = (timeoutMs = 2000) => ({ ...providerEndpoints(), allowInsecureHttp: true, timeoutMs });
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  fake = await startFakeShopify(h);
});
afterEach(() => {
  woo.requests.length = 0;
  fake.received.length = 0;
});
afterAll(async () => {
  await woo.close();
  await fake.stop();
  await h.close();
});

const disconnect = (m: Merchant, id: string) => m.call('DELETE', `/api/v1/integrations/${id}`);
const listOf = async (m: Merchant) => json(await m.call('GET', '/api/v1/integrations')).data;

async function connectWoo() {
  h.ctx.providers = wooProviders();
  const m = await newMerchant(h);
  const res = await m.call('POST', '/api/v1/integrations/woocommerce', { siteUrl: woo.siteUrl, ...keys });
  expect(res.statusCode, res.body).toBe(201);
  const integration = json(res);
  const webhookIds: number[] = integration.settings.webhookIds;
  expect(webhookIds).toHaveLength(2);
  woo.requests.length = 0;
  return { m, integration, webhookIds };
}

describe('disconnecting WooCommerce', () => {
  it('deletes both webhooks at the shop (force=true), then the connection', async () => {
    const { m, integration, webhookIds } = await connectWoo();
    const res = await disconnect(m, integration.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ deleted: true, remoteCleanup: 'done', message: 'Removed the 2 webhooks Retour had created in the shop.' });

    expect(woo.requests).toHaveLength(2);
    woo.requests.forEach((request, i) => {
      expect(request.method).toBe('DELETE');
      expect(request.path).toBe(`/wp-json/wc/v3/webhooks/${webhookIds[i]}`);
      expect(request.query).toEqual({ force: 'true' });
      expect(request.headers.authorization).toBe(basic);
      expect(request.body).toBeNull();
    });
    expect(woo.state.webhooks.filter((w) => webhookIds.includes(w.id))).toEqual([]);
    expect(await listOf(m)).toEqual([]);
  });

  it('a webhook the merchant already deleted (404 woocommerce_rest_webhook_invalid_id) counts as removed', async () => {
    const { m, integration, webhookIds } = await connectWoo();
    woo.state.webhooks = woo.state.webhooks.filter((w) => w.id !== webhookIds[0]);
    const res = await disconnect(m, integration.id);
    expect(json(res)).toMatchObject({ deleted: true, remoteCleanup: 'done' });
    expect(woo.requests.map((r) => r.path)).toEqual(webhookIds.map((id) => `/wp-json/wc/v3/webhooks/${id}`));
  });

  it('429 is waited out (Retry-After) and the webhook deleted', async () => {
    const { m, integration, webhookIds } = await connectWoo();
    woo.script({ status: 429, headers: { 'retry-after': '0' }, body: wooError(429, 'rate_limited', 'Too many requests.') });
    const res = await disconnect(m, integration.id);
    expect(json(res)).toMatchObject({ deleted: true, remoteCleanup: 'done' });
    expect(woo.requests.map((r) => r.path)).toEqual(
      [webhookIds[0], webhookIds[0], webhookIds[1]].map((id) => `/wp-json/wc/v3/webhooks/${id}`),
    );
    expect(woo.state.webhooks.filter((w) => webhookIds.includes(w.id))).toEqual([]);
  });

  it.each([
    ['down (503)', { status: 503, body: { code: 'internal_server_error', message: 'Maintenance', data: { status: 503 } } }],
    [
      'refusing the keys (401)',
      { status: 401, body: wooError(401, 'woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.') },
    ],
  ] as const)('a shop %s: disconnected here anyway, answered remoteCleanup failed with what to remove', async (_case, answer) => {
    const { m, integration, webhookIds } = await connectWoo();
    woo.script(answer);
    const res = await disconnect(m, integration.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ deleted: true, remoteCleanup: 'failed' });
    expect(body.message).toContain(`the shop at ${woo.siteUrl} could not remove Retour's webhooks`);
    expect(body.message).toContain(
      'Delete the webhooks named "Retour: order.created" and "Retour: order.updated" under WooCommerce → Settings → Advanced → Webhooks.',
    );
    expect(body.message).not.toContain(keys.consumerSecret);
    expect(woo.requests).toHaveLength(1);
    expect(woo.state.webhooks.filter((w) => webhookIds.includes(w.id))).toHaveLength(2);
    expect(await listOf(m)).toEqual([]);
  });

  it('a shop that does not answer in time: failed after the timeout, still disconnected', async () => {
    const { m, integration } = await connectWoo();
    h.ctx.providers = wooProviders(300);
    woo.script('hang');
    const body = json(await disconnect(m, integration.id));
    expect(body).toMatchObject({ deleted: true, remoteCleanup: 'failed' });
    expect(await listOf(m)).toEqual([]);
  });

  it('another merchant cannot disconnect it (404) and the shop is not called', async () => {
    const { m, integration } = await connectWoo();
    const other = await newMerchant(h);
    const res = await disconnect(other, integration.id);
    expect(res.statusCode).toBe(404);
    expect(json(res).error.code).toBe('not_found');
    expect(woo.requests).toEqual([]);
    expect(await listOf(m)).toHaveLength(1);
  });
});

describe('disconnecting Shopify', () => {
  it('lists the subscriptions to our URL page by page and deletes each one, leaving other apps’ alone', async () => {
    h.ctx.providers = fakeEndpoints(fake, 1_000);
    const { m, integration } = await connectShop(h, fake);
    const uri = integration.webhookUrl as string;
    fake.subscriptions.set('gid://shopify/WebhookSubscription/other', {
      id: 'gid://shopify/WebhookSubscription/other',
      topic: 'ORDERS_CREATE',
      uri: 'https://elsewhere.example/hook',
    });
    const ours = [...fake.subscriptions.values()].filter((s) => s.uri === uri).map((s) => s.id);
    // Orders and returns (4) and the catalogue's products and stock (4).
    expect(ours).toHaveLength(8);
    fake.received.length = 0;

    const res = await disconnect(m, integration.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({
      deleted: true,
      remoteCleanup: 'done',
      message: 'Removed the 8 webhook subscriptions Retour had created in the shop.',
    });

    const calls = fake.graphqlCalls();
    // The fake answers pages of two: four pages, then one delete each.
    const pages = 4;
    expect(calls.map((c) => c.field)).toEqual([
      ...Array.from({ length: pages }, () => 'webhookSubscriptions'),
      ...ours.map(() => 'webhookSubscriptionDelete'),
    ]);
    for (const call of calls) {
      expect(call.method).toBe('POST');
      expect(call.path).toBe(fake.graphqlPath);
      expect(call.headers['x-shopify-access-token']).toMatch(/^shpat_\d+$/);
      expect(call.headers['content-type']).toContain('application/json');
    }
    expect(calls.slice(0, pages).map((c) => c.variables)).toEqual([
      { uri, after: null },
      { uri, after: '2' },
      { uri, after: '4' },
      { uri, after: '6' },
    ]);
    expect(calls.slice(pages).map((c) => c.variables)).toEqual(ours.map((id) => ({ id })));
    expect([...fake.subscriptions.keys()]).toEqual(['gid://shopify/WebhookSubscription/other']);
    expect(await listOf(m)).toEqual([]);
  });

  it('Shopify unreachable: disconnected here anyway, failed with how to remove the subscriptions', async () => {
    h.ctx.providers = fakeEndpoints(fake, 1_000);
    const { m, integration } = await connectShop(h, fake, undefined, 'down-shop.myshopify.com');
    h.ctx.providers = { ...fakeEndpoints(fake, 1_000), shopifyOrigin: () => 'http://127.0.0.1:9' };
    const res = await disconnect(m, integration.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ deleted: true, remoteCleanup: 'failed' });
    expect(body.message).toContain("Shopify could not remove Retour's webhook subscriptions on down-shop.myshopify.com");
    expect(body.message).toContain('uninstall the app you connected under Settings → Apps');
    expect(await listOf(m)).toEqual([]);
    h.ctx.providers = fakeEndpoints(fake, 1_000);
  });

  it('a subscription Shopify refuses to delete (userErrors): failed, still disconnected', async () => {
    h.ctx.providers = fakeEndpoints(fake, 1_000);
    const { m, integration } = await connectShop(h, fake, undefined, 'refusing-shop.myshopify.com');
    const original = fake.handlers.get('webhookSubscriptionDelete');
    fake.handle('webhookSubscriptionDelete', () => ({
      webhookSubscriptionDelete: { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Access denied' }] },
    }));
    try {
      const body = json(await disconnect(m, integration.id));
      expect(body).toMatchObject({ deleted: true, remoteCleanup: 'failed' });
      expect(body.message).toContain('webhookSubscriptionDelete: Access denied');
      expect(fake.graphqlCalls('webhookSubscriptionDelete')).toHaveLength(1);
    } finally {
      if (original) fake.handle('webhookSubscriptionDelete', original);
    }
    expect(await listOf(m)).toEqual([]);
  });
});
