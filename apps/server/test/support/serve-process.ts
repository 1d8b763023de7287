// `retour serve` as a real child process for the fault tests: a fresh database, a free port, the
// environment a test gives, output kept for assertions, and a way to stop it (SIGTERM) or kill it
// (SIGKILL, a crash) and start it again over the same database.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { freshCliDatabase } from './cli-database.ts';

const BIN = resolve(import.meta.dirname, '../../bin/retour.mjs');

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `check` every 50 ms until it holds; fails after `tries` (a bound for a stuck test, not a speed check). */
export async function eventually<T>(
  check: () => Promise<T | false | null | undefined> | T | false | null | undefined,
  what: string,
  tries = 1200,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export type Served = {
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL: a crash, no shutdown at all. */
  kill: () => Promise<void>;
};

export async function serveDatabase(prefix: string) {
  const db = await freshCliDatabase(prefix);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const outputs: (() => string)[] = [];
  const serve = async (env: Record<string, string> = {}): Promise<Served> => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: db.dir,
      env: {
        ...process.env,
        DATABASE_URL: db.databaseUrl,
        SECRET_KEY: 'fault-test-secret-key-fault-test-secret-key-0123',
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    for (let i = 0; ; i++) {
      if (gone) throw new Error(`retour serve exited:\n${out}`);
      if (i > 600) throw new Error(`retour serve did not answer:\n${out}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    outputs.push(() => out);
    return {
      base,
      child,
      output: () => out,
      exited,
      stop: async () => {
        child.kill('SIGTERM');
        return exited;
      },
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
    };
  };
  /** The demo merchant's API key, from the first run's output (the demo is seeded once). */
  const demoApiKey = (): string => {
    const apiKey = /API key:\s+(rtr_\w+)/.exec(outputs[0]?.() ?? '')?.[1];
    if (!apiKey) throw new Error('no demo API key: the first `serve` prints it');
    return apiKey;
  };
  return { ...db, port, base, serve, apiKey: demoApiKey };
}

/** A shopper's return on the demo portal, through the real API (acknowledged with 201). */
export async function createDemoReturn(base: string): Promise<string> {
  const found = await fetch(`${base}/api/portal/demo/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber: '#1001', postalCode: '1016 GV' }),
  });
  expect(found.status).toBe(200);
  const { token, order } = (await found.json()) as { token: string; order: { items: { id: string }[] } };
  const created = await fetch(`${base}/api/portal/demo/returns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      items: [{ orderItemId: order.items[0]?.id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      contact: { email: 'sanne@example.com' },
      language: 'en',
    }),
  });
  const body = (await created.json()) as { id: string };
  expect(created.status, JSON.stringify(body)).toBe(201);
  return body.id;
}
