// Merchants' webhook endpoints (signing secret sealed) and one delivery row per endpoint and
// event: the exact body sent, its status and the last attempt's outcome.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../database.ts';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema-integrations.ts';

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertWebhookEndpoint(db: Executor, row: Insertable<WebhookEndpointsTable>): Promise<void> {
  await db.insertInto('webhookEndpoints').values(row).execute();
}

export async function getWebhookEndpoint(db: Executor, merchantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom('webhookEndpoints').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function listWebhookEndpoints(db: Executor, merchantId: string, onlyEnabled = false): Promise<WebhookEndpointRow[]> {
  let q = db.selectFrom('webhookEndpoints').selectAll().where('merchantId', '=', merchantId);
  if (onlyEnabled) q = q.where('enabled', '=', 1);
  return q.orderBy('createdAt').orderBy('id').execute();
}

export async function updateWebhookEndpoint(
  db: Executor,
  merchantId: string,
  id: string,
  fields: Updateable<Omit<WebhookEndpointsTable, 'merchantId' | 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhookEndpoints')
    .set(fields)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an endpoint and its delivery log. */
export async function deleteWebhookEndpoint(db: Executor, merchantId: string, id: string): Promise<boolean> {
  await db.deleteFrom('webhookDeliveries').where('merchantId', '=', merchantId).where('endpointId', '=', id).execute();
  const result = await db.deleteFrom('webhookEndpoints').where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Inserts a delivery unless the endpoint already has one for this event id; true when inserted. */
export async function insertWebhookDelivery(db: Executor, row: Insertable<WebhookDeliveriesTable>): Promise<boolean> {
  const result = await db
    .insertInto('webhookDeliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['merchantId', 'endpointId', 'eventId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function getWebhookDelivery(db: Executor, merchantId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhookDeliveries').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

/** One endpoint's deliveries, newest first (ties by id), after the cursor. */
export async function listWebhookDeliveries(
  db: Executor,
  merchantId: string,
  endpointId: string,
  page: { limit: number; status?: string; before?: { createdAt: string; id: string } },
): Promise<WebhookDeliveryRow[]> {
  let q = db.selectFrom('webhookDeliveries').selectAll().where('merchantId', '=', merchantId).where('endpointId', '=', endpointId);
  if (page.status) q = q.where('status', '=', page.status);
  if (page.before) {
    const { createdAt, id } = page.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)])]));
  }
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

export async function updateWebhookDelivery(
  db: Executor,
  merchantId: string,
  id: string,
  fields: Updateable<Omit<WebhookDeliveriesTable, 'merchantId' | 'id' | 'endpointId' | 'eventId'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set(fields)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Counts one more attempt of a delivery (atomically, so concurrent attempts are all counted). */
export async function recordWebhookAttempt(
  db: Executor,
  merchantId: string,
  id: string,
  outcome: Pick<WebhookDeliveriesTable, 'status' | 'responseStatus' | 'responseBody' | 'error' | 'lastAttemptAt' | 'deliveredAt'>,
): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set((eb) => ({ ...outcome, attempts: eb('attempts', '+', 1) }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .execute();
}

/** Puts a settled (succeeded or failed) delivery back to pending; false when it is still pending. */
export async function reopenWebhookDelivery(db: Executor, merchantId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set({ status: 'pending' })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('status', '<>', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
