// Fault tests run the real `retour serve` process and drive it over HTTP on 127.0.0.1, so a crash
// (an unhandled 'error' event, an unhandled rejection) shows as the process exiting.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/retour.mjs');

/** Every request in a fault test must be answered within this, outage or not. */
export const ANSWER_BOUND_MS = 20_000;

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  apiKey: string;
  output: () => string;
  /** Exit code, or null while it runs. */
  exited: () => number | null;
  stop: () => Promise<number>;
}

export interface SpawnOptions {
  databaseUrl: string;
  cwd: string;
  /** Run as another command prefix (e.g. ['runuser', '-u', 'nobody', '--']). */
  prefix?: string[];
  env?: Record<string, string>;
  /** The API key, when the database was seeded by an earlier process (the demo key is printed once). */
  apiKey?: string;
}

export function spawnRetour(args: string[], options: SpawnOptions): ChildProcess {
  const [cmd, ...pre] = [...(options.prefix ?? []), process.execPath];
  return spawn(cmd as string, [...pre, BIN, ...args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      SECRET_KEY: 'fault-test-secret-key-fault-test-secret-0123',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
}

export async function startServer(port: number, options: SpawnOptions): Promise<ServerProcess> {
  const child = spawnRetour(['serve'], { ...options, env: { PORT: String(port), ...options.env } });
  let out = '';
  let code: number | null = null;
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  child.on('exit', (c, signal) => (code = c ?? (signal ? 128 : -1)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && code === null; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const apiKey = options.apiKey ?? /API key:\s+(rtr_\w+)/.exec(out)?.[1];
  if (code !== null || !apiKey) throw new Error(`retour serve did not start (exit ${code}):\n${out}`);
  return {
    base,
    child,
    apiKey,
    output: () => out,
    exited: () => code,
    stop: () =>
      new Promise((done) => {
        if (code !== null) return done(code);
        child.on('exit', (c) => done(c ?? -1));
        child.kill('SIGTERM');
      }),
  };
}

export interface Answer {
  status: number;
  body: Record<string, any>;
  retryAfter: string | null;
}

/** One request with a hard bound: no answer within it (ANSWER_BOUND_MS by default) fails the test. */
export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
  boundMs = ANSWER_BOUND_MS,
): Promise<Answer> {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(boundMs),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, retryAfter: res.headers.get('retry-after') };
}

/** A database fault answers 503 `database_unavailable` with Retry-After and a sentence; never a 500. */
export function expectUnavailable(answer: Answer): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.body.error.code).toBe('database_unavailable');
  expect(answer.body.error.message).toMatch(/try again/i);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

/** Imports one order with a line of `quantity` units, so each return of one unit can be created. */
export async function seedOrder(server: ServerProcess, quantity: number): Promise<{ orderId: string; itemId: string; portalId: string }> {
  const day = 86_400_000;
  const externalId = `fault-${Math.random().toString(36).slice(2, 10)}`;
  const imported = await call(server, 'POST', '/api/v1/orders', {
    orders: [
      {
        integration: 'Webshop',
        externalId,
        orderNumber: `#F${externalId.slice(6)}`,
        placedAt: new Date(Date.now() - 5 * day).toISOString(),
        currency: 'EUR',
        customer: { name: 'Sanne de Vries', email: 'sanne@example.com' },
        shippingAddress: {
          name: 'Sanne de Vries',
          street: 'Prinsengracht',
          houseNumber: '263',
          postalCode: '1016 GV',
          city: 'Amsterdam',
          country: 'NL',
        },
        items: [{ externalId: 'l1', sku: 'TS-M', name: 'T-shirt', quantity, unitPrice: { value: '9.95', currency: 'EUR' } }],
        shipments: [
          {
            carrier: 'sandbox',
            trackingNumber: `TRK${externalId.slice(6)}`,
            shippedAt: new Date(Date.now() - 4 * day).toISOString(),
            deliveredAt: new Date(Date.now() - 2 * day).toISOString(),
          },
        ],
      },
    ],
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.failed).toEqual([]);
  const orders = await call(server, 'GET', '/api/v1/orders?limit=200');
  const order = orders.body.data.find((o: { externalId: string }) => o.externalId === externalId);
  const full = await call(server, 'GET', `/api/v1/orders/${order.id}`);
  const portals = await call(server, 'GET', '/api/v1/portals');
  const portal = portals.body.data.find((p: { slug: string }) => p.slug === 'demo') ?? portals.body.data[0];
  return { orderId: order.id, itemId: full.body.items[0].id, portalId: portal.id };
}

export function returnBody(seed: { orderId: string; itemId: string; portalId: string }) {
  return {
    orderId: seed.orderId,
    portalId: seed.portalId,
    items: [{ orderItemId: seed.itemId, quantity: 1, reason: 'too_small' }],
    method: 'drop_off',
    carrier: 'sandbox',
    resolution: 'refund',
  };
}

/** Polls /api/ready until it answers 200; returns how long it took (reported, not asserted on speed). */
export async function waitUntilReady(server: ServerProcess, boundMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < boundMs) {
    const ready = await call(server, 'GET', '/api/ready');
    if (ready.status === 200) return Date.now() - started;
    expectUnavailable(ready);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/api/ready did not come back within ${boundMs} ms`);
}

/** Once a fault is gone, a write succeeds again within this. */
export const RECOVERY_BOUND_MS = 30_000;

/** Creates a return, retrying while the answer is 503 database_unavailable; how long it took. */
export async function writeUntilAccepted(s: ServerProcess, body: unknown, created: string[]): Promise<number> {
  const started = Date.now();
  for (;;) {
    const answer = await call(s, 'POST', '/api/v1/returns', body);
    if (answer.status === 201) {
      created.push(answer.body.id);
      return Date.now() - started;
    }
    expectUnavailable(answer);
    if (Date.now() - started > RECOVERY_BOUND_MS) throw new Error(`writes did not recover within ${RECOVERY_BOUND_MS} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every acknowledged return is there. */
export async function expectAllPresent(s: ServerProcess, ids: string[]): Promise<void> {
  for (const id of ids) expect((await call(s, 'GET', `/api/v1/returns/${id}`)).status, `acknowledged return ${id}`).toBe(200);
}
