// Connecting a WooCommerce shop (issue #6): keys checked with a one-order read, webhooks created
// towards the connection's hook URL with a secret we generate, HTTPS only, WooCommerce's error
// shape turned into clear errors, 429 retried after Retry-After, a hanging shop timed out.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooError } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567', consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567' };
const basic = `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString('base64')}`;

let h: Harness;
let woo: WooServer;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
});
afterEach(() => {
  woo.requests.length = 0;
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

const connect = (m: Awaited<ReturnType<typeof newMerchant>>, body: Record<string, unknown> = {}) =>
  m.call('POST', '/api/v1/integrations/woocommerce', { siteUrl: `${woo.siteUrl}/`, ...keys, ...body });

describe('POST /api/v1/integrations/woocommerce', () => {
  it('checks the keys, creates the order.created and order.updated webhooks, stores the connection without showing its keys', async () => {
    const m = await newMerchant(h);
    const res = await connect(m, { name: 'My Woo shop' });
    expect(res.statusCode, res.body).toBe(201);
    const view = json(res);
    expect(view).toMatchObject({
      name: 'My Woo shop',
      kind: 'woocommerce',
      status: 'active',
      credentialsSet: true,
      settings: { siteUrl: woo.siteUrl, refundThroughGateway: true },
      webhookUrl: expect.stringMatching(/^http:\/\/retour\.test\/api\/hooks\/woocommerce\/hk_[A-Za-z0-9]{32}$/),
    });
    expect(res.body).not.toContain(keys.consumerSecret);
    expect(res.body).not.toContain(keys.consumerKey);

    const [verify, created, updated, ...rest] = woo.requests;
    expect(rest).toEqual([]);
    expect(verify).toMatchObject({ method: 'GET', path: '/wp-json/wc/v3/orders', query: { per_page: '1' } });
    expect(verify?.headers.authorization).toBe(basic);
    for (const [request, topic] of [
      [created, 'order.created'],
      [updated, 'order.updated'],
    ] as const) {
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/wp-json/wc/v3/webhooks');
      expect(request?.query).toEqual({});
      expect(request?.headers.authorization).toBe(basic);
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.body).toEqual({
        name: `Retour: ${topic}`,
        topic,
        delivery_url: view.webhookUrl,
        secret: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
        status: 'active',
      });
    }
    expect(created?.body.secret).toBe(updated?.body.secret);
    expect(view.settings.webhookIds).toEqual(woo.state.webhooks.slice(-2).map((w) => w.id));

    const list = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(list).toEqual([view]);
  });

  it('names the connection after the host by default and refuses a second one with the same name (409)', async () => {
    const m = await newMerchant(h);
    const first = await connect(m, { refundThroughGateway: false });
    expect(first.statusCode, first.body).toBe(201);
    expect(json(first).name).toBe(`WooCommerce ${new URL(woo.siteUrl).host}`);
    expect(json(first).settings.refundThroughGateway).toBe(false);
    woo.requests.length = 0;
    const again = await connect(m);
    expect(again.statusCode).toBe(409);
    expect(json(again).error.code).toBe('conflict');
    expect(woo.requests).toEqual([]);
  });

  it('wrong keys: 422 provider_rejected_credentials with what to do, and nothing stored', async () => {
    const m = await newMerchant(h);
    const res = await connect(m, { consumerSecret: 'cs_wrongwrongwrongwrongwrong' });
    expect(res.statusCode).toBe(422);
    const { error } = json(res);
    expect(error.code).toBe('provider_rejected_credentials');
    expect(error.message).toContain('Sorry, you cannot list resources.');
    expect(error.message).toContain('Read/Write');
    expect(error.details).toEqual({ provider: 'woocommerce', status: 401, code: 'woocommerce_rest_cannot_view' });
    expect(woo.requests).toHaveLength(1);
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it('read-only keys: the webhook cannot be created → 422, the connection is not kept and no webhook is left behind', async () => {
    const m = await newMerchant(h);
    const before = woo.state.webhooks.length;
    woo.script(
      { status: 200, body: [] },
      { status: 201, body: { id: 4242, topic: 'order.created' } },
      { status: 401, body: wooError(401, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.') },
    );
    const res = await connect(m);
    expect(res.statusCode).toBe(422);
    expect(json(res).error.code).toBe('provider_rejected_credentials');
    expect(woo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wp-json/wc/v3/orders',
      'POST /wp-json/wc/v3/webhooks',
      'POST /wp-json/wc/v3/webhooks',
      'DELETE /wp-json/wc/v3/webhooks/4242',
    ]);
    expect(woo.requests[3]?.query).toEqual({ force: 'true' });
    expect(woo.state.webhooks.length).toBe(before);
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it('refuses http:// site URLs (400 on siteUrl) unless insecure providers are allowed, without calling the shop', async () => {
    h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: false, timeoutMs: 2000 };
    const m = await newMerchant(h);
    const res = await connect(m);
    expect(res.statusCode).toBe(400);
    const { error } = json(res);
    expect(error.code).toBe('validation_error');
    expect(error.details.issues).toEqual([{ path: ['siteUrl'], message: expect.stringContaining('https://') }]);
    expect(woo.requests).toEqual([]);
  });

  it.each([
    [{ siteUrl: 'not a url' }, ['siteUrl']],
    [{ consumerKey: 'abc_123' }, ['consumerKey']],
    [{ consumerSecret: 'ck_0123456789abcdef' }, ['consumerSecret']],
    [{ extra: 1 }, ['extra']],
  ])('bad input %j → 400 at %j', async (patch, path) => {
    const m = await newMerchant(h);
    const res = await connect(m, patch);
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.issues.map((i: { path: unknown }) => i.path)).toContainEqual(path);
  });

  it('429: waits for Retry-After and tries again', async () => {
    const m = await newMerchant(h);
    woo.script({
      status: 429,
      headers: { 'retry-after': '1' },
      body: wooError(429, 'woocommerce_rest_too_many_requests', 'Too many requests.'),
    });
    const res = await connect(m);
    expect(res.statusCode, res.body).toBe(201);
    expect(woo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wp-json/wc/v3/orders',
      'GET /wp-json/wc/v3/orders',
      'POST /wp-json/wc/v3/webhooks',
      'POST /wp-json/wc/v3/webhooks',
    ]);
  });

  it('5xx on reads is retried a couple of times, then 502 provider_error', async () => {
    const m = await newMerchant(h);
    const down = { status: 503, body: wooError(503, 'http_request_failed', 'The site is experiencing technical difficulties.') };
    woo.script(down, down, down);
    const res = await connect(m);
    expect(res.statusCode).toBe(502);
    expect(json(res).error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('technical difficulties') });
    expect(woo.requests).toHaveLength(3);
    expect(json(await m.call('GET', '/api/v1/integrations')).data).toEqual([]);
  });

  it('a shop without the REST API at that address: 502 provider_error that mentions permalinks', async () => {
    const m = await newMerchant(h);
    const res = await m.call('POST', '/api/v1/integrations/woocommerce', { siteUrl: `${woo.siteUrl}/blog`, ...keys });
    expect(res.statusCode).toBe(502);
    expect(json(res).error.message).toContain('permalinks');
    expect(woo.requests[0]?.path).toBe('/blog/wp-json/wc/v3/orders');
  });

  it('a shop that does not answer: 502 provider_error after the provider timeout', async () => {
    h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 300 };
    const m = await newMerchant(h);
    woo.script('hang');
    const res = await connect(m);
    expect(res.statusCode).toBe(502);
    expect(json(res).error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('did not answer within 0.3 s') });
    expect(woo.requests).toHaveLength(1);
  });
});

describe('PATCH /api/v1/integrations/woocommerce/:id', () => {
  it('replaces the keys after checking them, and changes the refund setting', async () => {
    const m = await newMerchant(h);
    const created = json(await connect(m));
    woo.requests.length = 0;
    const refused = await m.call('PATCH', `/api/v1/integrations/woocommerce/${created.id}`, {
      consumerKey: 'ck_otherotherotherother',
      consumerSecret: 'cs_otherotherotherother',
    });
    expect(refused.statusCode).toBe(422);
    expect(json(refused).error.code).toBe('provider_rejected_credentials');
    expect(woo.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('ck_otherotherotherother:cs_otherotherotherother').toString('base64')}`,
    );

    const half = await m.call('PATCH', `/api/v1/integrations/woocommerce/${created.id}`, { consumerKey: keys.consumerKey });
    expect(half.statusCode).toBe(400);

    const ok = await m.call('PATCH', `/api/v1/integrations/woocommerce/${created.id}`, { ...keys, refundThroughGateway: false });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({
      id: created.id,
      status: 'active',
      settings: { refundThroughGateway: false },
      webhookUrl: created.webhookUrl,
    });

    const other = await newMerchant(h);
    expect((await other.call('PATCH', `/api/v1/integrations/woocommerce/${created.id}`, { refundThroughGateway: true })).statusCode).toBe(
      404,
    );
  });
});
