// Aggregates for the back office's insights page. Portable SQL only: days are
// substr(created_at, 1, 10) of the ISO-8601 UTC instants, months substr(…, 1, 7).
import { sql } from 'kysely';
import type { Executor } from '../database.ts';

/** A half-open range of ISO instants: from ≤ at < to. */
export type InstantRange = { from: string; to: string };

const EXCLUDED = ['cancelled', 'rejected', 'expired'];

export async function returnsPerDay(db: Executor, merchantId: string, r: InstantRange): Promise<{ date: string; count: number }[]> {
  const day = sql<string>`substr(created_at, 1, 10)`;
  const rows = await db
    .selectFrom('returns')
    .select((eb) => [day.as('day'), eb.fn.countAll<number | string>().as('n')])
    .where('merchantId', '=', merchantId)
    .where('createdAt', '>=', r.from)
    .where('createdAt', '<', r.to)
    .groupBy(day)
    .execute();
  return rows.map((row) => ({ date: row.day, count: Number(row.n) }));
}

/** Returned units per reason code, most first (returns created in the range). */
export async function topReasons(db: Executor, merchantId: string, r: InstantRange, limit: number) {
  const rows = await db
    .selectFrom('returnItems as ri')
    .innerJoin('returns as rt', (j) => j.onRef('rt.merchantId', '=', 'ri.merchantId').onRef('rt.id', '=', 'ri.returnId'))
    .select((eb) => ['ri.reason', eb.fn.sum<number | string>('ri.quantity').as('n')])
    .where('ri.merchantId', '=', merchantId)
    .where('rt.createdAt', '>=', r.from)
    .where('rt.createdAt', '<', r.to)
    .groupBy('ri.reason')
    .orderBy('n', 'desc')
    .orderBy('ri.reason')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ reason: row.reason, count: Number(row.n) }));
}

/** Units ordered per SKU in orders placed in the range. */
export async function orderedBySku(db: Executor, merchantId: string, r: InstantRange, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('orderItems as oi')
    .innerJoin('orders as o', (j) => j.onRef('o.merchantId', '=', 'oi.merchantId').onRef('o.id', '=', 'oi.orderId'))
    .select((eb) => ['oi.sku', eb.fn.sum<number | string>('oi.quantity').as('n')])
    .where('oi.merchantId', '=', merchantId)
    .where('o.placedAt', '>=', r.from)
    .where('o.placedAt', '<', r.to)
    .where('oi.sku', 'in', skus)
    .groupBy('oi.sku')
    .execute();
  return new Map(rows.map((row) => [row.sku, Number(row.n)]));
}

/** Units returned per SKU (not cancelled or rejected) out of orders placed in the range, most first. */
export async function returnedBySku(db: Executor, merchantId: string, r: InstantRange, limit: number) {
  const rows = await db
    .selectFrom('returnItems as ri')
    .innerJoin('returns as rt', (j) => j.onRef('rt.merchantId', '=', 'ri.merchantId').onRef('rt.id', '=', 'ri.returnId'))
    .innerJoin('orders as o', (j) => j.onRef('o.merchantId', '=', 'rt.merchantId').onRef('o.id', '=', 'rt.orderId'))
    .select((eb) => ['ri.sku', eb.fn.sum<number | string>('ri.quantity').as('n')])
    .where('ri.merchantId', '=', merchantId)
    .where('o.placedAt', '>=', r.from)
    .where('o.placedAt', '<', r.to)
    .where('rt.status', 'not in', EXCLUDED)
    .groupBy('ri.sku')
    .orderBy('n', 'desc')
    .orderBy('ri.sku')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ sku: row.sku, returned: Number(row.n) }));
}

export async function resolutionMix(db: Executor, merchantId: string, r: InstantRange) {
  const rows = await db
    .selectFrom('returns')
    .select((eb) => ['resolution', eb.fn.countAll<number | string>().as('n')])
    .where('merchantId', '=', merchantId)
    .where('createdAt', '>=', r.from)
    .where('createdAt', '<', r.to)
    .groupBy('resolution')
    .orderBy('n', 'desc')
    .orderBy('resolution')
    .execute();
  return rows.map((row) => ({ resolution: row.resolution, count: Number(row.n) }));
}

/** Booked labels per month (of booking), carrier and currency: how many and their total cost. */
export async function labelCostByCarrierMonth(db: Executor, merchantId: string, r: InstantRange) {
  const month = sql<string>`substr(booked_at, 1, 7)`;
  const rows = await db
    .selectFrom('returns')
    .select((eb) => [
      month.as('month'),
      'carrier',
      'labelCostCurrency',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('labelCost').as('total'),
    ])
    .where('merchantId', '=', merchantId)
    .where('bookedAt', '>=', r.from)
    .where('bookedAt', '<', r.to)
    .where('labelCost', 'is not', null)
    .where('carrier', 'is not', null)
    .groupBy([month, 'carrier', 'labelCostCurrency'])
    .orderBy('month')
    .orderBy('carrier')
    .execute();
  return rows.map((row) => ({
    month: row.month,
    carrier: String(row.carrier),
    currency: String(row.labelCostCurrency),
    labels: Number(row.n),
    totalMinor: Number(row.total),
  }));
}

/** The money settled on returns created in the range, by kind and currency: replacement orders' discounts, store credit, refunds. */
export async function settledMoney(db: Executor, merchantId: string, r: InstantRange) {
  const rows = await db
    .selectFrom('returnEvents as e')
    .innerJoin('returns as rt', (j) => j.onRef('rt.merchantId', '=', 'e.merchantId').onRef('rt.id', '=', 'e.returnId'))
    .select(['e.type', 'e.data', 'rt.currency'])
    .where('e.merchantId', '=', merchantId)
    .where('e.type', 'in', ['exchange_created', 'store_credit', 'refund'])
    .where('rt.createdAt', '>=', r.from)
    .where('rt.createdAt', '<', r.to)
    .execute();
  const totals = new Map<string, { exchanges: number; storeCredit: number; refunded: number }>();
  for (const row of rows) {
    const data = row.data ? (JSON.parse(row.data) as { amount?: unknown; discount?: unknown }) : {};
    const t = totals.get(row.currency) ?? { exchanges: 0, storeCredit: 0, refunded: 0 };
    if (row.type === 'exchange_created') t.exchanges += Number(data.discount) || 0;
    else if (row.type === 'store_credit') t.storeCredit += Number(data.amount) || 0;
    else t.refunded += Number(data.amount) || 0;
    totals.set(row.currency, t);
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, t]) => ({ currency, ...t }));
}
