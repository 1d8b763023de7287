// Merchants' carrier accounts (credentials sealed by the server) and the documents carriers made
// for returns (bytes as base64 text). Every query is scoped to the merchant.
import type { Insertable, Selectable, Updateable } from 'kysely';
import { precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import type { CarrierAccountsTable, CarrierDocumentsTable } from '../schema-carriers.ts';

export type CarrierAccountRow = Selectable<CarrierAccountsTable>;
export type CarrierDocumentRow = Selectable<CarrierDocumentsTable>;

// Read on every portal lookup and return creation: compiled once per database.
const accountsOf = precompiled((db, merchantId: string) =>
  db.selectFrom('carrierAccounts').selectAll().where('merchantId', '=', merchantId).orderBy('createdAt').orderBy('id'),
);

export async function listCarrierAccounts(db: Executor, merchantId: string): Promise<CarrierAccountRow[]> {
  return accountsOf(db, merchantId);
}

export async function getCarrierAccount(db: Executor, merchantId: string, id: string): Promise<CarrierAccountRow | undefined> {
  return db.selectFrom('carrierAccounts').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function getCarrierAccountByCode(db: Executor, merchantId: string, code: string): Promise<CarrierAccountRow | undefined> {
  return db.selectFrom('carrierAccounts').selectAll().where('merchantId', '=', merchantId).where('code', '=', code).executeTakeFirst();
}

/** Account ids of every merchant, for the tracking poll (one job per merchant). */
export async function merchantsWithCarrierAccounts(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('carrierAccounts').select('merchantId').distinct().execute();
  return rows.map((r) => r.merchantId);
}

/** False when the merchant has an account with this code already. */
export async function insertCarrierAccount(db: Executor, row: Insertable<CarrierAccountsTable>): Promise<boolean> {
  const result = await db
    .insertInto('carrierAccounts')
    .values(row)
    .onConflict((oc) => oc.columns(['merchantId', 'code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateCarrierAccount(
  db: Executor,
  merchantId: string,
  id: string,
  fields: Updateable<Omit<CarrierAccountsTable, 'merchantId' | 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('carrierAccounts')
    .set(fields)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteCarrierAccount(db: Executor, merchantId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('carrierAccounts').where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stores the carrier's documents of a return; a document already stored (same kind and format) is kept. */
export async function insertCarrierDocuments(db: Executor, rows: Insertable<CarrierDocumentsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('carrierDocuments')
    .values(rows)
    .onConflict((oc) => oc.columns(['merchantId', 'returnId', 'kind', 'format']).doNothing())
    .execute();
}

/** Kind and format of a return's carrier documents (no bodies). */
export async function listCarrierDocuments(
  db: Executor,
  merchantId: string,
  returnId: string,
): Promise<Pick<CarrierDocumentRow, 'kind' | 'format' | 'mimeType'>[]> {
  return db
    .selectFrom('carrierDocuments')
    .select(['kind', 'format', 'mimeType'])
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function getCarrierDocument(
  db: Executor,
  merchantId: string,
  returnId: string,
  kind: string,
  format?: string,
): Promise<CarrierDocumentRow | undefined> {
  let query = db
    .selectFrom('carrierDocuments')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .where('kind', '=', kind);
  if (format) query = query.where('format', '=', format);
  return query.orderBy('createdAt').orderBy('id').executeTakeFirst();
}

/** Open returns booked on carrier accounts that still wait for tracking (for polling). */
export async function returnsToTrack(
  db: Executor,
  merchantId: string,
  accountId: string,
): Promise<{ id: string; trackingNumber: string; carrierShipmentId: string }[]> {
  const rows = await db
    .selectFrom('returns')
    .select(['id', 'trackingNumber', 'carrierShipmentId'])
    .where('merchantId', '=', merchantId)
    .where('carrierAccountId', '=', accountId)
    .where('status', 'in', ['open', 'in_transit'])
    .where('trackingNumber', 'is not', null)
    .where('carrierShipmentId', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, trackingNumber: r.trackingNumber as string, carrierShipmentId: r.carrierShipmentId as string }));
}

/**
 * The account a carrier's webhook names in its URL. Not scoped by merchant: the caller knows only
 * the URL; the account's own webhook secret then proves the sender (like integrations' hook keys).
 */
export async function findCarrierAccountForWebhook(db: Executor, id: string): Promise<CarrierAccountRow | undefined> {
  return db.selectFrom('carrierAccounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Makes the waiting booking jobs of an account's unbooked open returns due now (after a reconnect). */
export async function wakeAccountBookings(db: Executor, merchantId: string, accountId: string, now: string): Promise<void> {
  const waiting = await db
    .selectFrom('returns')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('carrierAccountId', '=', accountId)
    .where('status', '=', 'open')
    .where('trackingNumber', 'is', null)
    .execute();
  if (waiting.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ availableAt: now })
    .where('merchantId', '=', merchantId)
    .where('topic', '=', 'carrier.announce')
    .where('doneAt', 'is', null)
    .where(
      'dedupeKey',
      'in',
      waiting.map((r) => `announce:${r.id}`),
    )
    .execute();
}

/** Whether the merchant has returns on carrier accounts still travelling (for the poll fan-out). */
export async function hasAccountReturnsToTrack(db: Executor, merchantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('returns')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('carrierAccountId', 'is not', null)
    .where('status', 'in', ['open', 'in_transit'])
    .where('trackingNumber', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
