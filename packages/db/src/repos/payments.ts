// Payment provider accounts (one per merchant and provider, credentials sealed by the server) and
// payments: one row per checkout attempt of a return's up-front fee, with its refund.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../database.ts';
import type { PaymentAccountsTable, PaymentsTable } from '../schema-integrations.ts';

export type PaymentAccountRow = Selectable<PaymentAccountsTable>;
export type PaymentRow = Selectable<PaymentsTable>;

export async function getPaymentAccount(db: Executor, merchantId: string, provider: string): Promise<PaymentAccountRow | undefined> {
  return db
    .selectFrom('paymentAccounts')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('provider', '=', provider)
    .executeTakeFirst();
}

/** Inserts the account or replaces its credentials (one account per merchant and provider). */
export async function upsertPaymentAccount(db: Executor, row: Insertable<PaymentAccountsTable>): Promise<void> {
  await db
    .insertInto('paymentAccounts')
    .values(row)
    .onConflict((oc) =>
      // The id moves with the credentials: they are sealed for it.
      oc
        .columns(['merchantId', 'provider'])
        .doUpdateSet({ id: row.id, credentials: row.credentials, settings: row.settings ?? null, updatedAt: row.updatedAt }),
    )
    .execute();
}

export async function deletePaymentAccount(db: Executor, merchantId: string, provider: string): Promise<boolean> {
  const result = await db
    .deleteFrom('paymentAccounts')
    .where('merchantId', '=', merchantId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertPayment(db: Executor, row: Insertable<PaymentsTable>): Promise<void> {
  await db.insertInto('payments').values(row).execute();
}

export async function getPayment(db: Executor, merchantId: string, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function findPaymentByProviderId(
  db: Executor,
  merchantId: string,
  provider: string,
  providerPaymentId: string,
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('provider', '=', provider)
    .where('providerPaymentId', '=', providerPaymentId)
    .executeTakeFirst();
}

/** The return's payments, newest first. */
export async function listReturnPayments(db: Executor, merchantId: string, returnId: string): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updatePayment(
  db: Executor,
  merchantId: string,
  id: string,
  fields: Updateable<Omit<PaymentsTable, 'merchantId' | 'id'>>,
): Promise<boolean> {
  const result = await db.updateTable('payments').set(fields).where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
