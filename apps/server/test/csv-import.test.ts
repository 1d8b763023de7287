// CSV order import over HTTP: POST /api/v1/imports (text/csv) → 202 and a run with progress;
// GET /api/v1/imports[/:id] with the report by line number.
import { startImportRun } from '@retour/db/repos/import-runs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { startCsvImport } from '../src/use-cases/orders/import-csv-orders.ts';
import { findOrder } from './merchant-helpers.ts';
import { csv, finished, importCsv, row, upload } from './csv-import-support.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('POST /api/v1/imports', () => {
  it('answers 202 with the run, then stores the orders with progress counts', async () => {
    const m = await newMerchant(h);
    const body = csv([row('1', 'a'), row('2', 'a'), row('1', 'b', { quantity: '3' }), row('3', 'a')]);
    const res = await upload(h, m, body, '?fileName=orders.csv');
    expect(res.statusCode, res.body).toBe(202);
    const started = json(res);
    expect(started).toMatchObject({ source: 'csv', fileName: 'orders.csv', status: 'running', processed: 0, report: [] });
    const run = await finished(m, started.id);
    expect(run).toMatchObject({ status: 'completed', total: 4, processed: 4, created: 3, updated: 0, failed: 0, report: [], error: null });
    const order = await findOrder(m, 'csv', '1');
    expect(order.items.map((i: any) => [i.externalId, i.quantity, i.unitPrice])).toEqual([
      ['a', 1, { value: '19.95', currency: 'EUR' }],
      ['b', 3, { value: '19.95', currency: 'EUR' }],
    ]);
    const integrations = json(await m.call('GET', '/api/v1/integrations')).data;
    expect(integrations.find((i: any) => i.name === 'csv')).toMatchObject({ kind: 'csv' });
  });

  it('updates orders on a second upload (same integration and order_id) instead of duplicating them', async () => {
    const m = await newMerchant(h);
    await importCsv(h, m, csv([row('1', 'a'), row('2', 'a')]));
    const again = await importCsv(h, m, csv([row('1', 'a', { order_number: '#NEW' }), row('2', 'a'), row('4', 'a')]));
    expect(again).toMatchObject({ status: 'completed', created: 1, updated: 2, failed: 0 });
    expect((await findOrder(m, 'csv', '1')).orderNumber).toBe('#NEW');
    expect(json(await m.call('GET', '/api/v1/orders')).data).toHaveLength(3);
  });

  it('stores the good orders and reports every row of a refused order by line number and column', async () => {
    const m = await newMerchant(h);
    const run = await importCsv(
      h,
      m,
      csv([
        row('1', 'a'),
        row('2', 'a', { customer_email: 'not-an-email' }),
        row('1', 'b'),
        row('2', 'b', { customer_email: 'not-an-email' }),
        row('3', 'a', { unit_price: 'free' }),
        row('4', 'a'),
        row('4', 'b', { ship_city: 'Rotterdam' }),
      ]),
    );
    expect(run).toMatchObject({ status: 'completed', total: 7, processed: 7, created: 1, failed: 5 });
    expect(run.report.map((p: any) => [p.line, p.code, p.field])).toEqual([
      [3, 'validation_error', 'customer_email'],
      [5, 'order_refused', undefined],
      [6, 'validation_error', 'unit_price'],
      [7, 'order_refused', undefined],
      [8, 'validation_error', 'ship_city'],
    ]);
    expect(run.report[1].message).toMatch(/line 3/);
    expect(run.report[4].message).toMatch(/differs from line 7/);
    const orders = json(await m.call('GET', '/api/v1/orders')).data;
    expect(orders.map((o: any) => o.externalId)).toEqual(['1']);
  });

  it('reads semicolons, quoted fields with delimiters, quotes and line breaks, a BOM and CRLF', async () => {
    const m = await newMerchant(h);
    const rows = [
      row('1', 'a', { item_name: 'Shirt; "blue", large', ship_address_line2: 'Floor 2\r\nBack door', tags: 'a;b' }),
      row('2', 'a', { quantity: 'x' }),
      row('1', 'b', { item_name: 'Socks', ship_address_line2: 'Floor 2\r\nBack door' }),
    ];
    const run = await importCsv(h, m, csv(rows, { delimiter: ';', eol: '\r\n', bom: true }));
    expect(run.report.map((p: any) => [p.line, p.field])).toEqual([[4, 'quantity']]);
    expect(run).toMatchObject({ status: 'completed', created: 1, failed: 1 });
    const order = await findOrder(m, 'csv', '1');
    expect(order.items.map((i: any) => [i.name, i.tags])).toEqual([
      ['Shirt; "blue", large', ['a', 'b']],
      ['Socks', []],
    ]);
    expect(order.shippingAddress.addressLine2).toBe('Floor 2\r\nBack door');

    const comma = await importCsv(h, m, csv([row('5', 'a', { item_name: 'A, "B"\nC' }), row('6', 'a', { sku: '' })]));
    expect(comma.report.map((p: any) => [p.line, p.field])).toEqual([[4, 'sku']]);
  });

  it('takes files larger than the 1 MB JSON body limit', async () => {
    const m = await newMerchant(h);
    const rows = Array.from({ length: 6000 }, (_, i) =>
      row(String(Math.floor(i / 3)), `item-${i % 3}`, { item_name: `Shirt ${'x'.repeat(200)}` }),
    );
    const body = csv(rows);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const run = await importCsv(h, m, body);
    expect(run).toMatchObject({ status: 'completed', total: 6000, created: 2000, failed: 0 });
  });

  it('uses the integration query parameter for rows without an integration column', async () => {
    const m = await newMerchant(h);
    await importCsv(h, m, csv([row('1', 'a'), row('1', 'a', { integration: 'POS' })]), '?integration=Webshop');
    expect((await findOrder(m, 'Webshop', '1')).externalId).toBe('1');
    expect((await findOrder(m, 'POS', '1')).externalId).toBe('1');
  });

  it.each([
    ['an unknown column', 'order_id,colour\n1,red\n', /unknown column "colour"/],
    ['a missing column', 'order_id,sku\n1,a\n', /add the columns order_number/],
    ['unclosed quotes', `${csv([row('1', 'a')]).trimEnd()}\n2,"oops\n`, /could not be read as CSV/],
  ])('fails the run without storing anything for %s', async (_name, body, message) => {
    const m = await newMerchant(h);
    const run = await importCsv(h, m, body);
    expect(run).toMatchObject({ status: 'failed', created: 0 });
    expect(run.error).toMatch(message);
    expect(json(await m.call('GET', '/api/v1/orders')).data).toEqual([]);
  });

  it('takes uploads from the back office session (staff too) with the CSRF token, and refuses them without', async () => {
    const m = await merchantWithOwner(h);
    const owner = await signIn(h, m.email, m.password);
    const staff = await addUser(h, owner, 'staff');
    const body = csv([row('1', 'a')]);
    const headers = { 'content-type': 'text/csv' };
    const refused = await staff.browser.call('POST', '/api/v1/imports', body, { csrf: null, headers });
    expect(refused.statusCode).toBe(403);
    const res = await staff.browser.call('POST', '/api/v1/imports', body, { headers });
    expect(res.statusCode, res.body).toBe(202);
    expect(await finished(m, json(res).id)).toMatchObject({ status: 'completed', created: 1 });
  });

  it('refuses an empty body, a JSON body and a missing API key', async () => {
    const m = await newMerchant(h);
    const empty = await upload(h, m, '');
    expect(empty.statusCode).toBe(400);
    const asJson = await m.call('POST', '/api/v1/imports', { orders: [] });
    expect(asJson.statusCode).toBe(415);
    expect(json(asJson).error.code).toBe('unsupported_media_type');
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/v1/imports', payload: 'x', headers: { 'content-type': 'text/csv' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('progress', () => {
  it('writes the counts after every batch of 1,000 orders', async () => {
    const m = await newMerchant(h);
    const rows = Array.from({ length: 2500 }, (_, i) => row(String(i % 1250), `i${Math.floor(i / 1250)}`));
    rows.push(row('bad', 'a', { quantity: '-1' }));
    const seen: [number, number | null, number, number][] = [];
    const { run, done } = await startCsvImport(h.ctx, m.id, { source: [Buffer.from(csv(rows))], fileName: 'big.csv' }, (r) =>
      seen.push([r.processed, r.total, r.created, r.failed]),
    );
    expect(run.status).toBe('running');
    const end = await done;
    expect(seen).toEqual([
      [1, 2501, 0, 1],
      [2001, 2501, 1000, 1],
      [2501, 2501, 1250, 1],
    ]);
    expect(end).toMatchObject({ status: 'completed', processed: 2501, total: 2501, created: 1250, failed: 1 });
    expect(end.report).toEqual([
      { line: 2502, code: 'validation_error', field: 'quantity', message: expect.stringMatching(/whole number/) },
    ]);
  });
});

describe('GET /api/v1/imports', () => {
  it("lists a merchant's recent runs of any source, never another merchant's", async () => {
    const m = await newMerchant(h);
    const other = await newMerchant(h);
    const run = await importCsv(h, m, csv([row('1', 'a')]));
    await startImportRun(h.ctx.db, { merchantId: m.id, id: 'imp_shopify_backfill', source: 'shopify', at: h.clock.now.toISOString() });
    const list = json(await m.call('GET', '/api/v1/imports')).data;
    expect(list.map((r: any) => r.source).sort()).toEqual(['csv', 'shopify']);
    expect(list[0]).not.toHaveProperty('report');
    expect(json(await other.call('GET', '/api/v1/imports')).data).toEqual([]);
    const foreign = await other.call('GET', `/api/v1/imports/${run.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('shows a run without progress for 10 minutes as failed, saying that uploading again is safe', async () => {
    const m = await newMerchant(h);
    await startImportRun(h.ctx.db, { merchantId: m.id, id: 'imp_dead', source: 'csv', at: h.clock.now.toISOString() });
    expect(json(await m.call('GET', '/api/v1/imports/imp_dead')).status).toBe('running');
    h.clock.advance(11 * 60 * 1000);
    const dead = json(await m.call('GET', '/api/v1/imports/imp_dead'));
    expect(dead.status).toBe('failed');
    expect(dead.error).toMatch(/uploading the same file again is safe/);
    expect(json(await m.call('GET', '/api/v1/imports')).data[0]).toMatchObject({ id: 'imp_dead', status: 'failed' });
    await startImportRun(h.ctx.db, { merchantId: m.id, id: 'imp_shop', source: 'shopify', at: h.clock.now.toISOString() });
    h.clock.advance(11 * 60 * 1000);
    expect(json(await m.call('GET', '/api/v1/imports/imp_shop')).status).toBe('running');
  });
});
