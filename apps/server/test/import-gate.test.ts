// At most RETOUR_IMPORT_CONCURRENCY order batches at work per process (issue #12 item 5): the next
// ones wait before their body is read, and past the queue the server answers 503 imports_busy with
// Retry-After, on the Retour import and on the Sendcloud-compatible one (in Sendcloud's format).
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createImportGate, IMPORT_RETRY_AFTER_SECONDS } from '../src/http/import-gate.ts';
import { orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { eventually } from './support/serve-process.ts';

let h: Harness;
let app: FastifyInstance;
const gate = createImportGate(1, 1);
beforeAll(async () => {
  h = await startHarness();
  app = await buildApp(h.ctx, { validateResponses: true, importGate: gate });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('the order import queue', () => {
  it('holds a batch beyond the one at work, refuses one beyond the queue with 503 and Retry-After, then serves the waiting one', async () => {
    const shop = await setupShop(h);
    const headers = { authorization: `Bearer ${shop.merchant.apiKey}`, 'content-type': 'application/json' };
    const first = orderPayload(h);
    const second = orderPayload(h);

    // The first batch is at work: its body is still arriving.
    const upload = new PassThrough();
    const atWork = app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: upload });
    await eventually(() => gate.state().running === 1, 'the first batch takes the one turn');
    upload.write('{"orders":');

    // The second waits for its turn, its body not yet read.
    const waiting = app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: { orders: [second] } });
    await eventually(() => gate.state().waiting === 1, 'the second batch waits');

    // The queue (1) is full: a third is refused at once, on both import routes.
    const refused = await app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: { orders: [orderPayload(h)] } });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe(String(IMPORT_RETRY_AFTER_SECONDS));
    expect(json(refused).error).toMatchObject({ code: 'imports_busy', details: { retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS } });
    expect(json(refused).error.message).toMatch(/send this batch again after the Retry-After seconds/);
    const sendcloud = await app.inject({ method: 'POST', url: '/api/v3/orders', headers, payload: [] });
    expect(sendcloud.statusCode).toBe(503);
    expect(sendcloud.headers['retry-after']).toBe(String(IMPORT_RETRY_AFTER_SECONDS));
    expect(json(sendcloud)).toEqual({ errors: [{ status: '503', code: 'imports_busy', detail: expect.stringMatching(/Retry-After/) }] });
    expect(gate.state()).toEqual({ running: 1, waiting: 1 });

    // The first batch arrives whole and is stored; the waiting one then gets its turn.
    upload.end(`${JSON.stringify([first])}}`);
    const [one, two] = await Promise.all([atWork, waiting]);
    expect(one.statusCode, one.body).toBe(200);
    expect(json(one)).toEqual({ created: 1, updated: 0, failed: [] });
    expect(two.statusCode, two.body).toBe(200);
    expect(json(two)).toEqual({ created: 1, updated: 0, failed: [] });
    await eventually(() => gate.state().running === 0, 'every turn is given back');
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });

    // With the queue empty again, a batch goes straight through.
    const again = await app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: { orders: [orderPayload(h)] } });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('gives the turn back when a batch is refused (bad JSON, bad API key never queues)', async () => {
    const shop = await setupShop(h);
    const headers = { authorization: `Bearer ${shop.merchant.apiKey}`, 'content-type': 'application/json' };
    const bad = await app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: '{"orders": [' });
    expect(bad.statusCode).toBe(400);
    const wrongKey = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...headers, authorization: 'Bearer rk_wrong' },
      payload: { orders: [orderPayload(h)] },
    });
    expect(wrongKey.statusCode).toBe(401);
    await eventually(() => gate.state().running === 0, 'the refused batch gives its turn back');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: { orders: [orderPayload(h)] } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('RETOUR_IMPORT_CONCURRENCY: 2 by default, a whole number from 1 to 64', () => {
    const base = { DATABASE_URL: 'file::memory:', SECRET_KEY: 'x'.repeat(40) };
    expect(loadConfig(base).importConcurrency).toBe(2);
    expect(loadConfig({ ...base, RETOUR_IMPORT_CONCURRENCY: '4' }).importConcurrency).toBe(4);
    for (const bad of ['0', '65', '1.5', 'many'])
      expect(() => loadConfig({ ...base, RETOUR_IMPORT_CONCURRENCY: bad })).toThrow(
        new ConfigError(`RETOUR_IMPORT_CONCURRENCY must be a number of order imports at work at once, from 1 to 64 (got "${bad}").`),
      );
  });
});
