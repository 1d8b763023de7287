// The full catalogue import from Shopify (issue #14 item 1): after the orders backfill completes,
// one bulk operation reads every product with its variants and available stock per location
// (JSONL rows re-assembled from __parentId, streamed from the local Shopify); a retried job polls
// the same operation; products are saved by Shopify's ids, so the webhooks update the same rows.
// A later complete import removes the products the shop no longer has; a failed one removes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProducts } from '@retour/db/repos/catalogue';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { BULK_POLL_DELAY_MS } from '../src/jobs/shopify-backfill.ts';
import { connectShop, deliver, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, startHarness } from './support/harness.ts';

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

const level = (parent: string, location: number, name: string, available: number) => ({
  location: { id: `gid://shopify/Location/${location}`, name },
  quantities: [{ name: 'available', quantity: available }],
  __parentId: parent,
});

/** A T-shirt in M and L (stock at two locations) and a one-variant scarf, as Shopify's bulk JSONL lists them. */
function catalogueJsonl(): string {
  const tee = 'gid://shopify/Product/8001';
  const rows = [
    {
      id: tee,
      title: 'T-shirt',
      vendor: 'Acme',
      productType: 'Shirts',
      tags: ['summer', ' cotton '],
      featuredMedia: { preview: { image: { url: 'https://cdn.example/tee.jpg' } } },
      options: [{ name: 'Size', position: 1 }],
    },
    {
      id: 'gid://shopify/ProductVariant/8102',
      sku: 'TS-L',
      title: 'L',
      price: '29.95',
      position: 2,
      selectedOptions: [{ name: 'Size', value: 'L' }],
      image: null,
      inventoryItem: { id: 'gid://shopify/InventoryItem/9102' },
      __parentId: tee,
    },
    level('gid://shopify/ProductVariant/8102', 1, 'Warehouse', 3),
    // Shopify may name the inventory item as the parent of its levels.
    level('gid://shopify/InventoryItem/9102', 2, 'Shop', 1),
    {
      id: 'gid://shopify/ProductVariant/8101',
      sku: 'TS-M',
      title: 'M',
      price: '29.95',
      position: 1,
      selectedOptions: [{ name: 'Size', value: 'M' }],
      image: { url: 'https://cdn.example/tee-m.jpg' },
      inventoryItem: { id: 'gid://shopify/InventoryItem/9101' },
      __parentId: tee,
    },
    level('gid://shopify/ProductVariant/8101', 1, 'Warehouse', 0),
    { id: 'gid://shopify/Product/8002', title: 'Scarf', vendor: null, productType: null, tags: [], featuredMedia: null, options: [] },
    {
      id: 'gid://shopify/ProductVariant/8201',
      sku: 'SCARF',
      title: 'Default Title',
      price: '15',
      position: 1,
      selectedOptions: [{ name: 'Title', value: 'Default Title' }],
      image: null,
      inventoryItem: { id: 'gid://shopify/InventoryItem/9201' },
      __parentId: 'gid://shopify/Product/8002',
    },
    level('gid://shopify/ProductVariant/8201', 1, 'Warehouse', 7),
  ];
  return `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

describe('Shopify catalogue import', () => {
  it('follows the orders backfill: one bulk operation, polled (also after a 503), products with variants and stock saved', async () => {
    const { m, integration, hookKey } = await connectShop(h, fake);
    fake.files.set('orders.jsonl', '');
    fake.files.set('products.jsonl', catalogueJsonl());
    const ops = new Map<string, { query: string; polls: number }>();
    fake.handle('bulkOperationRunQuery', (v) => {
      const id = `gid://shopify/BulkOperation/${ops.size + 1}`;
      ops.set(id, { query: v.query, polls: 0 });
      return { bulkOperationRunQuery: { bulkOperation: { id, status: 'CREATED' }, userErrors: [] } };
    });
    let productsOutcome: 'COMPLETED' | 'FAILED' = 'COMPLETED';
    fake.handle('bulkOperation', (v) => {
      const op = ops.get(v.id) as { query: string; polls: number };
      op.polls++;
      const done = op.polls >= 2;
      const isProducts = /\bproducts\b/.test(op.query);
      const failed = done && isProducts && productsOutcome === 'FAILED';
      const file = isProducts ? 'products.jsonl' : 'orders.jsonl';
      return {
        bulkOperation: {
          id: v.id,
          status: failed ? 'FAILED' : done ? 'COMPLETED' : 'RUNNING',
          errorCode: failed ? 'INTERNAL_SERVER_ERROR' : null,
          objectCount: '0',
          rootObjectCount: '0',
          url: done && !failed ? `${fake.origin}/bulk/${file}` : null,
          partialDataUrl: null,
        },
      };
    });
    const res = await m.call('POST', `/api/v1/integrations/shopify/${integration.id}/backfill`);
    expect(res.statusCode, res.body).toBe(202);
    for (let i = 0; i < 3; i++) {
      await drainJobs(h.ctx);
      h.clock.advance(BULK_POLL_DELAY_MS);
    }
    // Orders done; the products' operation has started and is running. Shopify is down once.
    const runs = fake.graphqlCalls('bulkOperationRunQuery');
    expect(runs).toHaveLength(2);
    expect(runs[1]?.variables?.query).toMatch(/products[\s\S]*variants[\s\S]*inventoryLevels/);
    fake.script({ status: 503, body: { errors: 'Service Unavailable' } });
    for (let i = 0; i < 4; i++) {
      h.clock.advance(60_000);
      await drainJobs(h.ctx);
    }
    expect(fake.graphqlCalls('bulkOperationRunQuery')).toHaveLength(2); // the retry polled the same operation
    expect(fake.received.filter((r) => r.path === '/bulk/products.jsonl')).toHaveLength(1);

    const ids = (await h.ctx.db.selectFrom('products').select('id').where('merchantId', '=', m.id).execute()).map((r) => r.id);
    const products = (await getProducts(h.ctx.db, m.id, ids)).sort((a, b) => a.title.localeCompare(b.title));
    expect(products.map((p) => [p.source, p.externalId, p.title, p.vendor, p.productType, p.tags, p.imageUrl])).toEqual([
      ['shopify', 'gid://shopify/Product/8002', 'Scarf', null, null, [], null],
      ['shopify', 'gid://shopify/Product/8001', 'T-shirt', 'Acme', 'Shirts', ['summer', 'cotton'], 'https://cdn.example/tee.jpg'],
    ]);
    const tee = products[1]?.variants.map((v) => [
      v.externalId,
      v.sku,
      v.options,
      v.priceMinor,
      v.currency,
      v.imageUrl,
      v.inventoryRef,
      v.stock,
    ]);
    expect(tee).toEqual([
      [
        'gid://shopify/ProductVariant/8101',
        'TS-M',
        [{ name: 'Size', value: 'M' }],
        2995,
        'EUR',
        'https://cdn.example/tee-m.jpg',
        'gid://shopify/InventoryItem/9101',
        [{ locationId: 'gid://shopify/Location/1', locationName: 'Warehouse', available: 0 }],
      ],
      [
        'gid://shopify/ProductVariant/8102',
        'TS-L',
        [{ name: 'Size', value: 'L' }],
        2995,
        'EUR',
        null,
        'gid://shopify/InventoryItem/9102',
        expect.arrayContaining([
          { locationId: 'gid://shopify/Location/1', locationName: 'Warehouse', available: 3 },
          { locationId: 'gid://shopify/Location/2', locationName: 'Shop', available: 1 },
        ]),
      ],
    ]);
    expect(products[0]?.variants.map((v) => [v.title, v.options, v.priceMinor, v.stock.map((s) => s.available)])).toEqual([
      ['Default Title', [], 1500, [7]],
    ]);

    // The inventory webhook updates the very rows the import made.
    const hook = await deliver(h, hookKey, 'inventory_levels/update', { inventory_item_id: 9101, location_id: 1, available: 5 });
    expect(hook.statusCode, hook.body).toBe(200);
    const [again] = await getProducts(h.ctx.db, m.id, [products[1]?.id as string]);
    expect(again?.variants[0]?.stock).toEqual([{ locationId: 'gid://shopify/Location/1', locationName: 'Warehouse', available: 5 }]);

    // The scarf leaves the shop. A failed export removes nothing; the next complete import removes it.
    fake.files.set(
      'products.jsonl',
      catalogueJsonl()
        .split('\n')
        .filter((line) => !/\/(8002|8201)"/.test(line))
        .join('\n'),
    );
    const importAgain = async () => {
      const again = await m.call('POST', `/api/v1/integrations/shopify/${integration.id}/backfill`);
      expect(again.statusCode, again.body).toBe(202);
      for (let i = 0; i < 8; i++) {
        await drainJobs(h.ctx);
        h.clock.advance(BULK_POLL_DELAY_MS);
      }
    };
    const titles = async () =>
      (await h.ctx.db.selectFrom('products').select('title').where('merchantId', '=', m.id).orderBy('title').execute()).map((p) => p.title);
    productsOutcome = 'FAILED';
    await importAgain();
    expect(await titles()).toEqual(['Scarf', 'T-shirt']);
    productsOutcome = 'COMPLETED';
    await importAgain();
    expect(fake.graphqlCalls('bulkOperationRunQuery')).toHaveLength(6);
    expect(await titles()).toEqual(['T-shirt']);
    const [tee2] = await getProducts(h.ctx.db, m.id, [products[1]?.id as string]);
    expect(tee2?.variants.map((v) => v.sku)).toEqual(['TS-M', 'TS-L']);
  });
});
