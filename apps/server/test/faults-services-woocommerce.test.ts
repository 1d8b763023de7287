// The shop (WooCommerce) answering 500, then not answering, then OK while a refund is mirrored
// into it (issue #16 items 2 and 6), with the harness's movable clock: the job waits with backoff
// and its error, the hanging call is cut off by the job's own timeout (its AbortSignal reaches the
// WooCommerce client), and the order gets exactly one refund.
import { createHmac } from 'node:crypto';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn } from './merchant-helpers.ts';
import { createPortalReturn, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', consumerSecret: 'cs_ffffffffffffffffffffffffffffffffffffffff' };

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
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

describe('WooCommerce down while a refund is mirrored', { timeout: 120_000 }, () => {
  it('waits with backoff through a 500 and a hang, then refunds once', async () => {
    // An order arrives by webhook; the shopper returns a T-shirt; staff receive it.
    const order = wooOrder(301);
    woo.state.orders.push(order);
    const raw = Buffer.from(JSON.stringify(order));
    const hook = await h.app.inject({
      method: 'POST',
      url: new URL(connection.webhookUrl).pathname,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-delivery-id': 'd-301',
        'x-wc-webhook-signature': createHmac('sha256', woo.state.webhooks.at(-1).secret).update(raw).digest('base64'),
      },
    });
    expect(json(hook)).toEqual({ outcome: 'stored' });
    const created = await createPortalReturn(h, shop.slug, { orderNumber: '301', shippingAddress: { postalCode: '1015 CV' } });
    expect(created.statusCode, created.body).toBe(201);
    const ret = await getReturn(shop.merchant, json(created).id);
    const received = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [{ orderItemId: ret.items[0].orderItemId, quantity: 1, condition: 'as_new', restocked: true }],
    });
    expect(received.statusCode, received.body).toBe(200);
    await drainAll();
    woo.requests.length = 0;

    h.ctx.providers = { ...h.ctx.providers, timeoutMs: 60_000 };
    const waiting = async () =>
      (
        json(await shop.merchant.call('GET', '/api/v1/jobs?state=waiting')).data as {
          topic: string;
          attempts: number;
          lastError: string | null;
        }[]
      ).find((j) => j.topic === 'woocommerce.refund');
    const down = {
      status: 500,
      body: { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } },
    };
    // Reads are retried inside the client (three tries), so three 500s fail one job try.
    woo.script(down, down, down, 'hang');
    expect((await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {})).statusCode).toBe(201);
    await drainAll();
    expect(await waiting()).toMatchObject({ attempts: 1, lastError: expect.stringContaining('critical error') });

    // The shop would be waited on for a minute; the job gives it 300 ms.
    h.ctx.jobTimeoutMs = 300;
    h.clock.advance(backoffMs(1));
    await drainAll(); // the shop takes the request and never answers
    expect(await waiting()).toMatchObject({ attempts: 2, lastError: 'timed out after 0.3 s' });

    h.clock.advance(backoffMs(2));
    await drainAll();
    expect(await waiting()).toBeUndefined();
    expect(woo.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(woo.state.refunds.get('301')).toHaveLength(1);

    h.clock.advance(24 * 3_600_000);
    await drainAll();
    expect(woo.state.refunds.get('301')).toHaveLength(1);
    h.ctx.jobTimeoutMs = undefined;
  });
});
