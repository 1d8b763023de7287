// Importing all orders of a WooCommerce shop (issue #6): 202 with an import run, then a job that
// pages GET /orders (100 a page, oldest id first), stores each page and records progress; a retried
// job goes on after the last stored page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import { startWooServer, type WooServer, wooError, wooOrder } from './support/woocommerce-server.ts';

const keys = { consumerKey: 'ck_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', consumerSecret: 'cs_ffffffffffffffffffffffffffffffffffffffff' };
const basic = `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString('base64')}`;

const orderRequests = () => woo.requests.filter((r) => r.path === '/wp-json/wc/v3/orders');
let h: Harness;
let woo: WooServer;
beforeAll(async () => {
  h = await startHarness();
  woo = await startWooServer(keys);
  h.ctx.providers = { ...providerEndpoints(), allowInsecureHttp: true, timeoutMs: 2000 };
});
afterAll(async () => {
  await woo.close();
  await h.close();
});

async function connected(name: string): Promise<{ m: Merchant; id: string }> {
  const m = await newMerchant(h);
  const res = await m.call('POST', '/api/v1/integrations/woocommerce', { name, siteUrl: woo.siteUrl, ...keys });
  expect(res.statusCode, res.body).toBe(201);
  woo.requests.length = 0;
  return { m, id: json(res).id };
}

const orderCount = async (m: Merchant) => {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: Record<string, any> = json(await m.call('GET', `/api/v1/orders?limit=200${cursor ? `&cursor=${cursor}` : ''}`));
    count += page.data.length;
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return count;
};

describe('POST /api/v1/integrations/woocommerce/:id/backfill', () => {
  it('pages through every order with X-WP-Total, stores them and records progress per page', async () => {
    // 250 orders (ids 1001…1250, listed newest first by default), two of them unpaid and one broken
    woo.state.orders = Array.from({ length: 250 }, (_, i) => wooOrder(1250 - i));
    woo.state.orders.find((o) => o.id === 1010).status = 'pending';
    woo.state.orders.find((o) => o.id === 1011).status = 'cancelled';
    woo.state.orders.find((o) => o.id === 1120).billing.email = 'nobody';
    const { m, id } = await connected('Woo backfill');
    const res = await m.call('POST', `/api/v1/integrations/woocommerce/${id}/backfill`);
    expect(res.statusCode, res.body).toBe(202);
    const { importRunId } = json(res);
    expect(woo.requests).toEqual([]); // the work happens in the job
    const running = json(await m.call('GET', `/api/v1/imports/${importRunId}`));
    expect(running).toMatchObject({ status: 'running', processed: 0 });

    while ((await drainJobs(h.ctx)) > 0);
    // The order pages (the catalogue import that follows: woocommerce-catalogue.test.ts).
    expect(orderRequests().map((r) => [r.method, r.path, r.query])).toEqual(
      [1, 2, 3].map((page) => ['GET', '/wp-json/wc/v3/orders', { per_page: '100', page: String(page), orderby: 'id', order: 'asc' }]),
    );
    for (const r of woo.requests) expect(r.headers.authorization).toBe(basic);

    const run = json(await m.call('GET', `/api/v1/imports/${importRunId}`));
    expect(run).toMatchObject({ status: 'completed', total: 250, processed: 250, created: 247, updated: 0, failed: 1 });
    expect(run.report).toEqual([
      expect.objectContaining({ line: 120, code: 'validation_error', message: expect.stringContaining('Order 1120') }),
    ]);
    expect(await orderCount(m)).toBe(247);
    const [connection] = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(connection.lastSyncAt).toBe(h.clock.now.toISOString());

    // Importing again updates the same orders instead of creating new ones.
    woo.requests.length = 0;
    const again = json(await m.call('POST', `/api/v1/integrations/woocommerce/${id}/backfill`));
    while ((await drainJobs(h.ctx)) > 0);
    expect(json(await m.call('GET', `/api/v1/imports/${again.importRunId}`))).toMatchObject({
      status: 'completed',
      created: 0,
      updated: 247,
    });
    expect(await orderCount(m)).toBe(247);
  });

  it('a job that fails on a page is retried from that page, not from the start', async () => {
    woo.state.orders = Array.from({ length: 230 }, (_, i) => wooOrder(3001 + i));
    const { m, id } = await connected('Woo resume');
    const { importRunId } = json(await m.call('POST', `/api/v1/integrations/woocommerce/${id}/backfill`));
    const down = { status: 503, body: wooError(503, 'http_request_failed', 'Service unavailable') };
    woo.script(
      { status: 200, body: woo.state.orders.slice(0, 100), headers: { 'x-wp-total': '230', 'x-wp-totalpages': '3' } },
      down,
      down,
      down,
    );
    while ((await drainJobs(h.ctx)) > 0);
    expect(orderRequests().map((r) => r.query.page)).toEqual(['1', '2', '2', '2']);
    expect(json(await m.call('GET', `/api/v1/imports/${importRunId}`))).toMatchObject({
      status: 'running',
      processed: 100,
      created: 100,
      total: 230,
    });

    h.clock.advance(5 * 60_000);
    woo.requests.length = 0;
    while ((await drainJobs(h.ctx)) > 0);
    expect(orderRequests().map((r) => r.query.page)).toEqual(['2', '3']);
    expect(json(await m.call('GET', `/api/v1/imports/${importRunId}`))).toMatchObject({
      status: 'completed',
      processed: 230,
      created: 230,
    });
  });

  it('keys revoked during the import: the run fails with what to do, without endless retries', async () => {
    woo.state.orders = [wooOrder(4001)];
    const { m, id } = await connected('Woo revoked');
    const { importRunId } = json(await m.call('POST', `/api/v1/integrations/woocommerce/${id}/backfill`));
    woo.script({
      status: 401,
      body: wooError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.'),
    });
    while ((await drainJobs(h.ctx)) > 0);
    const run = json(await m.call('GET', `/api/v1/imports/${importRunId}`));
    expect(run.status).toBe('failed');
    expect(run.error).toContain('Read/Write');
    expect(woo.requests).toHaveLength(1);
  });

  it('404 for an unknown or foreign connection', async () => {
    const { id } = await connected('Woo mine');
    const other = await newMerchant(h);
    expect((await other.call('POST', `/api/v1/integrations/woocommerce/${id}/backfill`)).statusCode).toBe(404);
  });
});
