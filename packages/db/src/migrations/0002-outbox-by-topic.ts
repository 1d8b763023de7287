// Jobs are claimed by topic: with emails waiting for a transport, a claim for carrier bookings
// must not walk every pending email. The old index led with done_at alone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_due').on('outbox').columns(['topic', 'done_at', 'available_at']).execute();
  await db.schema.dropIndex('outbox_pending').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'available_at']).execute();
  await db.schema.dropIndex('outbox_due').execute();
}
