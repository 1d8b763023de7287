// Connections to shops (Shopify, WooCommerce): integrations rows with settings, sealed
// credentials and a public hook key. Orders imported through the API or a CSV file also belong to
// integrations (kind api/csv) without any of those.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../database.ts';
import { isUniqueViolation } from '../errors.ts';
import type { IntegrationsTable } from '../schema.ts';

export type IntegrationRow = Selectable<IntegrationsTable>;

/** False when the merchant already has an integration of this name (a concurrent connect). */
export async function insertIntegration(db: Executor, row: Insertable<IntegrationsTable>): Promise<boolean> {
  try {
    await db.insertInto('integrations').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function getIntegration(db: Executor, merchantId: string, id: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

/** The connection an inbound webhook URL names (the hook key is random and unique). */
export async function findIntegrationByHookKey(db: Executor, kind: string, hookKey: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('hookKey', '=', hookKey).where('kind', '=', kind).executeTakeFirst();
}

export async function listIntegrations(db: Executor, merchantId: string): Promise<IntegrationRow[]> {
  return db.selectFrom('integrations').selectAll().where('merchantId', '=', merchantId).orderBy('createdAt').orderBy('id').execute();
}

export async function updateIntegration(
  db: Executor,
  merchantId: string,
  id: string,
  fields: Updateable<Omit<IntegrationsTable, 'merchantId' | 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('integrations')
    .set(fields)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function integrationHasOrders(db: Executor, merchantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('integrationId', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteIntegration(db: Executor, merchantId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('integrations').where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
