// `retour import <file.csv>` as a user runs it: a real process against a fresh database (SQLite
// file, or a new PostgreSQL database when TEST_DB=postgres).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliDatabase } from './support/cli-database.ts';
import { csv, row } from './csv-import-support.ts';

const BIN = resolve(import.meta.dirname, '../bin/retour.mjs');
let dir: string;
let databaseUrl: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, databaseUrl, remove } = await freshCliDatabase('cli_import'));
});

afterAll(async () => {
  await remove();
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, SECRET_KEY: 'cli-test-secret-key-cli-test-secret-key-0123', LOG_LEVEL: 'warn' },
      cwd: dir,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

function file(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

async function merchant(name: string): Promise<string> {
  const res = await run(['merchant', 'create', '--name', name, '--email', `${name.toLowerCase()}@example.com`, '--json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout).merchant.id;
}

describe('retour import', { timeout: 120_000 }, () => {
  let first: string;

  it('needs a merchant in the database, and a readable file', async () => {
    const none = await run(['import', file('a.csv', csv([row('1', 'a')]))]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no merchant in this database/);
    first = await merchant('Alpha');
    const missing = await run(['import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read/);
  });

  it('imports a file for the only merchant with progress lines, exit 0; again updates, exit 0', async () => {
    const path = file('orders.csv', csv([row('1', 'a'), row('2', 'a'), row('1', 'b')]));
    const res = await run(['import', path]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`Importing orders.csv for Alpha (${first})`);
    expect(res.stdout).toMatch(/3\/3 rows \(100%\): 2 orders created, 0 updated, 0 rows refused/);
    expect(res.stdout).toContain('Done: 3 rows: 2 orders created, 0 updated, 0 rows refused.');
    const again = await run(['import', path, '--integration', 'csv']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Done: 3 rows: 0 orders created, 2 updated, 0 rows refused.');
  });

  it('exits 1 and prints the refused rows by line when some rows are bad', async () => {
    const res = await run(['import', file('bad.csv', csv([row('10', 'a'), row('11', 'a', { quantity: 'many' }), row('11', 'b')]))]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 3 (quantity): quantity: Use a whole number of items');
    expect(res.stdout).toMatch(/line 4: Not stored: the same order has a problem on line 3/);
    expect(res.stdout).toContain('Done: 3 rows: 1 order created, 0 updated, 2 rows refused.');
    expect(res.stderr).toMatch(/2 rows refused \(see the lines above\)/);
  });

  it('exits 2 on a file it cannot use', async () => {
    const res = await run(['import', file('cols.csv', 'order_id,colour\n1,red\n')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Nothing was imported: Line 1: unknown column "colour"/);
  });

  it('asks for --merchant once there are several merchants', async () => {
    const second = await merchant('Beta');
    const path = file('b.csv', csv([row('20', 'a')]));
    const ambiguous = await run(['import', path]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/several merchants: say which one .* --merchant <id>/);
    const unknown = await run(['import', path, '--merchant', 'mer_nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no merchant mer_nope/);
    const chosen = await run(['import', path, '--merchant', second]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain(`for Beta (${second})`);
  });
});
