// The exchange's shipment tracking on the return's timeline (issue #14 item 4): when the shop
// ships the replacement, its carrier, tracking number and link are noted on the return once, for
// staff and on the shopper's status page. Shopify adds an exchange's lines to the original order,
// so a fulfillments/create webhook that ships one of them is the exchange's parcel (a fulfillment
// of the original items is not); a WooCommerce replacement is its own order, whose order.updated
// webhook carries the Shipment Tracking extension's `_wc_shipment_tracking_items`. Deliveries are
// signed like the shops sign them; a repeated or updated delivery adds nothing.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { FakeShopifyExchanges } from '../../../packages/integrations/test/support/fake-shopify-exchanges.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import { fakeEndpoints } from '../../../packages/integrations/test/support/fake-shopify.ts';
import { statusToken } from '../src/emails/status-link.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn } from './merchant-helpers.ts';
import { found, requestSizeExchange } from './portal-helpers.ts';
import { connectShop, deliver, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { RETURNABLE } from './shopify-mirror-support.ts';
import { eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooOrder } from './support/woocommerce-server.ts';
import { SIZE_EXCHANGES, teeCatalogue } from './support/exchange-catalogue.ts';

const EXCHANGES = { ...SIZE_EXCHANGES, replacementTiming: 'on_request' };
const wooKeys = {
  consumerKey: 'ck_abababababababababababababababababababab',
  consumerSecret: 'cs_cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd',
};

let h: Harness;
let fake: FakeShopify;
let woo: WooServer;
let exchanges: FakeShopifyExchanges;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
  woo = await startWooServer(wooKeys);
  woo.state.products.set(31, [32, 33]);
  woo.state.products.set(40, []);
});
afterAll(async () => {
  await fake.stop();
  await woo.close();
  await h.close();
});

async function settle() {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

/** The shopper exchanges one M of the order for an L in the portal; the replacement is made at once. */
async function exchangeInPortal(shop: Awaited<ReturnType<typeof setupShop>>, order: { orderNumber: string; postalCode: string }) {
  const f = await found(h, shop.slug, { orderNumber: order.orderNumber, shippingAddress: { postalCode: order.postalCode } });
  const created = await requestSizeExchange(h, shop.slug, f);
  await settle();
  return json(created).id as string;
}

async function shopperTimeline(slug: string, merchantId: string, returnId: string) {
  const access = statusToken(h.ctx.secret, merchantId, returnId);
  const res = await h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${returnId}?access=${access}` });
  expect(res.statusCode, res.body).toBe(200);
  return json(res).timeline as any[];
}

const shippedEntries = (ret: any) => ret.timeline.filter((e: any) => e.type === 'exchange_shipped');

describe('Shopify: a fulfillment of the exchange lines', () => {
  beforeEach(() => {
    h.ctx.providers = fakeEndpoints(fake, 1_000);
    fake.received.length = 0;
    const returns = new FakeShopifyReturns(fake, RETURNABLE).install();
    exchanges = new FakeShopifyExchanges(
      fake,
      returns,
      { 'gid://shopify/ProductVariant/8101': '29.95', 'gid://shopify/ProductVariant/8102': '29.95' },
      { 'gid://shopify/FulfillmentLineItem/501': '29.95', 'gid://shopify/FulfillmentLineItem/502': '89.00' },
    ).install();
  });

  it('is noted once with carrier, tracking number and link; a fulfillment of the original items is not', async () => {
    const shop = await setupShop(h, { approval: 'automatic', exchanges: EXCHANGES });
    const m = shop.merchant;
    const { integration, hookKey } = await connectShop(h, fake, m, `shop-${Math.random().toString(36).slice(2, 8)}.myshopify.com`);
    expect((await m.call('PUT', '/api/v1/products', teeCatalogue({ product: '8001', m: '8101', l: '8102' }, '29.95'))).statusCode).toBe(
      200,
    );
    const payload = orderPayload(h, {
      integration: integration.name,
      externalId: 'gid://shopify/Order/7001',
      items: [
        { externalId: 'gid://shopify/LineItem/70011', sku: 'TS-M', name: 'T-shirt', quantity: 2, unitPrice: eur('29.95') },
        { externalId: 'gid://shopify/LineItem/70012', sku: 'JN-32', name: 'Jeans', quantity: 1, unitPrice: eur('89.00') },
      ],
    });
    await shop.importOrders(payload);
    const id = await exchangeInPortal(shop, { orderNumber: payload.orderNumber, postalCode: payload.shippingAddress.postalCode });
    const made = (await getReturn(m, id)).timeline.find((e: any) => e.type === 'exchange_created');
    const [exchangeLineItem] = [...exchanges.exchanges.values()][0]?.[0]?.lineItems ?? [];
    expect(exchangeLineItem).toMatch(/^gid:\/\/shopify\/LineItem\/\d+$/);
    expect(made?.data.lineItemIds).toEqual([exchangeLineItem]);

    // As Shopify's REST Fulfillment resource sends it: numeric ids, tracking_urls parallel to tracking_numbers.
    const fulfillment = (lineItem: string, overrides: Record<string, unknown> = {}) => ({
      id: 880_001,
      order_id: 7001,
      status: 'success',
      created_at: '2026-06-20T10:00:00+02:00',
      updated_at: '2026-06-20T10:00:00+02:00',
      tracking_company: 'PostNL',
      tracking_number: '3SEXCH0001',
      tracking_numbers: ['3SEXCH0001'],
      tracking_url: 'https://jouw.postnl.nl/track-and-trace/3SEXCH0001-NL-1015CV',
      tracking_urls: ['https://jouw.postnl.nl/track-and-trace/3SEXCH0001-NL-1015CV'],
      shipment_status: null,
      line_items: [{ id: Number(lineItem.split('/').pop()), admin_graphql_api_id: lineItem, quantity: 1 }],
      ...overrides,
    });
    // A late fulfillment of the original jeans is not the exchange's parcel.
    const other = await deliver(
      h,
      hookKey,
      'fulfillments/create',
      fulfillment('gid://shopify/LineItem/70012', { id: 880_000, tracking_number: '3SJEANS01', tracking_numbers: ['3SJEANS01'] }),
    );
    expect(json(other).outcome).toBe('shipments_upserted');
    await settle();
    expect(shippedEntries(await getReturn(m, id))).toEqual([]);

    const res = await deliver(h, hookKey, 'fulfillments/create', fulfillment(exchangeLineItem as string));
    expect(res.statusCode, res.body).toBe(200);
    await settle();
    let ret = await getReturn(m, id);
    expect(shippedEntries(ret)).toEqual([
      expect.objectContaining({
        actor: 'system',
        message: 'PostNL 3SEXCH0001',
        data: {
          provider: 'shopify',
          orderNumber: made?.data.orderNumber,
          carrier: 'PostNL',
          trackingNumber: '3SEXCH0001',
          trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SEXCH0001-NL-1015CV',
        },
        tracking: {
          carrier: 'PostNL',
          trackingNumber: '3SEXCH0001',
          trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SEXCH0001-NL-1015CV',
        },
      }),
    ]);
    // The shopper's status page has it too, with the link.
    expect((await shopperTimeline(shop.slug, m.id, id)).filter((e) => e.type === 'exchange_shipped')).toEqual([
      expect.objectContaining({
        message: 'PostNL 3SEXCH0001',
        tracking: {
          carrier: 'PostNL',
          trackingNumber: '3SEXCH0001',
          trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SEXCH0001-NL-1015CV',
        },
      }),
    ]);

    // The update of the same fulfillment (delivered) and a repeated delivery add nothing.
    await deliver(h, hookKey, 'fulfillments/update', fulfillment(exchangeLineItem as string, { shipment_status: 'delivered' }));
    await deliver(h, hookKey, 'fulfillments/create', fulfillment(exchangeLineItem as string), { eventId: 'evt-repeat' });
    await deliver(h, hookKey, 'fulfillments/create', fulfillment(exchangeLineItem as string), { eventId: 'evt-repeat' });
    await settle();
    ret = await getReturn(m, id);
    expect(shippedEntries(ret)).toHaveLength(1);

    // A forged delivery (wrong signature) is refused and notes nothing.
    const forged = await deliver(
      h,
      hookKey,
      'fulfillments/create',
      fulfillment(exchangeLineItem as string, { tracking_number: '3SFORGED1', tracking_numbers: ['3SFORGED1'] }),
      { secret: 'not-the-secret' },
    );
    expect(forged.statusCode).toBe(401);
    await settle();
    expect(shippedEntries(await getReturn(m, id))).toHaveLength(1);
  });
});

describe('WooCommerce: the replacement order gets Shipment Tracking', () => {
  beforeEach(() => {
    h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
  });

  it('order.updated of the replacement with tracking items notes each parcel once; another order does not', async () => {
    const shop = await setupShop(h, { approval: 'automatic', exchanges: EXCHANGES });
    const m = shop.merchant;
    expect((await m.call('PUT', '/api/v1/products', teeCatalogue({ product: '31', m: '32', l: '33' }, '24.75'))).statusCode).toBe(200);
    const conn = await m.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...wooKeys });
    expect(conn.statusCode, conn.body).toBe(201);
    const hookPath = new URL(json(conn).webhookUrl).pathname;
    const secret = woo.state.webhooks.at(-1).secret as string;
    let delivery = 0;
    /** A delivery as WooCommerce signs it: base64 HMAC-SHA256 of the body with the webhook's secret. */
    const send = (topic: string, order: unknown, signWith = secret) => {
      const raw = Buffer.from(JSON.stringify(order));
      return h.app.inject({
        method: 'POST',
        url: hookPath,
        payload: raw,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': topic,
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-delivery-id': `x-${++delivery}`,
          'x-wc-webhook-signature': createHmac('sha256', signWith).update(raw).digest('base64'),
        },
      });
    };
    const parent = 510 + Math.floor(Math.random() * 1000) * 10;
    const original = wooOrder(parent);
    woo.state.orders.push(original);
    expect(json(await send('order.created', original))).toEqual({ outcome: 'stored' });
    const id = await exchangeInPortal(shop, { orderNumber: String(parent), postalCode: '1015 CV' });
    const child = woo.state.orders.find((o) => o.parent_id === parent);
    expect(child?.meta_data).toEqual([expect.objectContaining({ key: 'retour_replacement', value: id })]);

    // The extension's items (wc_st_add_tracking_number): a predefined provider has no stored link, a custom one has.
    const tracked = (items: Record<string, unknown>[]) => ({
      ...child,
      status: 'completed',
      meta_data: [...child.meta_data, { id: 9100, key: '_wc_shipment_tracking_items', value: items }],
    });
    const postnl = {
      tracking_provider: 'postnl',
      custom_tracking_provider: '',
      custom_tracking_link: '',
      tracking_number: '3SWOOEX01',
      date_shipped: '1781906400',
      tracking_id: 'a1b2c3',
    };
    const courier = {
      tracking_provider: '',
      custom_tracking_provider: 'Fietskoerier',
      custom_tracking_link: 'https://koerier.example/t/FK-77',
      tracking_number: 'FK-77',
      date_shipped: '1781906400',
      tracking_id: 'd4e5f6',
    };
    // Another order's tracking never reaches this return, even naming it in a foreign meta.
    const stranger = {
      ...wooOrder(parent + 1),
      meta_data: [
        { key: 'retour_replacement', value: id },
        { key: '_wc_shipment_tracking_items', value: [courier] },
      ],
    };
    expect(json(await send('order.updated', stranger))).toEqual({ outcome: 'stored' });
    expect(json(await send('order.updated', tracked([postnl])))).toEqual({ outcome: 'stored' });
    await settle();
    let ret = await getReturn(m, id);
    expect(shippedEntries(ret).map((e: any) => [e.message, e.data])).toEqual([
      [
        'postnl 3SWOOEX01',
        {
          provider: 'woocommerce',
          orderNumber: String(child.id),
          carrier: 'postnl',
          trackingNumber: '3SWOOEX01',
          trackingUrl: null,
        },
      ],
    ]);

    // A second parcel later: the same order updated again with both items notes only the new one.
    expect(json(await send('order.updated', tracked([postnl, courier])))).toEqual({ outcome: 'stored' });
    expect(json(await send('order.updated', tracked([postnl, courier])))).toEqual({ outcome: 'stored' });
    await settle();
    ret = await getReturn(m, id);
    expect(shippedEntries(ret).map((e: any) => e.tracking)).toEqual([
      { carrier: 'postnl', trackingNumber: '3SWOOEX01', trackingUrl: null },
      { carrier: 'Fietskoerier', trackingNumber: 'FK-77', trackingUrl: 'https://koerier.example/t/FK-77' },
    ]);
    const shopper = (await shopperTimeline(shop.slug, m.id, id)).filter((e) => e.type === 'exchange_shipped');
    expect(shopper.map((e) => e.tracking?.trackingNumber)).toEqual(['3SWOOEX01', 'FK-77']);

    // A delivery signed with another secret is refused.
    const forged = await send('order.updated', tracked([{ ...courier, tracking_number: 'FK-99' }]), 'wrong-secret');
    expect(forged.statusCode).toBe(401);
    await settle();
    expect(shippedEntries(await getReturn(m, id))).toHaveLength(2);
  });
});
