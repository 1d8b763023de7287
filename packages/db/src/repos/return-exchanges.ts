// The exchanges shoppers asked for: one row per returned item to be exchanged (migration 0014).
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../database.ts';
import type { ReturnExchangesTable } from '../schema-catalogue.ts';

export type ReturnExchangeRow = Selectable<ReturnExchangesTable>;
export type NewReturnExchange = Insertable<ReturnExchangesTable>;

export async function insertReturnExchanges(db: Executor, rows: Insertable<ReturnExchangesTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('returnExchanges').values(rows).execute();
}

/** A return's exchanges in the order they were asked. */
export async function listReturnExchanges(db: Executor, merchantId: string, returnId: string): Promise<ReturnExchangeRow[]> {
  return db
    .selectFrom('returnExchanges')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Sets the return's bonus credit (minor units), earned by choosing an exchange or store credit. */
export async function setReturnBonusCredit(db: Executor, merchantId: string, returnId: string, amount: number): Promise<void> {
  await db.updateTable('returns').set({ bonusCredit: amount }).where('merchantId', '=', merchantId).where('id', '=', returnId).execute();
}

// ── Stock reservations (migration 0020): each exchange line holds its quantity while the return is open ──

/** Σ quantity held per variant (only variants with a reservation appear). */
export async function reservedQuantities(db: Executor, merchantId: string, variantIds: readonly string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('returnExchanges')
    .select(['variantId', (eb) => eb.fn.sum<number | string>('quantity').as('held')])
    .where('merchantId', '=', merchantId)
    .where('variantId', 'in', [...new Set(variantIds)])
    .where('reservation', '=', 'held')
    .groupBy('variantId')
    .execute();
  return new Map(rows.map((r) => [r.variantId, Number(r.held)]));
}

/**
 * Serialises reservations of these variants: on PostgreSQL the variant rows are locked (in id
 * order, so two transactions never wait on each other crosswise) until the transaction ends;
 * SQLite runs one write transaction at a time (BEGIN IMMEDIATE) already.
 */
export async function lockVariants(db: Executor, dialect: 'sqlite' | 'postgres', merchantId: string, variantIds: readonly string[]) {
  if (dialect !== 'postgres' || variantIds.length === 0) return;
  await db
    .selectFrom('productVariants')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', [...new Set(variantIds)].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Moves the return's held reservations to `to` (released or consumed); how many lines moved. */
export async function settleReservations(db: Executor, merchantId: string, returnId: string, to: 'released' | 'consumed'): Promise<number> {
  const result = await db
    .updateTable('returnExchanges')
    .set({ reservation: to })
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .where('reservation', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
