// SQLite with two connections on one file (two processes in production): a writer that holds the
// lock longer than busy_timeout makes the other wait and retry, not fail; a transaction takes the
// write lock at BEGIN (IMMEDIATE), so it never fails half-way on its first write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/database.ts';

describe('SQLite under a second writer', () => {
  const handles: DatabaseHandle[] = [];
  let dir: string | null = null;
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('a write waits past busy_timeout for the other connection to commit, then succeeds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'retour-busy-'));
    const url = `file:${join(dir, 'db.sqlite')}`;
    const one = openDatabase(url);
    const two = openDatabase(url);
    handles.push(one, two);
    await sql`create table t (a integer)`.execute(one.db);

    let releaseLock: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    const holder = one.db.transaction().execute(async (tx) => {
      await sql`insert into t values (1)`.execute(tx);
      await held; // keeps the write lock across the other's whole busy_timeout
    });
    await new Promise((r) => setTimeout(r, 20));
    // This timer can only fire once `two`'s first BEGIN IMMEDIATE has waited out busy_timeout
    // (that wait blocks the event loop) and failed with SQLITE_BUSY: only a retry can succeed.
    setTimeout(releaseLock, 10);
    await two.db.transaction().execute(async (tx) => {
      await sql`insert into t values (2)`.execute(tx);
    });
    await holder;
    const rows = await sql<{ a: number }>`select a from t order by a`.execute(two.db);
    expect(rows.rows.map((r) => r.a)).toEqual([1, 2]);
  }, 30_000);
});
