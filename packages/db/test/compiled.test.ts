// Precompiled queries give the same rows as the query builder, with any arguments, and refuse a
// query whose argument is not a plain parameter.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompiled } from '../src/compiled.ts';
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
});
