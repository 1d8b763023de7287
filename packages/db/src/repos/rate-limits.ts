// Sliding-window counters kept in the database, so every API process sees the same counts.
import { type Precompiled, precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';

type HitCountRow = { key: string; n: number | string; oldest: unknown };
/** One compiled query per number of keys (a lookup asks for two). */
const hitCountsByLength = new Map<number, Precompiled<[string, ...string[]], HitCountRow>>();

/** For each key: how many hits since `since` and the oldest of them (one query for all keys). */
export async function hitCounts(db: Executor, keys: string[], since: string): Promise<Map<string, { count: number; oldest: string }>> {
  let query = hitCountsByLength.get(keys.length);
  if (!query) {
    query = precompiled((db: Executor, since: string, ...keys: string[]) =>
      db
        .selectFrom('rateLimitHits')
        .select((eb) => ['key', eb.fn.countAll<number | string>().as('n'), eb.fn.min('at').as('oldest')])
        .where('key', 'in', keys)
        .where('at', '>', since)
        .groupBy('key'),
    );
    hitCountsByLength.set(keys.length, query);
  }
  const rows = await query(db, since, ...keys);
  return new Map(rows.map((r) => [r.key, { count: Number(r.n), oldest: String(r.oldest) }]));
}

/** Hits recorded for `key` since `since`, oldest first (at most `limit`). */
export async function recentHits(db: Executor, key: string, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('rateLimitHits')
    .select('at')
    .where('key', '=', key)
    .where('at', '>', since)
    .orderBy('at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

export async function recordHit(db: Executor, key: string, at: string, id: string): Promise<void> {
  await db.insertInto('rateLimitHits').values({ key, at, id }).execute();
}

export async function pruneHits(db: Executor, key: string, before: string): Promise<void> {
  await db.deleteFrom('rateLimitHits').where('key', '=', key).where('at', '<=', before).execute();
}
