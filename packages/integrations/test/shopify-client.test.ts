// The Shopify client against a local server that answers like Shopify: client-credentials tokens
// (cached, refreshed before expiry and once on a 401), 429 Retry-After and THROTTLED retries,
// timeouts, refusals; the bulk JSONL reader; webhook signatures.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBulkOrders } from '../src/shops/shopify/bulk.ts';
import { ShopifyClient } from '../src/shops/shopify/client.ts';
import { SHOP_QUERY } from '../src/shops/shopify/documents.ts';
import { ShopifyError } from '../src/shops/shopify/errors.ts';
import { shopifySignatureMatches } from '../src/shops/shopify/webhooks.ts';
import { FakeShopify, fakeEndpoints } from './support/fake-shopify.ts';

let fake: FakeShopify;
let now: Date;
beforeAll(async () => {
  fake = await new FakeShopify().start();
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.received.length = 0;
  now = new Date('2026-06-15T10:00:00.000Z');
});

function client(overrides: Partial<ConstructorParameters<typeof ShopifyClient>[0]> = {}) {
  const tokens: unknown[] = [];
  const c = new ShopifyClient({
    shopDomain: 'demo.myshopify.com',
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    endpoints: fakeEndpoints(fake, 500),
    now: () => now,
    onToken: (t) => {
      tokens.push(t);
    },
    ...overrides,
  });
  return { c, tokens };
}

async function failureOf(work: Promise<unknown>): Promise<ShopifyError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopifyError);
  return error as ShopifyError;
}

describe('tokens (client-credentials grant)', () => {
  it('requests a token with the grant fields, then sends it on GraphQL calls', async () => {
    const { c, tokens } = client();
    expect(await c.request(SHOP_QUERY)).toEqual({ shop: { name: 'Fake Shop', currencyCode: 'EUR' } });
    const [tokenCall, graphqlCall] = fake.received;
    expect(tokenCall?.method).toBe('POST');
    expect(tokenCall?.path).toBe('/admin/oauth/access_token');
    expect(tokenCall?.body).toEqual({ grant_type: 'client_credentials', client_id: 'client-id-1', client_secret: 'client-secret-1' });
    expect(graphqlCall?.path).toBe('/admin/api/2026-10/graphql.json');
    expect(graphqlCall?.headers['content-type']).toBe('application/json');
    expect(graphqlCall?.headers['x-shopify-access-token']).toMatch(/^shpat_\d+$/);
    expect(graphqlCall?.body).toEqual({ query: SHOP_QUERY, variables: {} });
    expect(tokens).toEqual([
      {
        accessToken: graphqlCall?.headers['x-shopify-access-token'],
        expiresAt: '2026-06-16T09:59:59.000Z',
        scope: 'read_orders,write_returns',
      },
    ]);
  });

  it('reuses a cached token until it nears expiry, then requests a new one', async () => {
    const { c } = client();
    await c.request(SHOP_QUERY);
    await c.request(SHOP_QUERY);
    expect(fake.tokenCalls()).toHaveLength(1);
    now = new Date(now.getTime() + 86_399_000 - 60_000); // a minute before expiry
    await c.request(SHOP_QUERY);
    expect(fake.tokenCalls()).toHaveLength(2);
    const [first, , third] = fake.graphqlCalls();
    expect(third?.headers['x-shopify-access-token']).not.toBe(first?.headers['x-shopify-access-token']);
  });

  it('starts from a stored token and refreshes it once on a 401', async () => {
    const { c, tokens } = client({ token: { accessToken: 'shpat_revoked', expiresAt: '2026-06-16T00:00:00.000Z' } });
    expect(await c.request(SHOP_QUERY)).toEqual({ shop: { name: 'Fake Shop', currencyCode: 'EUR' } });
    expect(fake.received.map((r) => r.path)).toEqual([
      '/admin/api/2026-10/graphql.json',
      '/admin/oauth/access_token',
      '/admin/api/2026-10/graphql.json',
    ]);
    expect(fake.received[0]?.headers['x-shopify-access-token']).toBe('shpat_revoked');
    expect(tokens).toHaveLength(1);
  });

  it('gives up after a second 401 with a credentials failure', async () => {
    const { c } = client();
    await c.request(SHOP_QUERY);
    fake.revokeTokens();
    fake.scriptToken({ status: 200, body: { access_token: 'shpat_never_valid', expires_in: 86399 } });
    const error = await failureOf(c.request(SHOP_QUERY));
    expect(error.failure).toBe('credentials');
    expect(fake.tokenCalls()).toHaveLength(2);
  });

  it('refused client credentials are a credentials failure', async () => {
    const { c } = client({ clientSecret: 'wrong' });
    const error = await failureOf(c.request(SHOP_QUERY));
    expect(error.failure).toBe('credentials');
    expect(error.message).toMatch(/invalid_client/);
    expect(fake.graphqlCalls()).toHaveLength(0);
  });

  it('a token endpoint answering 503 is "unavailable", not a credentials problem', async () => {
    fake.scriptToken({ status: 503, body: { errors: 'Service Unavailable' } });
    const error = await failureOf(client().c.request(SHOP_QUERY));
    expect(error.failure).toBe('unavailable');
  });
});

describe('rate limits, throttling, timeouts and refusals', () => {
  it('waits for Retry-After on 429 and retries', async () => {
    const { c } = client();
    await c.accessToken();
    fake.script({
      status: 429,
      headers: { 'Retry-After': '0.05' },
      body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
    });
    expect(await c.request(SHOP_QUERY)).toEqual({ shop: { name: 'Fake Shop', currencyCode: 'EUR' } });
    expect(fake.graphqlCalls('shop')).toHaveLength(2);
  });

  it('retries THROTTLED GraphQL errors with backoff', async () => {
    const { c } = client();
    await c.accessToken();
    fake.script('throttled', 'throttled');
    expect(await c.request(SHOP_QUERY)).toEqual({ shop: { name: 'Fake Shop', currencyCode: 'EUR' } });
    expect(fake.graphqlCalls('shop')).toHaveLength(3);
  });

  it('stops after a bounded number of 429s', async () => {
    const { c } = client({ maxAttempts: 3 });
    await c.accessToken();
    const limited = { status: 429, headers: { 'Retry-After': '0' }, body: { errors: 'Throttled' } };
    fake.script(limited, limited, limited);
    const error = await failureOf(c.request(SHOP_QUERY));
    expect(error.failure).toBe('unavailable');
    expect(fake.graphqlCalls('shop')).toHaveLength(3);
  });

  it('a request that never answers times out as unavailable', async () => {
    const { c } = client();
    await c.accessToken();
    fake.script('hang');
    const error = await failureOf(c.request(SHOP_QUERY));
    expect(error.failure).toBe('unavailable');
    expect(error.message).toMatch(/did not answer within 500 ms/);
  });

  it("5xx is unavailable; GraphQL errors are a refusal with Shopify's message", async () => {
    const { c } = client();
    await c.accessToken();
    fake.script({ status: 502, body: { errors: 'Bad Gateway' } });
    expect((await failureOf(c.request(SHOP_QUERY))).failure).toBe('unavailable');
    const refused = await failureOf(c.request('query { shop { noSuchField } }'));
    expect(refused.failure).toBe('rejected');
    expect(refused.message).toMatch(/noSuchField/);
  });
});

describe('bulk result (JSONL)', () => {
  it('streams orders with their line items re-assembled from __parentId', async () => {
    const lines = [
      { id: 'gid://shopify/Order/1', name: '#1001' },
      { id: 'gid://shopify/LineItem/11', name: 'Shirt', __parentId: 'gid://shopify/Order/1' },
      { id: 'gid://shopify/LineItem/12', name: 'Socks', __parentId: 'gid://shopify/Order/1' },
      { id: 'gid://shopify/Order/2', name: '#1002' },
      { id: 'gid://shopify/Order/3', name: '#1003' },
      { id: 'gid://shopify/LineItem/31', name: 'Hat', __parentId: 'gid://shopify/Order/3' },
      { id: 'gid://shopify/LineItem/99', name: 'Lost', __parentId: 'gid://shopify/Order/1' },
    ];
    fake.files.set('result.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const stats = { lines: 0, orphans: 0 };
    const orders = [];
    for await (const o of readBulkOrders(`${fake.origin}/bulk/result.jsonl`, 500, stats)) orders.push(o);
    expect(orders).toEqual([
      {
        order: lines[0],
        lineItems: [
          { id: 'gid://shopify/LineItem/11', name: 'Shirt' },
          { id: 'gid://shopify/LineItem/12', name: 'Socks' },
        ],
      },
      { order: lines[3], lineItems: [] },
      { order: lines[4], lineItems: [{ id: 'gid://shopify/LineItem/31', name: 'Hat' }] },
    ]);
    expect(stats).toEqual({ lines: 7, orphans: 1 });
  });

  it('a missing file is unavailable', async () => {
    const read = async () => {
      for await (const _ of readBulkOrders(`${fake.origin}/bulk/missing.jsonl`, 500)) void _;
    };
    expect((await failureOf(read())).failure).toBe('unavailable');
  });
});

describe('webhook signatures', () => {
  const raw = Buffer.from('{"id":1}');
  const sign = (secret: string) => createHmac('sha256', secret).update(raw).digest('base64');

  it.each([
    ['the right signature', sign('client-secret-1'), true],
    ['another secret', sign('other'), false],
    ['a hex digest', createHmac('sha256', 'client-secret-1').update(raw).digest('hex'), false],
    ['an empty header', '', false],
    ['no header', undefined, false],
  ])('%s', (_label, header, ok) => {
    expect(shopifySignatureMatches('client-secret-1', raw, header)).toBe(ok);
  });
});
