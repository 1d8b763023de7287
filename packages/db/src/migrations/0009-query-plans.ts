// Indexes whose plan is the right one with or without planner statistics (issue #12, item 2).
// Without statistics SQLite guesses every index equally selective per column and prefers one that
// spares a sort: the portal lookup (`… order by placed_at desc`) was read through
// orders_retention (merchant_id, placed_at), i.e. every order of the merchant, and a return found
// by tracking number (`… order by created_at desc`) through returns_created. Each index below
// holds the query's equality columns first, then its ordering, so one index both finds the rows
// and orders them and no planner, informed or not, has a reason to pick another.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orders_lookup').execute();
  await db.schema
    .createIndex('orders_lookup')
    .on('orders')
    .columns(['merchant_id', 'order_number_norm', 'ship_postal_norm', 'brand_id', 'placed_at'])
    .execute();
  await db.schema.dropIndex('returns_tracking').execute();
  await db.schema.createIndex('returns_tracking').on('returns').columns(['merchant_id', 'tracking_norm', 'created_at', 'id']).execute();
  // The back office lists by status newest first with an (created_at, id) cursor.
  await db.schema.dropIndex('returns_status').execute();
  await db.schema.createIndex('returns_status').on('returns').columns(['merchant_id', 'status', 'created_at', 'id']).execute();
  // Pruning expired idempotency keys read the whole table.
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_created').execute();
  await db.schema.dropIndex('returns_status').execute();
  await db.schema.createIndex('returns_status').on('returns').columns(['merchant_id', 'status', 'created_at']).execute();
  await db.schema.dropIndex('returns_tracking').execute();
  await db.schema.createIndex('returns_tracking').on('returns').columns(['merchant_id', 'tracking_norm']).execute();
  await db.schema.dropIndex('orders_lookup').execute();
  await db.schema.createIndex('orders_lookup').on('orders').columns(['merchant_id', 'order_number_norm', 'ship_postal_norm']).execute();
}
