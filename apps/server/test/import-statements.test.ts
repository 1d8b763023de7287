// Regression guard for the bulk order import (issue #12, item 4): a batch of 1,000 orders costs a
// fixed, small number of SQL statements whether the orders are new or already known, never one or
// more per order. Counts statements (every query passes through a Kysely plugin), not time.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrders } from '../src/use-cases/orders/import-orders.ts';
import { orderPayload } from './support/fixtures.ts';
import { type Harness, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/**
 * Statements one 1,000-order batch (3 items, 1 shipment each) may send, as measured on both engines:
 * new: brand rules and integration (6), one lookup of known orders, the orders, items (two chunks:
 * bound-variable limit) and shipments; known: the same reads, the existing items, upserts of
 * orders and items, returns pointing at vanished items, deletes of those items and the old
 * shipments, the new shipments. Before the bulk upsert a re-import took about 7,000. A batch of
 * 500 or more new orders also refreshes the planner statistics (one PRAGMA optimize on SQLite).
 * On PostgreSQL each table's rows go in ONE statement (one JSON parameter, no bound-variable
 * limit), so the items take one statement, not two, and there is no PRAGMA: 11 and 13.
 */
const postgres = process.env.TEST_DB === 'postgres';
const NEW_BATCH_BOUND = postgres ? 11 : 13;
const KNOWN_BATCH_BOUND = postgres ? 13 : 14;

/** A context whose database counts the statements it runs (precompiled ones included). */
function counting() {
  const counted = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      counted.statements++;
      return args.result;
    },
  };
  return { counted, ctx: { ...h.ctx, db: h.ctx.db.withPlugin(plugin) } };
}

describe('order import statement count', () => {
  it('imports 1,000 new orders and then re-imports them, each in a bounded number of statements', async () => {
    const merchant = await newMerchant(h);
    const batch = Array.from({ length: 1000 }, () => orderPayload(h));

    const first = counting();
    expect(await importOrders(first.ctx, merchant.id, batch)).toEqual({ created: 1000, updated: 0, failed: [] });
    expect(first.counted.statements).toBeLessThanOrEqual(NEW_BATCH_BOUND);

    // The shop sends them again: a price changed, one item is gone, one is new, the shipment moved.
    const changed = batch.map((o) => ({
      ...o,
      items: [
        { ...o.items[0], unitPrice: { value: '31.00', currency: 'EUR' } },
        o.items[1],
        { externalId: 'l4', sku: 'SOCK', name: 'Socks', quantity: 1, unitPrice: { value: '5.00', currency: 'EUR' } },
      ],
      shipments: [{ ...o.shipments[0], trackingNumber: `${o.shipments[0]?.trackingNumber}-2` }],
    }));
    const second = counting();
    expect(await importOrders(second.ctx, merchant.id, changed)).toEqual({ created: 0, updated: 1000, failed: [] });
    expect(second.counted.statements).toBeLessThanOrEqual(KNOWN_BATCH_BOUND);

    // And the statements did the work: every order has its three current items and one shipment.
    const db = h.ctx.db;
    const orders = await db.selectFrom('orders').select('id').where('merchantId', '=', merchant.id).execute();
    expect(orders).toHaveLength(1000);
    const items = await db
      .selectFrom('orderItems')
      .select(['externalId', 'unitPrice'])
      .where('merchantId', '=', merchant.id)
      .orderBy('externalId')
      .execute();
    expect(items).toHaveLength(3000);
    expect(items.filter((i) => i.externalId === 'l1').every((i) => i.unitPrice === 3100)).toBe(true);
    expect(items.some((i) => i.externalId === 'l3')).toBe(false);
    const shipments = await db.selectFrom('shipments').select('trackingNumber').where('merchantId', '=', merchant.id).execute();
    expect(shipments).toHaveLength(1000);
    expect(shipments.every((s) => s.trackingNumber.endsWith('-2'))).toBe(true);
  });
});
