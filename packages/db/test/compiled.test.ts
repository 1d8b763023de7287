// Precompiled queries give the same rows as the query builder, with any arguments, and refuse a
// query whose argument is not a plain parameter.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkInsert, precompiled, precompiledIn } from '../src/compiled.ts';
import { hitCounts, recordHit } from '../src/repos/rate-limits.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at } from './helpers.ts';

describe('precompiled queries', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
    for (const [key, ms] of [
      ['a', 1000],
      ['a', 2000],
      ['b', 3000],
      ['c', 4000],
    ] as const) {
      await recordHit(h.db, key, at(ms), `hit_${key}_${ms}`);
    }
  });
  afterEach(async () => h.close());

  const hitsOf = precompiled((db, key: string, since: string) =>
    db.selectFrom('rateLimitHits').select(['key', 'at']).where('key', '=', key).where('at', '>', since).orderBy('at'),
  );

  it('answers like the builder on the first and every later call, in and out of a transaction', async () => {
    const built = (key: string, since: string) =>
      h.db.selectFrom('rateLimitHits').select(['key', 'at']).where('key', '=', key).where('at', '>', since).orderBy('at').execute();
    for (const [key, since] of [
      ['a', at(0)],
      ['a', at(1500)],
      ['b', at(0)],
      ['z', at(0)],
    ] as const) {
      expect(await hitsOf(h.db, key, since)).toEqual(await built(key, since));
    }
    await h.db.transaction().execute(async (tx) => {
      expect(await hitsOf(tx, 'a', at(0))).toEqual([
        { key: 'a', at: at(1000) },
        { key: 'a', at: at(2000) },
      ]);
    });
  });

  it('counts hits for one, two and three keys (one compiled query per number of keys)', async () => {
    const counts = async (keys: string[]) => Object.fromEntries([...(await hitCounts(h.db, keys, at(0)))].map(([k, v]) => [k, v]));
    for (let round = 0; round < 2; round++) {
      expect(await counts(['a'])).toEqual({ a: { count: 2, oldest: at(1000) } });
      expect(await counts(['a', 'b'])).toEqual({ a: { count: 2, oldest: at(1000) }, b: { count: 1, oldest: at(3000) } });
      expect(await counts(['c', 'b', 'x'])).toEqual({ b: { count: 1, oldest: at(3000) }, c: { count: 1, oldest: at(4000) } });
    }
  });

  it('refuses an argument that ends up in the SQL text instead of a parameter', async () => {
    const bad = precompiled((db, column: string) => db.selectFrom('rateLimitHits').select(sql.ref<string>(column).as('x')));
    // The first call runs the built query (a real column); compiling the template then fails.
    await expect(bad(h.db, 'key')).rejects.toThrow(/argument/);
  });

  it('precompiledIn answers like the builder for lists of any length, with other parameters before the list', async () => {
    const since = precompiledIn((db, from: string, keys: readonly unknown[]) =>
      db
        .selectFrom('rateLimitHits')
        .select(['key', 'at'])
        .where('at', '>', from)
        .where('key', 'in', keys as string[])
        .orderBy('at'),
    );
    const built = (from: string, keys: string[]) =>
      h.db.selectFrom('rateLimitHits').select(['key', 'at']).where('at', '>', from).where('key', 'in', keys).orderBy('at').execute();
    for (let round = 0; round < 2; round++) {
      for (const [from, keys] of [
        [at(0), ['a']],
        [at(1500), ['a', 'c']],
        [at(0), ['c', 'b', 'x', 'a']],
        [at(5000), ['a', 'b']],
      ] as const) {
        const rows = await since(h.db, from, keys);
        expect(rows).toEqual(await built(from, [...keys]));
      }
    }
    expect(await since(h.db, at(0), [])).toEqual([]);
    const many = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    expect(await since(h.db, at(0), [...many, 'b'])).toEqual([{ key: 'b', at: at(3000) }]);
  });

  it('bulkInsert writes rows in chunks under the variable limit, numbering placeholders per chunk', async () => {
    const insert = bulkInsert('rateLimitHits', ['id', 'key', 'at']);
    // 30,000 values per statement at most: 25,000 rows of 3 columns take three statements.
    const values = Array.from({ length: 25_000 }, (_, i) => [`bulk_${i}`, `bulk-${i % 7}`, at(10_000 + i)]).flat();
    await insert(h.db, values);
    await insert(h.db, []);
    const stored = await h.db
      .selectFrom('rateLimitHits')
      .select(['id', 'key', 'at'])
      .where('key', 'like', 'bulk-%')
      .orderBy('at')
      .execute();
    expect(stored).toHaveLength(25_000);
    expect(stored[0]).toEqual({ id: 'bulk_0', key: 'bulk-0', at: at(10_000) });
    expect(stored[24_999]).toEqual({ id: 'bulk_24999', key: `bulk-${24_999 % 7}`, at: at(34_999) });
    await expect(insert(h.db, ['one', 'two'])).rejects.toThrow(/2 values for 3 columns/);
  });
});
