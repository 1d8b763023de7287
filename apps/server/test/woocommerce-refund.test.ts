// Refunds recorded in Retour go to WooCommerce (issue #6): POST /orders/{id}/refunds with the
// amount, a reason naming the return, the order lines, explicit api_refund (connection setting)
// and api_restock (only what was restocked on receipt); WooCommerce's refund id on the timeline;
// a retried job never refunds twice.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn, importOrder } from './merchant-helpers.ts';
import { createPortalReturn, eur, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_cccccccccccccccccccccccccccccccccccccccc', consumerSecret: 'cs_dddddddddddddddddddddddddddddddddddddddd' };
const basic = `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString('base64')}`;

let h: Harness;
let woo: WooServer;
let shop: Shop;
let connection: Record<string, any>;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
  shop = await setupShop(h);
  const res = await shop.merchant.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...keys });
  expect(res.statusCode, res.body).toBe(201);
  connection = json(res);
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

async function drainAll() {
  while ((await drainJobs(h.ctx)) > 0);
}

/** A WooCommerce order arrives by webhook; the shopper returns one T-shirt; staff receive it. */
async function receivedReturnOf(id: number, restocked: boolean) {
  const order = wooOrder(id);
  woo.state.orders.push(order);
  const raw = Buffer.from(JSON.stringify(order));
  const secret = woo.state.webhooks.at(-1).secret;
  const hook = await h.app.inject({
    method: 'POST',
    url: new URL(connection.webhookUrl).pathname,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-delivery-id': `d-${id}`,
      'x-wc-webhook-signature': createHmac('sha256', secret).update(raw).digest('base64'),
    },
  });
  expect(json(hook)).toEqual({ outcome: 'stored' });
  const created = await createPortalReturn(h, shop.slug, { orderNumber: String(id), shippingAddress: { postalCode: '1015 CV' } });
  expect(created.statusCode, created.body).toBe(201);
  const m = shop.merchant;
  const ret = await getReturn(m, json(created).id);
  const received = await m.call('POST', `/api/v1/returns/${ret.id}/receive`, {
    items: [{ orderItemId: ret.items[0].orderItemId, quantity: 1, condition: 'as_new', restocked }],
  });
  expect(received.statusCode, received.body).toBe(200);
  await drainAll();
  woo.requests.length = 0;
  return ret;
}

describe('woocommerce.refund', () => {
  it('posts the refund with explicit api_refund/api_restock and notes the WooCommerce refund id on the timeline', async () => {
    const ret = await receivedReturnOf(201, true);
    const refunded = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, { note: 'Thanks!' });
    expect(refunded.statusCode, refunded.body).toBe(201);
    await drainAll();

    expect(woo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wp-json/wc/v3/orders/201/refunds',
      'POST /wp-json/wc/v3/orders/201/refunds',
    ]);
    const post = woo.requests[1];
    expect(post?.headers.authorization).toBe(basic);
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.query).toEqual({});
    const marker = post?.body.meta_data[0].value as string;
    expect(marker).toMatch(/^rev_/);
    expect(post?.body).toEqual({
      amount: '29.95',
      reason: `Retour ${ret.reference}: Thanks! [retour:${marker}]`,
      line_items: [{ id: 2011, quantity: 1, refund_total: '29.95' }],
      api_refund: true,
      api_restock: true,
      meta_data: [{ key: 'retour_refund_id', value: marker }],
    });
    const refund = woo.state.refunds.get('201')?.[0];
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.status).toBe('received');
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'shop_sync',
      message: `WooCommerce refund ${refund.id} (29.95 EUR)`,
      actor: 'system',
      data: {
        provider: 'woocommerce',
        kind: 'refund',
        orderId: '201',
        refundId: refund.id,
        amount: 2995,
        restocked: true,
        refundedPayment: true,
      },
    });

    // Running the jobs again changes nothing and calls nobody.
    woo.requests.length = 0;
    await drainAll();
    expect(woo.requests).toEqual([]);
  });

  it('a retried job whose first POST went through (answer lost) finds its refund and does not refund twice', async () => {
    const patched = await shop.merchant.call('PATCH', `/api/v1/integrations/woocommerce/${connection.id}`, { refundThroughGateway: false });
    expect(patched.statusCode, patched.body).toBe(200);
    const ret = await receivedReturnOf(202, false);
    woo.state.loseNextRefundResponse = true;
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    await drainAll();
    expect(woo.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(woo.requests[1]?.body).toMatchObject({
      amount: '29.95',
      line_items: [{ id: 2021, quantity: 1, refund_total: '29.95' }],
      api_refund: false,
      api_restock: false,
    });
    expect((await getReturn(shop.merchant, ret.id)).timeline.some((e: { type: string }) => e.type === 'shop_sync')).toBe(false);

    h.clock.advance(5 * 60_000); // past the job's backoff
    woo.requests.length = 0;
    await drainAll();
    expect(woo.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /wp-json/wc/v3/orders/202/refunds']);
    expect(woo.state.refunds.get('202')).toHaveLength(1);
    const refund = woo.state.refunds.get('202')?.[0];
    expect((await getReturn(shop.merchant, ret.id)).timeline.at(-1)).toMatchObject({
      type: 'shop_sync',
      data: { refundId: refund.id, refundedPayment: false },
    });
    await shop.merchant.call('PATCH', `/api/v1/integrations/woocommerce/${connection.id}`, { refundThroughGateway: true });
  });

  it('a second refund of the same return carries no order lines (they were refunded with the first)', async () => {
    const ret = await receivedReturnOf(203, true);
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, { amount: eur('10.00'), note: 'Part one' });
    await drainAll();
    woo.requests.length = 0;
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, { amount: eur('19.95'), note: 'Part two' });
    await drainAll();
    expect(woo.requests[1]?.body).toMatchObject({ amount: '19.95', line_items: [], api_restock: false });
    expect(woo.state.refunds.get('203')?.map((r) => r.amount)).toEqual(['10.00', '19.95']);
  });

  it('WooCommerce refusing the refund is noted on the timeline and not retried', async () => {
    const ret = await receivedReturnOf(204, true);
    woo.script(
      { status: 200, body: [] },
      {
        status: 500,
        body: { code: 'woocommerce_rest_cannot_create_order_refund', message: 'Invalid refund amount.', data: { status: 500 } },
      },
    );
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    await drainAll();
    // Not retried: WooCommerce's own refusal will not change by asking again.
    expect(woo.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    const after = await getReturn(shop.merchant, ret.id);
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'shop_sync',
      message: expect.stringContaining('Invalid refund amount.'),
      data: { provider: 'woocommerce', kind: 'refund', orderId: '204' },
    });
    h.clock.advance(5 * 60_000);
    await drainAll();
    expect(woo.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('a shop that is down: the job is retried later and then refunds once', async () => {
    const ret = await receivedReturnOf(205, true);
    const down = { status: 503, body: { code: 'http_request_failed', message: 'Service unavailable', data: { status: 503 } } };
    woo.script(down, down, down);
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    await drainAll();
    expect(woo.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    const [stored] = json(await shop.merchant.call('GET', '/api/v1/integrations')).data.filter(
      (i: { id: string }) => i.id === connection.id,
    );
    expect(stored.lastError).toContain('Service unavailable');
    h.clock.advance(5 * 60_000);
    await drainAll();
    expect(woo.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'POST']);
    expect(woo.state.refunds.get('205')).toHaveLength(1);
  });

  it('refunds of orders from other sources are not sent to WooCommerce', async () => {
    const { payload } = await importOrder(h, shop);
    const created = await createPortalReturn(h, shop.slug, payload);
    const ret = await getReturn(shop.merchant, json(created).id);
    await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [{ orderItemId: ret.items[0].orderItemId, quantity: 1, condition: 'as_new', restocked: true }],
    });
    woo.requests.length = 0;
    const refunded = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    expect(refunded.statusCode, refunded.body).toBe(201);
    await drainAll();
    expect(woo.requests).toEqual([]);
  });
});
