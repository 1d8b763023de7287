// Statistics refresh after bulk loads, so the planner picks the indexes.
import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';

export async function analyze(db: Db, _dialect: Dialect): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Readiness: does the database answer? */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
