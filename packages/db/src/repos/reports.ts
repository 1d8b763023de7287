// Aggregates for the merchant's reports.
import { sql } from 'kysely';
import type { Executor } from '../database.ts';

/** Labels booked per UTC month and carrier, with their summed cost, between two instants. */
export async function labelCostsByMonth(
  db: Executor,
  merchantId: string,
  from: string,
  to: string,
): Promise<{ month: string; carrier: string; currency: string; labels: number; total: number }[]> {
  const month = sql<string>`substr(booked_at, 1, 7)`;
  const rows = await db
    .selectFrom('returns')
    .select((eb) => [
      month.as('month'),
      'carrier',
      'labelCostCurrency',
      eb.fn.countAll<number | string>().as('labels'),
      eb.fn.sum<number | string>('labelCost').as('total'),
    ])
    .where('merchantId', '=', merchantId)
    .where('bookedAt', '>=', from)
    .where('bookedAt', '<', to)
    .where('labelCost', 'is not', null)
    .groupBy([month, 'carrier', 'labelCostCurrency'])
    .orderBy(month)
    .orderBy('carrier')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    carrier: r.carrier ?? '',
    currency: r.labelCostCurrency ?? '',
    labels: Number(r.labels),
    total: Number(r.total),
  }));
}
