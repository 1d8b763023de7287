// Query-plan tests: a database the size of a real installation, loaded through the repository
// functions the API uses and never analysed (no ANALYZE, no autovacuum), and helpers that capture
// a repository function's SQL and explain it on SQLite (EXPLAIN QUERY PLAN) and PostgreSQL
// (EXPLAIN (FORMAT JSON)).
import {
  CompiledQuery,
  createQueryId,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../src/database.ts';
import { saveIdempotent } from '../src/repos/idempotency.ts';
import { insertOrders } from '../src/repos/orders.ts';
import { enqueueMany } from '../src/repos/outbox.ts';
import { recordHit } from '../src/repos/rate-limits.ts';
import { insertFirstEvents, insertReturn } from '../src/repos/returns.ts';
import type { TestDatabaseHandle } from '../src/testing.ts';
import { at, makeOrder, makeReturn, makeReturnItem } from './helpers.ts';

/** The merchant the tests ask about; three others share the tables. */
export const M = 'mer_plans';
export const MERCHANTS = [M, 'mer_other_1', 'mer_other_2', 'mer_other_3'];
export const BRANDS = ['brd_a', 'brd_b', 'brd_c'];
export const merchantOf = (n: number) => MERCHANTS[n % MERCHANTS.length] as string;
export const brandOf = (n: number) => BRANDS[Math.floor(n / MERCHANTS.length) % BRANDS.length] as string;
export const postalOf = (n: number) => `${10000 + (n % 900)}`;

const TABLES = [
  'orders',
  'order_items',
  'shipments',
  'returns',
  'return_items',
  'return_events',
  'rate_limit_hits',
  'idempotency_keys',
  'outbox',
  'config_versions',
];

/**
 * `orders` orders (two items and one shipment each) across four merchants and three brands,
 * imported in batches of 1,000 as the import use case does; a return for every tenth order;
 * rate-limit hits, idempotency keys, and 30,000 outbox jobs of which 100 are not finished. PostgreSQL's autovacuum is switched
 * off on these tables so that no ANALYZE runs behind the test's back.
 */
export async function loadInstallation(h: TestDatabaseHandle, orders: number): Promise<void> {
  if (h.dialect === 'postgres') {
    for (const table of TABLES) await sql.raw(`alter table ${table} set (autovacuum_enabled = off)`).execute(h.db);
  }
  for (let start = 0; start < orders; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, orders - start) }, (_, k) => {
      const n = start + k;
      return makeOrder({ merchantId: merchantOf(n), n, brandId: brandOf(n), postalNorm: postalOf(n), items: 2, placedAt: at(n * 60_000) });
    });
    await h.db.transaction().execute(async (tx) => {
      await insertOrders(tx, batch);
      for (const o of batch.filter((_, k) => (start + k) % 10 === 0)) {
        const n = Number(o.order.externalId.slice(4));
        const ret = makeReturn({
          merchantId: o.order.merchantId,
          orderId: o.order.id,
          reference: `R-${String(n).padStart(7, '0')}`,
          orderNumberNorm: o.order.orderNumberNorm,
          contactEmailNorm: `c${n}@example.com`,
          trackingNorm: n % 20 === 0 ? `RTR${n}` : null,
          status: ['open', 'in_transit', 'received', 'resolved'][n % 4] as string,
          createdAt: at(n * 60_000 + 3_600_000),
        });
        const items = o.items.map((i, position) =>
          makeReturnItem({ merchantId: ret.merchantId, returnId: ret.id, orderItemId: i.id, position }),
        );
        await insertReturn(tx, ret, items);
        await insertFirstEvents(
          tx,
          ['submitted', 'label_created'].map((type, i) => ({
            merchantId: ret.merchantId,
            id: `evt_${n}_${i}`,
            returnId: ret.id,
            at: ret.createdAt,
            recordedAt: ret.createdAt,
            type,
            status: i === 0 ? 'open' : null,
            message: null,
            actor: 'shopper',
            data: null,
            dedupeKey: null,
          })),
        );
      }
    });
  }
  // Config versions (migration 0013) of an installation with 2,000 merchants, ours among them.
  const versions = Array.from({ length: 2000 }, (_, n) => ({
    merchantId: n < MERCHANTS.length ? (MERCHANTS[n] as string) : `mer_${n}`,
    version: 1 + (n % 7),
  }));
  for (let i = 0; i < versions.length; i += 500)
    await h.db
      .insertInto('configVersions')
      .values(versions.slice(i, i + 500))
      .execute();
  await h.db.transaction().execute(async (tx) => {
    for (let n = 0; n < 3000; n++) {
      await recordHit(tx, `lookup:ip:prt_${n % 4}:10.0.${n % 250}.${n % 7}`, at(n * 1000), `hit_${n}`);
      await saveIdempotent(tx, {
        scope: `${merchantOf(n)}:returns`,
        key: `key-${n}`,
        requestHash: 'h',
        statusCode: 201,
        responseBody: '{}',
        createdAt: at(n * 1000),
      });
    }
    // Many finished jobs and a few open ones, as a queue looks after months of work.
    const jobs = Array.from({ length: 30_000 }, (_, n) => ({
      merchantId: merchantOf(n),
      id: `job_${String(n).padStart(6, '0')}`,
      topic: ['email.send', 'label.book', 'webhook.deliver'][n % 3] as string,
      payload: { n },
      at: at(n * 1000),
    }));
    for (let i = 0; i < jobs.length; i += 500) await enqueueMany(tx, jobs.slice(i, i + 500));
    await tx
      .updateTable('outbox')
      .set({ doneAt: at(3_000_000) })
      .where('id', '<', 'job_029900')
      .execute();
  });
}

/** Fails if the engine holds planner statistics the production path would not have. */
export async function expectNoStatistics(h: TestDatabaseHandle): Promise<void> {
  if (h.dialect === 'sqlite') {
    const stat = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(h.db);
    if (Number(stat.rows[0]?.n) > 0) {
      const rows = await sql<{ n: number }>`select count(*) as n from sqlite_stat1`.execute(h.db);
      expect(Number(rows.rows[0]?.n)).toBe(0);
    }
  } else {
    const rows = await sql<{ n: string }>`select count(*) as n from pg_stats where schemaname = current_schema()`.execute(h.db);
    expect(Number(rows.rows[0]?.n)).toBe(0);
  }
}

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

/**
 * The compiled SQL of the first query `run` sends whose text matches `pattern`. Hot queries are
 * precompiled (`src/compiled.ts`): their first use on a database runs the built query (seen here)
 * and then compiles a template with marker values (skipped here).
 */
export async function queryMatching(db: Db, pattern: RegExp, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const capture = new Capture();
  await db
    .transaction()
    .execute(async (tx) => {
      await run(tx.withPlugin(capture) as unknown as Db);
      // Writes are explained, not kept: the data stays as loaded for the next test.
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  for (const node of capture.nodes) {
    const query = db.getExecutor().compileQuery(node, createQueryId());
    if (pattern.test(query.sql) && !query.parameters.some((p) => typeof p === 'string' && p.startsWith('\u0000'))) return query;
  }
  throw new Error(`no query matched ${pattern}`);
}
class Rollback extends Error {}

/** How the engine reads each table: by which index (null: a full scan), and whether it sorts. */
export type Plan = { text: string; access: { table: string; index: string | null }[]; sorts: boolean };

export async function explain(h: TestDatabaseHandle, query: CompiledQuery): Promise<Plan> {
  if (h.dialect === 'sqlite') {
    const result = await h.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    const lines = result.rows.map((r) => r.detail);
    // A materialised CTE read under an alias (`"found" as "returns"`) is named by its alias in
    // the plan: name it by the CTE, so it is not taken for the table.
    const ctes = new Set(lines.flatMap((l) => /^MATERIALIZE (\w+)/.exec(l)?.[1] ?? []));
    const cteAliases = new Map(
      [...query.sql.matchAll(/from "(\w+)" as "(\w+)"/g)].filter((m) => ctes.has(m[1] as string)).map((m) => [m[2], m[1]]),
    );
    // A table read under an alias (`"outbox" as "o"`) is named by its alias: name it by the table.
    const tableAliases = new Map(
      [...query.sql.matchAll(/"(\w+)" as "(\w+)"/g)].filter((m) => !ctes.has(m[1] as string)).map((m) => [m[2], m[1]]),
    );
    const access: Plan['access'] = [];
    for (const line of lines) {
      const m = /^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?(?:INDEX (\w+)|(INTEGER PRIMARY KEY|PRIMARY KEY)))?/.exec(line);
      if (!m) continue;
      const scannedCte = m[1] === 'SCAN' && !m[3] && !m[4] ? cteAliases.get(m[2] as string) : undefined;
      const table = scannedCte ?? tableAliases.get(m[2] as string) ?? (m[2] as string);
      const index = (m[3]?.startsWith('sqlite_autoindex_') ? `${table}_pk` : m[3]) ?? (m[4] ? `${table}_pk` : null);
      // A SCAN through an index still reads every row of the table.
      access.push({ table, index: m[1] === 'SCAN' ? null : index });
    }
    return { text: lines.join('\n'), access, sorts: lines.some((l) => /TEMP B-TREE FOR (ORDER BY|GROUP BY|RIGHT PART)/.test(l)) };
  }
  const result = await h.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
  );
  const raw = result.rows[0]?.['QUERY PLAN'];
  const root = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PgNode }[];
  const access: Plan['access'] = [];
  let sorts = false;
  const lines: string[] = [];
  const walk = (node: PgNode, depth: number) => {
    const type = node['Node Type'];
    lines.push(
      `${' '.repeat(depth * 2)}${type}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`,
    );
    if (type === 'Sort' || type === 'Incremental Sort') sorts = true;
    if (node['Relation Name'] && type !== 'ModifyTable') {
      access.push({ table: node['Relation Name'], index: type === 'Seq Scan' ? null : (node['Index Name'] ?? 'bitmap') });
    }
    if (type === 'Bitmap Index Scan' && node['Index Name']) access.push({ table: '(bitmap)', index: node['Index Name'] });
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root[0]?.Plan as PgNode, 0);
  return { text: lines.join('\n'), access, sorts };
}
type PgNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PgNode[] };

/**
 * Every table is read through an index (never a full scan), `table` through `index` (one of them
 * on PostgreSQL, where a bitmap may combine several), and, unless `sorts` is allowed, nothing is sorted.
 * `scans` names what may be read whole: a query's own small intermediate results (CTEs).
 */
export function expectPlan(plan: Plan, table: string, indexes: string | string[], opts: { sorts?: boolean; scans?: string[] } = {}): void {
  const wanted = Array.isArray(indexes) ? indexes : [indexes];
  const context = `\n${plan.text}`;
  for (const a of plan.access) {
    if (!opts.scans?.includes(a.table)) expect(a.index, `full scan of ${a.table}:${context}`).not.toBeNull();
  }
  const used = plan.access.filter((a) => a.table === table || a.table === '(bitmap)').map((a) => a.index);
  for (const index of wanted) expect(used, `${table} not read through ${index}:${context}`).toContain(index);
  if (!opts.sorts) expect(plan.sorts, `sorts rows:${context}`).toBe(false);
}
