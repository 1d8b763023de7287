// Catalogue and stock for exchanges (issue #14): products and their variants as the shop has them
// (Shopify, WooCommerce, or PUT /api/v1/products), each variant's available quantity per shop
// location, and the exchanges shoppers asked for (one row per returned item to be exchanged).
// Portals' exchange settings live in their settings JSON: existing portals get them, switched off.
// Returns gain the bonus credit earned by choosing an exchange or store credit instead of money,
// and the balance of their exchanges (positive: paid before the label; negative: refunded on resolve).
import { type Kysely, sql } from 'kysely';

const EXCHANGES_OFF = {
  offered: false,
  reasons: [],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: false,
  bonusCredit: null,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('product_type', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('title_norm', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('products_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema.createIndex('products_external_uq').on('products').columns(['merchant_id', 'source', 'external_id']).unique().execute();
  await db.schema.createIndex('products_title').on('products').columns(['merchant_id', 'title_norm']).execute();

  await db.schema
    .createTable('product_variants')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('inventory_ref', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_variants_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('product_variants_external_uq')
    .on('product_variants')
    .columns(['merchant_id', 'product_id', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('product_variants_sku').on('product_variants').columns(['merchant_id', 'sku']).execute();
  await db.schema.createIndex('product_variants_inventory').on('product_variants').columns(['merchant_id', 'inventory_ref']).execute();

  await db.schema
    .createTable('variant_stock')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('location_name', 'text')
    .addColumn('available', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('variant_stock_pk', ['merchant_id', 'variant_id', 'location_id'])
    .execute();

  await db.schema
    .createTable('return_exchanges')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('return_item_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('price_difference_minor', 'integer', (c) => c.notNull())
    .addColumn('bonus_credit_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('product_title', 'text', (c) => c.notNull())
    .addColumn('variant_title', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('return_exchanges_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('return_exchanges_item_uq')
    .on('return_exchanges')
    .columns(['merchant_id', 'return_item_id'])
    .unique()
    .execute();
  await db.schema.createIndex('return_exchanges_return').on('return_exchanges').columns(['merchant_id', 'return_id']).execute();

  await db.schema
    .alterTable('returns')
    .addColumn('bonus_credit', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('returns')
    .addColumn('exchange_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const portals = await sql<{ merchant_id: string; id: string; settings: string }>`select merchant_id, id, settings from portals`.execute(
    db,
  );
  for (const p of portals.rows) {
    const settings = JSON.parse(p.settings) as Record<string, unknown>;
    if (settings.exchanges) continue;
    await sql`update portals set settings = ${JSON.stringify({ ...settings, exchanges: EXCHANGES_OFF })}
      where merchant_id = ${p.merchant_id} and id = ${p.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').dropColumn('exchange_balance').execute();
  await db.schema.alterTable('returns').dropColumn('bonus_credit').execute();
  await db.schema.dropTable('return_exchanges').execute();
  await db.schema.dropTable('variant_stock').execute();
  await db.schema.dropTable('product_variants').execute();
  await db.schema.dropTable('products').execute();
}
