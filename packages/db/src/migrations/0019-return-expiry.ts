// Returns that lapse (issue #15 item 5): when the portal sets an expiry, a return that gets a label
// keeps the instant it expires (ISO text like the other instants), for the shopper's countdown and
// the back office. Null: it does not expire. The `return.expire` outbox job runs at that instant.
// Each returned item keeps the condition the shopper stated (issue #15 item 1: unopened/as_new,
// used, damaged; null: not asked), shown to staff and sent in webhooks, and whether a return rule
// let the shopper keep it (1: refunded without a shipment, not on the label or customs papers).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('return_items').addColumn('condition', 'text').execute();
  await db.schema
    .alterTable('return_items')
    .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('return_items').dropColumn('kept').execute();
  await db.schema.alterTable('return_items').dropColumn('condition').execute();
  await db.schema.alterTable('returns').dropColumn('expires_at').execute();
}
