// Test databases: in-memory SQLite, or a fresh database (with the schema the code runs in) in the
// PostgreSQL named by TEST_DATABASE_URL when TEST_DB=postgres. Each call is isolated; close() removes it.
import { randomBytes } from 'node:crypto';
import { CamelCasePlugin, Kysely } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { RetryingSqliteDialect, SqliteFile } from './sqlite-connection.ts';

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

// Migrating a database costs 0.1 s on SQLite and 0.5 s on PostgreSQL, and the suite opens well over a
// thousand. So each test process migrates once: SQLite into an image that every test database is a
// copy of; PostgreSQL into a template database that every test database is created from (~0.07 s).
let sqliteImage: Promise<Buffer> | null = null;
let postgresTemplate: Promise<{ name: string; schema: string }> | null = null;

function migratedSqliteImage(): Promise<Buffer> {
  sqliteImage ??= (async () => {
    const file = new SqliteFile(':memory:');
    const db = new Kysely<Database>({ dialect: new RetryingSqliteDialect(file), plugins: [new CamelCasePlugin()] });
    await migrateToLatest(db);
    const image = file.serialize();
    await db.destroy();
    return image;
  })();
  return sqliteImage;
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function migratedPostgresTemplate(url: string): Promise<{ name: string; schema: string }> {
  postgresTemplate ??= (async () => {
    const name = `retour_template_${randomBytes(6).toString('hex')}`;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    await adminQuery(withDatabase(url, name), `create schema ${schema}`);
    // Closed before use: a database with open connections cannot serve as a template.
    const handle = openDatabase(withDatabase(url, name), { schema, poolSize: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    return { name, schema };
  })();
  return postgresTemplate;
}

export async function openTestDatabase(): Promise<TestDatabaseHandle> {
  if (testDialect() === 'sqlite') {
    const handle = openDatabase(':memory:', { sqliteImage: await migratedSqliteImage() });
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
  const template = await migratedPostgresTemplate(url);
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name} template ${template.name}`);
  const own = withDatabase(url, name);
  const handle = openDatabase(own, { schema: template.schema, poolSize: 4 });
  return {
    ...handle,
    schema: template.schema,
    reopen: () => openDatabase(own, { schema: template.schema, poolSize: 4 }),
    close: async () => {
      await handle.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}
