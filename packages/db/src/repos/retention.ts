// Personal-data retention: finds orders past their retention cutoff whose returns are all
// finished, and removes the personal data of those orders and returns in place. Amounts,
// references, items and statuses stay (accounting); names, addresses, emails, phones, shopper
// comments, staff notes and the mail log go.
import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import { toJson } from '../json.ts';

export async function merchantWindows(db: Executor): Promise<Map<string, number[]>> {
  const merchants = await db.selectFrom('merchants').select('id').execute();
  const portals = await db.selectFrom('portals').select(['merchantId', 'settings']).execute();
  const windows = new Map<string, number[]>(merchants.map((m) => [m.id, []]));
  for (const p of portals) {
    const days = (JSON.parse(p.settings) as { returnWindowDays?: number }).returnWindowDays;
    if (typeof days === 'number') windows.get(p.merchantId)?.push(days);
  }
  return windows;
}

/** Up to `limit` orders placed before `cutoff`, not yet anonymised, with no unfinished return. */
export async function findExpiredOrders(
  db: Executor,
  merchantId: string,
  cutoff: string,
  finished: readonly string[],
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('orders as o')
    .select('o.id')
    .where('o.merchantId', '=', merchantId)
    .where('o.placedAt', '<', cutoff)
    .where('o.anonymisedAt', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('returns as r')
            .select('r.id')
            .whereRef('r.merchantId', '=', 'o.merchantId')
            .whereRef('r.orderId', '=', 'o.id')
            .where('r.status', 'not in', finished),
        ),
      ),
    )
    .orderBy('o.placedAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export type AnonymisedValues = {
  name: string;
  email: string;
  address: (country: string) => Record<string, string | null>;
  at: string;
};

/** Removes the personal data of these orders and all their returns. */
export async function anonymiseOrders(db: Executor, merchantId: string, orderIds: string[], v: AnonymisedValues): Promise<number> {
  if (orderIds.length === 0) return 0;
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'shipCountry'])
    .where('merchantId', '=', merchantId)
    .where('id', 'in', orderIds)
    .execute();
  for (const o of orders) {
    await db
      .updateTable('orders')
      .set({
        customerName: v.name,
        customerEmail: v.email,
        customerPhone: null,
        shippingAddress: toJson(v.address(o.shipCountry)),
        shipPostalNorm: '',
        anonymisedAt: v.at,
        updatedAt: v.at,
      })
      .where('merchantId', '=', merchantId)
      .where('id', '=', o.id)
      .execute();
  }
  const returnIds = (
    await db.selectFrom('returns').select('id').where('merchantId', '=', merchantId).where('orderId', 'in', orderIds).execute()
  ).map((r) => r.id);
  if (returnIds.length > 0) {
    await db
      .updateTable('returns')
      .set({ contactEmail: v.email, contactEmailNorm: v.email, contactPhone: null, pickup: null, anonymisedAt: v.at })
      .where('merchantId', '=', merchantId)
      .where('id', 'in', returnIds)
      .execute();
    await db
      .updateTable('returnItems')
      .set({ comment: null })
      .where('merchantId', '=', merchantId)
      .where('returnId', 'in', returnIds)
      .execute();
    await db
      .updateTable('returnEvents')
      .set({ message: null, data: sql<string>`null` })
      .where('merchantId', '=', merchantId)
      .where('returnId', 'in', returnIds)
      .where('type', 'in', ['note', 'email_sent'])
      .execute();
  }
  return orders.length;
}

/** Deletes settled (not pending) webhook deliveries created before `before`; returns how many. */
export async function deleteOldWebhookDeliveries(db: Executor, merchantId: string, before: string): Promise<number> {
  const result = await db
    .deleteFrom('webhookDeliveries')
    .where('merchantId', '=', merchantId)
    .where('createdAt', '<', before)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
