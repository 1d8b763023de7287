// Mollie answering 500, then not answering, then OK while a paid return fee is refunded (issue #16
// items 2 and 6), with the harness's movable clock instead of real minutes: the refund job waits in
// the outbox with backoff and its error shown, the hanging call is cut off by the job's own timeout
// (its AbortSignal reaches the Mollie client), and exactly one refund is made — every try carries
// the same Idempotency-Key — and recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn } from './merchant-helpers.ts';
import { awaitingReturn, paidShop, paymentIdOf, startMollie, webhook } from './mollie-helpers.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import type { MollieServer } from './support/mollie-server.ts';

let h: Harness;
let mollie: MollieServer;
beforeAll(async () => {
  h = await startHarness();
  mollie = await startMollie(h);
});
afterAll(async () => {
  await h.close();
  await mollie.close();
});

describe('Mollie down while a fee is refunded', { timeout: 120_000 }, () => {
  it('waits with backoff through a 500 and a hang, then refunds once', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    mollie.setStatus(tr, 'paid');
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    const refundCalls = () => mollie.requests.filter((q) => q.path === `/v2/payments/${tr}/refunds`);
    // The provider would wait a minute; the job gives it 300 ms.
    h.ctx.providers = { ...h.ctx.providers, timeoutMs: 60_000 };
    h.ctx.jobTimeoutMs = 300;

    mollie.script({ status: 500 }, 'hang');
    expect((await shop.merchant.call('POST', `/api/v1/returns/${r.id}/cancel`, {})).statusCode).toBe(200);
    await drainJobs(h.ctx); // return.event → payment.refund (500)
    await drainJobs(h.ctx);
    const waiting = async () => {
      const res = await shop.merchant.call('GET', '/api/v1/jobs?state=waiting');
      return (json(res).data as { topic: string; attempts: number; lastError: string | null; nextAttemptAt: string }[]).find(
        (j) => j.topic === 'payment.refund',
      );
    };
    const first = await waiting();
    expect(first).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/Mollie/) });
    expect(Date.parse(first?.nextAttemptAt ?? '')).toBe(h.clock.now.getTime() + backoffMs(1));
    expect(refundCalls()).toHaveLength(1);

    h.clock.advance(backoffMs(1));
    await drainJobs(h.ctx); // hangs; cut off after 300 ms
    expect(await waiting()).toMatchObject({ attempts: 2, lastError: 'timed out after 0.3 s' });
    expect(refundCalls()).toHaveLength(2);

    h.clock.advance(backoffMs(2));
    for (let i = 0; i < 3; i++) await drainJobs(h.ctx);
    expect(await waiting()).toBeUndefined();
    const calls = refundCalls();
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['idempotency-key'])).size).toBe(1);
    expect(mollie.payments.get(tr)?.refunds).toHaveLength(1);
    const ret = await getReturn(shop.merchant, r.id);
    expect(ret.timeline.filter((e: { type: string }) => e.type === 'fee_refunded')).toHaveLength(1);

    // Nothing more, however long we wait.
    for (let i = 0; i < 5; i++) {
      h.clock.advance(3_600_000);
      await drainJobs(h.ctx, 50, ['payment.refund_check']);
    }
    expect(refundCalls()).toHaveLength(3);
  });
});
