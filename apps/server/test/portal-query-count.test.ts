// How many SQL statements the portal's hot paths send: a regression guard (issue #12). Counted at
// Kysely (every statement passes its plugins; transaction begin/commit are not counted). Lower is
// fine — lower the bound then; higher fails until the new statement is justified.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { found, item, postReturn, returnBody } from './portal-helpers.ts';
import { orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

// Today's counts (issue #12; before: lookup 8, creation 27 on SQLite / 28 on PostgreSQL).
// Lookup: the rate-limit count, then the order with items, shipments, earlier returns and the
// config version in one query (the portal's configuration and its return rules are in memory).
// Creation: that order query (on PostgreSQL after locking the order row in a statement of its own,
// so the query's snapshot sees a concurrent return that committed first), the return, its items,
// its first timeline entries, its jobs; the built-in carrier books inside that transaction and the
// answer is built from what was written (no job claim, no read-back).
const LOOKUP = 2;
const CREATE = { sqlite: 5, postgres: 6 };

let h: Harness;
let statements = 0;
beforeAll(async () => {
  h = await startHarness();
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      statements++;
      return args.result;
    },
  };
  // The app reads ctx.db on every request: from now on its statements are counted.
  h.ctx.db = h.ctx.db.withPlugin(counter);
});
afterAll(async () => h.close());

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  statements = 0;
  const result = await run();
  return { result, statements };
}

describe('statements per portal request', () => {
  it('a lookup and a return creation stay within today’s counts', async () => {
    const shop = await setupShop(h);
    const order = orderPayload(h);
    await shop.importOrders(order);
    // First uses compile and cache the hot queries; count a later, ordinary request.
    await found(h, shop.slug, order);
    const lookup = await counted(() => found(h, shop.slug, order));
    expect(lookup.result.order.orderNumber).toBe(order.orderNumber);
    expect(lookup.statements).toBeLessThanOrEqual(LOOKUP);
    expect(lookup.result.order.items.length).toBeGreaterThan(0);

    const create = await counted(() => postReturn(h, shop.slug, lookup.result.token, returnBody(item(lookup.result, 'TS-M').id)));
    expect(create.result.statusCode, create.result.body).toBe(201);
    expect(json(create.result).reference).toEqual(expect.any(String));
    expect(json(create.result).label.trackingNumber).toEqual(expect.any(String));
    expect(create.statements).toBeLessThanOrEqual(CREATE[h.ctx.dialect]);
  });
});
