// Real carriers (issue #11), independent of migration 0007:
// - carrier_accounts: a merchant's connected carrier account (Sendcloud, PostNL, DHL Parcel, UPS):
//   a merchant-chosen code (the carrier code portals and returns use), credentials sealed with the
//   server secret, settings (JSON: the carrier service chosen per country and method), status
//   (`active` | `auth_failed`, with the carrier's last message and when), and for carriers that
//   push tracking, the webhook secret sealed;
// - carrier_documents: the documents a carrier made for a return (label, customs papers, its QR
//   image), kept byte for byte as base64 text (like `uploads`) with their MIME type and format;
// - returns: the account it is booked on, the service, the carrier's shipment id, why the label is
//   pending or failed, the label-less code (JSON), the booked pickup window (JSON) and which
//   documents the carrier made (JSON list of kind + format, so views need not read the bytes).
import type { Kysely } from 'kysely';

const RETURN_COLUMNS = [
  'carrier_account_id',
  'carrier_service',
  'carrier_shipment_id',
  'label_error',
  'labelless',
  'pickup_window',
  'carrier_formats',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carrier_accounts')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text')
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('webhook_secret', 'text')
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carrier_accounts_pk', ['merchant_id', 'id'])
    .execute();
  // Carriers' webhooks name the account in their URL (the id is random and unique).
  await db.schema.createIndex('carrier_accounts_id_uq').on('carrier_accounts').column('id').unique().execute();
  await db.schema.createIndex('carrier_accounts_code_uq').on('carrier_accounts').columns(['merchant_id', 'code']).unique().execute();

  await db.schema
    .createTable('carrier_documents')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carrier_documents_pk', ['merchant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('carrier_documents_return_uq')
    .on('carrier_documents')
    .columns(['merchant_id', 'return_id', 'kind', 'format'])
    .unique()
    .execute();

  for (const column of RETURN_COLUMNS) await db.schema.alterTable('returns').addColumn(column, 'text').execute();
  await db.schema
    .createIndex('returns_carrier_shipment')
    .on('returns')
    .columns(['merchant_id', 'carrier_account_id', 'carrier_shipment_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('returns_carrier_shipment').execute();
  for (const column of [...RETURN_COLUMNS].reverse()) await db.schema.alterTable('returns').dropColumn(column).execute();
  await db.schema.dropTable('carrier_documents').execute();
  await db.schema.dropTable('carrier_accounts').execute();
}
