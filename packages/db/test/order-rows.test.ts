// The import's bulk statements (repos/order-rows.ts through compiled.ts bulkInsert): on SQLite
// multi-row VALUES with bound parameters, on PostgreSQL one JSON parameter unpacked by
// jsonb_array_elements. Whatever the engine and path, a row is stored exactly as the query
// builder stores it: inserts and upserts mixed, conflicts, unicode, nulls, integers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  insertItemRows,
  insertOrderRows,
  insertShipmentRows,
  pushItem,
  pushOrder,
  pushShipment,
  upsertItemRows,
  upsertOrderRows,
} from '../src/repos/order-rows.ts';
import { itemRow, type OrderAggregate, orderRow, shipmentRow } from '../src/repos/orders.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { makeOrder } from './helpers.ts';

const M = 'mer_rows';
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function flat(orders: OrderAggregate[]) {
  const o: unknown[] = [];
  const i: unknown[] = [];
  const s: unknown[] = [];
  for (const a of orders) {
    pushOrder(o, a.order);
    for (const item of a.items) pushItem(i, item);
    for (const shipment of a.shipments) pushShipment(s, shipment);
  }
  return { o, i, s };
}

describe('bulk order rows', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  const stored = async (merchantId = M) => ({
    orders: byId(await h.db.selectFrom('orders').selectAll().where('merchantId', '=', merchantId).execute()),
    items: byId(await h.db.selectFrom('orderItems').selectAll().where('merchantId', '=', merchantId).execute()),
    shipments: byId(await h.db.selectFrom('shipments').selectAll().where('merchantId', '=', merchantId).execute()),
  });
  /** The same rows through the query builder, under another merchant (same ids: the key includes the merchant). */
  const B = 'mer_builder';
  const asBuilder = <T extends { merchantId: string }>(row: T): T => ({ ...row, merchantId: B });
  const asBulk = <T extends { merchantId: string }>(rows: T[]): T[] => rows.map((r) => ({ ...r, merchantId: M }));

  it('stores every column as the query builder does: unicode, quotes, backslashes, nulls, integers', async () => {
    const orders = Array.from({ length: 40 }, (_, n) => makeOrder({ merchantId: M, n }));
    const odd = orders[7] as OrderAggregate;
    odd.order.customerName = 'Ærøskøbing “Ω” \\ \' " \t\n 🚚𝄞 ﷽';
    odd.order.discountCodes = JSON.stringify(['WELCOME-10', 'größe']);
    const item = odd.items[0] as (typeof odd.items)[number];
    Object.assign(item, { quantity: 2_147_483_647, unitPrice: 0, weightGrams: null, productType: 'T-shirt 👕', vendor: '' });
    const negative = odd.items[1] as (typeof odd.items)[number];
    negative.unitPrice = -1995;
    const { o, i, s } = flat(orders);
    await insertOrderRows(h.db, o);
    await insertItemRows(h.db, i);
    await insertShipmentRows(h.db, s);
    const bulk = await stored();

    await h.db
      .insertInto('orders')
      .values(orders.map((a) => asBuilder(orderRow(a.order))))
      .execute();
    await h.db
      .insertInto('orderItems')
      .values(orders.flatMap((a) => a.items.map((x) => asBuilder(itemRow(x)))))
      .execute();
    await h.db
      .insertInto('shipments')
      .values(orders.flatMap((a) => a.shipments.map((x) => asBuilder(shipmentRow(x)))))
      .execute();
    const built = await stored(B);
    expect(bulk.orders).toEqual(asBulk(built.orders));
    expect(bulk.items).toEqual(asBulk(built.items));
    expect(bulk.shipments).toEqual(asBulk(built.shipments));
    expect(bulk.orders).toHaveLength(40);
    expect(bulk.items).toHaveLength(120);
    const row = bulk.items.find((r) => r.id === item.id);
    expect(row).toMatchObject({ quantity: 2_147_483_647, unitPrice: 0, weightGrams: null, productType: 'T-shirt 👕', vendor: '' });
    expect(bulk.items.find((r) => r.id === negative.id)?.unitPrice).toBe(-1995);
    expect(bulk.orders.find((r) => r.id === odd.order.id)?.customerName).toBe('Ærøskøbing “Ω” \\ \' " \t\n 🚚𝄞 ﷽');
  });

  it('upserts a mix of known and new rows in one call: known rows updated but keep their kept columns, new rows inserted', async () => {
    const first = Array.from({ length: 30 }, (_, n) => makeOrder({ merchantId: M, n }));
    const f = flat(first);
    await insertOrderRows(h.db, f.o);
    await insertItemRows(h.db, f.i);
    const known = first.slice(0, 20).map((a) => {
      const next = structuredClone(a);
      next.order.customerName = `Renamed ${a.order.externalId} — Zoë`;
      next.order.createdAt = '2099-01-01T00:00:00.000Z'; // kept: the stored creation time stays
      next.order.updatedAt = '2026-06-01T00:00:00.000Z';
      for (const item of next.items) {
        item.unitPrice += 100;
        item.variant = null;
        item.orderId = 'ord_not_moved'; // kept: an item never moves to another order
      }
      return next;
    });
    const fresh = Array.from({ length: 15 }, (_, n) => makeOrder({ merchantId: M, n: 100 + n }));
    const u = flat([...known, ...fresh]);
    await upsertOrderRows(h.db, u.o);
    await upsertItemRows(h.db, u.i);

    const { orders, items } = await stored();
    expect(orders).toHaveLength(45);
    expect(items).toHaveLength(45 * 3);
    for (const [n, a] of known.entries()) {
      const was = first[n] as OrderAggregate;
      expect(orders.find((r) => r.id === a.order.id)).toEqual({ ...orderRow(a.order), createdAt: was.order.createdAt });
      for (const [p, item] of a.items.entries()) {
        expect(items.find((r) => r.id === item.id)).toEqual({ ...itemRow(item), orderId: was.order.id, position: p });
      }
    }
    for (const a of fresh) {
      expect(orders.find((r) => r.id === a.order.id)).toEqual(orderRow(a.order));
      for (const item of a.items) expect(items.find((r) => r.id === item.id)).toEqual(itemRow(item));
    }
  });

  it('refuses a plain insert of a row that exists, and writes none of that statement', async () => {
    const first = [makeOrder({ merchantId: M, n: 1 })];
    await insertOrderRows(h.db, flat(first).o);
    const again = [makeOrder({ merchantId: M, n: 2 }), ...first, makeOrder({ merchantId: M, n: 3 })];
    await expect(insertOrderRows(h.db, flat(again).o)).rejects.toThrow(/unique|UNIQUE|duplicate/);
    expect((await stored()).orders.map((r) => r.externalId)).toEqual(['ext-1']);
    // The same row twice in one upsert (the import never sends one: it refuses duplicates in a
    // batch first): PostgreSQL refuses the statement, SQLite applies the rows in order, as with VALUES.
    const twice = makeOrder({ merchantId: M, n: 5 });
    const later = structuredClone(twice);
    later.order.customerName = 'Later';
    const upsert = upsertOrderRows(h.db, [...flat([twice]).o, ...flat([later]).o]);
    if (h.dialect === 'postgres') {
      await expect(upsert).rejects.toThrow(/second time/);
      expect((await stored()).orders).toHaveLength(1);
    } else {
      await upsert;
      expect((await stored()).orders.find((r) => r.id === twice.order.id)?.customerName).toBe('Later');
    }
  });

  it('stores text JSON cannot carry (lone surrogates) as a bound parameter does, and refuses what the engine refuses', async () => {
    const orders = [makeOrder({ merchantId: M, n: 1 }), makeOrder({ merchantId: M, n: 2 })];
    (orders[0] as OrderAggregate).order.customerName = 'half \ud83d pair';
    const { o } = flat(orders);
    await insertOrderRows(h.db, o);
    await h.db
      .insertInto('orders')
      .values(orders.map((a) => asBuilder(orderRow(a.order))))
      .execute();
    const bulk = (await stored()).orders;
    expect(bulk).toEqual(asBulk((await stored(B)).orders));
    // U+0000: SQLite stores it, PostgreSQL refuses it in text; the bulk path does the same as the builder.
    const nul = makeOrder({ merchantId: M, n: 3 });
    nul.order.customerName = 'nul \u0000 here';
    const viaBuilder = await h.db
      .insertInto('orders')
      .values(asBuilder(orderRow(nul.order)))
      .execute()
      .then(
        () => 'stored',
        () => 'refused',
      );
    const viaBulk = await insertOrderRows(h.db, flat([nul]).o).then(
      () => 'stored',
      () => 'refused',
    );
    expect(viaBulk).toBe(viaBuilder);
    expect(viaBulk).toBe(h.dialect === 'postgres' ? 'refused' : 'stored');
  });
});
