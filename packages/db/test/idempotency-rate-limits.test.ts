import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropIdempotent, findIdempotent, finishIdempotent, pruneIdempotent, saveIdempotent } from '../src/repos/idempotency.ts';
import { pruneHits, recentHits, recordHit } from '../src/repos/rate-limits.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at } from './helpers.ts';

describe('idempotency keys', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  const placeholder = (key: string, createdAt = at(), requestHash = 'hash-1') => ({
    scope: 'mer_1:returns',
    key,
    requestHash,
    statusCode: 0,
    responseBody: '',
    createdAt,
  });

  it('stores a placeholder once; a second request with the key is told so', async () => {
    expect(await saveIdempotent(h.db, placeholder('k1'))).toBe(true);
    expect(await saveIdempotent(h.db, placeholder('k1', at(1000), 'hash-2'))).toBe(false);
    expect(await findIdempotent(h.db, 'mer_1:returns', 'k1')).toEqual(placeholder('k1'));
    // The same key in another scope is a different key.
    expect(await saveIdempotent(h.db, { ...placeholder('k1'), scope: 'mer_2:returns' })).toBe(true);
    expect(await findIdempotent(h.db, 'mer_1:returns', 'missing')).toBeUndefined();
  });

  it('finish stores the response; drop then leaves a finished key alone', async () => {
    await saveIdempotent(h.db, placeholder('k1'));
    const body = JSON.stringify({ id: 'ret_1', city: 'Łódź', street: 'Straße' });
    await finishIdempotent(h.db, 'mer_1:returns', 'k1', 201, body);
    expect(await findIdempotent(h.db, 'mer_1:returns', 'k1')).toMatchObject({ statusCode: 201, responseBody: body, requestHash: 'hash-1' });
    await dropIdempotent(h.db, 'mer_1:returns', 'k1');
    expect(await findIdempotent(h.db, 'mer_1:returns', 'k1')).toMatchObject({ statusCode: 201, responseBody: body });
  });

  it('drop removes an unfinished placeholder (status 0) so the client may retry', async () => {
    await saveIdempotent(h.db, placeholder('k1'));
    await saveIdempotent(h.db, { ...placeholder('k1'), scope: 'other' });
    await dropIdempotent(h.db, 'mer_1:returns', 'k1');
    expect(await findIdempotent(h.db, 'mer_1:returns', 'k1')).toBeUndefined();
    expect(await findIdempotent(h.db, 'other', 'k1')).toBeDefined();
    expect(await saveIdempotent(h.db, placeholder('k1'))).toBe(true);
  });

  it('a retry takes over an unfinished claim older than the cut-off, never a finished or recent one', async () => {
    await saveIdempotent(h.db, placeholder('lost', at(-5000)));
    await saveIdempotent(h.db, placeholder('recent', at(0)));
    await saveIdempotent(h.db, placeholder('done', at(-5000)));
    await finishIdempotent(h.db, 'mer_1:returns', 'done', 201, '{}');
    expect(await saveIdempotent(h.db, placeholder('lost', at(1000)), at(-1000))).toBe(true);
    expect(await findIdempotent(h.db, 'mer_1:returns', 'lost')).toMatchObject({ statusCode: 0, createdAt: at(1000) });
    expect(await saveIdempotent(h.db, placeholder('recent', at(1000)), at(-1000))).toBe(false);
    expect(await saveIdempotent(h.db, placeholder('done', at(1000)), at(-1000))).toBe(false);
    expect(await findIdempotent(h.db, 'mer_1:returns', 'done')).toMatchObject({ statusCode: 201, createdAt: at(-5000) });
  });

  it('prune removes keys created before the cut-off', async () => {
    await saveIdempotent(h.db, placeholder('old', at(-1000)));
    await saveIdempotent(h.db, placeholder('edge', at(0)));
    await saveIdempotent(h.db, placeholder('new', at(1000)));
    await pruneIdempotent(h.db, at(0));
    expect(await findIdempotent(h.db, 'mer_1:returns', 'old')).toBeUndefined();
    expect(await findIdempotent(h.db, 'mer_1:returns', 'edge')).toBeDefined();
    expect(await findIdempotent(h.db, 'mer_1:returns', 'new')).toBeDefined();
  });
});

describe('rate-limit hits', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('counts the hits of a key inside the window, oldest first, at most limit', async () => {
    for (const [i, offset] of [5000, 1000, 3000, 0, 4000, 2000].entries()) await recordHit(h.db, 'lookup:1.2.3.4', at(offset), `hit_${i}`);
    await recordHit(h.db, 'lookup:5.6.7.8', at(4500), 'hit_other');
    // Two hits in the same millisecond are both counted.
    await recordHit(h.db, 'lookup:1.2.3.4', at(4000), 'hit_same_ms');
    expect(await recentHits(h.db, 'lookup:1.2.3.4', at(2000), 100)).toEqual([at(3000), at(4000), at(4000), at(5000)]);
    expect(await recentHits(h.db, 'lookup:1.2.3.4', at(-1), 2)).toEqual([at(0), at(1000)]);
    expect(await recentHits(h.db, 'lookup:1.2.3.4', at(5000), 100)).toEqual([]);
    expect(await recentHits(h.db, 'lookup:5.6.7.8', at(0), 100)).toEqual([at(4500)]);
  });

  it('prunes a key’s hits up to and including the cut-off only', async () => {
    for (const offset of [0, 1000, 2000, 3000]) await recordHit(h.db, 'k', at(offset), `hit_${offset}`);
    await recordHit(h.db, 'other', at(0), 'hit_other');
    await pruneHits(h.db, 'k', at(1000));
    expect(await recentHits(h.db, 'k', at(-1), 100)).toEqual([at(2000), at(3000)]);
    expect(await recentHits(h.db, 'other', at(-1), 100)).toEqual([at(0)]);
  });
});
