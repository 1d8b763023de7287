// Replacement orders in WooCommerce (issue #14 item 4): a shopper exchanges a T-shirt M for an L in
// the portal; at the moment the portal's replacement timing names (here: receipt) the replacement
// order is created in WooCommerce, linked to the original by parent_id, the new item at full price
// and one negative fee for what comes back (never a $0 order); its number on the timeline and the
// exchange_created email; created once even when WooCommerce's answer is lost and the job retried.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingJobs } from '@retour/db/repos/outbox';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { composeEmail } from '../src/emails/compose.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { found, requestSizeExchange } from './portal-helpers.ts';
import { eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';
import { SIZE_EXCHANGES, teeCatalogue } from './support/exchange-catalogue.ts';

const keys = { consumerKey: 'ck_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', consumerSecret: 'cs_ffffffffffffffffffffffffffffffffffffffff' };
/** The T-shirt of wooOrder() (product 31, variation 32 = M at 24.75) with its L (variation 33), by the shop's ids. */
const CATALOGUE = teeCatalogue({ product: '31', m: '32', l: '33' }, '24.75');

let h: Harness;
let woo: WooServer;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  woo.state.products.set(31, [32, 33]);
  woo.state.products.set(40, []);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

async function settle() {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

/** A WooCommerce shop with the catalogue; order `id` arrives by webhook; the shopper exchanges one M for an L. */
async function exchangeReturn(id: number, timing: string) {
  const shop = await setupShop(h, { exchanges: { ...SIZE_EXCHANGES, replacementTiming: timing } });
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
  return { m, id: json(created).id as string };
}

const orderPosts = () => woo.requests.filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/orders');
const childrenOf = (parent: number) => woo.state.orders.filter((o) => o.parent_id === parent);

describe('WooCommerce replacement order', () => {
  it('is created on receipt, linked by parent_id, full price with a discount for what comes back, noted and emailed', async () => {
    const { m, id } = await exchangeReturn(401, 'on_receipt');
    expect(orderPosts()).toEqual([]); // not before the parcel is received
    woo.requests.length = 0;
    await receiveAll(m, await getReturn(m, id));
    await settle();

    expect(orderPosts()).toHaveLength(1);
    // The replacement order holds the stock in the shop now: our reservation is consumed.
    expect((await listReturnExchanges(h.ctx.db, m.id, id)).map((e) => e.reservation)).toEqual(['consumed']);
    const ret = await getReturn(m, id);
    const body = orderPosts()[0]?.body;
    expect(body).toMatchObject({
      parent_id: 401,
      status: 'processing',
      set_paid: true,
      currency: 'EUR',
      billing: { first_name: 'Sanne', last_name: 'de Vries', email: 'sanne@example.com' },
      shipping: { postcode: '1015 CV', country: 'NL' },
      line_items: [{ product_id: 31, variation_id: 33, quantity: 1, subtotal: '24.75', total: '24.75' }],
      fee_lines: [{ name: `Exchange: items returned with ${ret.reference}`, total: '-24.75', tax_status: 'none' }],
      meta_data: [{ key: 'retour_replacement', value: id }],
    });
    const [child] = childrenOf(401);
    expect(child?.line_items[0].total).toBe('24.75'); // the item carries its value
    expect(child?.total).toBe('0.00');
    const entry = ret.timeline.find((e: any) => e.type === 'exchange_created');
    expect(entry).toMatchObject({
      message: `Replacement order ${child?.number}`,
      data: { provider: 'woocommerce', orderId: String(child?.id), subtotal: 2475, discount: 2475, balance: 0 },
    });
    expect(ret.exchanges).toEqual({
      asked: [
        {
          returnItemId: expect.any(String),
          kind: 'variant',
          productTitle: 'T-shirt',
          variantTitle: 'L',
          sku: 'TS-L',
          quantity: 1,
          unitPrice: eur('24.75'),
        },
      ],
      replacementOrder: {
        at: expect.any(String),
        provider: 'woocommerce',
        orderId: String(child?.id),
        orderNumber: String(child?.number),
        adminUrl: `${woo.siteUrl}/wp-admin/post.php?post=${child?.id}&action=edit`,
        subtotal: eur('24.75'),
        discount: eur('24.75'),
        balance: eur('0.00'),
      },
      problem: null,
    });
    const [mail] = (await pendingJobs(h.ctx.db, m.id, 'email.exchange_created')).filter((j) => j.payload.returnId === id);
    const composed = await composeEmail(h.ctx, mail as never);
    expect(composed?.message.subject).toBe(`Your replacement order ${child?.number} for return ${ret.reference}`);

    // The filter of returns whose value was kept: this one has a replacement order, not store credit.
    const listed = async (q: string) => json(await m.call('GET', `/api/v1/returns?${q}`)).data.map((r: any) => r.id);
    expect(await listed('kept=exchange')).toEqual([id]);
    expect(await listed('kept=store_credit')).toEqual([]);
    expect((await m.call('GET', '/api/v1/returns?kept=cash')).statusCode).toBe(400);
    await m.call('POST', `/api/v1/returns/${id}/store-credits`, { amount: eur('2.00') });
    expect(await listed('kept=store_credit')).toEqual([id]);

    // Insights: the exchange kept 24.75, the store credit 2.00, nothing was refunded.
    const insights = json(await m.call('GET', '/api/v1/insights?from=2026-06-01&to=2026-06-30'));
    expect(insights.revenueKept).toEqual([{ exchanges: eur('24.75'), storeCredit: eur('2.00'), refunded: eur('0.00'), share: 1 }]);

    // Later changes of the return do not make another one.
    expect((await m.call('POST', `/api/v1/returns/${id}/resolve`, {})).statusCode).toBe(200);
    await settle();
    expect(orderPosts()).toHaveLength(1);
  });

  it('on_request: made as soon as the return is approved (auto-approved: at once)', async () => {
    const { m, id } = await exchangeReturn(402, 'on_request');
    expect(childrenOf(402)).toHaveLength(1);
    expect((await getReturn(m, id)).timeline.find((e: any) => e.type === 'exchange_created')?.data.orderId).toBe(
      String(childrenOf(402)[0]?.id),
    );
  });

  it('adopts the order WooCommerce made when its answer was lost, instead of making a second', async () => {
    woo.state.loseNextOrderResponse = true;
    const { m, id } = await exchangeReturn(404, 'on_request');
    expect(childrenOf(404)).toHaveLength(1);
    expect((await getReturn(m, id)).timeline.some((e: any) => e.type === 'exchange_created')).toBe(false);
    const [job] = await pendingJobs(h.ctx.db, m.id, 'shop.replacement_order');
    expect(job?.attempts).toBe(1);

    woo.requests.length = 0;
    h.clock.advance(60_000);
    await settle();
    expect(orderPosts()).toEqual([]);
    expect(childrenOf(404)).toHaveLength(1);
    const ret = await getReturn(m, id);
    expect(ret.timeline.find((e: any) => e.type === 'exchange_created')?.data.orderId).toBe(String(childrenOf(404)[0]?.id));
  });
});
