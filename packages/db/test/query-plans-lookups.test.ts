// The portal's further ways to find an order (issue #15 item 4: any two of order number, email,
// postal code and tracking number; a signed deep link by order number) must be answered by their
// indexes on a real-sized database, never-analysed and after the statistics refresh. See
// query-plans.test.ts for today's lookups and plan-support.ts for the data.
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database.ts';
import { analyze, refreshStatistics } from '../src/maintenance.ts';
import { findOrderByKeys, findOrderForLink, type LookupKeys } from '../src/repos/order-lookup.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { brandOf, expectNoStatistics, explain, loadInstallation, M, postalOf, queryMatching } from './plan-support.ts';

const ORDERS = 24_000;
const N = 12_000;
const BRAND = brandOf(N);
const keys = {
  orderNumberNorm: String(N),
  emailNorm: `c${N}@example.com`,
  postalNorm: postalOf(N),
  trackingNorm: `TRK${N}`,
};
const pick = (...names: (keyof LookupKeys)[]): LookupKeys => Object.fromEntries(names.map((n) => [n, keys[n]]));

let h: TestDatabaseHandle;
beforeAll(async () => {
  h = await openTestDatabase();
  await loadInstallation(h, ORDERS);
}, 120_000);
afterAll(async () => h?.close());

const byKeys =
  (pattern: RegExp, k: LookupKeys) =>
  (db: Db): Promise<CompiledQuery> =>
    queryMatching(db, pattern, (db) => findOrderByKeys(db, M, BRAND, k));

// Each pair has two selective keys: the planner may start from either one's index (a join from
// orders by number or email, or from shipments by tracking number); it must never scan.
const cases: { name: string; table: string; index: string | string[]; query: (db: Db) => Promise<CompiledQuery> }[] = [
  {
    name: 'order number and email',
    table: 'orders',
    index: ['orders_lookup', 'orders_email'],
    query: byKeys(/from "orders"/, pick('orderNumberNorm', 'emailNorm')),
  },
  {
    name: 'email and postal code',
    table: 'orders',
    index: 'orders_email',
    query: byKeys(/from "orders"/, pick('emailNorm', 'postalNorm')),
  },
  {
    name: 'tracking number and order number',
    table: 'shipments',
    index: ['shipments_tracking', 'orders_lookup'],
    query: byKeys(/from "shipments" inner join/, pick('trackingNorm', 'orderNumberNorm')),
  },
  {
    name: 'tracking number and email',
    table: 'shipments',
    index: ['shipments_tracking', 'orders_email'],
    query: byKeys(/from "shipments" inner join/, pick('trackingNorm', 'emailNorm')),
  },
  {
    name: 'a deep link: order number alone',
    table: 'orders',
    index: 'orders_lookup',
    query: (db) => queryMatching(db, /from "orders"/, (db) => findOrderForLink(db, M, BRAND, String(N), null)),
  },
];

function planTests() {
  for (const c of cases) {
    it(c.name, async () => {
      const plan = await explain(h, await c.query(h.db));
      const context = `\n${plan.text}`;
      for (const a of plan.access) expect(a.index, `full scan of ${a.table}:${context}`).not.toBeNull();
      const allowed = Array.isArray(c.index) ? c.index : [c.index];
      // The first table read (the driving one) is read through one of the allowed indexes.
      expect(allowed, `not started from ${allowed.join(' or ')}:${context}`).toContain(plan.access[0]?.index);
      expect(plan.sorts, `sorts rows:${context}`).toBe(false);
    });
  }
}

describe('further lookups on a never-analysed database', () => {
  it('has no planner statistics', async () => expectNoStatistics(h));
  planTests();
  it('finds the order by every pair, and nothing with one wrong key', async () => {
    const pairs: (keyof LookupKeys)[][] = [
      ['orderNumberNorm', 'postalNorm'],
      ['trackingNorm', 'postalNorm'],
      ['orderNumberNorm', 'emailNorm'],
      ['emailNorm', 'postalNorm'],
      ['trackingNorm', 'orderNumberNorm'],
      ['trackingNorm', 'emailNorm'],
    ];
    for (const pair of pairs) {
      expect((await findOrderByKeys(h.db, M, BRAND, pick(...pair)))?.order.orderNumber, pair.join('+')).toBe(`#${N}`);
      for (const wrong of pair) {
        const k = { ...pick(...pair), [wrong]: `${keys[wrong]}9` };
        expect(await findOrderByKeys(h.db, M, BRAND, k), `${pair.join('+')} with a wrong ${wrong}`).toBeNull();
      }
      expect(await findOrderByKeys(h.db, 'mer_other_1', BRAND, pick(...pair))).toBeNull();
      expect(await findOrderByKeys(h.db, M, brandOf(N + 4), pick(...pair))).toBeNull();
    }
    expect((await findOrderForLink(h.db, M, BRAND, String(N), keys.emailNorm))?.order.orderNumber).toBe(`#${N}`);
    expect(await findOrderForLink(h.db, M, BRAND, String(N), 'someone@example.com')).toBeNull();
    expect((await findOrderForLink(h.db, M, BRAND, String(N), null))?.items).toHaveLength(2);
  });
});

describe('further lookups after the statistics refresh', () => {
  beforeAll(async () => {
    if (h.dialect === 'sqlite') await refreshStatistics(h.db, h.dialect, { checkAllTables: true });
    else await analyze(h.db, h.dialect);
  });
  planTests();
});
