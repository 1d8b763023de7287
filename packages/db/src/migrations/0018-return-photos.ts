// Photo evidence (issue #15 item 3): return_photos holds one row per photo a shopper uploaded in
// the portal. The image itself lives in the object storage (packages/integrations/src/storage)
// under `storage_key`; the row says whose it is (the merchant, the portal and the order the
// shopper's lookup opened, the order item it shows) and, once the return is created, which return
// and return item it belongs to. Rows with no return after 48 hours are removed with their object
// (return_photos_unattached serves that sweep across merchants); return_photos_return serves the
// photos of a return and the "has photos" filter of the returns list.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('return_photos')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_item_id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text')
    .addColumn('return_item_id', 'text')
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'text')
    .addPrimaryKeyConstraint('return_photos_pk', ['merchant_id', 'id'])
    .execute();
  await sql`create index return_photos_return on return_photos (merchant_id, return_id)`.execute(db);
  await sql`create index return_photos_unattached on return_photos (created_at) where return_id is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('return_photos').execute();
}
