// Claiming jobs reads only unfinished ones, but every finished job stayed in outbox_due
// (topic, done_at, available_at): once analysed, SQLite judged that index unselective and scanned
// the whole outbox for each claim. A partial index holds the open jobs only, by topic then due
// time, so a claim reads just the open jobs of its topics (a backlog of one topic, e.g. emails
// waiting for a transport, is not walked by a claim for another). It replaces outbox_due, which
// served nothing else. Its predicate is exactly the claim's `done_at is null` term
// (repos/outbox.ts `claimJobs`): both planners use a partial index only when the query's WHERE
// contains (SQLite) or implies (PostgreSQL) it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('outbox_open_jobs')
    .on('outbox')
    .columns(['topic', 'available_at'])
    .where(sql.ref('done_at'), 'is', null)
    .execute();
  await db.schema.dropIndex('outbox_due').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_due').on('outbox').columns(['topic', 'done_at', 'available_at']).execute();
  await db.schema.dropIndex('outbox_open_jobs').execute();
}
