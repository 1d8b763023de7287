// Stored responses of creating POSTs, keyed by (scope, Idempotency-Key).
import type { Executor } from '../database.ts';
import type { IdempotencyKeysTable } from '../schema.ts';

export async function findIdempotent(db: Executor, scope: string, key: string): Promise<IdempotencyKeysTable | undefined> {
  return db.selectFrom('idempotencyKeys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

/**
 * Stores a response; false when another request stored one for the key first. An unfinished claim
 * (status 0) created before `staleBefore` is taken over: its request died without finishing or
 * dropping it (the database went away mid-request), and its client is retrying.
 */
export async function saveIdempotent(db: Executor, row: IdempotencyKeysTable, staleBefore?: string): Promise<boolean> {
  const r = await db
    .insertInto('idempotencyKeys')
    .values(row)
    .onConflict((oc) =>
      staleBefore
        ? oc
            .columns(['scope', 'key'])
            .doUpdateSet({ requestHash: row.requestHash, createdAt: row.createdAt })
            .where('idempotencyKeys.statusCode', '=', 0)
            .where('idempotencyKeys.createdAt', '<', staleBefore)
        : oc.columns(['scope', 'key']).doNothing(),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function pruneIdempotent(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).execute();
}

export async function finishIdempotent(db: Executor, scope: string, key: string, statusCode: number, responseBody: string): Promise<void> {
  await db.updateTable('idempotencyKeys').set({ statusCode, responseBody }).where('scope', '=', scope).where('key', '=', key).execute();
}

export async function dropIdempotent(db: Executor, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('scope', '=', scope).where('key', '=', key).where('statusCode', '=', 0).execute();
}
