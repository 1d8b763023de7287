// The catalogue from a connected Shopify shop (issue #14): products/create|update|delete and
// inventory_levels/update webhooks, signed and deduplicated like the order webhooks. Payloads are
// Shopify's REST product and inventory level as its webhooks send them (trimmed); the shop's
// currency is read at connection (shop { currencyCode }).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectShop, deliver, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, json, type Merchant, startHarness } from './support/harness.ts';

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

function restProduct(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Product/${id}`,
    title: 'Linen shirt',
    vendor: 'Acme',
    product_type: 'Shirts',
    tags: 'summer, linen',
    options: [
      { id: 1, product_id: id, name: 'Size', position: 1, values: ['S', 'M'] },
      { id: 2, product_id: id, name: 'Colour', position: 2, values: ['Red'] },
    ],
    images: [{ id: 501, product_id: id, position: 1, src: 'https://cdn.shopify.com/shirt.jpg' }],
    image: { id: 501, product_id: id, position: 1, src: 'https://cdn.shopify.com/shirt.jpg' },
    variants: [
      {
        id: 11,
        product_id: id,
        title: 'S / Red',
        price: '49.95',
        sku: 'SHIRT-S',
        position: 1,
        option1: 'S',
        option2: 'Red',
        option3: null,
        inventory_item_id: 9011,
        image_id: null,
      },
      {
        id: 12,
        product_id: id,
        title: 'M / Red',
        price: '54.95',
        sku: 'SHIRT-M',
        position: 2,
        option1: 'M',
        option2: 'Red',
        option3: null,
        inventory_item_id: 9012,
        image_id: 501,
      },
    ],
    ...overrides,
  };
}

async function productBySku(m: Merchant, sku: string): Promise<any> {
  const row = await h.ctx.db
    .selectFrom('productVariants')
    .select('productId')
    .where('merchantId', '=', m.id)
    .where('sku', '=', sku)
    .executeTakeFirst();
  if (!row) return undefined;
  const res = await m.call('GET', `/api/v1/products/${row.productId}`);
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}

describe('Shopify catalogue webhooks', () => {
  it('stores a product with its variants in the shop currency, updates it in place, and deletes it', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    const created = await deliver(h, hookKey, 'products/create', restProduct(7001));
    expect(json(created)).toEqual({ received: true, duplicate: false, outcome: 'product_upserted' });
    const product = await productBySku(m, 'SHIRT-M');
    expect(product).toMatchObject({
      source: 'shopify',
      externalId: 'gid://shopify/Product/7001',
      title: 'Linen shirt',
      vendor: 'Acme',
      productType: 'Shirts',
      tags: ['summer', 'linen'],
      imageUrl: 'https://cdn.shopify.com/shirt.jpg',
    });
    expect(product.variants.map((v: any) => [v.externalId, v.sku, v.title, v.options, v.price, v.imageUrl])).toEqual([
      [
        'gid://shopify/ProductVariant/11',
        'SHIRT-S',
        'S / Red',
        [
          { name: 'Size', value: 'S' },
          { name: 'Colour', value: 'Red' },
        ],
        { value: '49.95', currency: 'EUR' },
        null,
      ],
      [
        'gid://shopify/ProductVariant/12',
        'SHIRT-M',
        'M / Red',
        [
          { name: 'Size', value: 'M' },
          { name: 'Colour', value: 'Red' },
        ],
        { value: '54.95', currency: 'EUR' },
        'https://cdn.shopify.com/shirt.jpg',
      ],
    ]);

    const updated = await deliver(h, hookKey, 'products/update', restProduct(7001, { title: 'Linen shirt (new)' }));
    expect(json(updated).outcome).toBe('product_upserted');
    const after = await productBySku(m, 'SHIRT-M');
    expect(after.id).toBe(product.id);
    expect(after.title).toBe('Linen shirt (new)');
    expect(after.variants.map((v: any) => v.id)).toEqual(product.variants.map((v: any) => v.id));

    expect(json(await deliver(h, hookKey, 'products/delete', { id: 7001 })).outcome).toBe('product_deleted');
    expect(await productBySku(m, 'SHIRT-M')).toBeUndefined();
    expect(json(await deliver(h, hookKey, 'products/delete', { id: 7001 })).outcome).toBe('product_unknown');
  });

  it('applies inventory levels per location to the variant of that inventory item', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    await deliver(h, hookKey, 'products/create', restProduct(7002));
    const level = (location: number, available: number) => ({
      inventory_item_id: 9012,
      location_id: location,
      available,
      updated_at: '2026-06-01T10:00:00+02:00',
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${location}?inventory_item_id=9012`,
    });
    expect(json(await deliver(h, hookKey, 'inventory_levels/update', level(31, 4))).outcome).toBe('stock_updated');
    expect(json(await deliver(h, hookKey, 'inventory_levels/update', level(32, 2))).outcome).toBe('stock_updated');
    expect(json(await deliver(h, hookKey, 'inventory_levels/update', level(31, 1))).outcome).toBe('stock_updated');
    const product = await productBySku(m, 'SHIRT-M');
    expect(product.variants.map((v: any) => [v.sku, v.available])).toEqual([
      ['SHIRT-S', 0],
      ['SHIRT-M', 3],
    ]);
    const unknown = await deliver(h, hookKey, 'inventory_levels/update', { ...level(31, 5), inventory_item_id: 123 });
    expect(json(unknown).outcome).toBe('variant_unknown');
  });

  it('drops a repeated delivery and refuses a wrong signature', async () => {
    const { m, hookKey } = await connectShop(h, fake);
    const first = await deliver(h, hookKey, 'products/create', restProduct(7003), { eventId: 'evt-product-7003' });
    expect(json(first).outcome).toBe('product_upserted');
    const again = await deliver(h, hookKey, 'products/update', restProduct(7003, { title: 'Changed' }), { eventId: 'evt-product-7003' });
    expect(json(again)).toEqual({ received: true, duplicate: true, outcome: 'duplicate' });
    expect((await productBySku(m, 'SHIRT-M')).title).toBe('Linen shirt');
    const forged = await deliver(h, hookKey, 'products/update', restProduct(7003, { title: 'Forged' }), { secret: 'wrong' });
    expect(forged.statusCode).toBe(401);
    expect((await productBySku(m, 'SHIRT-M')).title).toBe('Linen shirt');
  });
});
