// Test databases: in-memory SQLite, or a fresh schema in the PostgreSQL named by
// TEST_DATABASE_URL when TEST_DB=postgres. Each call is isolated; close() removes it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(): TestDialect {
  const wanted = process.env.TEST_DB ?? 'sqlite';
  if (wanted !== 'sqlite' && wanted !== 'postgres') throw new Error(`TEST_DB must be sqlite or postgres, not "${wanted}"`);
  return wanted;
}

export interface TestDatabaseHandle extends DatabaseHandle {
  /** PostgreSQL only: the test's schema, so a test can open more connections to the same data. */
  schema: string | null;
  /** Opens another handle on the same data (PostgreSQL only; an in-memory SQLite cannot be shared). */
  reopen(): DatabaseHandle;
}

export async function openTestDatabase(): Promise<TestDatabaseHandle> {
  if (testDialect() === 'sqlite') {
    const handle = openDatabase(':memory:');
    await migrateToLatest(handle.db);
    return {
      ...handle,
      schema: null,
      reopen: () => {
        throw new Error('an in-memory SQLite test database cannot be opened twice');
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (npm test starts a PostgreSQL and sets it).');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase(url, { schema, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    schema,
    reopen: () => openDatabase(url, { schema, poolSize: 4 }),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
