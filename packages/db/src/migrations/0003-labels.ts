// Labels: when the carrier booked the return and what it cost, whether the return crosses a
// customs border (decided once, at creation), and the return address as it was then, so the
// label and customs form never change under the shopper when the portal's address is edited.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').addColumn('booked_at', 'text').execute();
  await db.schema.alterTable('returns').addColumn('label_cost', 'integer').execute();
  await db.schema.alterTable('returns').addColumn('label_cost_currency', 'text').execute();
  await db.schema
    .alterTable('returns')
    .addColumn('customs_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('returns').addColumn('return_address', 'text').execute();
  await db.schema.createIndex('returns_booked').on('returns').columns(['merchant_id', 'booked_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('returns_booked').execute();
  for (const column of ['return_address', 'customs_required', 'label_cost_currency', 'label_cost', 'booked_at']) {
    await db.schema.alterTable('returns').dropColumn(column).execute();
  }
}
