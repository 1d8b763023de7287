// Instant exchange (issue #14 item 4): a return on an instant-exchange portal keeps the amount
// authorised on the shopper's payment method (minor units, in the return's currency; null: not an
// instant exchange) and, once Mollie authorised it, the last local day (`YYYY-MM-DD`) on which the
// carrier's first scan releases the hold. The `payment.settle_hold` job runs after that day.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').addColumn('hold_amount', 'integer').execute();
  await db.schema.alterTable('returns').addColumn('hold_deadline', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').dropColumn('hold_deadline').execute();
  await db.schema.alterTable('returns').dropColumn('hold_amount').execute();
}
