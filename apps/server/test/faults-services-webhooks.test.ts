// A merchant's webhook endpoint answering 500, then not answering (timeouts), then OK (issue #16
// items 2 and 6), on a real `retour serve`: the delivery waits in the outbox with its error shown,
// the back office's Retry (POST /api/v1/jobs/{id}/retry) moves it on without waiting out the
// 1- and 5-minute pauses, the server never exits, and the event arrives once it is accepted —
// never again after that. (The schedule itself, minutes to a day, is covered with a movable clock
// in webhooks-delivery.test.ts.)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoReturn, eventually, type Served, serveDatabase } from './support/serve-process.ts';

let served: Served | null = null;
let env: Awaited<ReturnType<typeof serveDatabase>>;
beforeAll(async () => {
  env = await serveDatabase('webhook-faults');
});
afterAll(async () => {
  if (served && served.child.exitCode === null) await served.kill();
  await env.remove();
});

type Job = { id: string; topic: string; attempts: number; lastError: string | null; running: boolean; nextAttemptAt: string | null };

describe("a merchant's webhook endpoint failing, then hanging, then recovering", { timeout: 120_000 }, () => {
  it('keeps the delivery waiting with its error and delivers it once when the endpoint answers', { timeout: 180_000 }, async () => {
    const answers: ('500' | 'hang' | '200')[] = ['500', 'hang', '200'];
    const got: { delivery: string; event: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        got.push({ delivery: String(req.headers['retour-delivery-id']), event: JSON.parse(body).id });
        const answer = answers.length > 1 ? answers.shift() : answers[0];
        if (answer === 'hang') return;
        res.writeHead(answer === '500' ? 500 : 200, { 'content-type': 'text/plain' });
        res.end(answer === '500' ? 'database is down' : 'ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      served = await env.serve({ RETOUR_ALLOW_HTTP_PROVIDERS: '1', RETOUR_PROVIDER_TIMEOUT_MS: '500' });
      const call = async <T>(method: string, path: string, body?: unknown) => {
        const res = await fetch(`${env.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${env.apiKey()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as T };
      };
      const endpoint = await call<{ id: string }>('POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
        events: ['return.created'],
      });
      expect(endpoint.status).toBe(201);
      await createDemoReturn(env.base);
      const waitingDelivery = async (error: RegExp) =>
        eventually(async () => {
          const { body } = await call<{ data: Job[] }>('GET', '/api/v1/jobs?state=waiting');
          const job = body.data.find((j) => j.topic === 'webhook.deliver');
          return job && !job.running && job.lastError !== null && error.test(job.lastError) ? job : null;
        }, `the delivery to wait with ${error}`);

      // 1. 500: waiting, with the answer and the next try a minute away.
      const afterFailure = await waitingDelivery(/answered 500/);
      expect(afterFailure.attempts).toBe(1);
      expect(Date.parse(afterFailure.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() + 30_000);
      // 2. Retry now: the endpoint does not answer; the provider timeout ends the try.
      expect((await call('POST', `/api/v1/jobs/${afterFailure.id}/retry`)).status).toBe(200);
      const afterTimeout = await waitingDelivery(/No response within 500 ms/);
      expect(afterTimeout).toMatchObject({ id: afterFailure.id, attempts: 2 });
      expect(served.child.exitCode).toBeNull();
      expect((await fetch(`${env.base}/api/health`)).ok).toBe(true);
      // 3. Retry now: accepted.
      expect((await call('POST', `/api/v1/jobs/${afterFailure.id}/retry`)).status).toBe(200);
      const deliveries = await eventually(async () => {
        const { body } = await call<{ data: { status: string; attempts: number }[] }>(
          'GET',
          `/api/v1/webhooks/${endpoint.body.id}/deliveries`,
        );
        return body.data[0]?.status === 'succeeded' && body.data;
      }, 'the delivery to succeed');
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]?.attempts).toBe(3);
      expect(
        (await call<{ data: Job[] }>('GET', '/api/v1/jobs?state=waiting')).body.data.filter((j) => j.topic === 'webhook.deliver'),
      ).toEqual([]);
      expect(await served.stop()).toBe(0);
      // Three tries of the one delivery of the one event; nothing after it was accepted.
      expect(got).toHaveLength(3);
      expect(new Set(got.map((g) => g.delivery)).size).toBe(1);
      expect(new Set(got.map((g) => g.event)).size).toBe(1);
    } finally {
      hook.closeAllConnections();
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });
});
