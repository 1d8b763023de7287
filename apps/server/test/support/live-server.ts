// A real `retour` process for operations tests: run a command to its end, or serve on a port and
// drive it over HTTP like a shop and its shoppers do (import an order, look it up, return an item).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/retour.mjs');
export const TEST_SECRET_KEY = 'ops-test-secret-key-ops-test-secret-key-0123';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function environment(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'warn', ...extra };
}

export function runRetour(args: string[], databaseUrl: string, cwd: string, extra: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: environment(databaseUrl, extra), cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export interface LiveServer {
  base: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<number>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, output: () => string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen; server output:\n${output()}`);
}

export async function serveRetour(databaseUrl: string, cwd: string, extra: Record<string, string> = {}): Promise<LiveServer> {
  const port = 4100 + Math.floor(Math.random() * 5000);
  const child = spawn(process.execPath, [BIN, 'serve'], { env: environment(databaseUrl, { PORT: String(port), ...extra }), cwd });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => (exited = true));
  await until(
    'the server answering /api/ready',
    async () => {
      if (exited) throw new Error('exited');
      return (await fetch(`${base}/api/ready`)).ok ? true : undefined;
    },
    () => out,
  );
  return {
    base,
    child,
    output: () => out,
    stop: () =>
      new Promise((done) => {
        if (exited) return done(child.exitCode ?? -1);
        child.on('close', (code) => done(code ?? -1));
        child.kill('SIGTERM');
      }),
  };
}

/** The demo API key a fresh `retour serve` prints once it has seeded the demo shop. */
export function demoApiKey(server: LiveServer): Promise<string> {
  return until('the demo API key being printed', async () => /API key:\s+(\S+)/.exec(server.output())?.[1], server.output);
}

let counter = 0;

/** Imports one order through the merchant API, looks it up in the demo portal and returns one item: the new return's id. */
export async function createReturnOverHttp(base: string, apiKey: string): Promise<string> {
  counter++;
  const orderNumber = `OPS-${process.pid}-${counter}`;
  const now = new Date().toISOString();
  const postalCode = '1016 GV';
  const imported = await fetch(`${base}/api/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      orders: [
        {
          integration: 'ops-test',
          externalId: orderNumber,
          orderNumber,
          placedAt: now,
          currency: 'EUR',
          customer: { name: 'Sanne de Vries', email: 'sanne@example.com' },
          shippingAddress: {
            name: 'Sanne de Vries',
            street: 'Prinsengracht',
            houseNumber: '263',
            postalCode,
            city: 'Amsterdam',
            country: 'NL',
          },
          items: [{ externalId: 'l1', sku: 'TS-M', name: 'T-shirt', quantity: 1, unitPrice: { value: '29.95', currency: 'EUR' } }],
          shipments: [{ carrier: 'sandbox', trackingNumber: `${orderNumber}-T`, shippedAt: now }],
        },
      ],
    }),
  });
  expect(imported.status, await imported.clone().text()).toBe(200);
  const found = await fetch(`${base}/api/portal/demo/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber, postalCode }),
  });
  const lookup = (await found.json()) as { token: string; order: { items: { id: string }[] } };
  expect(found.status, JSON.stringify(lookup)).toBe(200);
  const created = await fetch(`${base}/api/portal/demo/returns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lookup.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: [{ orderItemId: lookup.order.items[0]?.id, quantity: 1, reason: 'too_small' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      contact: { email: 'sanne@example.com' },
      language: 'en',
    }),
  });
  const view = (await created.json()) as { id: string };
  expect(created.status, JSON.stringify(view)).toBe(201);
  return view.id;
}

/** The ids among `ids` that the server does not know (GET /api/v1/returns/{id} is not 200). */
export async function missingReturns(base: string, apiKey: string, ids: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const id of ids) {
    const r = await fetch(`${base}/api/v1/returns/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (r.status !== 200) missing.push(id);
  }
  return missing;
}
