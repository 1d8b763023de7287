// The exchange calls (shops/shopify/exchanges.ts) against the local Shopify, which enforces the
// published shapes: variables coerced against the schema (a wrong enum, type or a missing required
// field is refused with INVALID_VARIABLE), userErrors with field paths and codes, holds released only
// by id, and an AWAITING_PAYMENT hold only when the buyer owes a balance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShopifyClient } from '../src/shops/shopify/client.ts';
import { FULFILLMENT_ORDER_RELEASE_HOLD } from '../src/shops/shopify/exchange-documents.ts';
import {
  calculateExchange,
  createExchangeReturn,
  getExchangeReturn,
  listFulfillmentOrders,
  listOrderExchangeReturns,
  processExchange,
  releaseHolds,
} from '../src/shops/shopify/exchanges.ts';
import { ShopifyError } from '../src/shops/shopify/errors.ts';
import { FakeShopify, fakeEndpoints } from './support/fake-shopify.ts';
import { FakeShopifyExchanges } from './support/fake-shopify-exchanges.ts';
import { FakeShopifyReturns } from './support/fake-shopify-returns.ts';

const ORDER = 'gid://shopify/Order/7001';
const M = 'gid://shopify/ProductVariant/8101';
const L = 'gid://shopify/ProductVariant/8102';
const RETURNED = [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', quantity: 1, note: 'too_small [Retour R-1]' }];

let fake: FakeShopify;
let shop: FakeShopifyExchanges;
let client: ShopifyClient;
beforeAll(async () => {
  fake = await new FakeShopify().start();
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.received.length = 0;
  const returns = new FakeShopifyReturns(fake, [
    { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', lineItemId: 'gid://shopify/LineItem/70011', quantity: 2 },
  ]).install();
  shop = new FakeShopifyExchanges(
    fake,
    returns,
    { [M]: '29.95', [L]: '34.95' },
    { 'gid://shopify/FulfillmentLineItem/501': '29.95' },
  ).install();
  client = new ShopifyClient({
    shopDomain: 'demo.myshopify.com',
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    endpoints: fakeEndpoints(fake, 2_000),
    now: () => new Date('2026-06-15T10:00:00.000Z'),
  });
});

async function failureOf(work: Promise<unknown>): Promise<ShopifyError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ShopifyError) return error;
    throw error;
  }
  throw new Error('expected a ShopifyError');
}

describe('Shopify exchange calls', () => {
  it('quote → create → process → hold released by id', async () => {
    const quote = await calculateExchange(client, ORDER, RETURNED, [{ variantId: L, quantity: 1 }]);
    expect(quote.exchangeLineItems).toEqual([
      expect.objectContaining({ variant: { id: L }, originalUnitPriceSet: { shopMoney: { amount: '34.95', currencyCode: 'EUR' } } }),
    ]);
    expect(quote.returnLineItems[0]?.subtotalSet.shopMoney.amount).toBe('29.95');

    const created = await createExchangeReturn(client, {
      orderId: ORDER,
      requestedAt: '2026-06-14T10:00:00.000Z',
      returned: RETURNED,
      exchanged: [{ variantId: L, quantity: 1 }],
    });
    expect(created).toMatchObject({
      status: 'OPEN',
      exchangeLineItems: { nodes: [{ variantId: L, quantity: 1, processableQuantity: 1 }] },
    });
    expect((await listOrderExchangeReturns(client, ORDER)).map((r) => r.id)).toEqual([created.id]);
    expect((await getExchangeReturn(client, created.id))?.returnLineItems.nodes[0]?.returnReasonNote).toBe('too_small [Retour R-1]');

    const processed = await processExchange(client, created);
    const lineItemIds = processed.exchangeLineItems.nodes[0]?.lineItems?.map((l) => l.id) ?? [];
    expect(processed.exchangeLineItems.nodes[0]).toMatchObject({ processableQuantity: 0, processedQuantity: 1 });
    expect(lineItemIds).toHaveLength(1);
    // 34.95 for the L against 29.95 coming back: 5.00 due, so the exchange is held.
    const [fo] = await listFulfillmentOrders(client, ORDER);
    expect(fo).toMatchObject({ status: 'ON_HOLD', fulfillmentHolds: [{ reason: 'AWAITING_PAYMENT' }] });
    expect(fo?.lineItems.nodes.map((n) => n.lineItem.id)).toEqual(lineItemIds);
    // Processing again is refused (nothing left to process).
    expect((await failureOf(processExchange(client, created))).detail.userErrors?.[0]).toMatchObject({ code: 'INVALID' });

    expect(await releaseHolds(client, fo?.id as string, [fo?.fulfillmentHolds[0]?.id as string])).toBe('OPEN');
    expect((await listFulfillmentOrders(client, ORDER))[0]).toMatchObject({ status: 'OPEN', fulfillmentHolds: [] });
  });

  it('refuses an unknown variant with a userError naming the field', async () => {
    const error = await failureOf(
      createExchangeReturn(client, {
        orderId: ORDER,
        requestedAt: '2026-06-14T10:00:00.000Z',
        returned: RETURNED,
        exchanged: [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }],
      }),
    );
    expect(error.failure).toBe('rejected');
    expect(error.detail.userErrors).toEqual([
      { field: ['returnInput', 'exchangeLineItems', '0', 'variantId'], message: 'Product variant does not exist.', code: 'NOT_FOUND' },
    ]);
    expect(shop.exchanges.size).toBe(0);
    expect(
      (await failureOf(calculateExchange(client, ORDER, RETURNED, [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }]))).message,
    ).toMatch(/Product variant does not exist/);
  });

  it('refuses variables that do not fit the schema (missing required field, wrong type)', async () => {
    const missing = await failureOf(client.request(FULFILLMENT_ORDER_RELEASE_HOLD, { holdIds: ['gid://shopify/FulfillmentHold/1'] }));
    expect(missing.message).toMatch(/Variable "\$id" of required type "ID!" was not provided/);
    const wrong = await failureOf(
      createExchangeReturn(client, {
        orderId: ORDER,
        requestedAt: 'yesterday',
        returned: RETURNED,
        exchanged: [{ variantId: L, quantity: 'one' as never }],
      }),
    );
    expect(wrong.message).toMatch(/quantity/);
    expect(fake.graphqlCalls('returnCreate')).toHaveLength(1);
    expect(shop.exchanges.size).toBe(0);
  });

  it('answers FULFILLMENT_ORDER_NOT_FOUND for a fulfillment order it does not have', async () => {
    const error = await failureOf(releaseHolds(client, 'gid://shopify/FulfillmentOrder/404', ['gid://shopify/FulfillmentHold/1']));
    expect(error.detail.userErrors).toEqual([
      { field: ['id'], message: 'Fulfillment order does not exist.', code: 'FULFILLMENT_ORDER_NOT_FOUND' },
    ]);
  });
});
