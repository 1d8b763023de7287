// Planner statistics: SQLite gathers them when the product asks (PRAGMA optimize after a large
// import and when a connection opens); PostgreSQL is left to autovacuum.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../src/database.ts';
import { refreshStatistics } from '../src/maintenance.ts';
import { migrateToLatest } from '../src/migrate.ts';
import { insertOrders } from '../src/repos/orders.ts';
import { openTestDatabase } from '../src/testing.ts';
import { makeOrder } from './helpers.ts';

const orders = (count: number) => Array.from({ length: count }, (_, n) => makeOrder({ merchantId: `mer_${n % 3}`, n, items: 1 }));

async function sqliteStatsOf(db: Db, table: string): Promise<number> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  if (Number(exists.rows[0]?.n) === 0) return 0;
  const rows = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = ${table}`.execute(db);
  return Number(rows.rows[0]?.n);
}

describe('refreshStatistics', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('analyses freshly loaded tables on SQLite and leaves PostgreSQL to autovacuum', async () => {
    const h = await openTestDatabase();
    try {
      await insertOrders(h.db, orders(600));
      await refreshStatistics(h.db, h.dialect, { checkAllTables: true });
      if (h.dialect === 'sqlite') {
        expect(await sqliteStatsOf(h.db, 'orders')).toBeGreaterThan(0);
      } else {
        const rows = await sql<{ n: string }>`select count(*) as n from pg_stats where schemaname = current_schema()`.execute(h.db);
        expect(Number(rows.rows[0]?.n)).toBe(0);
      }
    } finally {
      await h.close();
    }
  });

  it('SQLite: a database loaded without statistics has them once it is opened again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'retour-stats-'));
    const url = `file:${join(dir, 'retour.sqlite')}`;
    const first = openDatabase(url);
    await migrateToLatest(first.db);
    await insertOrders(first.db, orders(600));
    expect(await sqliteStatsOf(first.db, 'orders')).toBe(0);
    await first.close();
    const again = openDatabase(url);
    expect(await sqliteStatsOf(again.db, 'orders')).toBeGreaterThan(0);
    await again.close();
  });
});
