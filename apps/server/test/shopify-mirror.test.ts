// Returns of orders from a connected Shopify shop are mirrored into Shopify (one `shopify.mirror`
// job per change): request/create, approve, decline, cancel, the label and tracking number on the
// reverse fulfillment order, and staff refunds through returnProcess. Shopify's ids are kept on
// the return's staff-only timeline and used by the later steps. The local Shopify keeps its returns
// as state (fake-shopify-returns.ts), so a job that dies after Shopify acted (the answer is lost),
// or jobs run in reverse order, are shown to end with the same single Shopify return.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease, releaseLease } from '@retour/db/repos/leases';
import { pendingJobs } from '@retour/db/repos/outbox';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { runShopifyMirror } from '../src/jobs/shopify-mirror.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import { connectShop, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { createPortalReturn, eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
let shopify: FakeShopifyReturns;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});
beforeEach(() => {
  fake.received.length = 0;
  fake.dropAnswer.clear();
  // A fresh Shopify order 7001 (line items 70011 ×2, 70012 ×1, fulfilled) without returns.
  shopify = new FakeShopifyReturns(fake, [
    { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', lineItemId: 'gid://shopify/LineItem/70011', quantity: 2 },
    { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/502', lineItemId: 'gid://shopify/LineItem/70012', quantity: 1 },
  ]).install();
});

/** Runs jobs until none is due (jobs enqueue further jobs: return.event → shopify.mirror). */
async function settle() {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

const MUTATIONS = [
  'returnRequest',
  'returnCreate',
  'returnApproveRequest',
  'returnDeclineRequest',
  'returnCancel',
  'reverseDeliveryCreateWithShipping',
  'returnProcess',
];
const mutationCalls = () => fake.received.filter((r) => r.field && MUTATIONS.includes(r.field));

/** A shop connected to Shopify, with a Shopify order (line items 70011, 70012) and a portal return of one unit of the first. */
async function shopifyReturn(approval: 'manual' | 'automatic') {
  const shop = await setupShop(h, { approval });
  const { integration } = await connectShop(h, fake, shop.merchant, `shop-${Math.random().toString(36).slice(2, 8)}.myshopify.com`);
  const payload = orderPayload(h, {
    integration: integration.name,
    externalId: 'gid://shopify/Order/7001',
    items: [
      { externalId: 'gid://shopify/LineItem/70011', sku: 'TS-M', name: 'T-shirt', quantity: 2, unitPrice: eur('29.95') },
      { externalId: 'gid://shopify/LineItem/70012', sku: 'JN-32', name: 'Jeans', quantity: 1, unitPrice: eur('89.00') },
    ],
  });
  await shop.importOrders(payload);
  fake.received.length = 0;
  const created = await createPortalReturn(h, shop.slug, payload);
  expect(created.statusCode, created.body).toBe(201);
  const m = shop.merchant;
  return { shop, m, id: json(created).id as string };
}

const syncEntries = (ret: any) => ret.timeline.filter((e: any) => e.type === 'shop_sync');

describe('manual approval: request → approve (+ label) → refund', () => {
  it('mirrors each step with the ids Shopify returned', async () => {
    const { shop, m, id } = await shopifyReturn('manual');
    const marker = `[Retour ${(await getReturn(m, id)).reference}]`;
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([
      [
        'returnRequest',
        {
          input: {
            orderId: 'gid://shopify/Order/7001',
            returnLineItems: [
              { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, customerNote: `too_small ${marker}` },
            ],
          },
        },
      ],
    ]);
    expect(fake.graphqlCalls('returnableFulfillments')[0]?.variables).toEqual({ orderId: 'gid://shopify/Order/7001' });
    let ret = await getReturn(m, id);
    expect(syncEntries(ret)).toHaveLength(1);
    const [sr] = shopify.returns;
    expect(shopify.returns).toHaveLength(1);
    expect(sr?.status).toBe('REQUESTED');
    expect(syncEntries(ret)[0].data).toMatchObject({ shopifyReturnId: sr?.id });
    expect(ret.status).toBe('requested');

    fake.received.length = 0;
    expect((await m.call('POST', `/api/v1/returns/${id}/approve`)).statusCode).toBe(200);
    await settle();
    ret = await getReturn(m, id);
    expect(ret.label.trackingNumber).toBeTruthy();
    const [approve, delivery] = mutationCalls();
    expect(approve?.field).toBe('returnApproveRequest');
    expect(approve?.variables).toEqual({ input: { id: sr?.id, notifyCustomer: false } });
    expect(delivery?.field).toBe('reverseDeliveryCreateWithShipping');
    const { labelInput, ...rest } = delivery?.variables ?? {};
    expect(rest).toEqual({
      reverseFulfillmentOrderId: sr?.rfo?.id,
      reverseDeliveryLineItems: [{ reverseFulfillmentOrderLineItemId: sr?.rfo?.lineItems[0]?.id, quantity: 1 }],
      trackingInput: { number: ret.label.trackingNumber },
    });
    expect(labelInput.fileUrl).toMatch(new RegExp(`^http://retour\\.test/api/portal/${shop.slug}/returns/${id}/label\\?format=a4&access=`));
    // Shopify can fetch the label from that URL.
    const label = await h.app.inject({ method: 'GET', url: String(labelInput.fileUrl).replace('http://retour.test', '') });
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toContain('application/pdf');
    expect(
      syncEntries(ret)
        .map((e: any) => e.data.reverseDeliveryId)
        .filter(Boolean),
    ).toEqual([sr?.deliveries[0]?.id]);
    expect(sr?.deliveries).toHaveLength(1);

    fake.received.length = 0;
    await receiveAll(m, ret);
    const refunded = await m.call('POST', `/api/v1/returns/${id}/refunds`, {});
    expect(refunded.statusCode, refunded.body).toBe(201);
    await settle();
    expect(fake.graphqlCalls('order')[0]?.variables).toEqual({ id: 'gid://shopify/Order/7001' });
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([
      [
        'returnProcess',
        {
          input: {
            returnId: sr?.id,
            returnLineItems: [{ id: sr?.lines[0]?.id, quantity: 1 }],
            financialTransfer: {
              issueRefund: {
                orderTransactions: [
                  { parentId: 'gid://shopify/OrderTransaction/2', transactionAmount: { amount: '29.95', currencyCode: 'EUR' } },
                ],
              },
            },
            notifyCustomer: false,
          },
        },
      ],
    ]);

    // Nothing is mirrored twice, and the shopper never sees the sync entries.
    fake.received.length = 0;
    await settle();
    expect(mutationCalls()).toEqual([]);
    const shopper = await h.app.inject({
      method: 'GET',
      url: String(labelInput.fileUrl).replace('http://retour.test', '').replace('/label?format=a4&', '?'),
    });
    expect(shopper.statusCode, shopper.body).toBe(200);
    expect(shopper.body).not.toContain('shop_sync');
  });
});

describe('other steps', () => {
  it('automatic approval creates an open return with the label', async () => {
    const { m, id } = await shopifyReturn('automatic');
    const marker = `[Retour ${(await getReturn(m, id)).reference}]`;
    await settle();
    const calls = mutationCalls();
    expect(calls.map((c) => c.field)).toEqual(['returnCreate', 'reverseDeliveryCreateWithShipping']);
    expect(calls[0]?.variables).toEqual({
      returnInput: {
        orderId: 'gid://shopify/Order/7001',
        requestedAt: (await getReturn(m, id)).createdAt,
        returnLineItems: [
          { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, returnReasonNote: `too_small ${marker}` },
        ],
      },
    });

    // A tracking update queues the label step, which finds the reverse delivery already made.
    fake.received.length = 0;
    const tracked = await m.call('POST', `/api/v1/returns/${id}/events`, { at: h.clock.now.toISOString(), status: 'in_transit' });
    expect(tracked.statusCode, tracked.body).toBe(201);
    await settle();
    expect((await getReturn(m, id)).status).toBe('in_transit');
    expect(mutationCalls()).toEqual([]);
    expect(syncEntries(await getReturn(m, id)).map((e: any) => e.data.step.split(':')[0])).toEqual(['return', 'delivery']);
    expect(shopify.returns.map((r) => [r.status, r.deliveries.length])).toEqual([['OPEN', 1]]);
  });

  it('reject declines and cancel cancels the Shopify return', async () => {
    const rejected = await shopifyReturn('manual');
    await settle();
    fake.received.length = 0;
    expect((await rejected.m.call('POST', `/api/v1/returns/${rejected.id}/reject`, { reason: 'Worn' })).statusCode).toBe(200);
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([
      ['returnDeclineRequest', { input: { id: shopify.returns[0]?.id, declineReason: 'OTHER', notifyCustomer: false } }],
    ]);
    expect(shopify.returns.map((r) => r.status)).toEqual(['DECLINED']);

    shopify = new FakeShopifyReturns(fake, shopify.returnable).install();

    const cancelled = await shopifyReturn('manual');
    await settle();
    fake.received.length = 0;
    expect((await cancelled.m.call('POST', `/api/v1/returns/${cancelled.id}/cancel`, {})).statusCode).toBe(200);
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([['returnCancel', { id: shopify.returns[0]?.id }]]);
    expect(shopify.returns.map((r) => r.status)).toEqual(['CANCELED']);
  });

  it('keeps retrying when Shopify refuses (userErrors) and records nothing', async () => {
    fake.handle('returnRequest', () => ({
      returnRequest: {
        return: null,
        userErrors: [{ field: ['input', 'returnLineItems'], message: 'Quantity is not returnable', code: 'INVALID' }],
      },
    }));
    const { shop, m, id } = await shopifyReturn('manual');
    await settle();
    expect(syncEntries(await getReturn(m, id))).toEqual([]);
    const [job] = await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror');
    expect(job?.lastError).toMatch(/Quantity is not returnable/);
  });

  it('does nothing for returns of orders from other sources', async () => {
    const shop = await setupShop(h, { approval: 'manual' });
    await connectShop(h, fake, shop.merchant, 'unrelated.myshopify.com');
    const payload = orderPayload(h);
    await shop.importOrders(payload);
    fake.received.length = 0;
    expect((await createPortalReturn(h, shop.slug, payload)).statusCode).toBe(201);
    await settle();
    expect(fake.received).toEqual([]);
    expect(await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror')).toEqual([]);
  });
});

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
      const jobs = await pendingJobs(h.ctx.db, shop.merchant.id, 'shopify.mirror');
      expect(jobs.map((j) => j.payload.step)).toEqual(['request', 'approve', 'refund']);
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
