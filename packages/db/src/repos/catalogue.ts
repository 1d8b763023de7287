// The catalogue: products, their variants and each variant's stock per location (migration 0014).
// A product is written whole (`saveProduct`): its variants are matched on their external id,
// kept ids stay, missing variants go (with their stock). Callers wrap writes in a transaction.
import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Executor } from '../database.ts';
import { newId } from '../ids.ts';
import { fromJson, toJson } from '../json.ts';
import type { Database } from '../schema.ts';
import type { ProductsTable, ProductVariantsTable, VariantStockTable } from '../schema-catalogue.ts';

export type ProductSource = 'shopify' | 'woocommerce' | 'api';
export type VariantOption = { name: string; value: string };
export type StockLevel = { locationId: string; locationName: string | null; available: number };

export type ProductInput = {
  source: ProductSource;
  externalId: string;
  title: string;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  imageUrl: string | null;
  variants: VariantInput[];
};
export type VariantInput = {
  externalId: string;
  sku: string | null;
  title: string;
  options: VariantOption[];
  priceMinor: number;
  currency: string;
  imageUrl: string | null;
  inventoryRef?: string | null;
  /** Replaces the variant's stock levels; undefined keeps them as they are. */
  stock?: StockLevel[];
};

export type Product = Omit<ProductsTable, 'tags' | 'titleNorm'> & { tags: string[] };
export type Variant = Omit<ProductVariantsTable, 'options'> & { options: VariantOption[]; stock: StockLevel[] };
export type ProductWithVariants = Product & { variants: Variant[] };

/** Lower case without accents: what product search compares. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function toProduct(row: ProductsTable): Product {
  const { titleNorm: _t, ...rest } = row;
  return { ...rest, tags: fromJson<string[]>(row.tags) ?? [] };
}

function toVariant(row: Selectable<ProductVariantsTable>, stock: StockLevel[]): Variant {
  return { ...row, options: fromJson<VariantOption[]>(row.options) ?? [], stock };
}

/** A variant row no shopper's exchange names: only those may be deleted (the others stay, without stock). */
export function notNamedByExchange(eb: ExpressionBuilder<Database, 'productVariants'>, merchantId: string) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('returnExchanges as x')
        .select('x.id')
        .where('x.merchantId', '=', merchantId)
        .whereRef('x.variantId', '=', 'productVariants.id'),
    ),
  );
}

/**
 * Variants the shop no longer has: their stock goes, so no shopper can pick them; the variant goes
 * too unless a shopper's exchange names it (the return and its replacement order still read it).
 */
async function removeVariants(db: Executor, merchantId: string, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return;
  await db.deleteFrom('variantStock').where('merchantId', '=', merchantId).where('variantId', 'in', variantIds).execute();
  await db
    .deleteFrom('productVariants')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', variantIds)
    .where((eb) => notNamedByExchange(eb, merchantId))
    .execute();
}

/** Inserts or updates a product and its variants; returns its id and whether it was new. */
export async function saveProduct(
  db: Executor,
  merchantId: string,
  input: ProductInput,
  now: string,
): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom('products')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('source', '=', input.source)
    .where('externalId', '=', input.externalId)
    .executeTakeFirst();
  const fields = {
    title: input.title,
    vendor: input.vendor,
    productType: input.productType,
    tags: toJson(input.tags),
    imageUrl: input.imageUrl,
    titleNorm: normaliseTitle(input.title),
    updatedAt: now,
  };
  const id = existing?.id ?? newId('prd');
  if (existing) {
    await db.updateTable('products').set(fields).where('merchantId', '=', merchantId).where('id', '=', id).execute();
  } else {
    await db
      .insertInto('products')
      .values({ merchantId, id, source: input.source, externalId: input.externalId, ...fields })
      .execute();
  }
  await saveVariants(db, merchantId, id, input.variants, now);
  return { id, created: !existing };
}

async function saveVariants(db: Executor, merchantId: string, productId: string, variants: VariantInput[], now: string): Promise<void> {
  const rows = await db
    .selectFrom('productVariants')
    .select(['id', 'externalId'])
    .where('merchantId', '=', merchantId)
    .where('productId', '=', productId)
    .execute();
  const idByExternal = new Map(rows.map((r) => [r.externalId, r.id]));
  const keep = new Set(variants.map((v) => v.externalId));
  await removeVariants(
    db,
    merchantId,
    rows.filter((r) => !keep.has(r.externalId)).map((r) => r.id),
  );
  for (const [position, v] of variants.entries()) {
    const fields = {
      sku: v.sku,
      title: v.title,
      options: toJson(v.options),
      priceMinor: v.priceMinor,
      currency: v.currency,
      imageUrl: v.imageUrl,
      position,
      updatedAt: now,
      ...(v.inventoryRef !== undefined ? { inventoryRef: v.inventoryRef } : {}),
    };
    let variantId = idByExternal.get(v.externalId);
    if (variantId) {
      await db.updateTable('productVariants').set(fields).where('merchantId', '=', merchantId).where('id', '=', variantId).execute();
    } else {
      variantId = newId('var');
      await db
        .insertInto('productVariants')
        .values({ merchantId, id: variantId, productId, externalId: v.externalId, inventoryRef: null, ...fields })
        .execute();
    }
    if (v.stock) await replaceStock(db, merchantId, variantId, v.stock, now);
  }
}

/** Replaces a variant's stock levels with `levels`. */
export async function replaceStock(db: Executor, merchantId: string, variantId: string, levels: StockLevel[], now: string): Promise<void> {
  await db.deleteFrom('variantStock').where('merchantId', '=', merchantId).where('variantId', '=', variantId).execute();
  if (levels.length === 0) return;
  await db
    .insertInto('variantStock')
    .values(levels.map((l) => ({ merchantId, variantId, ...l, updatedAt: now })))
    .execute();
}

/** Sets one location's level of the variant with this inventory reference; false when no variant has it. */
export async function setStockByInventoryRef(
  db: Executor,
  merchantId: string,
  inventoryRef: string,
  level: StockLevel,
  now: string,
): Promise<boolean> {
  const variants = await db
    .selectFrom('productVariants')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('inventoryRef', '=', inventoryRef)
    .execute();
  for (const { id } of variants) {
    const row: VariantStockTable = { merchantId, variantId: id, ...level, updatedAt: now };
    await db
      .insertInto('variantStock')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['merchantId', 'variantId', 'locationId']).doUpdateSet({
          available: level.available,
          // A level update without a name keeps the name known before.
          ...(level.locationName !== null ? { locationName: level.locationName } : {}),
          updatedAt: now,
        }),
      )
      .execute();
  }
  return variants.length > 0;
}

/**
 * Deletes a product with its variants and their stock; false when there was none. Variants that a
 * shopper's exchange names stay, without stock, and so does their product (see removeVariants).
 */
export async function deleteProduct(db: Executor, merchantId: string, source: ProductSource, externalId: string): Promise<boolean> {
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('source', '=', source)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  if (!product) return false;
  const variants = await db
    .selectFrom('productVariants')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('productId', '=', product.id)
    .execute();
  await removeVariants(
    db,
    merchantId,
    variants.map((v) => v.id),
  );
  const left = await db
    .selectFrom('productVariants')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('productId', '=', product.id)
    .executeTakeFirst();
  if (!left) await db.deleteFrom('products').where('merchantId', '=', merchantId).where('id', '=', product.id).execute();
  return true;
}

async function stockOf(db: Executor, merchantId: string, variantIds: string[]): Promise<Map<string, StockLevel[]>> {
  const byVariant = new Map<string, StockLevel[]>();
  if (variantIds.length === 0) return byVariant;
  const rows = await db
    .selectFrom('variantStock')
    .select(['variantId', 'locationId', 'locationName', 'available'])
    .where('merchantId', '=', merchantId)
    .where('variantId', 'in', variantIds)
    .orderBy('variantId')
    .orderBy('locationId')
    .execute();
  for (const { variantId, ...level } of rows) {
    const list = byVariant.get(variantId) ?? [];
    list.push(level);
    byVariant.set(variantId, list);
  }
  return byVariant;
}

/** Products with their variants (in the shop's order) and stock: three statements for any number. */
export async function getProducts(db: Executor, merchantId: string, productIds: string[]): Promise<ProductWithVariants[]> {
  if (productIds.length === 0) return [];
  const products = await db
    .selectFrom('products')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', 'in', productIds)
    .orderBy('titleNorm')
    .orderBy('id')
    .execute();
  const variants = await db
    .selectFrom('productVariants')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('productId', 'in', productIds)
    .orderBy('productId')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const stock = await stockOf(
    db,
    merchantId,
    variants.map((v) => v.id),
  );
  return products.map((p) => ({
    ...toProduct(p),
    variants: variants.filter((v) => v.productId === p.id).map((v) => toVariant(v, stock.get(v.id) ?? [])),
  }));
}

export async function getProduct(db: Executor, merchantId: string, productId: string): Promise<ProductWithVariants | undefined> {
  const [product] = await getProducts(db, merchantId, [productId]);
  return product;
}

/** The product a SKU belongs to (an order line names its SKU, not the catalogue's ids). */
export async function findProductIdBySku(db: Executor, merchantId: string, sku: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('productVariants')
    .select('productId')
    .where('merchantId', '=', merchantId)
    .where('sku', '=', sku)
    .orderBy('updatedAt', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.productId;
}

/** One variant with its product's title and its stock. */
export async function getVariant(
  db: Executor,
  merchantId: string,
  variantId: string,
): Promise<(Variant & { productTitle: string }) | undefined> {
  const row = await db
    .selectFrom('productVariants as v')
    .innerJoin('products as p', (j) => j.onRef('p.merchantId', '=', 'v.merchantId').onRef('p.id', '=', 'v.productId'))
    .selectAll('v')
    .select('p.title as productTitle')
    .where('v.merchantId', '=', merchantId)
    .where('v.id', '=', variantId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { productTitle, ...variant } = row;
  const stock = await stockOf(db, merchantId, [variantId]);
  return { ...toVariant(variant, stock.get(variantId) ?? []), productTitle };
}

/** Product ids whose title contains `query` (accents and case ignored), by title. */
export async function searchProductIds(db: Executor, merchantId: string, query: string, limit: number): Promise<string[]> {
  const needle = normaliseTitle(query).replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where(sql<boolean>`${sql.ref('titleNorm')} like ${`%${needle}%`} escape '\\'`)
    .orderBy('titleNorm')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
