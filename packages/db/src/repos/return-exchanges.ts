// The exchanges shoppers asked for: one row per returned item to be exchanged (migration 0014).
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../database.ts';
import type { ReturnExchangesTable } from '../schema-catalogue.ts';

export type ReturnExchangeRow = Selectable<ReturnExchangesTable>;

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
