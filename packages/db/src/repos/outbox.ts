// The transactional outbox: side effects (carrier bookings, emails, webhooks) are written in the
// same transaction as the change that causes them, then claimed and run by workers. Claims are
// leases (locked_until), so a crashed worker's jobs come back; PostgreSQL workers skip each
// other's locked rows.
import type { OnConflictBuilder } from 'kysely';
import { precompiledInsert } from '../compiled.ts';
import type { Executor } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { Database, OutboxTable } from '../schema.ts';

export type OutboxJob = Omit<OutboxTable, 'payload'> & { payload: Record<string, unknown> };

export async function enqueue(
  db: Executor,
  job: { merchantId: string; id: string; topic: string; payload: Record<string, unknown>; dedupeKey?: string | null; at: string },
): Promise<void> {
  await enqueueMany(db, [job]);
}

type NewJob = { merchantId: string; id: string; topic: string; payload: Record<string, unknown>; dedupeKey?: string | null; at: string };

const insertJobs = precompiledInsert('outbox', (query) =>
  query.onConflict((oc: OnConflictBuilder<Database, 'outbox'>) => oc.columns(['merchantId', 'dedupeKey']).doNothing()),
);

/** Several jobs in one statement; like `enqueue`, a job whose dedupe key exists is skipped. */
export async function enqueueMany(db: Executor, jobs: NewJob[]): Promise<void> {
  await insertJobs(
    db,
    jobs.map((job) => ({
      merchantId: job.merchantId,
      id: job.id,
      topic: job.topic,
      payload: toJson(job.payload),
      dedupeKey: job.dedupeKey ?? null,
      createdAt: job.at,
      availableAt: job.at,
      attempts: 0,
      lockedUntil: null,
      lastError: null,
      doneAt: null,
    })),
  );
}

const toJob = (row: OutboxTable): OutboxJob => ({ ...row, payload: fromJson<Record<string, unknown>>(row.payload) ?? {} });

/** Claims up to `limit` due jobs of the given topics for `leaseMs`. */
export async function claimJobs(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  opts: { topics: string[]; limit: number; now: string; leaseUntil: string; only?: { merchantId: string; id: string } },
): Promise<OutboxJob[]> {
  let candidates = db
    .selectFrom('outbox')
    .select(['merchantId', 'id'])
    .where('doneAt', 'is', null)
    .where('topic', 'in', opts.topics)
    .where('availableAt', '<=', opts.now)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', opts.now)]))
    .orderBy('availableAt')
    .limit(opts.limit);
  if (opts.only) candidates = candidates.where('merchantId', '=', opts.only.merchantId).where('id', '=', opts.only.id);
  if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const picked = await candidates.execute();
  const claimed: OutboxJob[] = [];
  for (const p of picked) {
    const row = await db
      .updateTable('outbox')
      .set((eb) => ({ lockedUntil: opts.leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('merchantId', '=', p.merchantId)
      .where('id', '=', p.id)
      .where('doneAt', 'is', null)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', opts.now)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(toJob(row));
  }
  return claimed;
}

/**
 * Finishes a job. With `lease` (the claim's lockedUntil) it only applies while that claim still
 * holds the job, so a worker whose lease ran out cannot overwrite its successor; false then.
 */
export async function completeJob(db: Executor, merchantId: string, id: string, at: string, lease?: string | null): Promise<boolean> {
  let q = db
    .updateTable('outbox')
    .set({ doneAt: at, lockedUntil: null, lastError: null })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id);
  if (lease) q = q.where('lockedUntil', '=', lease);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Releases a job for a retry at `retryAt`, keeping the error; `lease` as for completeJob. */
export async function failJob(
  db: Executor,
  merchantId: string,
  id: string,
  error: string,
  retryAt: string,
  lease?: string | null,
): Promise<boolean> {
  let q = db
    .updateTable('outbox')
    .set({ lastError: error.slice(0, 2000), availableAt: retryAt, lockedUntil: null })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id);
  if (lease) q = q.where('lockedUntil', '=', lease);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function pendingJobs(db: Executor, merchantId: string, topicPrefix?: string): Promise<OutboxJob[]> {
  let q = db.selectFrom('outbox').selectAll().where('merchantId', '=', merchantId).where('doneAt', 'is', null);
  if (topicPrefix) q = q.where('topic', 'like', `${topicPrefix}%`);
  return (await q.orderBy('createdAt').execute()).map(toJob);
}
