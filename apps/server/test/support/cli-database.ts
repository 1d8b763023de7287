// A fresh database for tests that run the `retour` CLI as a real process: a SQLite file in a temp
// folder, or a new PostgreSQL database when TEST_DB=postgres. `remove()` drops both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@retour/db/testing';
import pg from 'pg';

export async function freshCliDatabase(prefix: string): Promise<{ dir: string; databaseUrl: string; remove: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `retour-${prefix}-`));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (testDialect() === 'sqlite') {
    return { dir, databaseUrl: `file:${join(dir, 'retour.sqlite')}`, remove: async () => removeDir() };
  }
  const admin = process.env.TEST_DATABASE_URL as string;
  const name = `${prefix.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    dir,
    databaseUrl: url.toString(),
    remove: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      removeDir();
    },
  };
}
