import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import {
  appendEvents,
  getReturn,
  getReturnRow,
  hasEvent,
  insertReturn,
  itemsOfReturns,
  listReturns,
  type NewReturnEvent,
  priorReturnsForOrder,
  type ReturnRecord,
  returnsOfOrder,
  updateReturn,
} from '../src/repos/returns.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, countRows, makeReturn, makeReturnItem } from './helpers.ts';

const M = 'mer_returns';

const event = (returnId: string, over: Partial<NewReturnEvent> = {}): NewReturnEvent => ({
  merchantId: M,
  id: newId('evt'),
  returnId,
  at: at(),
  recordedAt: at(),
  type: 'note',
  status: null,
  message: 'Łódź → Straße',
  actor: 'staff',
  data: null,
  dedupeKey: null,
  ...over,
});

describe('returns repository', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('stores a return with its items and reads it back', async () => {
    const ret = makeReturn({ merchantId: M, orderId: 'ord_1', pickup: JSON.stringify({ date: '2026-03-04' }), contactPhone: '+31 6 1234' });
    const items = [0, 1].map((position) =>
      makeReturnItem({ merchantId: M, returnId: ret.id, orderItemId: `oit_${position}`, position, comment: position ? 'zu groß' : null }),
    );
    await insertReturn(h.db, ret, items);
    const agg = await getReturn(h.db, M, ret.id);
    expect(agg).toEqual({ ret, items, events: [] });
    expect(await getReturn(h.db, 'mer_other', ret.id)).toBeNull();
    expect(await itemsOfReturns(h.db, M, [ret.id])).toEqual(items);
    expect(await itemsOfReturns(h.db, M, [])).toEqual([]);
  });

  describe('updateReturn', () => {
    it('applies the change at the current version and bumps it', async () => {
      const ret = makeReturn({ merchantId: M, orderId: 'ord_1' });
      await insertReturn(h.db, ret, []);
      expect(await updateReturn(h.db, M, ret.id, 1, { status: 'received', updatedAt: at(1000) })).toBe(true);
      expect(await getReturnRow(h.db, M, ret.id)).toEqual({ ...ret, status: 'received', updatedAt: at(1000), version: 2 });
    });

    it('with a stale version returns false and changes nothing', async () => {
      const ret = makeReturn({ merchantId: M, orderId: 'ord_1' });
      await insertReturn(h.db, ret, []);
      expect(await updateReturn(h.db, M, ret.id, 1, { status: 'received' })).toBe(true);
      const before = await getReturnRow(h.db, M, ret.id);
      expect(await updateReturn(h.db, M, ret.id, 1, { status: 'cancelled', trackingNumber: 'X', updatedAt: at(5000) })).toBe(false);
      expect(await updateReturn(h.db, M, ret.id, 3, { status: 'cancelled' })).toBe(false);
      expect(await updateReturn(h.db, 'mer_other', ret.id, 2, { status: 'cancelled' })).toBe(false);
      expect(await getReturnRow(h.db, M, ret.id)).toEqual(before);
      expect(before?.version).toBe(2);
    });
  });

  describe('appendEvents', () => {
    it('assigns increasing seq per return', async () => {
      const stored = await appendEvents(h.db, [event('ret_a'), event('ret_a'), event('ret_b'), event('ret_a')]);
      expect(stored).toEqual([true, true, true, true]);
      const a = await getReturn(h.db, M, 'ret_a');
      expect(a).toBeNull(); // no return row: the events are still stored, read them directly
      const rows = await h.db.selectFrom('returnEvents').select(['returnId', 'seq']).orderBy('returnId').orderBy('seq').execute();
      expect(rows).toEqual([
        { returnId: 'ret_a', seq: 1 },
        { returnId: 'ret_a', seq: 2 },
        { returnId: 'ret_a', seq: 3 },
        { returnId: 'ret_b', seq: 1 },
      ]);
      expect(await appendEvents(h.db, [event('ret_a')])).toEqual([true]);
      const last = await h.db
        .selectFrom('returnEvents')
        .select('seq')
        .where('returnId', '=', 'ret_a')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      expect(last?.seq).toBe(4);
    });

    it('skips an event whose dedupe key is already on the return; null keys never collide', async () => {
      const ret = makeReturn({ merchantId: M, orderId: 'ord_1' });
      await insertReturn(h.db, ret, []);
      const first = event(ret.id, {
        type: 'carrier_booked',
        dedupeKey: 'carrier_booked',
        data: { trackingNumber: 'RTR1', nested: { ok: true } },
      });
      expect(await appendEvents(h.db, [first])).toEqual([true]);
      expect(await appendEvents(h.db, [event(ret.id, { type: 'carrier_booked', dedupeKey: 'carrier_booked', message: 'again' })])).toEqual([
        false,
      ]);
      expect(
        await appendEvents(h.db, [
          event(ret.id),
          event(ret.id),
          event(ret.id, { dedupeKey: 'carrier_booked' }),
          event(ret.id, { dedupeKey: 'other' }),
        ]),
      ).toEqual([true, true, false, true]);
      // The same key on another return, or of another merchant, is a different event.
      expect(await appendEvents(h.db, [event('ret_other', { dedupeKey: 'carrier_booked' })])).toEqual([true]);
      expect(await appendEvents(h.db, [event(ret.id, { merchantId: 'mer_other', dedupeKey: 'carrier_booked' })])).toEqual([true]);

      const agg = await getReturn(h.db, M, ret.id);
      expect(agg?.events.map((e) => [e.seq, e.dedupeKey])).toEqual([
        [1, 'carrier_booked'],
        [2, null],
        [3, null],
        [4, 'other'],
      ]);
      expect(agg?.events[0]).toEqual({ ...first, seq: 1 });
      expect(agg?.events[0]?.message).toBe('Łódź → Straße');
      expect(await hasEvent(h.db, M, ret.id, 'carrier_booked')).toBe(true);
      expect(await hasEvent(h.db, M, ret.id, 'missing')).toBe(false);
      expect(await countRows(h.db, 'returnEvents')).toBe(6);
    });

    it('works inside a transaction', async () => {
      await h.db.transaction().execute(async (tx) => {
        expect(await appendEvents(tx, [event('ret_t', { dedupeKey: 'k' }), event('ret_t', { dedupeKey: 'k' })])).toEqual([true, false]);
      });
      expect(await countRows(h.db, 'returnEvents')).toBe(1);
    });
  });

  it('priorReturnsForOrder groups the items of each return of the order', async () => {
    const r1 = makeReturn({ merchantId: M, orderId: 'ord_1', status: 'open' });
    const r2 = makeReturn({ merchantId: M, orderId: 'ord_1', status: 'cancelled' });
    const elsewhere = makeReturn({ merchantId: M, orderId: 'ord_2' });
    const foreign = makeReturn({ merchantId: 'mer_other', orderId: 'ord_1' });
    await insertReturn(h.db, r1, [
      makeReturnItem({ merchantId: M, returnId: r1.id, orderItemId: 'oit_a', quantity: 2, position: 0 }),
      makeReturnItem({ merchantId: M, returnId: r1.id, orderItemId: 'oit_b', quantity: 1, position: 1 }),
    ]);
    await insertReturn(h.db, r2, [makeReturnItem({ merchantId: M, returnId: r2.id, orderItemId: 'oit_a', quantity: 3 })]);
    await insertReturn(h.db, elsewhere, [makeReturnItem({ merchantId: M, returnId: elsewhere.id, orderItemId: 'oit_z' })]);
    await insertReturn(h.db, foreign, [
      makeReturnItem({ merchantId: 'mer_other', returnId: foreign.id, orderItemId: 'oit_a', quantity: 9 }),
    ]);

    const prior = await priorReturnsForOrder(h.db, M, 'ord_1');
    const sortItems = (items: { orderItemId: string; quantity: number }[]) =>
      [...items].sort((a, b) => a.orderItemId.localeCompare(b.orderItemId));
    const normalised = prior.map((p) => ({ status: p.status, items: sortItems(p.items) })).sort((a, b) => a.status.localeCompare(b.status));
    expect(normalised).toEqual([
      { status: 'cancelled', items: [{ orderItemId: 'oit_a', quantity: 3 }] },
      {
        status: 'open',
        items: [
          { orderItemId: 'oit_a', quantity: 2 },
          { orderItemId: 'oit_b', quantity: 1 },
        ],
      },
    ]);
    expect(await priorReturnsForOrder(h.db, M, 'ord_none')).toEqual([]);
    expect((await returnsOfOrder(h.db, M, 'ord_1')).map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
  });

  describe('listReturns', () => {
    // Ten returns, created in four distinct instants (ties on created_at), plus another merchant's.
    let all: ReturnRecord[];
    beforeEach(async () => {
      all = Array.from({ length: 10 }, (_, n) =>
        makeReturn({
          merchantId: M,
          orderId: `ord_${n}`,
          id: `ret_${String.fromCharCode(97 + ((n * 7) % 10))}${n}`,
          reference: `R-REF${n}`,
          orderNumberNorm: `100${n}`,
          contactEmailNorm: `s${n % 3}@example.com`,
          trackingNorm: n === 4 ? 'RTR4' : null,
          status: n % 3 === 0 ? 'received' : 'open',
          portalId: n % 2 === 0 ? 'prt_even' : 'prt_odd',
          createdAt: at(Math.floor(n / 3) * 60_000),
        }),
      );
      for (const r of all) await insertReturn(h.db, r, []);
      await insertReturn(h.db, makeReturn({ merchantId: 'mer_other', orderId: 'ord_x', reference: 'R-REF1' }), []);
    });
    const expectedOrder = () =>
      [...all].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1)).map((r) => r.id);

    it('orders by created_at desc, id desc and pages with a cursor through ties', async () => {
      const seen: string[] = [];
      let before: { createdAt: string; id: string } | undefined;
      for (let page = 0; page < 10; page++) {
        const rows = await listReturns(h.db, M, { limit: 3, ...(before ? { before } : {}) });
        if (rows.length === 0) break;
        seen.push(...rows.map((r) => r.id));
        const last = rows[rows.length - 1] as ReturnRecord;
        before = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(expectedOrder());
      expect(new Set(seen).size).toBe(10);
    });

    it('filters by status, portal and creation time', async () => {
      const ids = async (f: Parameters<typeof listReturns>[2]) => (await listReturns(h.db, M, f)).map((r) => r.id);
      const order = expectedOrder();
      const pick = (pred: (r: ReturnRecord) => boolean) => order.filter((id) => pred(all.find((r) => r.id === id) as ReturnRecord));
      expect(await ids({ limit: 50, statuses: ['received'] })).toEqual(pick((r) => r.status === 'received'));
      expect(await ids({ limit: 50, statuses: ['received', 'open'] })).toEqual(order);
      expect(await ids({ limit: 50, statuses: [] })).toEqual(order);
      expect(await ids({ limit: 50, portalId: 'prt_odd' })).toEqual(pick((r) => r.portalId === 'prt_odd'));
      expect(await ids({ limit: 50, createdFrom: at(60_000), createdTo: at(180_000) })).toEqual(
        pick((r) => r.createdAt >= at(60_000) && r.createdAt < at(180_000)),
      );
      expect(await ids({ limit: 50, statuses: ['open'], portalId: 'prt_even', createdFrom: at(60_000) })).toEqual(
        pick((r) => r.status === 'open' && r.portalId === 'prt_even' && r.createdAt >= at(60_000)),
      );
    });

    it('searches by reference, order number, email or tracking number, within the merchant', async () => {
      const search = (s: string) => ({ reference: s, orderNumberNorm: s, emailNorm: s.toLowerCase(), trackingNorm: s });
      const ids = async (s: string) => (await listReturns(h.db, M, { limit: 50, search: search(s) })).map((r) => r.reference).sort();
      expect(await ids('R-REF1')).toEqual(['R-REF1']);
      expect(await ids('1007')).toEqual(['R-REF7']);
      expect(await ids('s2@example.com')).toEqual(['R-REF2', 'R-REF5', 'R-REF8']);
      expect(await ids('RTR4')).toEqual(['R-REF4']);
      expect(await ids('nothing')).toEqual([]);
    });
  });
});
