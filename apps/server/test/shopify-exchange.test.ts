// Exchanges in Shopify (issue #14 item 4): a shopper of a Shopify order exchanges a T-shirt M for
// an L in the portal; at the moment the portal's replacement timing names, the replacement job
// quotes it (returnCalculate), creates the Shopify return with the L as exchange line at its full
// price (returnCreate, no discount of its own: the returned M pays for it), processes it
// (returnProcess) and releases the exchange's AWAITING_PAYMENT hold only when what the shopper paid
// covers Shopify's balance. Created once even when Shopify answers 5xx or its answer is lost.
// The fake enforces the published shapes (fake-shopify-exchanges.ts names its references).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingJobs } from '@retour/db/repos/outbox';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import { FakeShopifyExchanges } from '../../../packages/integrations/test/support/fake-shopify-exchanges.ts';
import { FakeShopifyReturns } from '../../../packages/integrations/test/support/fake-shopify-returns.ts';
import { composeEmail } from '../src/emails/compose.ts';
import { getReturn, receiveAll } from './merchant-helpers.ts';
import { found, requestSizeExchange } from './portal-helpers.ts';
import { connectShop, type FakeShopify } from './shopify-helpers.ts';
import { mirrorSteps, RETURNABLE, startMirrorShop } from './shopify-mirror-support.ts';
import { eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json } from './support/harness.ts';
import { SIZE_EXCHANGES, teeCatalogue } from './support/exchange-catalogue.ts';

/** The T-shirt of Shopify order 7001 (M) and its L, by Shopify's ids (product 8001, variants 8101 / 8102). */
const CATALOGUE = teeCatalogue({ product: '8001', m: '8101', l: '8102' }, '29.95');
const L = 'gid://shopify/ProductVariant/8102';
const EXCHANGE_MUTATIONS = ['returnCreate', 'returnRequest', 'returnProcess', 'fulfillmentOrderReleaseHold'];

let h: Harness;
let fake: FakeShopify;
let returns: FakeShopifyReturns;
let shop: FakeShopifyExchanges;
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
  returns = new FakeShopifyReturns(fake, RETURNABLE).install();
  shop = new FakeShopifyExchanges(
    fake,
    returns,
    { 'gid://shopify/ProductVariant/8101': '29.95', [L]: '29.95' },
    { 'gid://shopify/FulfillmentLineItem/501': '29.95', 'gid://shopify/FulfillmentLineItem/502': '89.00' },
  ).install();
});
const { settle } = mirrorSteps(() => ({ h, fake }));
const calls = (field: string) => fake.graphqlCalls(field);
const mutations = () => fake.received.filter((r) => r.field && EXCHANGE_MUTATIONS.includes(r.field)).map((r) => r.field);

/** A Shopify shop with the catalogue and order 7001; the shopper exchanges one M for an L in the portal. */
async function exchangeReturn(timing: string, beforeReturn: () => void = () => {}) {
  const s = await setupShop(h, { approval: 'automatic', exchanges: { ...SIZE_EXCHANGES, replacementTiming: timing } });
  const m = s.merchant;
  const { integration } = await connectShop(h, fake, m, `shop-${Math.random().toString(36).slice(2, 8)}.myshopify.com`);
  expect((await m.call('PUT', '/api/v1/products', CATALOGUE)).statusCode).toBe(200);
  const payload = orderPayload(h, {
    integration: integration.name,
    externalId: 'gid://shopify/Order/7001',
    items: [
      { externalId: 'gid://shopify/LineItem/70011', sku: 'TS-M', name: 'T-shirt', quantity: 2, unitPrice: eur('29.95') },
      { externalId: 'gid://shopify/LineItem/70012', sku: 'JN-32', name: 'Jeans', quantity: 1, unitPrice: eur('89.00') },
    ],
  });
  await s.importOrders(payload);
  const f = await found(h, s.slug, payload);
  beforeReturn();
  const created = await requestSizeExchange(h, s.slug, f);
  await settle();
  return { m, id: json(created).id as string, domain: integration.settings?.shopDomain as string | undefined };
}

const reservations = async (merchantId: string, id: string) =>
  (await listReturnExchanges(h.ctx.db, merchantId, id)).map((e) => e.reservation);
const createdEntry = (ret: any) => ret.timeline.find((e: any) => e.type === 'exchange_created');

describe('Shopify exchange', () => {
  it('on receipt: quoted, created with the L at full price, processed, noted and emailed; the mirror adds the label', async () => {
    const { m, id } = await exchangeReturn('on_receipt');
    // Approved at once, but no Shopify return yet: the exchange lines can only be given at creation.
    expect(mutations()).toEqual([]);
    expect(returns.returns).toEqual([]);
    expect(await reservations(m.id, id)).toEqual(['held']);
    await receiveAll(m, await getReturn(m, id));
    await settle();

    const ret = await getReturn(m, id);
    const marker = `[Retour ${ret.reference}]`;
    expect(calls('returnCalculate').map((c) => c.variables)).toEqual([
      {
        input: {
          orderId: 'gid://shopify/Order/7001',
          returnLineItems: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1 }],
          exchangeLineItems: [{ variantId: L, quantity: 1 }],
        },
      },
    ]);
    expect(calls('returnCreate').map((c) => c.variables)).toEqual([
      {
        returnInput: {
          orderId: 'gid://shopify/Order/7001',
          requestedAt: ret.createdAt,
          returnLineItems: [
            { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, returnReasonNote: `too_small ${marker}` },
          ],
          exchangeLineItems: [{ variantId: L, quantity: 1 }],
        },
      },
    ]);
    const [sr] = returns.returns;
    expect(returns.returns).toHaveLength(1);
    const exchangeLine = shop.exchanges.get(sr?.id as string)?.[0];
    expect(calls('returnProcess').map((c) => c.variables)).toEqual([
      {
        input: {
          returnId: sr?.id,
          returnLineItems: [{ id: sr?.lines[0]?.id, quantity: 1 }],
          exchangeLineItems: [{ id: exchangeLine?.id, quantity: 1 }],
          notifyCustomer: false,
        },
      },
    ]);
    expect(exchangeLine).toMatchObject({ variantId: L, quantity: 1, processed: 1 });
    // Same price both ways: nothing due, so Shopify puts no hold and none is released.
    expect(shop.fulfillmentOrders).toEqual([expect.objectContaining({ status: 'OPEN', holds: [], lineItems: exchangeLine?.lineItems })]);
    expect(calls('fulfillmentOrderReleaseHold')).toEqual([]);
    // The exchange now holds the L in Shopify: our reservation is consumed.
    expect(await reservations(m.id, id)).toEqual(['consumed']);

    expect(createdEntry(ret)).toMatchObject({
      message: `Exchange ${sr?.name} added to the Shopify order`,
      data: {
        provider: 'shopify',
        orderId: 'gid://shopify/Order/7001',
        orderNumber: sr?.name,
        shopifyReturnId: sr?.id,
        subtotal: 2995,
        discount: 2995,
        balance: 0,
        shopBalance: 0,
        onHold: false,
      },
    });
    expect(ret.exchanges.replacementOrder).toMatchObject({
      provider: 'shopify',
      orderNumber: sr?.name,
      subtotal: eur('29.95'),
      balance: eur('0.00'),
    });
    const [mail] = (await pendingJobs(h.ctx.db, m.id, 'email.exchange_created')).filter((j) => j.payload.returnId === id);
    const composed = await composeEmail(h.ctx, mail as never);
    expect(composed?.message.subject).toBe(`Your replacement order ${sr?.name} for return ${ret.reference}`);
    // The mirror adopted the return (no second one) and attached the label with its tracking number.
    expect(sr?.deliveries.map((d) => d.tracking)).toEqual([ret.label.trackingNumber]);
    expect(calls('returnRequest')).toEqual([]);

    // Later changes of the return make nothing new.
    fake.received.length = 0;
    expect((await m.call('POST', `/api/v1/returns/${id}/resolve`, {})).statusCode).toBe(200);
    await settle();
    expect(mutations()).toEqual([]);
    expect(returns.returns).toHaveLength(1);
  });

  it('created once when Shopify first answers 503 and then loses the answer of returnCreate', async () => {
    const { m, id } = await exchangeReturn('on_request', () => {
      fake.script({ status: 503, body: { errors: 'Service Unavailable' } });
      fake.dropAnswer.add('returnCreate');
    });
    expect(createdEntry(await getReturn(m, id))).toBeUndefined();
    for (let i = 0; i < 4 && !createdEntry(await getReturn(m, id)); i++) {
      h.clock.advance(10 * 60_000);
      await settle();
    }
    const ret = await getReturn(m, id);
    expect(returns.returns).toHaveLength(1);
    expect(calls('returnCreate')).toHaveLength(1);
    expect(calls('returnProcess')).toHaveLength(1);
    expect(createdEntry(ret)?.data).toMatchObject({ shopifyReturnId: returns.returns[0]?.id, orderNumber: returns.returns[0]?.name });
    // The return made before the answer was lost is on the timeline once, as found on the order.
    const found = ret.timeline.filter((e: any) => e.type === 'shop_sync' && e.data?.shopifyReturnId);
    expect(found.map((e: any) => e.message)).toEqual([expect.stringMatching(/found on the order$/)]);
    const [job] = await pendingJobs(h.ctx.db, m.id, 'shop.replacement_order');
    expect(job).toBeUndefined();
  });

  it('keeps the hold when Shopify prices the L higher than what the shopper paid, and never ships it unpaid', async () => {
    shop.variants.set(L, '34.95');
    const { m, id } = await exchangeReturn('on_request');
    const ret = await getReturn(m, id);
    const [fo] = shop.fulfillmentOrders;
    expect(fo).toMatchObject({ status: 'ON_HOLD', holds: [{ reason: 'AWAITING_PAYMENT' }] });
    expect(calls('fulfillmentOrderReleaseHold')).toEqual([]);
    expect(createdEntry(ret)).toMatchObject({
      message: expect.stringMatching(/stays on hold until Shopify's balance is paid/),
      data: { shopBalance: 500, onHold: true },
    });
  });

  it('releases only the exchange holds once the balance is covered', async () => {
    shop.variants.set(L, '34.95');
    const { m, id } = await exchangeReturn('on_receipt');
    // An unrelated hold on another fulfillment order of the order stays.
    shop.fulfillmentOrders.push({
      id: 'gid://shopify/FulfillmentOrder/1',
      status: 'ON_HOLD',
      holds: [{ id: 'gid://shopify/FulfillmentHold/1', reason: 'OTHER' }],
      lineItems: ['gid://shopify/LineItem/70012'],
    });
    // What the shopper paid us for the exchange (as the Mollie payment before the label records it).
    await h.ctx.db
      .updateTable('returns')
      .set({ exchangeBalance: 500 } as never)
      .where('id', '=', id)
      .execute();
    await receiveAll(m, await getReturn(m, id));
    await settle();
    const exchangeFo = shop.fulfillmentOrders.find((x) => x.id !== 'gid://shopify/FulfillmentOrder/1');
    const holdId = calls('fulfillmentOrderReleaseHold')[0]?.variables;
    expect(calls('fulfillmentOrderReleaseHold')).toHaveLength(1);
    expect(holdId?.id).toBe(exchangeFo?.id);
    expect(holdId?.holdIds).toHaveLength(1);
    expect(exchangeFo).toMatchObject({ status: 'OPEN', holds: [] });
    expect(shop.fulfillmentOrders[0]).toMatchObject({ status: 'ON_HOLD' });
    expect(createdEntry(await getReturn(m, id))?.data).toMatchObject({ shopBalance: 500, onHold: false });
  });

  it('notes a variant Shopify does not know, for staff to handle by hand, and creates nothing', async () => {
    shop.variants.delete(L);
    const { m, id } = await exchangeReturn('on_request');
    expect(returns.returns).toEqual([]);
    const note = (await getReturn(m, id)).timeline.find((e: any) => e.type === 'shop_sync' && e.data?.kind === 'replacement_order');
    expect(await reservations(m.id, id)).toEqual(['released']);
    expect(note?.message).toMatch(/^Shopify refused the exchange: .*Product variant does not exist.* Make it in Shopify by hand\.$/);
  });
});
