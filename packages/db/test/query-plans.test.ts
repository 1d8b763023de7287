// The portal and back-office lookups must be served by their indexes, not by scanning a table.
// The SQL is captured from the repository functions themselves, then explained.
import {
  CompiledQuery,
  createQueryId,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database.ts';
import { findOrderByNumber, findOrderByTracking, getOrder, insertOrders } from '../src/repos/orders.ts';
import { insertReturn, listReturns, priorReturnsForOrder } from '../src/repos/returns.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, makeOrder, makeReturn } from './helpers.ts';

/** Records every query a Kysely instance runs (after the other plugins have rewritten it). */
class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The compiled SQL of the first query `run` sends. */
async function firstQuery(db: Db, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const capture = new Capture();
  await run(db.withPlugin(capture));
  const node = capture.nodes[0];
  if (!node) throw new Error('no query was run');
  return db.getExecutor().compileQuery(node, createQueryId());
}

/**
 * The compiled SQL of the first query `run` sends whose text matches `pattern`. Hot queries are
 * precompiled (`src/compiled.ts`): their first use on a database runs the built query (seen here)
 * and then compiles a template with marker values (skipped here).
 */
async function queryMatching(db: Db, pattern: RegExp, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const capture = new Capture();
  await run(db.withPlugin(capture));
  for (const node of capture.nodes) {
    const query = db.getExecutor().compileQuery(node, createQueryId());
    if (pattern.test(query.sql) && !query.parameters.some((p) => typeof p === 'string' && p.startsWith('\u0000'))) return query;
  }
  throw new Error(`no query matched ${pattern}`);
}

async function plan(h: TestDatabaseHandle, query: CompiledQuery): Promise<string> {
  const prefix = h.dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await h.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + query.sql, [...query.parameters]));
  return result.rows.map((r) => String(h.dialect === 'sqlite' ? r.detail : r['QUERY PLAN'])).join('\n');
}

const M = 'mer_plans';
const ORDERS = 5000;

describe('query plans', () => {
  let h: TestDatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
    // Real data: several merchants, most rows belonging to other merchants and brands.
    const orders = Array.from({ length: ORDERS }, (_, n) =>
      makeOrder({
        merchantId: n % 4 === 0 ? M : `mer_other_${n % 7}`,
        n,
        brandId: n % 3 === 0 ? 'brd_a' : 'brd_b',
        postalNorm: `${10000 + (n % 900)}`,
        items: 1,
      }),
    );
    await insertOrders(h.db, orders);
    const returns = Array.from({ length: 2000 }, (_, n) =>
      makeReturn({
        merchantId: n % 4 === 0 ? M : `mer_other_${n % 7}`,
        orderId: `ord_${n}`,
        reference: `R-${String(n).padStart(6, '0')}`,
        orderNumberNorm: String(n),
        contactEmailNorm: `s${n}@example.com`,
        trackingNorm: n % 2 === 0 ? null : `RTR${n}`,
        createdAt: at(n * 60_000),
      }),
    );
    for (const r of returns) await insertReturn(h.db, r, []);
    await h.db.executeQuery(CompiledQuery.raw('analyze'));
  });
  afterAll(async () => h.close());

  const expectIndex = (detail: string, index: string, table: string) => {
    if (h.dialect === 'sqlite') {
      expect(detail).toContain(`USING INDEX ${index}`);
      expect(detail).not.toMatch(new RegExp(`SCAN ${table}\\b`));
    } else {
      expect(detail).toMatch(new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan) (Backward )?(using|on) ${index}\\b`));
      expect(detail).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    }
  };

  it('finds an order by number and postal code through orders_lookup', async () => {
    const query = await firstQuery(h.db, (db) => findOrderByNumber(db, M, 'brd_a', '1200', '10300'));
    expect(query.sql).toMatch(/order_number_norm/);
    const detail = await plan(h, query);
    expectIndex(detail, 'orders_lookup', 'orders');
    // And it finds what it should.
    const found = await findOrderByNumber(h.db, M, 'brd_a', '1200', '10300');
    expect(found?.order.orderNumber).toBe('#1200');
  });

  it('finds an order by tracking number through shipments_tracking', async () => {
    const query = await firstQuery(h.db, (db) => findOrderByTracking(db, M, 'brd_a', 'TRK1200', '10300'));
    expect(query.sql).toMatch(/tracking_norm/);
    const detail = await plan(h, query);
    expectIndex(detail, 'shipments_tracking', 'shipments');
    if (h.dialect === 'sqlite') expect(detail).not.toMatch(/SCAN orders\b/);
    else expect(detail).not.toMatch(/Seq Scan on orders\b/);
    const found = await findOrderByTracking(h.db, M, 'brd_a', 'TRK1200', '10300');
    expect(found?.order.orderNumber).toBe('#1200');
  });

  it('reads an order’s items, shipments and earlier returns through their indexes', async () => {
    const order = await findOrderByNumber(h.db, M, 'brd_a', '1200', '10300');
    const orderId = order?.order.id as string;
    const items = await queryMatching(h.db, /from "order_items"/, (db) => getOrder(db, M, orderId));
    expectIndex(await plan(h, items), 'order_items_order', 'order_items');
    const shipments = await queryMatching(h.db, /from "shipments"/, (db) => getOrder(db, M, orderId));
    expectIndex(await plan(h, shipments), 'shipments_order', 'shipments');
    const prior = await queryMatching(h.db, /from "returns"/, (db) => priorReturnsForOrder(db, M, 'ord_1200'));
    expectIndex(await plan(h, prior), 'returns_order', 'returns');
  });

  it('answers precompiled queries again with new arguments, also inside a transaction', async () => {
    for (const n of [1200, 1212, 1224]) {
      const found = await findOrderByNumber(h.db, M, n % 3 === 0 ? 'brd_a' : 'brd_b', String(n), `${10000 + (n % 900)}`);
      expect(found?.order.orderNumber).toBe(`#${n}`);
      expect(found?.items).toHaveLength(1);
    }
    await h.db.transaction().execute(async (tx) => {
      const found = await findOrderByNumber(tx, M, 'brd_a', '1224', `${10000 + (1224 % 900)}`);
      expect(found?.order.orderNumber).toBe('#1224');
      expect(await findOrderByNumber(tx, M, 'brd_a', '1224', '99999')).toBeNull();
    });
  });

  it('lists a merchant’s returns newest first through returns_created', async () => {
    const query = await firstQuery(h.db, (db) => listReturns(db, M, { limit: 25 }));
    const detail = await plan(h, query);
    expectIndex(detail, 'returns_created', 'returns');
    if (h.dialect === 'sqlite') expect(detail).not.toContain('TEMP B-TREE');
    else expect(detail).not.toMatch(/\bSort\b/);
    const page = await listReturns(h.db, M, { limit: 3 });
    expect(page.map((r) => r.reference)).toEqual(['R-001996', 'R-001992', 'R-001988']);
  });

  it('pages with a cursor through returns_created', async () => {
    const query = await firstQuery(h.db, (db) => listReturns(db, M, { limit: 25, before: { createdAt: at(1000 * 60_000), id: 'ret_x' } }));
    expectIndex(await plan(h, query), 'returns_created', 'returns');
  });

  it('searches returns by reference through indexes only', async () => {
    const search = { reference: 'R-000400', orderNumberNorm: 'R000400', emailNorm: 'r-000400', trackingNorm: 'R000400' };
    const query = await firstQuery(h.db, (db) => listReturns(db, M, { limit: 25, search }));
    const detail = await plan(h, query);
    // Every branch of the OR is answered by its own index (SQLite MULTI-INDEX OR, PostgreSQL BitmapOr).
    for (const index of ['returns_reference_uq', 'returns_order_number', 'returns_email', 'returns_tracking']) {
      expectIndex(detail, index, 'returns');
    }
    const found = await listReturns(h.db, M, { limit: 25, search });
    expect(found.map((r) => r.reference)).toEqual(['R-000400']);
  });
});
