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

// Following the refund: Mollie calls the payment's webhook when the refund's status changes; we fetch
// GET /v2/payments/{tr}/refunds/{re}, store the status and write the end once (staff-only). A refund
// that stays on its way is checked again by `payment.refund_check` with growing waits, ten times.
const refundReads = (tr: string, re: string) =>
  mollie.requests.filter((r) => r.method === 'GET' && r.path === `/v2/payments/${tr}/refunds/${re}`);
const feeRefundEntries = async (shop: Awaited<ReturnType<typeof paidReturn>>['shop'], id: string) =>
  (await getReturn(shop.merchant, id)).timeline.filter((e: any) => e.type === 'fee_refund');
const paymentRow = (id: string) => h.ctx.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const checkJob = (paymentId: string) =>
  h.ctx.db.selectFrom('outbox').selectAll().where('dedupeKey', '=', `payment_refund_check:${paymentId}`).executeTakeFirstOrThrow();
const HOUR = 60 * MINUTE;

/** A cancelled paid return whose fee refund Mollie has accepted (status pending). */
async function refundedReturn() {
  const paid = await paidReturn();
  const cancel = await paid.shop.merchant.call('POST', `/api/v1/returns/${paid.r.id}/cancel`, {});
  expect(cancel.statusCode, cancel.body).toBe(200);
  for (let i = 0; i < 3; i++) await drainJobs(h.ctx); // return.event → payment.refund
  const re = mollie.payments.get(paid.tr)?.refunds[0]?.id as string;
  expect(re).toMatch(/^re_/);
  expect((await paymentRow(paid.payment.id)).refundStatus).toBe('pending');
  return { ...paid, re };
}

describe('following the fee refund', () => {
  // A harness of its own: the refunds left pending above are checked by jobs of their own.
  beforeAll(async () => {
    await h.close();
    await mollie.close();
    h = await startHarness();
    mollie = await startMollie(h);
  });
  it('a refund that Mollie completes is fetched on its webhook and written once for staff', async () => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    expect(await mollie.settleRefund(tr, re, 'refunded')).toBe(200);

    const reads = refundReads(tr, re);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(reads[0]?.headers['idempotency-key']).toBeUndefined();
    expect(reads[0]?.body).toBeNull();
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'paid', refundId: re, refundStatus: 'refunded' });
    const entries = await feeRefundEntries(shop, r.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'mollie', message: `Mollie has refunded the return fee of 2.95 EUR (${re}).` });
    // Staff-only: the shopper's page does not show it.
    expect((await r.view()).timeline.some((e: any) => e.type === 'fee_refund')).toBe(false);

    // A repeated webhook and the later check ask nothing more and write nothing more.
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    h.clock.advance(HOUR);
    await drainJobs(h.ctx);
    expect(refundReads(tr, re)).toHaveLength(1);
    expect(await feeRefundEntries(shop, r.id)).toHaveLength(1);
    expect((await checkJob(payment.id)).doneAt).not.toBeNull();
  });

  it.each(['failed', 'canceled'])('a %s refund tells staff to refund the fee by hand in Mollie', async (status) => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    expect(await mollie.settleRefund(tr, re, status)).toBe(200);
    expect((await paymentRow(payment.id)).refundStatus).toBe(status);
    const entries = await feeRefundEntries(shop, r.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.message).toBe(
      `Mollie could not refund the return fee of 2.95 EUR (${re} is ${status}). ` +
        `Refund it by hand in the Mollie dashboard (payment ${tr}) and let the shopper know.`,
    );
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect(await feeRefundEntries(shop, r.id)).toHaveLength(1);
    expect(refundReads(tr, re)).toHaveLength(1);
  });

  it('a refund still on its way is stored without a timeline entry', async () => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    expect(await mollie.settleRefund(tr, re, 'processing')).toBe(200);
    expect((await paymentRow(payment.id)).refundStatus).toBe('processing');
    expect(await feeRefundEntries(shop, r.id)).toEqual([]);
    expect(await mollie.settleRefund(tr, re, 'refunded')).toBe(200);
    expect(await feeRefundEntries(shop, r.id)).toHaveLength(1);
    expect(refundReads(tr, re)).toHaveLength(2);
  });

  it('answers 502 while Mollie cannot tell, so Mollie calls again; 429 is retried after Retry-After', async () => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    mollie.script({ status: 503, body: mollieError(503, 'Maintenance') });
    const refused = await mollie.settleRefund(tr, re, 'refunded');
    expect(refused).toBe(502);
    expect((await paymentRow(payment.id)).refundStatus).toBe('pending');
    mollie.script('hang');
    const timedOut = await webhook(h, shop.merchant.id, tr);
    expect(timedOut.statusCode).toBe(502);
    expect(json(timedOut).error).toMatchObject({ code: 'provider_error', details: { provider: 'mollie', kind: 'unavailable' } });
    mollie.script({ status: 429, body: mollieError(429, 'Slow down'), headers: { 'retry-after': '0' } });
    expect((await webhook(h, shop.merchant.id, tr)).statusCode).toBe(200);
    expect(refundReads(tr, re)).toHaveLength(4);
    expect((await paymentRow(payment.id)).refundStatus).toBe('refunded');
    expect(await feeRefundEntries(shop, r.id)).toHaveLength(1);
  });

  it('without a webhook, the check job asks Mollie with growing waits until the refund ends', async () => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    const first = await checkJob(payment.id);
    expect(first.topic).toBe('payment.refund_check');
    expect(first.payload).toBe(JSON.stringify({ paymentId: payment.id }));
    await drainJobs(h.ctx);
    expect(refundReads(tr, re)).toEqual([]); // not due yet

    h.clock.advance(15 * MINUTE);
    await drainJobs(h.ctx);
    expect(refundReads(tr, re)).toHaveLength(1);
    const waiting = await checkJob(payment.id);
    expect(waiting).toMatchObject({ doneAt: null, lastError: 'The refund is still pending.' });
    expect(Date.parse(waiting.availableAt) - h.ctx.now().getTime()).toBe(30 * MINUTE);

    // Mollie down at the next check: tried again later, nothing recorded.
    mollie.script({ status: 500, body: mollieError(500, 'Oops') });
    h.clock.advance(30 * MINUTE);
    await drainJobs(h.ctx);
    expect((await checkJob(payment.id)).lastError).toBe('Mollie is unavailable (Oops).');

    await mollie.settleRefund(tr, re, 'refunded', { notify: false });
    h.clock.advance(HOUR);
    await drainJobs(h.ctx);
    expect(refundReads(tr, re)).toHaveLength(3);
    expect((await paymentRow(payment.id)).refundStatus).toBe('refunded');
    expect(await feeRefundEntries(shop, r.id)).toHaveLength(1);
    expect((await checkJob(payment.id)).doneAt).not.toBeNull();
  });

  it('stops after ten checks and tells staff to look at the refund in Mollie', async () => {
    const { shop, r, tr, re, payment } = await refundedReturn();
    await mollie.settleRefund(tr, re, 'queued', { notify: false });
    for (let day = 0; day < 8; day++) {
      h.clock.advance(24 * HOUR);
      await drainJobs(h.ctx);
    }
    expect(refundReads(tr, re)).toHaveLength(8); // at most one check per drain
    for (let day = 0; day < 4; day++) {
      h.clock.advance(24 * HOUR);
      await drainJobs(h.ctx);
    }
    expect(refundReads(tr, re)).toHaveLength(10);
    expect((await checkJob(payment.id)).doneAt).not.toBeNull();
    expect((await paymentRow(payment.id)).refundStatus).toBe('queued');
    const entries = await feeRefundEntries(shop, r.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'system',
      message:
        `Mollie still shows the refund of the return fee (${re}) as queued after 10 checks. ` +
        `Look at payment ${tr} in the Mollie dashboard and refund the fee by hand if it does not go through.`,
    });
  });
});
