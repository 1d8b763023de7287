// Instant exchange (issue #14 item 4) with a WooCommerce shop: the replacement order is made as
// soon as Mollie reports the shopper's hold authorised — before any scan or receipt, whatever the
// portal's replacement timing says — and not before the authorisation.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn } from './merchant-helpers.ts';
import { paymentIdOf, putMollieKey, startMollie, TEST_KEY } from './mollie-helpers.ts';
import { found, requestSizeExchange } from './portal-helpers.ts';
import { setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import type { MollieServer } from './support/mollie-server.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';
import { SIZE_EXCHANGES, teeCatalogue } from './support/exchange-catalogue.ts';

const keys = { consumerKey: 'ck_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', consumerSecret: 'cs_ffffffffffffffffffffffffffffffffffffffff' };
/** The T-shirt of wooOrder() (product 31, variation 32 = M at 24.75) with its L (variation 33), by the shop's ids. */
const CATALOGUE = teeCatalogue({ product: '31', m: '32', l: '33' }, '24.75');

let h: Harness;
let woo: WooServer;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  woo.state.products.set(31, [32, 33]);
  woo.state.products.set(40, []);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
  mollie = await startMollie(h);
});
afterAll(async () => {
  await mollie.close();
  await woo.close();
  await h.close();
});

async function settle() {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

/** A WooCommerce shop with the catalogue; order `id` arrives by webhook; the shopper exchanges one M for an L. */
async function exchangeReturn(id: number, timing: string) {
  const m0 = await newMerchant(h);
  expect((await putMollieKey(h, m0, TEST_KEY)).statusCode).toBe(200);
  const shop = await setupShop(h, { exchanges: { ...SIZE_EXCHANGES, replacementTiming: timing, instant: true } }, m0);
  const m = shop.merchant;
  expect((await m.call('PUT', '/api/v1/products', CATALOGUE)).statusCode).toBe(200);
  const conn = await m.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...keys });
  expect(conn.statusCode, conn.body).toBe(201);
  const order = wooOrder(id);
  woo.state.orders.push(order);
  const raw = Buffer.from(JSON.stringify(order));
  const hook = await h.app.inject({
    method: 'POST',
    url: new URL(json(conn).webhookUrl).pathname,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-delivery-id': `d-${id}`,
      'x-wc-webhook-signature': createHmac('sha256', woo.state.webhooks.at(-1).secret).update(raw).digest('base64'),
    },
  });
  expect(json(hook)).toEqual({ outcome: 'stored' });
  const f = await found(h, shop.slug, { orderNumber: String(id), shippingAddress: { postalCode: '1015 CV' } });
  const created = await requestSizeExchange(h, shop.slug, f);
  await settle();
  const ret = json(created);
  return { m, shop, id: ret.id as string, access: ret.accessCode as string };
}

const orderPosts = () => woo.requests.filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/orders');
const childrenOf = (parent: number) => woo.state.orders.filter((o) => o.parent_id === parent);

describe('instant exchange replacement order', () => {
  it('is made in WooCommerce once the hold is authorised, not before, with on_receipt timing', async () => {
    const { m, shop, id, access } = await exchangeReturn(7101, 'on_receipt');
    expect((await getReturn(m, id)).status).toBe('awaiting_payment');
    expect(childrenOf(7101)).toHaveLength(0);
    const pay = await h.app.inject({ method: 'POST', url: `/api/portal/${shop.slug}/returns/${id}/payments?access=${access}` });
    expect(pay.statusCode, pay.body).toBe(201);
    const tr = paymentIdOf(json(pay).checkoutUrl);
    expect(await mollie.settle(tr, 'paid')).toBe(200);
    await settle();
    const ret = await getReturn(m, id);
    expect(ret.status).toBe('open');
    expect(childrenOf(7101)).toHaveLength(1);
    expect(orderPosts().length).toBeGreaterThanOrEqual(1);
  });
});
