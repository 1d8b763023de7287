import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { migrateTo, migrateToLatest } from '../src/migrate.ts';
import {
  deleteProduct,
  findProductIdBySku,
  getProduct,
  getVariant,
  type ProductInput,
  replaceStock,
  saveProduct,
  searchProductIds,
  setStockByInventoryRef,
} from '../src/repos/catalogue.ts';
import { retireProductsNotImportedSince } from '../src/repos/catalogue-sweep.ts';
import { insertReturnExchanges, listReturnExchanges } from '../src/repos/return-exchanges.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, countRows } from './helpers.ts';

const M = 'mer_cat';
const OTHER = 'mer_other';

function tee(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    source: 'api',
    externalId: 'tee-1',
    title: 'Crème Tee',
    vendor: 'Acme',
    productType: 'Shirts',
    tags: ['summer', 'größe'],
    imageUrl: 'https://img.example/tee.jpg',
    variants: ['S', 'M', 'L'].map((size, n) => ({
      externalId: `tee-1-${size}`,
      sku: `TEE-${size}`,
      title: size,
      options: [{ name: 'Size', value: size }],
      priceMinor: 2500 + n * 100,
      currency: 'EUR',
      imageUrl: null,
      inventoryRef: `inv-${size}`,
      stock: [{ locationId: 'loc-1', locationName: 'Warehouse', available: n }],
    })),
    ...overrides,
  };
}

/** A shopper's exchange for this variant (all the catalogue cares about: that it names the variant). */
function exchangeOf(variantId: string, id: string) {
  return {
    merchantId: M,
    id,
    returnId: `ret_${id}`,
    returnItemId: `rit_${id}`,
    variantId,
    quantity: 1,
    unitPriceMinor: 2600,
    currency: 'EUR',
    kind: 'variant',
    priceDifferenceMinor: 0,
    bonusCreditMinor: 0,
    productTitle: 'Tee',
    variantTitle: 'M',
    sku: 'tee-M',
    createdAt: at(0),
  };
}

describe('catalogue repository', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('saves a product with variants and stock and reads it back exactly', async () => {
    const { id, created } = await saveProduct(h.db, M, tee(), at(0));
    expect(created).toBe(true);
    const p = await getProduct(h.db, M, id);
    expect(p).toMatchObject({ id, source: 'api', externalId: 'tee-1', title: 'Crème Tee', tags: ['summer', 'größe'], updatedAt: at(0) });
    expect(p?.variants.map((v) => [v.sku, v.title, v.priceMinor, v.options, v.stock])).toEqual([
      ['TEE-S', 'S', 2500, [{ name: 'Size', value: 'S' }], [{ locationId: 'loc-1', locationName: 'Warehouse', available: 0 }]],
      ['TEE-M', 'M', 2600, [{ name: 'Size', value: 'M' }], [{ locationId: 'loc-1', locationName: 'Warehouse', available: 1 }]],
      ['TEE-L', 'L', 2700, [{ name: 'Size', value: 'L' }], [{ locationId: 'loc-1', locationName: 'Warehouse', available: 2 }]],
    ]);
    // Another merchant sees nothing of it.
    expect(await getProduct(h.db, OTHER, id)).toBeUndefined();
    expect(await findProductIdBySku(h.db, OTHER, 'TEE-M')).toBeUndefined();
    expect(await findProductIdBySku(h.db, M, 'TEE-M')).toBe(id);
  });

  it('updates in place: same ids kept, missing variants and their stock removed, no duplicates', async () => {
    const first = await saveProduct(h.db, M, tee(), at(0));
    const before = await getProduct(h.db, M, first.id);
    const input = tee({ title: 'Tee v2' });
    input.variants = [
      { ...(input.variants[2] as ProductInput['variants'][number]), priceMinor: 3000 },
      input.variants[0] as ProductInput['variants'][number],
    ];
    const again = await saveProduct(h.db, M, input, at(1));
    expect(again).toEqual({ id: first.id, created: false });
    const after = await getProduct(h.db, M, first.id);
    expect(after?.title).toBe('Tee v2');
    expect(after?.variants.map((v) => [v.sku, v.priceMinor])).toEqual([
      ['TEE-L', 3000],
      ['TEE-S', 2500],
    ]);
    const idOf = (p: typeof before, sku: string) => p?.variants.find((v) => v.sku === sku)?.id;
    expect(idOf(after, 'TEE-L')).toBe(idOf(before, 'TEE-L'));
    expect(await countRows(h.db, 'productVariants')).toBe(2);
    expect(await countRows(h.db, 'variantStock')).toBe(2);
    expect(await countRows(h.db, 'products')).toBe(1);
  });

  it('applies a stock update by inventory reference and keeps stock when a save gives none', async () => {
    const { id } = await saveProduct(h.db, M, tee(), at(0));
    expect(await setStockByInventoryRef(h.db, M, 'inv-S', { locationId: 'loc-1', locationName: null, available: 7 }, at(1))).toBe(true);
    expect(await setStockByInventoryRef(h.db, M, 'inv-S', { locationId: 'loc-2', locationName: 'Shop', available: 3 }, at(1))).toBe(true);
    expect(await setStockByInventoryRef(h.db, OTHER, 'inv-S', { locationId: 'loc-1', locationName: null, available: 9 }, at(1))).toBe(
      false,
    );
    const input = tee();
    for (const v of input.variants) delete v.stock;
    await saveProduct(h.db, M, input, at(2));
    const small = (await getProduct(h.db, M, id))?.variants[0];
    expect(small?.stock).toEqual([
      { locationId: 'loc-1', locationName: 'Warehouse', available: 7 },
      { locationId: 'loc-2', locationName: 'Shop', available: 3 },
    ]);
    await replaceStock(h.db, M, small?.id as string, [], at(3));
    expect((await getVariant(h.db, M, small?.id as string))?.stock).toEqual([]);
    expect((await getVariant(h.db, M, small?.id as string))?.productTitle).toBe('Crème Tee');
  });

  it('searches titles ignoring case and accents, per merchant, and treats % and _ literally', async () => {
    const a = await saveProduct(h.db, M, tee(), at(0));
    const b = await saveProduct(h.db, M, tee({ externalId: 'p2', title: 'CREME brûlée mug 100%' }), at(0));
    await saveProduct(h.db, OTHER, tee({ externalId: 'p3', title: 'Creme other shop' }), at(0));
    expect((await searchProductIds(h.db, M, 'crème', 10)).sort()).toEqual([a.id, b.id].sort());
    expect(await searchProductIds(h.db, M, 'BRULEE', 10)).toEqual([b.id]);
    expect(await searchProductIds(h.db, M, '100%', 10)).toEqual([b.id]);
    expect(await searchProductIds(h.db, M, 'e_t', 10)).toEqual([]);
    expect(await searchProductIds(h.db, M, 'creme', 1)).toHaveLength(1);
  });

  it('deletes a product with its variants and stock', async () => {
    await saveProduct(h.db, M, tee(), at(0));
    await saveProduct(h.db, OTHER, tee(), at(0));
    expect(await deleteProduct(h.db, M, 'api', 'tee-1')).toBe(true);
    expect(await deleteProduct(h.db, M, 'api', 'tee-1')).toBe(false);
    expect(await countRows(h.db, 'products')).toBe(1);
    expect(await countRows(h.db, 'productVariants')).toBe(3);
    expect(await countRows(h.db, 'variantStock')).toBe(3);
  });

  it('after a full import, retires what it did not see: exchanged variants stay without stock, the rest goes', async () => {
    const shop = (externalId: string, title: string) =>
      tee({
        source: 'shopify',
        externalId,
        title,
        variants: tee().variants.map((v) => ({ ...v, externalId: `${externalId}-${v.title}`, sku: `${externalId}-${v.title}` })),
      });
    const kept = await saveProduct(h.db, M, shop('tee', 'Tee'), at(0));
    await saveProduct(h.db, M, shop('mug', 'Mug'), at(0));
    await saveProduct(h.db, M, shop('scarf', 'Scarf'), at(0));
    await saveProduct(h.db, M, tee({ source: 'woocommerce' }), at(0));
    await saveProduct(h.db, M, tee(), at(0)); // source api
    await saveProduct(h.db, OTHER, shop('mug', 'Mug'), at(0));
    const exchanged = (await getProduct(h.db, M, kept.id))?.variants.find((v) => v.title === 'M');
    await insertReturnExchanges(h.db, [exchangeOf(exchanged?.id as string, 'rex_1')]);
    // The import started at 1 s and saw only the scarf.
    await saveProduct(h.db, M, shop('scarf', 'Scarf'), at(2000));

    const retired = await retireProductsNotImportedSince(h.db, M, 'shopify', at(1000));
    expect(retired).toEqual({ deletedProducts: 1, deletedVariants: 5, unavailableVariants: 1 });
    const left = await h.db.selectFrom('products').select(['source', 'externalId']).where('merchantId', '=', M).execute();
    expect(left.map((p) => `${p.source}:${p.externalId}`).sort()).toEqual([
      'api:tee-1',
      'shopify:scarf',
      'shopify:tee',
      'woocommerce:tee-1',
    ]);
    const tee1 = await getProduct(h.db, M, kept.id);
    expect(tee1?.variants.map((v) => [v.id, v.stock])).toEqual([[exchanged?.id, []]]);
    expect((await getVariant(h.db, M, exchanged?.id as string))?.productTitle).toBe('Tee');
    expect((await getProduct(h.db, M, (await findProductIdBySku(h.db, M, 'scarf-S')) as string))?.variants).toHaveLength(3);
    // Other merchants and other sources are untouched; a second run changes nothing more.
    expect(await h.db.selectFrom('productVariants').select('id').where('merchantId', '=', OTHER).execute()).toHaveLength(3);
    expect(await retireProductsNotImportedSince(h.db, M, 'shopify', at(1000))).toEqual({
      deletedProducts: 0,
      deletedVariants: 0,
      unavailableVariants: 1,
    });
    expect(await countRows(h.db, 'variantStock')).toBe(3 + 3 + 3 + 3);
  });

  it('a variant a shopper exchanged for outlives its removal from the shop, without stock', async () => {
    const { id } = await saveProduct(h.db, M, tee(), at(0));
    const [s, m] = (await getProduct(h.db, M, id))?.variants ?? [];
    await insertReturnExchanges(h.db, [exchangeOf(m?.id as string, 'rex_m')]);
    // The shop drops S and M: S goes, M stays without stock.
    await saveProduct(h.db, M, tee({ variants: tee().variants.slice(2) }), at(1));
    expect((await getProduct(h.db, M, id))?.variants.map((v) => [v.title, v.stock.length])).toEqual([
      ['L', 1],
      ['M', 0],
    ]);
    expect(await getVariant(h.db, M, s?.id as string)).toBeUndefined();
    // The product is deleted in the shop: L goes, M and the product stay for the exchange.
    expect(await deleteProduct(h.db, M, 'api', 'tee-1')).toBe(true);
    expect((await getVariant(h.db, M, m?.id as string))?.productTitle).toBe('Crème Tee');
    expect(await countRows(h.db, 'productVariants')).toBe(1);
    expect(await countRows(h.db, 'variantStock')).toBe(0);
  });

  it('records return exchanges, one per returned item', async () => {
    const row = {
      merchantId: M,
      returnId: 'ret_1',
      variantId: 'var_1',
      quantity: 1,
      unitPriceMinor: 2600,
      currency: 'EUR',
      kind: 'variant',
      priceDifferenceMinor: -100,
      bonusCreditMinor: 0,
      productTitle: 'Tee',
      variantTitle: 'M',
      sku: 'TEE-M',
      createdAt: at(0),
    };
    await insertReturnExchanges(h.db, [
      { ...row, id: 'rex_1', returnItemId: 'rit_1' },
      { ...row, id: 'rex_2', returnItemId: 'rit_2', bonusCreditMinor: 250 },
    ]);
    await expect(insertReturnExchanges(h.db, [{ ...row, id: 'rex_3', returnItemId: 'rit_1' }])).rejects.toThrow();
    const rows = await listReturnExchanges(h.db, M, 'ret_1');
    expect(rows.map((r) => [r.id, r.priceDifferenceMinor, r.bonusCreditMinor])).toEqual([
      ['rex_1', -100, 0],
      ['rex_2', -100, 250],
    ]);
    expect(await listReturnExchanges(h.db, OTHER, 'ret_1')).toEqual([]);
  });
});

describe('migration 0014', () => {
  it('gives portals made before it exchange settings, switched off, and keeps their other settings', async () => {
    const handle = openDatabase(':memory:');
    try {
      await migrateTo(handle.db, '0012-outbox-open-jobs');
      const settings = JSON.stringify({ enabled: true, reasons: [{ code: 'too_small', labels: {} }] });
      await handle.db
        .insertInto('portals')
        .values({
          merchantId: M,
          id: 'prt_1',
          slug: 'old',
          brandId: 'brd_1',
          returnAddressId: null,
          enabled: 1,
          settings,
          createdAt: at(0),
          updatedAt: at(0),
        })
        .execute();
      await migrateToLatest(handle.db);
      const row = await handle.db.selectFrom('portals').select('settings').where('id', '=', 'prt_1').executeTakeFirstOrThrow();
      expect(JSON.parse(row.settings)).toEqual({
        enabled: true,
        reasons: [{ code: 'too_small', labels: {} }],
        exchanges: {
          offered: false,
          reasons: [],
          priceBand: { lowerPercent: 100, upperPercent: 100 },
          otherProducts: false,
          bonusCredit: null,
        },
      });
    } finally {
      await handle.close();
    }
  });
});
