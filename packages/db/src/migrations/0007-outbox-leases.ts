// The outbox as a queue shared by several processes (issue #12 item 6, issue #16):
// - locked_by: the worker id holding a job's lease, so a restarted process takes back its own
//   leased jobs at once instead of waiting the lease out;
// - dead_at: a job that used up its topic's attempts stops being retried and waits, with its last
//   error, for someone to press Retry in the back office.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('locked_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('dead_at', 'text').execute();
  await db.schema.createIndex('outbox_locked_by').on('outbox').column('locked_by').execute();
  await db.schema.createIndex('outbox_open').on('outbox').columns(['merchant_id', 'done_at', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_open').execute();
  await db.schema.dropIndex('outbox_locked_by').execute();
  await db.schema.alterTable('outbox').dropColumn('dead_at').execute();
  await db.schema.alterTable('outbox').dropColumn('locked_by').execute();
}
