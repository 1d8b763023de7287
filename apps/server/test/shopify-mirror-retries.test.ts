// The Shopify mirror under retries and disorder: the local Shopify keeps its returns as state
// (fake-shopify-returns.ts), so a job that dies after Shopify acted (the answer is lost), jobs run
// in reverse order, or a return held by another worker are shown to end with one Shopify return.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, releaseLease } from '@retour/db/repos/leases';
import { pendingJobs } from '@retour/db/repos/outbox';
import { runShopifyMirror } from '../src/jobs/shopify-mirror.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import type { FakeShopify } from './shopify-helpers.ts';
import { mirrorSteps, RETURNABLE, startMirrorShop, syncEntries } from './shopify-mirror-support.ts';
import type { Harness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
let shopify: FakeShopifyReturns;
beforeAll(async () => {
  ({ h, fake } = await startMirrorShop());
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.dropAnswer.clear();
  shopify = new FakeShopifyReturns(fake, RETURNABLE).install();
});
const { settle, mutationCalls, shopifyReturn } = mirrorSteps(() => ({ h, fake }));

describe('retries and out-of-order jobs', () => {
  /** Lets the failed jobs' backoff pass, then runs what is due. */
  async function retryLater() {
    h.clock.advance(30 * 60_000);
    await settle();
  }
  const calls = (field: string) => fake.graphqlCalls(field).length;
  beforeEach(async () => {
    // Jobs still retrying from earlier tests (other shops, same order id) finish first.
    await retryLater();
    await retryLater();
    fake.received.length = 0;
    shopify = new FakeShopifyReturns(fake, shopify.returnable).install();
  });

  it('a job that dies after Shopify acted adopts what Shopify made instead of making it again', async () => {
    // The request: Shopify creates the return, the answer never arrives, the job fails.
    fake.dropAnswer.add('returnRequest');
    const { shop, m, id } = await shopifyReturn('manual');
    const marker = `[Retour ${(await getReturn(m, id)).reference}]`;
    await settle();
    expect(shopify.returns).toHaveLength(1);
    expect(syncEntries(await getReturn(m, id))).toEqual([]);
    expect((await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror'))[0]?.lastError).toBeTruthy();
    await retryLater();
    // The retry looked on the order, found the return carrying our reference and kept it.
    expect(fake.graphqlCalls('order').at(-1)?.variables).toEqual({ id: 'gid://shopify/Order/7001' });
    expect(calls('returnRequest')).toBe(1);
    expect(shopify.returns).toHaveLength(1);
    expect(shopify.returns[0]?.lines[0]?.customerNote).toBe(`too_small ${marker}`);
    const [sr] = shopify.returns;
    expect(syncEntries(await getReturn(m, id)).map((e: any) => e.data.shopifyReturnId)).toEqual([sr?.id]);

    // The label: the reverse delivery is made, the answer is lost; the retry finds it on the return.
    fake.dropAnswer.add('reverseDeliveryCreateWithShipping');
    expect((await m.call('POST', `/api/v1/returns/${id}/approve`)).statusCode).toBe(200);
    await settle();
    await retryLater();
    expect(calls('returnApproveRequest')).toBe(1);
    expect(calls('reverseDeliveryCreateWithShipping')).toBe(1);
    expect(sr?.deliveries.map((d) => d.tracking)).toEqual([(await getReturn(m, id)).label.trackingNumber]);

    // The refund: Shopify refunds, the answer is lost; the retry sees the refund on the return.
    await receiveAll(m, await getReturn(m, id));
    fake.dropAnswer.add('returnProcess');
    expect((await m.call('POST', `/api/v1/returns/${id}/refunds`, {})).statusCode).toBe(201);
    await settle();
    await retryLater();
    expect(calls('returnProcess')).toBe(1);
    expect(sr?.refunds.map((r) => r.amount)).toEqual(['29.95']);
    expect(sr?.status).toBe('CLOSED');
    expect(await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).toEqual([]);
  });

  it('an open return created twice over a lost answer is still one Shopify return', async () => {
    fake.dropAnswer.add('returnCreate');
    const { m, id } = await shopifyReturn('automatic');
    await settle();
    await retryLater();
    expect(calls('returnCreate')).toBe(1);
    expect(shopify.returns.map((r) => [r.status, r.deliveries.length])).toEqual([['OPEN', 1]]);
    expect(syncEntries(await getReturn(m, id)).map((e: any) => e.data.step.split(':')[0])).toEqual(['return', 'delivery']);
  });

  /** Request → approve → receive → refund on our side; Shopify's jobs run as they come, or all afterwards in reverse. */
  async function journey(order: 'forward' | 'reverse') {
    shopify = new FakeShopifyReturns(fake, shopify.returnable).install();
    fake.received.length = 0;
    const up = h.ctx.providers;
    const { shop, m, id } = await shopifyReturn('manual');
    // Shopify unreachable from here: every mirror job fails and waits for its retry.
    if (order === 'reverse') h.ctx.providers = { ...up, shopifyOrigin: () => 'http://127.0.0.1:9' };
    try {
      await settle();
      expect((await m.call('POST', `/api/v1/returns/${id}/approve`)).statusCode).toBe(200);
      await settle();
      await receiveAll(m, await getReturn(m, id));
      await settle();
      expect((await m.call('POST', `/api/v1/returns/${id}/refunds`, {})).statusCode).toBe(201);
      await settle();
    } finally {
      h.ctx.providers = up;
    }
    if (order === 'reverse') {
      // The three jobs share one creation instant (the test clock stands still): put them in the
      // order the return's changes made them, then run them backwards.
      const STEPS = ['request', 'approve', 'refund'];
      const jobs = (await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).sort(
        (a, b) => STEPS.indexOf(String(a.payload.step)) - STEPS.indexOf(String(b.payload.step)),
      );
      expect(jobs.map((j) => j.payload.step)).toEqual(STEPS);
      for (const job of jobs.reverse()) await runShopifyMirror(h.ctx, shop.merchant.id, job.payload);
      // Their retries (and any duplicate) find nothing left to do.
      const before = mutationCalls().length;
      await retryLater();
      expect(mutationCalls()).toHaveLength(before);
    }
    expect(await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).toEqual([]);
    const ret = await getReturn(m, id);
    const marker = `[Retour ${ret.reference}]`;
    return {
      mutations: mutationCalls().map((c) => c.field),
      shopify: shopify.returns.map((r) => ({
        status: r.status,
        lines: r.lines.map((l) => [l.fulfillmentLineItemId, l.quantity, l.processed, `${l.customerNote ?? ''}${l.note}`.includes(marker)]),
        deliveries: r.deliveries.map((d) => d.tracking === ret.label.trackingNumber && Boolean(d.fileUrl)),
        refunds: r.refunds.map((x) => `${x.amount} ${x.currencyCode}`),
      })),
    };
  }

  it('jobs run in reverse order reach the same Shopify return, each call made once', async () => {
    const forward = await journey('forward');
    const reverse = await journey('reverse');
    expect(forward.shopify).toEqual([
      {
        status: 'CLOSED',
        lines: [['gid://shopify/FulfillmentLineItem/501', 1, 1, true]],
        deliveries: [true],
        refunds: ['29.95 EUR'],
      },
    ]);
    expect(reverse.shopify).toEqual(forward.shopify);
    expect(forward.mutations).toEqual(['returnRequest', 'returnApproveRequest', 'reverseDeliveryCreateWithShipping', 'returnProcess']);
    // Reverse: the refund job found no Shopify return and created it open, as ours is now.
    expect(reverse.mutations).toEqual(['returnCreate', 'reverseDeliveryCreateWithShipping', 'returnProcess']);
  });

  it('a decline that runs before the request leaves nothing in Shopify and stops retrying', async () => {
    const up = h.ctx.providers;
    const { shop, m, id } = await shopifyReturn('manual');
    h.ctx.providers = { ...up, shopifyOrigin: () => 'http://127.0.0.1:9' };
    try {
      await settle();
      expect((await m.call('POST', `/api/v1/returns/${id}/reject`, { reason: 'Worn' })).statusCode).toBe(200);
      await settle();
    } finally {
      h.ctx.providers = up;
    }
    const jobs = await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror');
    expect(jobs.map((j) => j.payload.step)).toEqual(['request', 'decline']);
    for (const job of jobs.reverse()) await runShopifyMirror(h.ctx, shop.merchant.id, job.payload);
    await retryLater();
    expect(mutationCalls()).toEqual([]);
    expect(shopify.returns).toEqual([]);
    expect(await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).toEqual([]);
  });

  it('a return held by another worker waits its turn (lease), then mirrors once', async () => {
    const { shop, m, id } = await shopifyReturn('automatic');
    const lease = `shopify.mirror:${shop.merchant.id}:${id}`;
    const until = new Date(h.clock.now.getTime() + 60_000).toISOString();
    expect(await acquireLease(h.ctx.db, lease, 'other-worker', h.clock.now.toISOString(), until)).toBe(true);
    await settle();
    expect(mutationCalls()).toEqual([]);
    const [waiting] = await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror');
    expect(waiting?.lastError).toMatch(/Another worker is mirroring this return/);
    await releaseLease(h.ctx.db, lease, 'other-worker');
    h.clock.advance(5_000);
    await settle();
    expect(mutationCalls().map((c) => c.field)).toEqual(['returnCreate', 'reverseDeliveryCreateWithShipping']);
    expect(shopify.returns).toHaveLength(1);
    expect(await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).toEqual([]);
    expect(syncEntries(await getReturn(m, id)).length).toBeGreaterThan(0);
  });
});
