// The catalogue from WooCommerce (issue #14 item 1): after the orders backfill, every published
// product is read page by page (50 a page, the fake enforcing per_page ≤ 100 and answering with
// X-WP-TotalPages), a variable product with all its variations (size options, prices, stock);
// then the product.created / product.updated / product.deleted webhooks, signed like the order ones,
// keep it current (a repeated delivery does nothing, a wrong signature changes nothing). A later
// complete full import removes what the shop no longer sells; a failed one removes nothing.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProducts } from '@retour/db/repos/catalogue';
import { getIntegration } from '@retour/db/repos/integrations';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { UNTRACKED_STOCK } from '@retour/integrations/shops/woocommerce/products';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { woocommerceCatalogue } from '../src/jobs/woocommerce-catalogue.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_cccccccccccccccccccccccccccccccccccccccc', consumerSecret: 'cs_dddddddddddddddddddddddddddddddddddddddd' };
let h: Harness;
let woo: WooServer;
let m: Merchant;
let integrationId: string;
let hookPath: string;
let secret: string;

const simple = (id: number) => ({
  id,
  name: `Poster ${id}`,
  type: 'simple',
  status: 'publish',
  sku: `POSTER-${id}`,
  price: '12.50',
  images: [{ src: `https://shop.example/poster-${id}.jpg` }],
  categories: [{ name: 'Posters' }],
  tags: [],
  manage_stock: true,
  stock_quantity: id % 3,
  stock_status: id % 3 ? 'instock' : 'outofstock',
});
const TEE = {
  id: 31,
  name: 'T-shirt',
  type: 'variable',
  status: 'publish',
  sku: 'TS',
  price: '24.75',
  images: [{ src: 'https://shop.example/tee.jpg' }],
  categories: [{ name: 'Shirts' }],
  tags: [{ name: 'summer' }],
  attributes: [{ name: 'Size', variation: true, options: ['M', 'L'] }],
  manage_stock: true,
  stock_quantity: 9,
  stock_status: 'instock',
};
const variation = (id: number, size: string, extra: Record<string, unknown> = {}) => ({
  id,
  sku: `TS-${size}`,
  price: '24.75',
  status: 'publish',
  image: null,
  attributes: [{ id: 1, name: 'Size', option: size }],
  manage_stock: true,
  stock_quantity: 2,
  stock_status: 'instock',
  ...extra,
});

beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
  m = await newMerchant(h);
  const res = await m.call('POST', '/api/v1/integrations/woocommerce', { name: 'Woo', siteUrl: woo.siteUrl, ...keys });
  expect(res.statusCode, res.body).toBe(201);
  integrationId = json(res).id;
  hookPath = new URL(json(res).webhookUrl).pathname;
  secret = woo.state.webhooks.at(-1).secret;
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

let delivery = 0;
function deliver(topic: string, body: unknown, opts: { signature?: string; deliveryId?: string } = {}) {
  const raw = Buffer.from(JSON.stringify(body));
  return h.app.inject({
    method: 'POST',
    url: hookPath,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': 'product',
      'x-wc-webhook-event': topic.split('.')[1] as string,
      'x-wc-webhook-delivery-id': opts.deliveryId ?? `p-${++delivery}`,
      'x-wc-webhook-signature': opts.signature ?? createHmac('sha256', secret).update(raw).digest('base64'),
    },
  });
}
const settle = async () => {
  for (let i = 0; i < 20; i++) if ((await drainJobs(h.ctx)) === 0) return;
};
async function catalogue() {
  const ids = (await h.ctx.db.selectFrom('products').select('id').where('merchantId', '=', m.id).execute()).map((r) => r.id);
  return getProducts(h.ctx.db, m.id, ids);
}
const byExternal = async (externalId: string) => (await catalogue()).find((p) => p.externalId === externalId);

describe('WooCommerce catalogue', () => {
  it('imports every published product page by page after the orders, variations with their sizes and stock', async () => {
    woo.state.catalogue.products.push(TEE, ...Array.from({ length: 60 }, (_, i) => simple(100 + i)), {
      ...simple(999),
      status: 'draft',
    });
    woo.state.catalogue.variations.set(31, [
      variation(33, 'L', { menu_order: 2 }),
      variation(32, 'M', { menu_order: 1, stock_quantity: 0, stock_status: 'outofstock' }),
    ]);
    const res = await m.call('POST', `/api/v1/integrations/woocommerce/${integrationId}/backfill`);
    expect(res.statusCode, res.body).toBe(202);
    await settle();

    const pages = woo.requests.filter((r) => r.method === 'GET' && r.path === '/wp-json/wc/v3/products');
    expect(pages.map((r) => [r.query.page, r.query.per_page, r.query.status, r.query.orderby, r.query.order])).toEqual([
      ['1', '50', 'publish', 'id', 'asc'],
      ['2', '50', 'publish', 'id', 'asc'],
    ]);
    const all = await catalogue();
    expect(all).toHaveLength(61);
    expect(all.every((p) => p.source === 'woocommerce')).toBe(true);
    const tee = await byExternal('31');
    expect([tee?.title, tee?.productType, tee?.tags, tee?.imageUrl]).toEqual([
      'T-shirt',
      'Shirts',
      ['summer'],
      'https://shop.example/tee.jpg',
    ]);
    expect(
      tee?.variants.map((v) => [v.externalId, v.sku, v.title, v.options, v.priceMinor, v.currency, v.stock.map((s) => s.available)]),
    ).toEqual([
      ['32', 'TS-M', 'M', [{ name: 'Size', value: 'M' }], 2475, 'EUR', [0]],
      ['33', 'TS-L', 'L', [{ name: 'Size', value: 'L' }], 2475, 'EUR', [2]],
    ]);
    const poster = await byExternal('101');
    expect(poster?.variants.map((v) => [v.externalId, v.sku, v.options, v.priceMinor, v.stock.map((s) => s.available)])).toEqual([
      ['101', 'POSTER-101', [], 1250, [2]],
    ]);
    expect(await byExternal('999')).toBeUndefined();

    // Then the product webhooks are made (once), signed with the connection's secret; disconnecting removes them too.
    expect(woo.state.webhooks.map((w: any) => [w.topic, w.delivery_url, w.secret])).toEqual(
      ['order.created', 'order.updated', 'product.created', 'product.updated', 'product.deleted'].map((t) => [
        t,
        `http://retour.test${hookPath}`,
        secret,
      ]),
    );
    const stored = await getIntegration(h.ctx.db, m.id, integrationId);
    expect(JSON.parse(String(stored?.settings)).webhookIds).toEqual(woo.state.webhooks.map((w: any) => w.id));
  });

  it('product.updated reads the product again with its variations; a repeat or a bad signature changes nothing', async () => {
    woo.state.catalogue.variations.set(31, [
      variation(32, 'M', { price: '26.00', manage_stock: false, stock_quantity: null, stock_status: 'instock' }),
      variation(33, 'L'),
    ]);
    const body = { ...TEE, name: 'T-shirt (organic)' };
    const tee = woo.state.catalogue.products.find((p: any) => p.id === 31);
    tee.name = 'T-shirt (organic)';
    expect(json(await deliver('product.updated', body, { signature: 'AAAA' }))).toMatchObject({ error: { code: 'invalid_signature' } });
    expect(json(await deliver('product.updated', body, { deliveryId: 'same' }))).toEqual({ outcome: 'stored' });
    expect(json(await deliver('product.updated', body, { deliveryId: 'same' }))).toEqual({ outcome: 'duplicate' });
    await settle();
    const updated = await byExternal('31');
    expect(updated?.title).toBe('T-shirt (organic)');
    expect(updated?.variants.map((v) => [v.externalId, v.priceMinor, v.stock.map((s) => s.available)])).toEqual([
      ['32', 2600, [UNTRACKED_STOCK]],
      ['33', 2475, [2]],
    ]);
    expect(woo.requests.filter((r) => r.path === '/wp-json/wc/v3/products/31').length).toBe(1);
  });

  it('product.created adds a product; product.deleted removes it', async () => {
    woo.state.catalogue.products.push(simple(500));
    expect(json(await deliver('product.created', simple(500)))).toEqual({ outcome: 'stored' });
    await settle();
    expect((await byExternal('500'))?.variants[0]?.sku).toBe('POSTER-500');
    expect(json(await deliver('product.deleted', { id: 500 }))).toEqual({ outcome: 'stored' });
    expect(await byExternal('500')).toBeUndefined();
    expect((await deliver('product.deleted', { name: 'no id' })).statusCode).toBe(400);
  });

  it('a complete full import removes the products the shop no longer has; a failed one removes nothing', async () => {
    const gone = Array.from({ length: 10 }, (_, i) => 100 + i);
    woo.state.catalogue.products = woo.state.catalogue.products.filter((p: any) => !gone.includes(p.id));
    expect(await byExternal('100')).toBeDefined();

    // The shop fails on page 2: the products of page 1 are saved again, nothing is removed.
    h.clock.advance(1000);
    woo.state.catalogue.failPage = 2;
    await expect(woocommerceCatalogue(h.ctx, m.id, { integrationId, page: 1 })).rejects.toThrow();
    expect((await catalogue()).map((p) => p.externalId)).toEqual(expect.arrayContaining(gone.map(String)));
    expect(await catalogue()).toHaveLength(61);

    // The next complete import (after the orders again) removes exactly the ten.
    woo.state.catalogue.failPage = undefined;
    h.clock.advance(1000);
    const res = await m.call('POST', `/api/v1/integrations/woocommerce/${integrationId}/backfill`);
    expect(res.statusCode, res.body).toBe(202);
    await settle();
    const left = (await catalogue()).map((p) => p.externalId);
    expect(left).toHaveLength(52); // the T-shirt, posters 110–159 and 500 (still in the shop after its deleted webhook)
    for (const id of gone) expect(left).not.toContain(String(id));
    expect(left).toEqual(expect.arrayContaining(['31', '110', '159', '500']));
  });
});
