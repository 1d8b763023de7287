// Shutdown and start on a real `retour serve` (issue #16 item 3): SIGTERM lets an in-flight request
// finish while new connections are refused, hands a job still running past SHUTDOWN_TIMEOUT_MS back
// to the queue and exits 0; after a crash (SIGKILL) the process restarted under the same worker id
// takes its leased job back at once instead of waiting out the 60 s lease.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@retour/db/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoReturn, eventually, type Served, serveDatabase } from './support/serve-process.ts';

let served: Served | null = null;
let env: Awaited<ReturnType<typeof serveDatabase>>;
beforeAll(async () => {
  env = await serveDatabase('shutdown');
});
afterAll(async () => {
  if (served && served.child.exitCode === null) await served.kill();
  await env.remove();
});

describe('shutdown and start of retour serve', { timeout: 120_000 }, () => {
  it('SIGTERM: the request in flight gets its answer, new connections are refused, the process exits 0', async () => {
    served = await env.serve({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const body = JSON.stringify({ orderNumber: '#1001', postalCode: '1016 GV' });
    let finish = () => {};
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${env.base}/api/portal/demo/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the body now: the request is in flight when SIGTERM arrives.
      req.write(body.slice(0, 10));
      finish = () => req.end(body.slice(10));
    });
    await new Promise((r) => setTimeout(r, 300));
    served.child.kill('SIGTERM');
    await eventually(() => served?.output().includes('shutting down'), 'the shutdown to start');
    // No new connections.
    await eventually(
      () =>
        fetch(`${env.base}/api/health`).then(
          () => false,
          () => true,
        ),
      'new connections to be refused',
    );
    finish();
    const res = await answer;
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text).order.orderNumber).toBe('#1001');
    expect(await served.exited).toBe(0);
    expect(served.output()).toContain('"msg":"stopped"');
  });

  it('a job still running past SHUTDOWN_TIMEOUT_MS goes back to the queue; after a crash the restarted process takes it back at once', async () => {
    // A merchant's webhook endpoint that takes the request and never answers.
    const seen: string[] = [];
    const closed: string[] = [];
    const hook = createServer((req) => {
      req.resume();
      const id = String(req.headers['retour-delivery-id']);
      seen.push(id);
      req.socket.on('close', () => closed.push(id));
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const settings = {
      RETOUR_ALLOW_HTTP_PROVIDERS: '1',
      RETOUR_PROVIDER_TIMEOUT_MS: '600000',
      SHUTDOWN_TIMEOUT_MS: '1000',
      RETOUR_WORKER_ID: 'fault-box',
    };
    try {
      served = await env.serve(settings);
      const key = env.apiKey();
      const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const endpoint = await fetch(`${env.base}/api/v1/webhooks`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: hookUrl, events: ['return.created'] }),
      });
      expect(endpoint.status, await endpoint.clone().text()).toBe(201);
      await createDemoReturn(env.base);
      const deliveryId = await eventually(() => seen[0], 'the webhook delivery to reach the endpoint');

      // SIGTERM while the delivery hangs: cut off after the grace, handed back, exit 0.
      expect(await served.stop()).toBe(0);
      expect(closed).toContain(deliveryId);
      const jobOf = async () => {
        const handle = openDatabase(env.databaseUrl);
        try {
          const rows = await handle.db.selectFrom('outbox').selectAll().where('topic', '=', 'webhook.deliver').execute();
          return rows.find((r) => JSON.parse(r.payload).deliveryId === deliveryId);
        } finally {
          await handle.close();
        }
      };
      expect(await jobOf()).toMatchObject({ doneAt: null, deadAt: null, lockedUntil: null, lockedBy: null, attempts: 0 });

      // Start again: it runs the job again (the attempt cut short did not count), then crashes.
      served = await env.serve(settings);
      await eventually(() => seen.length === 2, 'the delivery to be tried again after the restart');
      expect(await jobOf()).toMatchObject({ doneAt: null, lockedBy: 'fault-box', attempts: 1 });
      await served.kill();

      // The restarted process takes its own lease back at once: a third try, long before the
      // crashed process's 60 s lease would have run out (the log says how many it took back).
      served = await env.serve(settings);
      expect(served.output()).toMatch(/"jobs":1,.*"msg":"took back jobs leased before a restart"/);
      await eventually(() => seen.length === 3, 'the delivery to be tried again after the crash');
      expect(new Set(seen)).toEqual(new Set([deliveryId]));
      expect(await served.stop()).toBe(0);
    } finally {
      hook.closeAllConnections();
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });
});
