// Shared by the Shopify mirror tests: a harness with a local Shopify, a Shopify order 7001 (line
// items 70011 ×2, 70012 ×1, fulfilled) whose returns the fake keeps as state, and the steps
// every test takes (a connected shop with a portal return, running jobs until none is due).
import { expect } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { connectShop, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { createPortalReturn, eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

export const RETURNABLE = [
  { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/501', lineItemId: 'gid://shopify/LineItem/70011', quantity: 2 },
  { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/502', lineItemId: 'gid://shopify/LineItem/70012', quantity: 1 },
];

const MUTATIONS = [
  'returnRequest',
  'returnCreate',
  'returnApproveRequest',
  'returnDeclineRequest',
  'returnCancel',
  'reverseDeliveryCreateWithShipping',
  'returnProcess',
];

export async function startMirrorShop(): Promise<{ h: Harness; fake: FakeShopify }> {
  const h = await startHarness();
  return { h, fake: await startFakeShopify(h) };
}

export const syncEntries = (ret: any) => ret.timeline.filter((e: any) => e.type === 'shop_sync');

/** The steps of the mirror tests, over the test file's current harness and fake. */
export function mirrorSteps(env: () => { h: Harness; fake: FakeShopify }) {
  /** Runs jobs until none is due (jobs enqueue further jobs: return.event → shopify.mirror). */
  const settle = async () => {
    for (let i = 0; i < 10; i++) if ((await drainJobs(env().h.ctx)) === 0) return;
  };
  const mutationCalls = () => env().fake.received.filter((r) => r.field && MUTATIONS.includes(r.field));
  /** A shop connected to Shopify, with Shopify order 7001 and a portal return of one unit of its first line. */
  const shopifyReturn = async (approval: 'manual' | 'automatic', portal: Record<string, unknown> = {}) => {
    const { h, fake } = env();
    const shop = await setupShop(h, { approval, ...portal });
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
    return { shop, m: shop.merchant, id: json(created).id as string };
  };
  return { settle, mutationCalls, shopifyReturn };
}
