import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import {
  findOrderByNumber,
  findOrderByTracking,
  findOrderIdsByExternal,
  getOrder,
  insertOrders,
  itemRow,
  type OrderAggregate,
  type OrderItemRecord,
  orderRow,
  replaceOrder,
  replaceOrders,
  type ShipmentRecord,
  shipmentRow,
} from '../src/repos/orders.ts';
import { insertReturn } from '../src/repos/returns.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, countRows, makeOrder, makeReturn, makeReturnItem } from './helpers.ts';

const M = 'mer_orders';
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('orders repository', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('inserts 2,500 orders with 3 items each in one call and reads them back exactly', async () => {
    const orders = Array.from({ length: 2500 }, (_, n) => makeOrder({ merchantId: M, n }));
    const expected = structuredClone(orders);
    await insertOrders(h.db, orders);

    expect(await countRows(h.db, 'orders')).toBe(2500);
    expect(await countRows(h.db, 'orderItems')).toBe(7500);
    expect(await countRows(h.db, 'shipments')).toBe(2500);

    // Every stored row equals what was written, column for column.
    const storedOrders = await h.db.selectFrom('orders').selectAll().execute();
    expect(byId(storedOrders)).toEqual(byId(expected.map((o) => orderRow(o.order))));
    const storedItems = await h.db.selectFrom('orderItems').selectAll().execute();
    expect(byId(storedItems)).toEqual(byId(expected.flatMap((o) => o.items.map(itemRow))));
    const storedShipments = await h.db.selectFrom('shipments').selectAll().execute();
    expect(byId(storedShipments)).toEqual(byId(expected.flatMap((o) => o.shipments.map(shipmentRow))));

    // And the decoded aggregates (JSON, booleans, nulls, unicode) round-trip too.
    for (const n of [0, 1, 2, 3, 1665, 1666, 1667, 1874, 1875, 2499]) {
      const want = expected[n] as OrderAggregate;
      const got = await getOrder(h.db, M, want.order.id);
      expect(got).toEqual(want);
    }
    const lodz = await getOrder(h.db, M, (expected[0] as OrderAggregate).order.id);
    expect(lodz?.order.shippingAddress.city).toBe('Łódź');
    expect(lodz?.order.customerName).toBe('Łukasz Żółć');
    expect(lodz?.order.customerPhone).toBeNull();
    expect(lodz?.items.map((i) => i.returnable)).toEqual([true, true, false]);
    expect(lodz?.items[1]?.tags).toEqual(['sale', 'größe-ß', 'n0']);
    expect(lodz?.items[2]?.weightGrams).toBeNull();
    expect(lodz?.shipments[0]?.items).toBeNull();
    const strasse = await getOrder(h.db, M, (expected[1] as OrderAggregate).order.id);
    expect(strasse?.order.shippingAddress.city).toBe('Straße 東京 🚚');
    expect(strasse?.order.shippingAddress.addressLine2).toBe('m. 4 \\ back"slash');
    expect(strasse?.shipments[0]?.items).toEqual([{ externalId: 'line-1', quantity: 1 }]);
  });

  it('inserts nothing for an empty batch', async () => {
    await insertOrders(h.db, []);
    await insertOrders(h.db, [{ ...makeOrder({ merchantId: M, n: 1 }), items: [], shipments: [] }]);
    expect(await countRows(h.db, 'orders')).toBe(1);
    expect(await countRows(h.db, 'orderItems')).toBe(0);
  });

  it('finds order ids by external id in chunks, per integration and merchant', async () => {
    const orders = Array.from({ length: 1200 }, (_, n) => makeOrder({ merchantId: M, n, integrationId: n % 2 ? 'int_a' : 'int_b' }));
    await insertOrders(h.db, [...orders, makeOrder({ merchantId: 'mer_other', n: 5, integrationId: 'int_a' })]);
    const keys = orders.map((o) => ({ integrationId: o.order.integrationId, externalId: o.order.externalId }));
    const found = await findOrderIdsByExternal(h.db, M, [...keys, { integrationId: 'int_a', externalId: 'ext-missing' }]);
    expect(found.size).toBe(1200);
    for (const o of orders) {
      expect(found.get(`${o.order.integrationId}\u0000${o.order.externalId}`)).toEqual({ id: o.order.id, createdAt: o.order.createdAt });
    }
  });

  describe('replaceOrder', () => {
    it('keeps item ids for unchanged external ids and deletes vanished items unless a return refers to them', async () => {
      const original = makeOrder({ merchantId: M, n: 7, items: 3 });
      await insertOrders(h.db, [structuredClone(original)]);
      const [line1, line2, line3] = original.items;
      if (!line1 || !line2 || !line3) throw new Error('three items expected');
      // A return refers to line 2, so it must survive even though the shop dropped it.
      const ret = makeReturn({ merchantId: M, orderId: original.order.id });
      await insertReturn(h.db, ret, [makeReturnItem({ merchantId: M, returnId: ret.id, orderItemId: line2.id })]);
      // Another merchant referring to line 3's id must not protect it.
      await insertReturn(h.db, makeReturn({ merchantId: 'mer_other', orderId: 'ord_x' }), [
        makeReturnItem({ merchantId: 'mer_other', returnId: 'ret_other', orderItemId: line3.id }),
      ]);

      const next = structuredClone(original);
      next.order.customerName = 'Renée Straße';
      next.order.updatedAt = at(86_400_000);
      next.order.createdAt = at(99_999_999); // must not overwrite the stored creation time
      const fresh = { ...line1, id: newId('oit'), name: 'Koszulka (renamed)', quantity: 5, returnable: false, tags: ['x'] };
      const added = { ...line1, id: newId('oit'), externalId: 'line-4', position: 1, sku: 'NEW', tags: [] };
      next.items = [fresh, added];
      next.shipments = [
        { ...(original.shipments[0] as OrderAggregate['shipments'][0]), id: newId('shp'), trackingNumber: 'NEW-1', trackingNorm: 'NEW1' },
      ];

      await replaceOrder(h.db, next);
      expect(fresh.id).toBe(line1.id); // the caller's aggregate is told the kept id

      const stored = await getOrder(h.db, M, original.order.id);
      expect(stored?.order.customerName).toBe('Renée Straße');
      expect(stored?.order.updatedAt).toBe(at(86_400_000));
      expect(stored?.order.createdAt).toBe(original.order.createdAt);
      const ids = stored?.items.map((i) => i.id).sort();
      expect(ids).toEqual([line1.id, line2.id, added.id].sort());
      const kept = stored?.items.find((i) => i.id === line1.id);
      expect(kept).toMatchObject({ externalId: 'line-1', name: 'Koszulka (renamed)', quantity: 5, returnable: false, tags: ['x'] });
      expect(stored?.items.find((i) => i.id === line2.id)).toMatchObject({ externalId: 'line-2', sku: line2.sku });
      expect(stored?.items.some((i) => i.id === line3.id)).toBe(false);
      expect(stored?.shipments.map((s) => s.trackingNorm)).toEqual(['NEW1']);
      expect(await countRows(h.db, 'shipments')).toBe(1);
    });

    it('replaces 1,200 orders in one call (chunked statements) exactly as one at a time would', async () => {
      const originals = Array.from({ length: 1200 }, (_, n) => makeOrder({ merchantId: M, n }));
      const untouched = makeOrder({ merchantId: M, n: 5000 });
      await insertOrders(h.db, structuredClone([...originals, untouched]));
      // Returns point at line 3 of every tenth order: those lines survive being dropped.
      for (const o of originals.filter((_, n) => n % 10 === 0)) {
        const ret = makeReturn({ merchantId: M, orderId: o.order.id });
        await insertReturn(h.db, ret, [
          makeReturnItem({ merchantId: M, returnId: ret.id, orderItemId: (o.items[2] as OrderItemRecord).id }),
        ]);
      }
      const next = originals.map((o, n) => {
        const c = structuredClone(o);
        c.order.orderNumber = `#${n}-b`;
        c.order.updatedAt = at(86_400_000);
        c.order.createdAt = at(99_999_999);
        c.items = [
          { ...(c.items[1] as OrderItemRecord), id: newId('oit'), position: 0, quantity: 7 },
          { ...(c.items[0] as OrderItemRecord), id: newId('oit'), externalId: `new-${n}`, position: 1, tags: ['n'] },
        ];
        c.shipments = n % 2 ? [] : [{ ...(c.shipments[0] as ShipmentRecord), id: newId('shp'), trackingNorm: `X${n}` }];
        return c;
      });
      await replaceOrders(h.db, next);

      for (const n of [0, 1, 2, 10, 999, 1000, 1199]) {
        const o = originals[n] as OrderAggregate;
        const got = await getOrder(h.db, M, o.order.id);
        const want = next[n] as OrderAggregate;
        expect(got?.order).toEqual({ ...want.order, createdAt: o.order.createdAt });
        expect(want.items[0]?.id).toBe(o.items[1]?.id); // kept line: its stored id, told to the caller
        const expectedItems = [...want.items, ...(n % 10 === 0 ? [o.items[2] as OrderItemRecord] : [])];
        expect(byId(got?.items ?? [])).toEqual(byId(expectedItems));
        expect(got?.shipments).toEqual(want.shipments);
      }
      expect(await countRows(h.db, 'orderItems')).toBe(1200 * 2 + 120 + 3);
      expect(await countRows(h.db, 'shipments')).toBe(600 + 1);
      expect(await getOrder(h.db, M, untouched.order.id)).toEqual(untouched);
    });

    it('leaves other orders untouched', async () => {
      const a = makeOrder({ merchantId: M, n: 1 });
      const b = makeOrder({ merchantId: M, n: 2 });
      await insertOrders(h.db, structuredClone([a, b]));
      const next = structuredClone(a);
      next.items = [];
      next.shipments = [];
      await replaceOrder(h.db, next);
      expect((await getOrder(h.db, M, a.order.id))?.items).toEqual([]);
      expect(await getOrder(h.db, M, b.order.id)).toEqual(b);
    });
  });

  describe('portal lookups', () => {
    const setup = async () => {
      const mine = makeOrder({
        merchantId: M,
        n: 1,
        brandId: 'brd_a',
        orderNumberNorm: '1001',
        postalNorm: '1016GV',
        trackingNorm: 'TRK1',
      });
      const otherBrand = makeOrder({
        merchantId: M,
        n: 2,
        brandId: 'brd_b',
        orderNumberNorm: '2002',
        postalNorm: '1016GV',
        trackingNorm: 'TRK2',
      });
      const otherMerchant = makeOrder({
        merchantId: 'mer_b',
        n: 3,
        brandId: 'brd_a',
        orderNumberNorm: '3003',
        postalNorm: '1016GV',
        trackingNorm: 'TRK3',
      });
      const noBrand = makeOrder({
        merchantId: M,
        n: 4,
        brandId: null,
        orderNumberNorm: '4004',
        postalNorm: '1016GV',
        trackingNorm: 'TRK4',
      });
      await insertOrders(h.db, structuredClone([mine, otherBrand, otherMerchant, noBrand]));
      return { mine, otherBrand, otherMerchant, noBrand };
    };

    it('findOrderByNumber is scoped by merchant, brand and postal code', async () => {
      const { mine } = await setup();
      expect(await findOrderByNumber(h.db, M, 'brd_a', '1001', '1016GV')).toEqual(mine);
      expect(await findOrderByNumber(h.db, M, 'brd_a', '1001', '1017AA')).toBeNull();
      expect(await findOrderByNumber(h.db, M, 'brd_b', '1001', '1016GV')).toBeNull();
      expect(await findOrderByNumber(h.db, 'mer_b', 'brd_a', '1001', '1016GV')).toBeNull();
      expect(await findOrderByNumber(h.db, M, 'brd_a', '2002', '1016GV')).toBeNull();
      expect(await findOrderByNumber(h.db, M, 'brd_a', '3003', '1016GV')).toBeNull();
      expect(await findOrderByNumber(h.db, 'mer_b', 'brd_a', '3003', '1016GV')).not.toBeNull();
      expect(await findOrderByNumber(h.db, M, 'brd_a', '4004', '1016GV')).toBeNull();
    });

    it('findOrderByNumber picks the most recently placed of orders sharing a number', async () => {
      const older = makeOrder({ merchantId: M, n: 10, orderNumberNorm: '77', postalNorm: 'P', placedAt: at(-3 * 86_400_000) });
      const newer = makeOrder({ merchantId: M, n: 11, orderNumberNorm: '77', postalNorm: 'P', placedAt: at(-86_400_000) });
      const oldest = makeOrder({ merchantId: M, n: 12, orderNumberNorm: '77', postalNorm: 'P', placedAt: at(-9 * 86_400_000) });
      await insertOrders(h.db, structuredClone([older, newer, oldest]));
      expect((await findOrderByNumber(h.db, M, 'brd_a', '77', 'P'))?.order.id).toBe(newer.order.id);
    });

    it('findOrderByTracking is scoped by merchant, brand and postal code', async () => {
      const { mine, otherMerchant } = await setup();
      expect(await findOrderByTracking(h.db, M, 'brd_a', 'TRK1', '1016GV')).toEqual(mine);
      expect(await findOrderByTracking(h.db, M, 'brd_a', 'TRK1', '9999ZZ')).toBeNull();
      expect(await findOrderByTracking(h.db, M, 'brd_b', 'TRK1', '1016GV')).toBeNull();
      expect(await findOrderByTracking(h.db, 'mer_b', 'brd_a', 'TRK1', '1016GV')).toBeNull();
      expect(await findOrderByTracking(h.db, M, 'brd_a', 'TRK2', '1016GV')).toBeNull();
      expect(await findOrderByTracking(h.db, M, 'brd_a', 'TRK3', '1016GV')).toBeNull();
      expect(await findOrderByTracking(h.db, 'mer_b', 'brd_a', 'TRK3', '1016GV')).toEqual(otherMerchant);
      expect(await findOrderByTracking(h.db, M, 'brd_a', 'TRK4', '1016GV')).toBeNull();
      expect(await findOrderByTracking(h.db, M, 'brd_a', '1001', '1016GV')).toBeNull();
    });
  });
});
