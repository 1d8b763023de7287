// Returns of orders from a connected Shopify shop are mirrored into Shopify (one `shopify.mirror`
// job per change): request/create, approve, decline, cancel, the label and tracking number on the
// reverse fulfillment order, and staff refunds through returnProcess. Shopify's ids are kept on
// the return's staff-only timeline and used by the later steps. Retries and job order:
// shopify-mirror-retries.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingJobs } from '@retour/db/repos/outbox';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import { connectShop, type FakeShopify } from './shopify-helpers.ts';
import { mirrorSteps, RETURNABLE, startMirrorShop, syncEntries } from './shopify-mirror-support.ts';
import { createPortalReturn, orderPayload, setupShop } from './support/fixtures.ts';
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

  it('an expired return (label never used) cancels its open Shopify return', async () => {
    const { m, id } = await shopifyReturn('automatic', { expiryDays: 10 });
    await settle();
    expect(shopify.returns.map((r) => r.status)).toEqual(['OPEN']);
    fake.received.length = 0;
    h.clock.advance(12 * 24 * 3_600_000);
    await settle();
    expect((await getReturn(m, id)).status).toBe('expired');
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
