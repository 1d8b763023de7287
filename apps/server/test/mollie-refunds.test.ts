// A paid return fee goes back when the return is cancelled: the return.event listener enqueues
// payment.refund, whose job calls POST /v2/payments/{id}/refunds (Idempotency-Key = our payment id),
// stores the refund and writes it on the timeline. A payment that arrives for a return that no
// longer needs it (cancelled meanwhile) is refunded the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn } from './merchant-helpers.ts';
import { awaitingReturn, paidShop, paymentIdOf, startMollie, TEST_KEY, webhook } from './mollie-helpers.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { type MollieServer, mollieError } from './support/mollie-server.ts';

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

const refundCalls = (tr: string) => mollie.requests.filter((r) => r.path === `/v2/payments/${tr}/refunds`);
const MINUTE = 60_000;
/** Runs the worker until nothing is due (moving the clock past retry backoffs). */
async function settleJobs() {
  for (let i = 0; i < 6; i++) {
    await drainJobs(h.ctx);
    h.clock.advance(2 * MINUTE);
  }
}

async function paidReturn() {
  const shop = await paidShop(h);
  const r = await awaitingReturn(h, shop);
  const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
  mollie.setStatus(tr, 'paid');
  expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
  expect((await r.view()).status).toBe('open');
  const [payment] = await h.ctx.db.selectFrom('payments').selectAll().where('returnId', '=', r.id).execute();
  return { shop, r, tr, payment: payment as NonNullable<typeof payment> };
}

describe('refunding a paid fee', () => {
  it('cancelling a paid return refunds the fee once and records it on the timeline', async () => {
    const { shop, r, tr, payment } = await paidReturn();
    const cancel = await shop.merchant.call('POST', `/api/v1/returns/${r.id}/cancel`, { reason: 'Changed my mind' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await settleJobs();

    const calls = refundCalls(tr);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(calls[0]?.headers['idempotency-key']).toBe(payment.id);
    expect(calls[0]?.body).toEqual({ amount: { currency: 'EUR', value: '2.95' }, description: 'Refund of the return fee' });

    const refund = mollie.payments.get(tr)?.refunds[0];
    const row = await h.ctx.db.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'paid', refundId: refund?.id, refundStatus: 'pending' });
    const ret = await getReturn(shop.merchant, r.id);
    expect(ret.status).toBe('cancelled');
    const entries = ret.timeline.filter((e: any) => e.type === 'fee_refunded');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'system',
      message: `Return fee of 2.95 EUR refunded through Mollie (${refund?.id}, pending).`,
    });

    // Nothing runs twice.
    await settleJobs();
    expect(refundCalls(tr)).toHaveLength(1);
  });

  it('retries the refund job when Mollie fails, with the same Idempotency-Key', async () => {
    const { shop, r, tr, payment } = await paidReturn();
    await shop.merchant.call('POST', `/api/v1/returns/${r.id}/cancel`, {});
    await drainJobs(h.ctx); // return.event → enqueues payment.refund
    mollie.script({ status: 503, body: mollieError(503, 'Maintenance') });
    await settleJobs();
    const calls = refundCalls(tr);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([payment.id, payment.id]);
    expect((await getReturn(shop.merchant, r.id)).timeline.filter((e: any) => e.type === 'fee_refunded')).toHaveLength(1);
  });

  it('refunds nothing for a cancelled return whose fee was never paid', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    await shop.merchant.call('POST', `/api/v1/returns/${r.id}/cancel`, {});
    await settleJobs();
    expect(refundCalls(tr)).toEqual([]);
  });

  it('a payment that arrives after the return was cancelled is refunded, and the return stays cancelled', async () => {
    const shop = await paidShop(h);
    const r = await awaitingReturn(h, shop);
    const tr = paymentIdOf(json(await r.pay()).checkoutUrl);
    const cancel = await shop.merchant.call('POST', `/api/v1/returns/${r.id}/cancel`, {});
    expect(cancel.statusCode, cancel.body).toBe(200);
    mollie.setStatus(tr, 'paid');
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    await settleJobs();
    expect(refundCalls(tr)).toHaveLength(1);
    const ret = await getReturn(shop.merchant, r.id);
    expect(ret.status).toBe('cancelled');
    expect(ret.timeline.filter((e: any) => e.type === 'fee_refunded')).toHaveLength(1);
  });
});
