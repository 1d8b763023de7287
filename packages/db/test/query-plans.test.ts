// Every hot query must be answered by its index on a database the size of a real installation
// (tens of thousands of orders across several merchants and brands), both before the engine has
// any planner statistics (a merchant's database right after an import: SQLite never analyses by
// itself, PostgreSQL's autovacuum comes later) and after the statistics refresh the product runs.
// The SQL is captured from the repository functions themselves, then explained.
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database.ts';
import { analyze, refreshStatistics } from '../src/maintenance.ts';
import { dropIdempotent, finishIdempotent, findIdempotent } from '../src/repos/idempotency.ts';
import { orderIdsByExternalQuery, shipmentsOfQuery } from '../src/repos/order-rows.ts';
import { findOrderForPortalById, findOrderForPortalByNumber, findOrderForPortalByTracking } from '../src/repos/order-aggregate.ts';
import { findOrderByNumber, findOrderByTracking, getOrder } from '../src/repos/orders.ts';
import { claimJobs } from '../src/repos/outbox.ts';
import { hitCounts, pruneHits, recentHits } from '../src/repos/rate-limits.ts';
import { getReturn, priorReturnsForOrder, updateReturn } from '../src/repos/returns.ts';
import { findReturnIdByTracking } from '../src/repos/tracking.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at } from './helpers.ts';
import { brandOf, expectNoStatistics, expectPlan, explain, loadInstallation, M, postalOf, queryMatching } from './plan-support.ts';

const ORDERS = 24_000;
// An order of merchant M (every fourth order is M's), its brand and postal code.
const N = 12_000;
const BRAND = brandOf(N);
const POSTAL = postalOf(N);

type Case = {
  name: string;
  table: string;
  index: string | string[];
  sorts?: boolean | 'postgres';
  /** Checked only before any statistics exist (see the case). */
  unanalysedOnly?: boolean;
  query: (db: Db) => Promise<CompiledQuery>;
};

let h: TestDatabaseHandle;
let orderId = '';
let returnId = '';
beforeAll(async () => {
  h = await openTestDatabase();
  await loadInstallation(h, ORDERS);
  const found = await findOrderByNumber(h.db, M, BRAND, String(N), POSTAL);
  orderId = found?.order.id as string;
  const prior = await h.db.selectFrom('returns').select('id').where('merchantId', '=', M).where('orderId', '=', orderId).executeTakeFirst();
  returnId = prior?.id as string;
}, 120_000);
afterAll(async () => h?.close());

const cases: Case[] = [
  {
    name: 'portal lookup by order number and postal code',
    table: 'orders',
    index: 'orders_lookup',
    query: (db) => queryMatching(db, /from "orders"/, (db) => findOrderByNumber(db, M, BRAND, String(N), POSTAL)),
  },
  {
    name: 'portal lookup by tracking number and postal code',
    table: 'shipments',
    index: 'shipments_tracking',
    query: (db) => queryMatching(db, /from "shipments" inner join/, (db) => findOrderByTracking(db, M, BRAND, `TRK${N}`, POSTAL)),
  },
  // The portal's one-statement read (repos/order-aggregate.ts): the order through its lookup
  // index, each child through its (merchant_id, order_id/return_id) index, the config version by key.
  ...(
    [
      ['orders', 'orders_lookup'],
      ['order_items', 'order_items_order'],
      ['shipments', 'shipments_order'],
      ['returns', 'returns_order'],
      ['return_items', 'return_items_return'],
      ['config_versions', 'config_versions_pk'],
    ] as const
  ).map(
    ([table, index]): Case => ({
      name: `portal lookup in one statement by order number: ${table} through ${index}`,
      table,
      index,
      query: (db) =>
        queryMatching(db, /from "orders" as "o"/, (db) =>
          findOrderForPortalByNumber(db, h.dialect, { merchantId: M, brandId: BRAND, orderNumberNorm: String(N), postalNorm: POSTAL }),
        ),
    }),
  ),
  {
    name: 'portal lookup in one statement by tracking number',
    table: 'shipments',
    index: 'shipments_tracking',
    query: (db) =>
      queryMatching(db, /from "shipments" as "t"/, (db) =>
        findOrderForPortalByTracking(db, h.dialect, { merchantId: M, brandId: BRAND, trackingNorm: `TRK${N}`, postalNorm: POSTAL }),
      ),
  },
  {
    name: 'return creation: the order in one statement by id (locked on PostgreSQL)',
    table: 'orders',
    index: 'orders_pk',
    query: (db) => queryMatching(db, /from "orders" as "o"/, (db) => findOrderForPortalById(db, h.dialect, M, orderId, true)),
  },
  {
    name: 'a return found by its tracking number (carrier webhooks)',
    table: 'returns',
    index: 'returns_tracking',
    query: (db) => queryMatching(db, /from "returns"/, (db) => findReturnIdByTracking(db, M, `RTR${N}`)),
  },
  {
    name: 'the looked-up order’s items',
    table: 'order_items',
    index: 'order_items_order',
    query: (db) => queryMatching(db, /from "order_items"/, (db) => getOrder(db, M, orderId)),
  },
  {
    name: 'the looked-up order’s shipments',
    table: 'shipments',
    index: 'shipments_order',
    query: (db) => queryMatching(db, /from "shipments"/, (db) => getOrder(db, M, orderId)),
  },
  {
    name: 'an order by id (return creation)',
    table: 'orders',
    index: ['orders_pk'],
    query: (db) => queryMatching(db, /from "orders"/, (db) => getOrder(db, M, orderId)),
  },
  {
    name: 'the order’s earlier returns',
    table: 'returns',
    index: 'returns_order',
    query: (db) => queryMatching(db, /from "returns"/, (db) => priorReturnsForOrder(db, M, orderId)),
  },
  {
    name: 'the items of the order’s earlier returns',
    table: 'return_items',
    index: 'return_items_return',
    query: (db) => queryMatching(db, /from "return_items"/, (db) => priorReturnsForOrder(db, M, orderId)),
  },
  {
    name: 'a return with its items and timeline (after creation)',
    table: 'return_events',
    index: 'return_events_return',
    query: (db) => queryMatching(db, /from "return_events"/, (db) => getReturn(db, M, returnId)),
  },
  {
    name: 'a return’s optimistic update',
    table: 'returns',
    index: 'returns_pk',
    query: (db) => queryMatching(db, /update "returns"/, (db) => updateReturn(db, M, returnId, 1, { status: 'approved' })),
  },
  {
    name: 'rate limits: failures of two keys inside the window',
    table: 'rate_limit_hits',
    index: 'rate_limit_hits_pk',
    // PostgreSQL groups/orders the key's hits in the window after a bitmap scan: at most a
    // limit's worth of rows, since every failure prunes the expired ones.
    sorts: 'postgres',
    query: (db) =>
      queryMatching(db, /from "rate_limit_hits"/, (db) => hitCounts(db, ['lookup:ip:prt_1:10.0.1.1', 'lookup:id:prt_1:1200'], at(0))),
  },
  {
    name: 'rate limits: the oldest failures of a key',
    table: 'rate_limit_hits',
    index: 'rate_limit_hits_pk',
    // PostgreSQL groups/orders the key's hits in the window after a bitmap scan: at most a
    // limit's worth of rows, since every failure prunes the expired ones.
    sorts: 'postgres',
    query: (db) => queryMatching(db, /from "rate_limit_hits"/, (db) => recentHits(db, 'lookup:ip:prt_1:10.0.1.1', at(0), 5)),
  },
  {
    name: 'rate limits: pruning a key’s expired failures',
    table: 'rate_limit_hits',
    index: 'rate_limit_hits_pk',
    query: (db) => queryMatching(db, /delete from "rate_limit_hits"/, (db) => pruneHits(db, 'lookup:ip:prt_1:10.0.1.1', at(500_000))),
  },
  {
    name: 'idempotency: a stored response',
    table: 'idempotency_keys',
    index: 'idempotency_keys_pk',
    query: (db) => queryMatching(db, /from "idempotency_keys"/, (db) => findIdempotent(db, `${M}:returns`, 'key-4')),
  },
  {
    name: 'idempotency: finishing a response',
    table: 'idempotency_keys',
    index: 'idempotency_keys_pk',
    query: (db) => queryMatching(db, /update "idempotency_keys"/, (db) => finishIdempotent(db, `${M}:returns`, 'key-4', 201, '{}')),
  },
  {
    name: 'idempotency: dropping a refused request’s key',
    table: 'idempotency_keys',
    index: 'idempotency_keys_pk',
    query: (db) => queryMatching(db, /delete from "idempotency_keys"/, (db) => dropIdempotent(db, `${M}:returns`, 'key-4')),
  },
  {
    name: 'order import: which orders exist, by (merchant, integration, external id)',
    table: 'orders',
    index: 'orders_external_uq',
    query: (db) =>
      // The statement behind findOrderIdsByExternal (precompiled there), built with real values.
      queryMatching(db, /from "orders"/, (db) => orderIdsByExternalQuery(db, M, 'int_webshop', [`ext-${N}`, `ext-${N + 4}`]).execute()),
  },
  {
    name: 'order import: replacing an existing order’s shipments',
    table: 'shipments',
    index: 'shipments_order',
    // The statement replaceOrders uses to drop an order's old shipments (precompiled there).
    query: (db) => queryMatching(db, /delete from "shipments"/, (db) => shipmentsOfQuery(db, M, [orderId]).execute()),
  },
  {
    name: 'job claiming: due jobs of some topics',
    table: 'outbox',
    // 29,900 of the 30,000 jobs are finished: the claim walks the open jobs only, in due order
    // through outbox_open_jobs (topic, available_at) where done_at is null, before and after
    // statistics. Two topics: their due open jobs (few) are merged in due order by a sort.
    index: 'outbox_open_jobs',
    sorts: true,
    query: (db) =>
      queryMatching(db, /from "outbox"/, (db) =>
        claimJobs(db, h.dialect, { topics: ['email.send', 'label.book'], limit: 10, now: at(40_000_000), leaseUntil: at(40_060_000) }),
      ),
  },
];

function planTests(analysed: boolean) {
  for (const c of cases.filter((c) => !(analysed && c.unanalysedOnly))) {
    it(c.name, async () => {
      const plan = await explain(h, await c.query(h.db));
      expectPlan(plan, c.table, c.index, { sorts: c.sorts === 'postgres' ? h.dialect === 'postgres' : (c.sorts ?? false) });
    });
  }
}

describe('hot queries on a never-analysed database', () => {
  it('has no planner statistics', async () => expectNoStatistics(h));
  planTests(false);
  it('finds what the lookups look for', async () => {
    expect((await findOrderByNumber(h.db, M, BRAND, String(N), POSTAL))?.order.orderNumber).toBe(`#${N}`);
    expect((await findOrderByTracking(h.db, M, BRAND, `TRK${N}`, POSTAL))?.order.orderNumber).toBe(`#${N}`);
    expect(await findOrderByNumber(h.db, M, BRAND, String(N), '99999')).toBeNull();
    expect(await findOrderByNumber(h.db, 'mer_other_1', BRAND, String(N), POSTAL)).toBeNull();
    // The one-statement read answers what the separate reads answer.
    const one = await findOrderForPortalByNumber(h.db, h.dialect, {
      merchantId: M,
      brandId: BRAND,
      orderNumberNorm: String(N),
      postalNorm: POSTAL,
    });
    const separate = await findOrderByNumber(h.db, M, BRAND, String(N), POSTAL);
    expect(one && { order: one.order, items: one.items, shipments: one.shipments }).toEqual(separate);
    expect(one?.prior).toEqual(await priorReturnsForOrder(h.db, M, orderId));
    expect(one?.prior.length).toBeGreaterThan(0);
    const byTracking = await findOrderForPortalByTracking(h.db, h.dialect, {
      merchantId: M,
      brandId: BRAND,
      trackingNorm: `TRK${N}`,
      postalNorm: POSTAL,
    });
    expect(byTracking?.order.id).toBe(orderId);
    expect((await findOrderForPortalById(h.db, h.dialect, M, orderId))?.items).toEqual(separate?.items);
    expect(
      await findOrderForPortalByNumber(h.db, h.dialect, { merchantId: M, brandId: BRAND, orderNumberNorm: String(N), postalNorm: '99999' }),
    ).toBeNull();
    // The precompiled lookup answers again with new arguments, also inside a transaction.
    for (const n of [N + 4, N + 8, N + 12]) {
      const found = await findOrderByNumber(h.db, M, brandOf(n), String(n), postalOf(n));
      expect(found?.order.orderNumber).toBe(`#${n}`);
      expect(found?.items).toHaveLength(2);
    }
    await h.db.transaction().execute(async (tx) => {
      expect((await findOrderByNumber(tx, M, brandOf(N + 4), String(N + 4), postalOf(N + 4)))?.order.orderNumber).toBe(`#${N + 4}`);
      expect(await findOrderByNumber(tx, M, brandOf(N + 8), String(N + 4), postalOf(N + 4))).toBeNull();
    });
  });
});

describe('hot queries after the statistics refresh', () => {
  beforeAll(async () => {
    // SQLite: what the product runs (PRAGMA optimize); PostgreSQL: what autovacuum runs.
    if (h.dialect === 'sqlite') await refreshStatistics(h.db, h.dialect, { checkAllTables: true });
    else await analyze(h.db, h.dialect);
  });
  planTests(true);
});
