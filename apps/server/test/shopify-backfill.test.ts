// Importing all of a shop's orders (POST /api/v1/integrations/shopify/{id}/backfill): one bulk
// operation per run (a retried job polls the same one), its JSONL streamed from a local server,
// orders re-assembled from __parentId rows and stored in batches of at most 1,000 with progress
// on the import run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getImportRun } from '@retour/db/repos/import-runs';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { BULK_POLL_DELAY_MS } from '../src/jobs/shopify-backfill.ts';
import { connectShop, type FakeShopify, startFakeShopify } from './shopify-helpers.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let fake: FakeShopify;
beforeAll(async () => {
  h = await startHarness();
  fake = await startFakeShopify(h);
});
afterAll(async () => {
  await fake.stop();
  await h.close();
});

function bulkOrder(n: number) {
  return {
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    email: `buyer${n}@example.com`,
    phone: null,
    createdAt: '2026-05-01T10:00:00Z',
    processedAt: '2026-05-01T10:00:00Z',
    currencyCode: 'EUR',
    customer: { firstName: 'Buyer', lastName: String(n), defaultEmailAddress: { emailAddress: `buyer${n}@example.com` } },
    shippingAddress:
      n === 1500
        ? null
        : {
            name: `Buyer ${n}`,
            company: null,
            address1: 'Damrak 1',
            address2: null,
            zip: '1012 LG',
            city: 'Amsterdam',
            provinceCode: null,
            countryCodeV2: 'NL',
            phone: null,
          },
    fulfillments:
      n % 2 === 0
        ? [
            {
              id: `gid://shopify/Fulfillment/${n}`,
              createdAt: '2026-05-02T08:00:00Z',
              deliveredAt: '2026-05-03T12:00:00Z',
              trackingInfo: [{ company: 'DHL', number: `JVGL${n}` }],
            },
          ]
        : [],
  };
}
const lineItem = (n: number, i: number) => ({
  id: `gid://shopify/LineItem/${n}${i}`,
  name: `Item ${i}`,
  sku: `SKU-${i}`,
  quantity: i,
  variantTitle: null,
  originalUnitPriceSet: { shopMoney: { amount: '10.5', currencyCode: 'EUR' } },
  __parentId: `gid://shopify/Order/${n}`,
});

/** 1,003 orders (1001–2003), each with two line items as child rows; #1500 has no shipping address. */
function jsonl(): string {
  const rows: unknown[] = [];
  for (let n = 1001; n <= 2003; n++) rows.push(bulkOrder(n), lineItem(n, 1), lineItem(n, 2));
  return `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

describe('backfill', () => {
  it('runs one bulk operation, streams its JSONL and records progress', async () => {
    const { m, integration } = await connectShop(h, fake);
    const file = jsonl();
    fake.files.set('orders.jsonl', file);
    // The first download breaks off after the 1,001st order (one batch of 1,000 stored).
    fake.breakAt.set('orders.jsonl', file.indexOf('{"id":"gid://shopify/Order/2002"'));
    let polls = 0;
    fake.handle('bulkOperationRunQuery', () => ({
      bulkOperationRunQuery: { bulkOperation: { id: 'gid://shopify/BulkOperation/1', status: 'CREATED' }, userErrors: [] },
    }));
    fake.handle('bulkOperation', (v) => {
      polls++;
      const done = polls >= 3;
      return {
        bulkOperation: {
          id: v.id,
          status: done ? 'COMPLETED' : 'RUNNING',
          errorCode: null,
          objectCount: done ? '3009' : '10',
          rootObjectCount: done ? '1003' : '3',
          url: done ? `${fake.origin}/bulk/orders.jsonl` : null,
          partialDataUrl: null,
        },
      };
    });

    // A day later: the stored token has expired and is replaced before the first call.
    h.clock.advance(25 * 3600_000);
    const tokensBefore = fake.tokenCalls().length;
    const res = await m.call('POST', `/api/v1/integrations/shopify/${integration.id}/backfill`);
    expect(res.statusCode, res.body).toBe(202);
    const { importRunId } = json(res);
    expect(importRunId).toMatch(/^imp_/);

    await drainJobs(h.ctx);
    expect(fake.tokenCalls().length).toBe(tokensBefore + 1);
    const [run] = fake.graphqlCalls('bulkOperationRunQuery');
    expect(run?.variables?.query).toContain('lineItems');
    expect(fake.graphqlCalls('bulkOperation').map((c) => c.variables)).toEqual([{ id: 'gid://shopify/BulkOperation/1' }]);
    expect((await getImportRun(h.ctx.db, m.id, importRunId))?.status).toBe('running');

    // The next poll fails (Shopify down): the job is retried and polls the same operation.
    fake.script({ status: 503, body: { errors: 'Service Unavailable' } });
    h.clock.advance(BULK_POLL_DELAY_MS);
    await drainJobs(h.ctx);
    h.clock.advance(60_000);
    await drainJobs(h.ctx); // RUNNING again
    h.clock.advance(BULK_POLL_DELAY_MS);
    await drainJobs(h.ctx); // COMPLETED: import, until the download breaks off
    expect(await getImportRun(h.ctx.db, m.id, importRunId)).toMatchObject({ status: 'running', processed: 1000, created: 999, failed: 1 });
    h.clock.advance(60_000);
    await drainJobs(h.ctx); // the retry skips the 1,000 stored orders
    expect(fake.received.filter((r) => r.path === '/bulk/orders.jsonl')).toHaveLength(2);
    expect(fake.graphqlCalls('bulkOperationRunQuery')).toHaveLength(1);
    expect(new Set(fake.graphqlCalls('bulkOperation').map((c) => c.variables?.id))).toEqual(new Set(['gid://shopify/BulkOperation/1']));
    expect(fake.tokenCalls().length).toBe(tokensBefore + 1); // the refreshed token was kept

    const stored = await getImportRun(h.ctx.db, m.id, importRunId);
    expect(stored).toMatchObject({
      status: 'completed',
      source: 'shopify',
      integrationId: integration.id,
      total: 1003,
      processed: 1003,
      created: 1002,
      updated: 0,
      failed: 1,
    });
    const [problem] = JSON.parse(String(stored?.report));
    expect(problem).toMatchObject({ line: 500, code: 'validation_error' });
    expect(problem.message).toMatch(/^#1500: /);

    const order = json(await m.call('GET', '/api/v1/orders?orderNumber=1002')).data[0];
    const full = json(await m.call('GET', `/api/v1/orders/${order.id}`));
    expect(full).toMatchObject({
      integration: integration.name,
      externalId: 'gid://shopify/Order/1002',
      customer: { name: 'Buyer 1002', email: 'buyer1002@example.com' },
      items: [
        { externalId: 'gid://shopify/LineItem/10021', sku: 'SKU-1', quantity: 1, unitPrice: { value: '10.50', currency: 'EUR' } },
        { externalId: 'gid://shopify/LineItem/10022', sku: 'SKU-2', quantity: 2 },
      ],
      shipments: [
        { carrier: 'DHL', trackingNumber: 'JVGL1002', shippedAt: '2026-05-02T08:00:00.000Z', deliveredAt: '2026-05-03T12:00:00.000Z' },
      ],
    });
    const [view] = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(view.lastSyncAt).toBe(h.clock.now.toISOString());
  });

  it('records a failed bulk operation on the run', async () => {
    const { m, integration } = await connectShop(h, fake, undefined, 'other-shop.myshopify.com');
    fake.handle('bulkOperationRunQuery', () => ({
      bulkOperationRunQuery: { bulkOperation: { id: 'gid://shopify/BulkOperation/2', status: 'CREATED' }, userErrors: [] },
    }));
    fake.handle('bulkOperation', (v) => ({
      bulkOperation: {
        id: v.id,
        status: 'FAILED',
        errorCode: 'ACCESS_DENIED',
        objectCount: '0',
        rootObjectCount: '0',
        url: null,
        partialDataUrl: null,
      },
    }));
    const { importRunId } = json(await m.call('POST', `/api/v1/integrations/shopify/${integration.id}/backfill`));
    await drainJobs(h.ctx);
    const stored = await getImportRun(h.ctx.db, m.id, importRunId);
    expect(stored).toMatchObject({ status: 'failed' });
    expect(stored?.error).toMatch(/FAILED \(ACCESS_DENIED\)/);
  });

  it('404 for a connection that is not a Shopify one of this merchant', async () => {
    const { m } = await connectShop(h, fake, undefined, 'third-shop.myshopify.com');
    const res = await m.call('POST', '/api/v1/integrations/shopify/int_nope/backfill');
    expect(res.statusCode).toBe(404);
  });
});
