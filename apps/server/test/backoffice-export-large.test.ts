// The returns CSV export streams: 5,000 returns (ten times a database page, more than the old
// in-memory cap's page) come out whole, in order, once each, through the filters; the body arrives
// as a stream, not as one string built in memory.
import { Readable } from 'node:stream';
import { ReturnExportQuerySchema } from '@retour/contracts/backoffice';
import { newId } from '@retour/db/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE, exportReturnsCsv } from '../src/use-cases/returns/export-returns.ts';
import { merchantWithOwner } from './backoffice-helpers.ts';
import { getReturn, importOrder, MINUTE } from './merchant-helpers.ts';
import { createPortalReturn, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const COUNT = 5_000;

/** One real return made through the portal, then copied (with its items) COUNT - 1 times. */
async function manyReturns() {
  const m = await merchantWithOwner(h);
  const shop = await setupShop(h, {}, m);
  const { payload, order } = await importOrder(h, shop, {});
  const res = await createPortalReturn(h, shop.slug, payload, {
    items: [{ orderItemId: order.items[0].id, quantity: 1, reason: 'too_small' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const first = await getReturn(shop.merchant, json(res).id);
  const db = h.ctx.db;
  const row = await db.selectFrom('returns').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  const items = await db.selectFrom('returnItems').selectAll().where('returnId', '=', first.id).execute();
  const base = new Date(row.createdAt).getTime();
  for (let batch = 1; batch < COUNT; batch += 250) {
    const copies = [];
    const copyItems = [];
    for (let n = batch; n < Math.min(batch + 250, COUNT); n++) {
      const id = newId('ret', base + n * MINUTE);
      // Every 7th copy shares its creation instant with the one before: ties are ordered by id.
      const createdAt = new Date(base + (n - (n % 7 === 0 ? 1 : 0)) * MINUTE).toISOString();
      copies.push({ ...row, id, reference: `R-${String(n).padStart(6, '0')}`, createdAt, updatedAt: createdAt });
      for (const item of items)
        copyItems.push({ ...item, id: newId('rit', base + n * MINUTE), returnId: id, reason: n % 2 ? 'damaged' : 'too_small' });
    }
    await db.insertInto('returns').values(copies).execute();
    await db.insertInto('returnItems').values(copyItems).execute();
  }
  return { m, first };
}

describe('GET /api/v1/returns/export.csv with many returns', () => {
  it('streams every matching return once, in order, with the filters applied', async () => {
    const { m, first } = await manyReturns();
    expect(COUNT).toBeGreaterThan(EXPORT_PAGE_SIZE * 2);

    const res = await m.call('GET', '/api/v1/returns/export.csv?sort=createdAt');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const lines = res.body.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows).toHaveLength(COUNT);
    const ids = rows.map((r) => r[1]);
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids[0]).toBe(first.id);
    const keys = rows.map((r) => `${r[3]} ${r[1]}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows.every((r) => r.length === 17)).toBe(true);

    const newest = (await m.call('GET', '/api/v1/returns/export.csv')).body.split('\r\n').slice(1, -1);
    expect(newest.map((l) => l.split(',')[1])).toEqual([...ids].reverse());

    const damaged = (await m.call('GET', '/api/v1/returns/export.csv?reason=damaged')).body.split('\r\n').slice(1, -1);
    expect(damaged).toHaveLength(COUNT / 2);
    expect(damaged.every((l) => l.includes(',damaged,'))).toBe(true);
  });

  it('hands the route a stream that yields the CSV in pieces', async () => {
    const { m } = await manyReturns();
    const stream = await exportReturnsCsv(h.ctx, m.id, ReturnExportQuerySchema.parse({ sort: 'createdAt' }));
    expect(stream).toBeInstanceOf(Readable);
    let chunks = 0;
    let text = '';
    for await (const chunk of stream) {
      chunks++;
      text += String(chunk);
    }
    expect(chunks).toBeGreaterThan(COUNT / EXPORT_PAGE_SIZE);
    expect(text.split('\r\n')).toHaveLength(COUNT + 2);
  });
});
