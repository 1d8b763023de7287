// The transactional outbox: side effects (carrier bookings, emails, webhooks) are written in the
// same transaction as the change that causes them, then claimed and run by workers. Claims are
// leases (locked_until, held by locked_by), so a crashed worker's jobs come back; PostgreSQL
// workers skip each other's locked rows. A job out of attempts is dead (dead_at) until retried.
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

type NewJob = {
  merchantId: string;
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  dedupeKey?: string | null;
  at: string;
  /** A job whose first try already happened (and failed) in the writing request: its count, error and next try. */
  tried?: { attempts: number; lastError: string; availableAt: string };
};

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
      availableAt: job.tried?.availableAt ?? job.at,
      attempts: job.tried?.attempts ?? 0,
      lockedUntil: null,
      lockedBy: null,
      lastError: job.tried?.lastError.slice(0, 2000) ?? null,
      doneAt: null,
      deadAt: null,
    })),
  );
}

const toJob = (row: OutboxTable): OutboxJob => ({ ...row, payload: fromJson<Record<string, unknown>>(row.payload) ?? {} });

/**
 * Claims up to `limit` due jobs of the given topics for a lease, in ONE statement:
 * `UPDATE outbox … WHERE (merchant_id, id) IN (SELECT … [FOR UPDATE SKIP LOCKED]) RETURNING *`.
 * On PostgreSQL the row locks taken by the sub-select last until the update commits, so two
 * claimers never pick the same row and neither waits on the other; SQLite runs the statement
 * under its single writer lock. `workerId` is recorded as the lease holder (`locked_by`).
 */
export async function claimJobs(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  opts: {
    topics: string[];
    limit: number;
    now: string;
    leaseUntil: string;
    workerId?: string | null;
    only?: { merchantId: string; id: string };
  },
): Promise<OutboxJob[]> {
  if (opts.topics.length === 0 || opts.limit < 1) return [];
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ lockedUntil: opts.leaseUntil, lockedBy: opts.workerId ?? null, attempts: eb('attempts', '+', 1) }))
    .where((eb) => {
      let due = eb
        .selectFrom('outbox as o')
        .select(['o.merchantId', 'o.id'])
        .where('o.doneAt', 'is', null)
        .where('o.deadAt', 'is', null)
        .where('o.topic', 'in', opts.topics)
        .where('o.availableAt', '<=', opts.now)
        .where((w) => w.or([w('o.lockedUntil', 'is', null), w('o.lockedUntil', '<', opts.now)]))
        .orderBy('o.availableAt')
        .limit(opts.limit);
      if (opts.only) due = due.where('o.merchantId', '=', opts.only.merchantId).where('o.id', '=', opts.only.id);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return eb(eb.refTuple('merchantId', 'id'), 'in', due.$asTuple('merchantId', 'id'));
    })
    .returningAll()
    .execute();
  return rows.map(toJob).sort((a, b) => a.availableAt.localeCompare(b.availableAt));
}

/**
 * Finishes a job. With `lease` (the claim's lockedUntil) it only applies while that claim still
 * holds the job, so a worker whose lease ran out cannot overwrite its successor; false then.
 */
export async function completeJob(db: Executor, merchantId: string, id: string, at: string, lease?: string | null): Promise<boolean> {
  let q = db
    .updateTable('outbox')
    .set({ doneAt: at, lockedUntil: null, lockedBy: null, lastError: null })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id);
  if (lease) q = q.where('lockedUntil', '=', lease);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * Releases a job for a retry at `retryAt`, keeping the error; `lease` as for completeJob. With
 * `deadAt` the job is dead instead: kept with its error, never claimed until retried by hand.
 */
export async function failJob(
  db: Executor,
  merchantId: string,
  id: string,
  error: string,
  retryAt: string,
  lease?: string | null,
  deadAt: string | null = null,
): Promise<boolean> {
  let q = db
    .updateTable('outbox')
    .set({ lastError: error.slice(0, 2000), availableAt: retryAt, lockedUntil: null, lockedBy: null, deadAt })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id);
  if (lease) q = q.where('lockedUntil', '=', lease);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * Gives a claimed job back untouched (shutdown cut it short): due at once, and the attempt
 * it was given does not count.
 */
export async function releaseJob(db: Executor, merchantId: string, id: string, lease: string | null): Promise<boolean> {
  let q = db
    .updateTable('outbox')
    .set((eb) => ({ lockedUntil: null, lockedBy: null, attempts: eb('attempts', '-', 1) }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('doneAt', 'is', null)
    .where('attempts', '>', 0);
  if (lease) q = q.where('lockedUntil', '=', lease);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * Every lease held under `workerId` (a process that died with jobs in hand and now starts
 * again under the same id) ends now, so those jobs run again at once. Only for the worker's
 * own id, which one live process at a time holds (jobs/worker-identity.ts).
 */
export async function releaseWorkerLeases(db: Executor, workerId: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ lockedUntil: null, lockedBy: null })
    .where('lockedBy', '=', workerId)
    .where('doneAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type JobState = 'waiting' | 'dead';

/** A merchant's unfinished jobs: waiting (due or backing off, or running) or dead; oldest first. */
export async function listOpenJobs(db: Executor, merchantId: string, state: JobState, limit: number): Promise<OutboxJob[]> {
  const q = db
    .selectFrom('outbox')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('doneAt', 'is', null)
    .where('deadAt', state === 'dead' ? 'is not' : 'is', null);
  return (await q.orderBy('createdAt').orderBy('id').limit(limit).execute()).map(toJob);
}

export async function getJob(db: Executor, merchantId: string, id: string): Promise<OutboxJob | null> {
  const row = await db.selectFrom('outbox').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

/**
 * Makes an unfinished, unleased job due at `now`; a dead one comes back with fresh attempts.
 * False when the job is finished, or running under a live lease.
 */
export async function retryJob(db: Executor, merchantId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({
      availableAt: now,
      deadAt: null,
      attempts: eb.case().when('deadAt', 'is not', null).then(0).else(eb.ref('attempts')).end(),
    }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('doneAt', 'is', null)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function pendingJobs(db: Executor, merchantId: string, topicPrefix?: string): Promise<OutboxJob[]> {
  let q = db.selectFrom('outbox').selectAll().where('merchantId', '=', merchantId).where('doneAt', 'is', null);
  if (topicPrefix) q = q.where('topic', 'like', `${topicPrefix}%`);
  return (await q.orderBy('createdAt').orderBy('id').execute()).map(toJob);
}
