// Shops, payments, imports and outgoing webhooks (issue #6).
// - integrations gain a connection: settings (JSON), credentials sealed with the server secret,
//   a public hook key for inbound webhook URLs, and sync status;
// - payment_accounts: one payment provider account per merchant (Mollie), credentials sealed;
// - payments: one row per checkout attempt of a return's up-front fee, and its refund;
// - inbound_events: provider event ids already processed (duplicate deliveries dropped);
// - import_runs: progress and per-row report of CSV imports and shop backfills;
// - webhook_endpoints / webhook_deliveries: merchants' own endpoints and every delivery attempt.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('integrations').addColumn('settings', 'text').execute();
  await db.schema.alterTable('integrations').addColumn('credentials', 'text').execute();
  await db.schema.alterTable('integrations').addColumn('hook_key', 'text').execute();
  await db.schema
    .alterTable('integrations')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema.alterTable('integrations').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('integrations').addColumn('last_sync_at', 'text').execute();
  await db.schema.alterTable('integrations').addColumn('last_error', 'text').execute();
  await db.schema.createIndex('integrations_hook_key_uq').on('integrations').column('hook_key').unique().execute();

  // Personal-data retention: when an order and a return were anonymised (null = not yet).
  await db.schema.alterTable('orders').addColumn('anonymised_at', 'text').execute();
  await db.schema.alterTable('returns').addColumn('anonymised_at', 'text').execute();
  await db.schema.createIndex('orders_retention').on('orders').columns(['merchant_id', 'placed_at']).execute();

  // Short leases that serialise work on one thing across worker processes (e.g. mirroring one
  // return into a shop): the holder and until when; an expired lease may be taken over.
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payment_accounts')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('settings', 'text')
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_accounts_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('payment_accounts_provider_uq')
    .on('payment_accounts')
    .columns(['merchant_id', 'provider'])
    .unique()
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_payment_id', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checkout_url', 'text')
    .addColumn('refund_id', 'text')
    .addColumn('refund_status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payments_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema.createIndex('payments_return').on('payments').columns(['merchant_id', 'return_id', 'created_at']).execute();
  await db.schema
    .createIndex('payments_provider_uq')
    .on('payments')
    .columns(['merchant_id', 'provider', 'provider_payment_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('inbound_events')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbound_events_pk', ['merchant_id', 'source', 'event_id'])
    .execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text')
    .addColumn('file_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer')
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('import_runs_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema.createIndex('import_runs_recent').on('import_runs').columns(['merchant_id', 'started_at']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_endpoints_pk', ['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('delivered_at', 'text')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['merchant_id', 'endpoint_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event_uq')
    .on('webhook_deliveries')
    .columns(['merchant_id', 'endpoint_id', 'event_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'leases',
    'webhook_deliveries',
    'webhook_endpoints',
    'import_runs',
    'inbound_events',
    'payments',
    'payment_accounts',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('orders_retention').execute();
  await db.schema.alterTable('returns').dropColumn('anonymised_at').execute();
  await db.schema.alterTable('orders').dropColumn('anonymised_at').execute();
  await db.schema.dropIndex('integrations_hook_key_uq').execute();
  for (const column of ['last_error', 'last_sync_at', 'updated_at', 'status', 'hook_key', 'credentials', 'settings'])
    await db.schema.alterTable('integrations').dropColumn(column).execute();
}
