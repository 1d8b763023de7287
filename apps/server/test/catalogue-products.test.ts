// PUT /api/v1/products and GET /api/v1/products/{id} (issue #14 item 1): batch upsert keyed by
// the merchant's own ids, idempotent, all or none, tenant-scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { eur } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

function teeProduct(id = 'tee', overrides: Record<string, unknown> = {}) {
  return {
    id,
    title: 'Organic Tee',
    vendor: 'Acme',
    tags: ['summer'],
    imageUrl: 'https://img.example/tee.jpg',
    variants: [
      {
        id: `${id}-s`,
        sku: 'TS-S',
        options: [{ name: 'Size', value: 'S' }],
        price: eur('29.95'),
        stock: [{ locationId: 'wh', available: 0 }],
      },
      {
        id: `${id}-m`,
        sku: 'TS-M',
        options: [{ name: 'Size', value: 'M' }],
        price: eur('29.95'),
        stock: [
          { locationId: 'wh', locationName: 'Warehouse', available: 2 },
          { locationId: 'shop', available: 1 },
        ],
      },
      { id: `${id}-l`, sku: 'TS-L', title: 'Large', options: [{ name: 'Size', value: 'L' }], price: eur('34.95'), stock: [] },
    ],
    ...overrides,
  };
}

describe('PUT /api/v1/products', () => {
  it('creates products, reads them back, and the same call again only updates', async () => {
    const m = await newMerchant(h);
    const body = { products: [teeProduct('tee'), teeProduct('hoodie', { title: 'Hoodie' })] };
    const first = await m.call('PUT', '/api/v1/products', body);
    expect(first.statusCode, first.body).toBe(200);
    const r1 = json(first);
    expect(r1).toMatchObject({ created: 2, updated: 0 });
    expect(r1.products.map((p: any) => [p.externalId, p.created])).toEqual([
      ['tee', true],
      ['hoodie', true],
    ]);
    const again = json(await m.call('PUT', '/api/v1/products', body));
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect(again.products.map((p: any) => p.id)).toEqual(r1.products.map((p: any) => p.id));

    const view = json(await m.call('GET', `/api/v1/products/${r1.products[0].id}`));
    expect(view).toMatchObject({ source: 'api', externalId: 'tee', title: 'Organic Tee', vendor: 'Acme', tags: ['summer'] });
    expect(view.variants.map((v: any) => [v.externalId, v.sku, v.title, v.price.value, v.available])).toEqual([
      ['tee-s', 'TS-S', 'S', '29.95', 0],
      ['tee-m', 'TS-M', 'M', '29.95', 3],
      ['tee-l', 'TS-L', 'Large', '34.95', 0],
    ]);
  });

  it('removes variants left out and keeps the ids of the others', async () => {
    const m = await newMerchant(h);
    const [created] = json(await m.call('PUT', '/api/v1/products', { products: [teeProduct()] })).products;
    const before = json(await m.call('GET', `/api/v1/products/${created.id}`));
    const product = teeProduct();
    product.variants = [product.variants[1] as (typeof product.variants)[number]];
    await m.call('PUT', '/api/v1/products', { products: [product] });
    const after = json(await m.call('GET', `/api/v1/products/${created.id}`));
    expect(after.variants.map((v: any) => v.id)).toEqual([before.variants[1].id]);
  });

  it('stores nothing when one product is invalid, and names the field', async () => {
    const m = await newMerchant(h);
    const res = await m.call('PUT', '/api/v1/products', {
      products: [teeProduct('ok'), teeProduct('dup-variant', { variants: [teeProduct().variants[0], teeProduct().variants[0]] })],
    });
    expectIssue(res, ['products', 1, 'variants', 1, 'id']);
    const twice = await m.call('PUT', '/api/v1/products', { products: [teeProduct('x'), teeProduct('x')] });
    expectIssue(twice, ['products', 1, 'id']);
    const badPrice = await m.call('PUT', '/api/v1/products', {
      products: [teeProduct('y', { variants: [{ ...teeProduct().variants[0], price: { value: '1.234', currency: 'EUR' } }] })],
    });
    expectIssue(badPrice, ['products', 0, 'variants', 0, 'price', 'value']);
    const negative = await m.call('PUT', '/api/v1/products', {
      products: [teeProduct('z', { variants: [{ ...teeProduct().variants[0], price: eur('-1.00') }] })],
    });
    expectIssue(negative, ['products', 0, 'variants', 0, 'price', 'value']);
    const noVariants = await m.call('PUT', '/api/v1/products', { products: [teeProduct('n', { variants: [] })] });
    expectIssue(noVariants, ['products', 0, 'variants']);
    // Nothing of the refused batches was stored: the good product of the first one is unknown.
    const ok = json(await m.call('PUT', '/api/v1/products', { products: [teeProduct('ok')] }));
    expect(ok).toMatchObject({ created: 1, updated: 0 });
  });

  it('keeps merchants apart', async () => {
    const a = await newMerchant(h);
    const b = await newMerchant(h);
    const [p] = json(await a.call('PUT', '/api/v1/products', { products: [teeProduct()] })).products;
    expectError(await b.call('GET', `/api/v1/products/${p.id}`), 404, 'product_not_found');
    expect(json(await b.call('PUT', '/api/v1/products', { products: [teeProduct()] }))).toMatchObject({ created: 1 });
  });
});
