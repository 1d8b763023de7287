// The `retour` CLI as a user runs it: a real process against a fresh database (SQLite file, or a
// new PostgreSQL database when TEST_DB=postgres).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliDatabase } from './support/cli-database.ts';

const BIN = resolve(import.meta.dirname, '../bin/retour.mjs');
let dir: string;
let databaseUrl: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, databaseUrl, remove } = await freshCliDatabase('cli'));
});

afterAll(async () => {
  await remove();
});

function env(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'cli-test-secret-key-cli-test-secret-key-0123',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

function run(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(extra), cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

async function serve(port: number): Promise<{ child: ChildProcess; output: () => string; stop: () => Promise<number> }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: env({ PORT: String(port) }), cwd: dir });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((done) => {
        child.on('close', (code) => done(code ?? -1));
        child.kill('SIGTERM');
      }),
  };
}

describe('retour CLI', { timeout: 120_000 }, () => {
  it('migrate brings the database up to date, twice without harm', async () => {
    const first = await run(['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('up to date');
    expect((await run(['migrate'])).code).toBe(0);
  });

  it('serve seeds the demo on an empty database, answers the portal API, and stops cleanly on SIGTERM', async () => {
    const port = 4100 + Math.floor(Math.random() * 800);
    const server = await serve(port);
    const base = `http://127.0.0.1:${port}`;
    const lookup = await fetch(`${base}/api/portal/demo/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber: '#1001', postalCode: '1016 gv' }),
    });
    expect(lookup.status).toBe(200);
    const body = (await lookup.json()) as { order: { items: unknown[] } };
    expect(body.order.items).toHaveLength(3);
    expect(server.output()).toContain('Retour demo data is ready');
    const key = /API key:\s+(rtr_\w+)/.exec(server.output())?.[1];
    expect(key).toBeDefined();
    const orders = await fetch(`${base}/api/v1/orders?limit=200`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await orders.json()) as { data: unknown[] }).data).toHaveLength(8);
    expect(await server.stop()).toBe(0);

    const again = await serve(port + 1);
    expect((await fetch(`http://127.0.0.1:${port + 1}/api/portal/demo`)).status).toBe(200);
    expect(again.output()).not.toContain('demo data is ready');
    expect(await again.stop()).toBe(0);
  });

  it('merchant create --json prints the merchant, a working API key and the login', async () => {
    const res = await run([
      'merchant',
      'create',
      '--name',
      'Acme Ltd',
      '--email',
      'Owner@Acme.example',
      '--password',
      'long enough password',
      '--json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toEqual({
      merchant: { id: expect.stringMatching(/^mer_/), name: 'Acme Ltd' },
      apiKey: expect.stringMatching(/^rtr_\w{40}$/),
      user: { email: 'owner@acme.example' },
    });
    const port = 4100 + Math.floor(Math.random() * 800);
    const server = await serve(port);
    const brands = await fetch(`http://127.0.0.1:${port}/api/v1/brands`, { headers: { authorization: `Bearer ${out.apiKey}` } });
    expect(brands.status).toBe(200);
    await server.stop();

    const duplicate = await run(['merchant', 'create', '--name', 'Other', '--email', 'owner@acme.example', '--json']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('exists already');
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [[], 'Give a command'],
    [['merchant', 'create', '--name', 'X'], 'needs --name and --email'],
  ])('refuses %j with a usage message', async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('Usage: retour');
  });

  it('explains a bad DATABASE_URL instead of crashing', async () => {
    const res = await run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL must start with file: or postgres://');
  });
});
