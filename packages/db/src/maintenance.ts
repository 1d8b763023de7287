// Planner statistics and readiness. SQLite gathers statistics only when asked (ANALYZE or
// PRAGMA optimize); PostgreSQL's autovacuum analyses tables as they change. The hot queries are
// planned right without statistics too (test/query-plans.test.ts); fresh statistics keep the
// planner's other choices sensible as a database grows.
import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';

/** Full statistics now (bench data generation, tests): every table, every index. */
export async function analyze(db: Db, _dialect: Dialect): Promise<void> {
  await sql`analyze`.execute(db);
}

/**
 * The cheap, regular refresh SQLite recommends: `PRAGMA optimize` analyses only the tables whose
 * size changed a lot since their last analysis (or that were never analysed), within the
 * connection's analysis_limit (set at open) so it finishes quickly even on a large database.
 * `checkAllTables` (0x10000) looks at every table, not only those this connection has queried:
 * after a large import and once a day. PostgreSQL: nothing to do, autovacuum analyses changed tables.
 */
export async function refreshStatistics(db: Db, dialect: Dialect, opts: { checkAllTables?: boolean } = {}): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql.raw(opts.checkAllTables ? 'pragma optimize=0x10002' : 'pragma optimize').execute(db);
}

/** Readiness: does the database answer? */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
