// Returns of orders from a connected Shopify shop are mirrored into Shopify (one `shopify.mirror`
// job per change): request/create, approve, decline, cancel, the label and tracking number on the
// reverse fulfillment order, and staff refunds through returnProcess. Shopify's ids are kept on
// the return's staff-only timeline and used by the later steps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingJobs } from '@retour/db/repos/outbox';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { connectShop, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { createPortalReturn, eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
  const rfo = {
    id: 'gid://shopify/ReverseFulfillmentOrder/3',
    lineItems: { nodes: [{ id: 'gid://shopify/ReverseFulfillmentOrderLineItem/31', totalQuantity: 1 }] },
  };
  const shopifyReturn = (status: string, withRfo: boolean) => ({
    id: 'gid://shopify/Return/9',
    status,
    reverseFulfillmentOrders: { nodes: withRfo ? [rfo] : [] },
    returnLineItems: { nodes: [{ id: 'gid://shopify/ReturnLineItem/91', quantity: 1 }] },
  });
  fake.handle('returnableFulfillments', () => ({
    returnableFulfillments: {
      nodes: [
        {
          id: 'gid://shopify/ReturnableFulfillment/1',
          returnableFulfillmentLineItems: {
            nodes: [
              {
                quantity: 2,
                fulfillmentLineItem: { id: 'gid://shopify/FulfillmentLineItem/501', lineItem: { id: 'gid://shopify/LineItem/70011' } },
              },
              {
                quantity: 1,
                fulfillmentLineItem: { id: 'gid://shopify/FulfillmentLineItem/502', lineItem: { id: 'gid://shopify/LineItem/70012' } },
              },
            ],
          },
        },
      ],
    },
  }));
  fake.handle('returnRequest', () => ({ returnRequest: { return: shopifyReturn('REQUESTED', false), userErrors: [] } }));
  fake.handle('returnCreate', () => ({ returnCreate: { return: shopifyReturn('OPEN', true), userErrors: [] } }));
  fake.handle('returnApproveRequest', () => ({ returnApproveRequest: { return: shopifyReturn('OPEN', true), userErrors: [] } }));
  fake.handle('returnDeclineRequest', (v) => ({
    returnDeclineRequest: { return: { id: v.input.id, status: 'DECLINED' }, userErrors: [] },
  }));
  fake.handle('returnCancel', (v) => ({ returnCancel: { return: { id: v.id, status: 'CANCELED' }, userErrors: [] } }));
  fake.handle('reverseDeliveryCreateWithShipping', () => ({
    reverseDeliveryCreateWithShipping: { reverseDelivery: { id: 'gid://shopify/ReverseDelivery/4' }, userErrors: [] },
  }));
  fake.handle('order', (v) => ({
    order: {
      id: v.id,
      transactions: [
        {
          id: 'gid://shopify/OrderTransaction/1',
          kind: 'AUTHORIZATION',
          status: 'SUCCESS',
          gateway: 'shopify_payments',
          amountSet: { shopMoney: { amount: '148.90', currencyCode: 'EUR' } },
        },
        {
          id: 'gid://shopify/OrderTransaction/2',
          kind: 'SALE',
          status: 'SUCCESS',
          gateway: 'shopify_payments',
          amountSet: { shopMoney: { amount: '148.90', currencyCode: 'EUR' } },
        },
      ],
    },
  }));
  fake.handle('returnProcess', (v) => ({ returnProcess: { return: { id: v.input.returnId, status: 'CLOSED' }, userErrors: [] } }));
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});
beforeEach(() => {
  fake.received.length = 0;
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
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([
      [
        'returnRequest',
        {
          input: {
            orderId: 'gid://shopify/Order/7001',
            returnLineItems: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, customerNote: 'too_small' }],
          },
        },
      ],
    ]);
    expect(fake.graphqlCalls('returnableFulfillments')[0]?.variables).toEqual({ orderId: 'gid://shopify/Order/7001' });
    let ret = await getReturn(m, id);
    expect(syncEntries(ret)).toHaveLength(1);
    expect(syncEntries(ret)[0].data).toMatchObject({ shopifyReturnId: 'gid://shopify/Return/9' });
    expect(ret.status).toBe('requested');

    fake.received.length = 0;
    expect((await m.call('POST', `/api/v1/returns/${id}/approve`)).statusCode).toBe(200);
    await settle();
    ret = await getReturn(m, id);
    expect(ret.label.trackingNumber).toBeTruthy();
    const [approve, delivery] = mutationCalls();
    expect(approve?.field).toBe('returnApproveRequest');
    expect(approve?.variables).toEqual({ input: { id: 'gid://shopify/Return/9', notifyCustomer: false } });
    expect(delivery?.field).toBe('reverseDeliveryCreateWithShipping');
    const { labelInput, ...rest } = delivery?.variables ?? {};
    expect(rest).toEqual({
      reverseFulfillmentOrderId: 'gid://shopify/ReverseFulfillmentOrder/3',
      reverseDeliveryLineItems: [{ reverseFulfillmentOrderLineItemId: 'gid://shopify/ReverseFulfillmentOrderLineItem/31', quantity: 1 }],
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
    ).toEqual(['gid://shopify/ReverseDelivery/4']);

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
            returnId: 'gid://shopify/Return/9',
            returnLineItems: [{ id: 'gid://shopify/ReturnLineItem/91', quantity: 1 }],
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
    await settle();
    const calls = mutationCalls();
    expect(calls.map((c) => c.field)).toEqual(['returnCreate', 'reverseDeliveryCreateWithShipping']);
    expect(calls[0]?.variables).toEqual({
      returnInput: {
        orderId: 'gid://shopify/Order/7001',
        requestedAt: (await getReturn(m, id)).createdAt,
        returnLineItems: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, returnReasonNote: 'too_small' }],
      },
    });

    // A tracking update queues the label step, which finds the reverse delivery already made.
    fake.received.length = 0;
    const tracked = await m.call('POST', `/api/v1/returns/${id}/events`, { at: h.clock.now.toISOString(), status: 'in_transit' });
    expect(tracked.statusCode, tracked.body).toBe(201);
    await settle();
    expect((await getReturn(m, id)).status).toBe('in_transit');
    expect(mutationCalls()).toEqual([]);
    expect(syncEntries(await getReturn(m, id)).map((e: any) => e.data.step.split(':')[0])).toEqual(['create', 'label']);
  });

  it('reject declines and cancel cancels the Shopify return', async () => {
    const rejected = await shopifyReturn('manual');
    await settle();
    fake.received.length = 0;
    expect((await rejected.m.call('POST', `/api/v1/returns/${rejected.id}/reject`, { reason: 'Worn' })).statusCode).toBe(200);
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([
      ['returnDeclineRequest', { input: { id: 'gid://shopify/Return/9', declineReason: 'OTHER', notifyCustomer: false } }],
    ]);

    const cancelled = await shopifyReturn('manual');
    await settle();
    fake.received.length = 0;
    expect((await cancelled.m.call('POST', `/api/v1/returns/${cancelled.id}/cancel`, {})).statusCode).toBe(200);
    await settle();
    expect(mutationCalls().map((c) => [c.field, c.variables])).toEqual([['returnCancel', { id: 'gid://shopify/Return/9' }]]);
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
