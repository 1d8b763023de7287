// The initial schema. merchant_id leads every key so that sharding by merchant needs no rewrite.
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

const t = 'text';
const i = 'integer';

async function tenantTable(db: Db, name: string, columns: [string, 'text' | 'integer', boolean][]) {
  let builder = db.schema
    .createTable(name)
    .addColumn('merchant_id', t, (c) => c.notNull())
    .addColumn('id', t, (c) => c.notNull());
  for (const [column, type, required] of columns) {
    builder = builder.addColumn(column, type, (c) => (required ? c.notNull() : c));
  }
  await builder.addPrimaryKeyConstraint(`${name}_pk`, ['merchant_id', 'id']).execute();
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('merchants')
    .addColumn('id', t, (c) => c.primaryKey())
    .addColumn('name', t, (c) => c.notNull())
    .addColumn('created_at', t, (c) => c.notNull())
    .execute();

  await tenantTable(db, 'users', [
    ['email', t, true],
    ['name', t, false],
    ['password_hash', t, true],
    ['role', t, true],
    ['created_at', t, true],
  ]);
  await db.schema.createIndex('users_email_uq').on('users').column('email').unique().execute();

  await tenantTable(db, 'api_keys', [
    ['name', t, true],
    ['key_prefix', t, true],
    ['key_hash', t, true],
    ['created_at', t, true],
    ['last_used_at', t, false],
    ['revoked_at', t, false],
  ]);
  await db.schema.createIndex('api_keys_hash_uq').on('api_keys').column('key_hash').unique().execute();

  await tenantTable(db, 'brands', [
    ['name', t, true],
    ['logo_url', t, false],
    ['colors', t, true],
    ['default_language', t, true],
    ['created_at', t, true],
    ['updated_at', t, true],
  ]);

  await tenantTable(db, 'addresses', [
    ['kind', t, true],
    ['brand_id', t, false],
    ['name', t, true],
    ['company', t, false],
    ['street', t, true],
    ['house_number', t, false],
    ['address_line2', t, false],
    ['postal_code', t, true],
    ['city', t, true],
    ['region', t, false],
    ['country', t, true],
    ['email', t, false],
    ['phone', t, false],
    ['created_at', t, true],
    ['updated_at', t, true],
  ]);

  await tenantTable(db, 'portals', [
    ['slug', t, true],
    ['brand_id', t, true],
    ['return_address_id', t, false],
    ['enabled', i, true],
    ['settings', t, true],
    ['created_at', t, true],
    ['updated_at', t, true],
  ]);
  await db.schema.createIndex('portals_slug_uq').on('portals').column('slug').unique().execute();

  await tenantTable(db, 'shipping_rules', [
    ['name', t, true],
    ['position', i, true],
    ['conditions', t, true],
    ['action', t, true],
    ['created_at', t, true],
    ['updated_at', t, true],
  ]);
  await db.schema.createIndex('shipping_rules_position').on('shipping_rules').columns(['merchant_id', 'position']).execute();

  await tenantTable(db, 'integrations', [
    ['name', t, true],
    ['kind', t, true],
    ['created_at', t, true],
  ]);
  await db.schema.createIndex('integrations_name_uq').on('integrations').columns(['merchant_id', 'name']).unique().execute();

  await tenantTable(db, 'orders', [
    ['integration_id', t, true],
    ['external_id', t, true],
    ['order_number', t, true],
    ['order_number_norm', t, true],
    ['placed_at', t, true],
    ['currency', t, true],
    ['brand_id', t, false],
    ['sender_address_id', t, false],
    ['customer_name', t, true],
    ['customer_email', t, true],
    ['customer_phone', t, false],
    ['shipping_address', t, true],
    ['ship_postal_norm', t, true],
    ['ship_country', t, true],
    ['created_at', t, true],
    ['updated_at', t, true],
  ]);
  await db.schema
    .createIndex('orders_external_uq')
    .on('orders')
    .columns(['merchant_id', 'integration_id', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('orders_lookup').on('orders').columns(['merchant_id', 'order_number_norm', 'ship_postal_norm']).execute();
  await db.schema.createIndex('orders_updated').on('orders').columns(['merchant_id', 'updated_at', 'id']).execute();

  await tenantTable(db, 'order_items', [
    ['order_id', t, true],
    ['position', i, true],
    ['external_id', t, true],
    ['sku', t, true],
    ['name', t, true],
    ['variant', t, false],
    ['quantity', i, true],
    ['unit_price', i, true],
    ['hs_code', t, false],
    ['origin_country', t, false],
    ['weight_grams', i, false],
    ['image_url', t, false],
    ['returnable', i, true],
    ['tags', t, true],
  ]);
  await db.schema.createIndex('order_items_order').on('order_items').columns(['merchant_id', 'order_id', 'position']).execute();

  await tenantTable(db, 'shipments', [
    ['order_id', t, true],
    ['position', i, true],
    ['carrier', t, true],
    ['tracking_number', t, true],
    ['tracking_norm', t, true],
    ['shipped_at', t, false],
    ['delivered_at', t, false],
    ['delivered_to', t, false],
    ['items', t, false],
  ]);
  await db.schema.createIndex('shipments_order').on('shipments').columns(['merchant_id', 'order_id', 'position']).execute();
  await db.schema.createIndex('shipments_tracking').on('shipments').columns(['merchant_id', 'tracking_norm']).execute();

  await tenantTable(db, 'returns', [
    ['reference', t, true],
    ['portal_id', t, false],
    ['order_id', t, true],
    ['order_number_norm', t, true],
    ['status', t, true],
    ['method', t, true],
    ['carrier', t, false],
    ['resolution', t, true],
    ['exchange_note', t, false],
    ['currency', t, true],
    ['fee_amount', i, true],
    ['fee_payment', t, false],
    ['language', t, true],
    ['contact_email', t, true],
    ['contact_email_norm', t, true],
    ['contact_phone', t, false],
    ['access_code_hash', t, true],
    ['tracking_number', t, false],
    ['tracking_norm', t, false],
    ['label_status', t, true],
    ['service_point_id', t, false],
    ['pickup', t, false],
    ['store_address_id', t, false],
    ['window_overridden', i, true],
    ['created_by', t, true],
    ['created_at', t, true],
    ['updated_at', t, true],
    ['version', i, true],
  ]);
  await db.schema.createIndex('returns_reference_uq').on('returns').columns(['merchant_id', 'reference']).unique().execute();
  await db.schema.createIndex('returns_created').on('returns').columns(['merchant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('returns_status').on('returns').columns(['merchant_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('returns_order').on('returns').columns(['merchant_id', 'order_id']).execute();
  await db.schema.createIndex('returns_order_number').on('returns').columns(['merchant_id', 'order_number_norm']).execute();
  await db.schema.createIndex('returns_email').on('returns').columns(['merchant_id', 'contact_email_norm']).execute();
  await db.schema.createIndex('returns_tracking').on('returns').columns(['merchant_id', 'tracking_norm']).execute();

  await tenantTable(db, 'return_items', [
    ['return_id', t, true],
    ['order_item_id', t, true],
    ['position', i, true],
    ['quantity', i, true],
    ['reason', t, true],
    ['comment', t, false],
    ['sku', t, true],
    ['name', t, true],
    ['unit_price', i, true],
  ]);
  await db.schema.createIndex('return_items_return').on('return_items').columns(['merchant_id', 'return_id', 'position']).execute();
  await db.schema.createIndex('return_items_order_item').on('return_items').columns(['merchant_id', 'order_item_id']).execute();

  await tenantTable(db, 'return_events', [
    ['return_id', t, true],
    ['seq', i, true],
    ['at', t, true],
    ['recorded_at', t, true],
    ['type', t, true],
    ['status', t, false],
    ['message', t, false],
    ['actor', t, true],
    ['data', t, false],
    ['dedupe_key', t, false],
  ]);
  await db.schema.createIndex('return_events_return').on('return_events').columns(['merchant_id', 'return_id', 'seq']).execute();
  await db.schema
    .createIndex('return_events_dedupe_uq')
    .on('return_events')
    .columns(['merchant_id', 'return_id', 'dedupe_key'])
    .unique()
    .execute();

  await tenantTable(db, 'outbox', [
    ['topic', t, true],
    ['payload', t, true],
    ['dedupe_key', t, false],
    ['created_at', t, true],
    ['available_at', t, true],
    ['attempts', i, true],
    ['locked_until', t, false],
    ['last_error', t, false],
    ['done_at', t, false],
  ]);
  await db.schema.createIndex('outbox_dedupe_uq').on('outbox').columns(['merchant_id', 'dedupe_key']).unique().execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'available_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', t, (c) => c.notNull())
    .addColumn('key', t, (c) => c.notNull())
    .addColumn('request_hash', t, (c) => c.notNull())
    .addColumn('status_code', i, (c) => c.notNull())
    .addColumn('response_body', t, (c) => c.notNull())
    .addColumn('created_at', t, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', t, (c) => c.notNull())
    .addColumn('at', t, (c) => c.notNull())
    .addColumn('id', t, (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_hits_pk', ['key', 'at', 'id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'rate_limit_hits',
    'idempotency_keys',
    'outbox',
    'return_events',
    'return_items',
    'returns',
    'shipments',
    'order_items',
    'orders',
    'integrations',
    'shipping_rules',
    'portals',
    'addresses',
    'brands',
    'api_keys',
    'users',
    'merchants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
