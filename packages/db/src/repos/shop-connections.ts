// Queries of shop connections (Shopify): names in use, orders by their shop id, shipments upserted
// by tracking number, and anonymising a customer's (or a whole shop's) orders.
import type { Executor } from '../database.ts';
import { toJson } from '../json.ts';
import type { IntegrationRow as IntegrationsRow } from './integrations.ts';

export async function integrationNameTaken(db: Executor, merchantId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('integrations')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findOrderIdByExternal(
  db: Executor,
  merchantId: string,
  integrationId: string,
  externalId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('integrationId', '=', integrationId)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  return row?.id;
}

export type ShipmentUpsert = {
  id: string;
  carrier: string;
  trackingNumber: string;
  trackingNorm: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  items: { externalId: string; quantity: number }[] | null;
};

/** Updates the order's shipment with the same tracking number or adds one; a known delivery date is kept. */
export async function upsertShipmentsByTracking(
  db: Executor,
  merchantId: string,
  orderId: string,
  shipments: ShipmentUpsert[],
): Promise<void> {
  const existing = await db
    .selectFrom('shipments')
    .select(['id', 'trackingNorm', 'position', 'deliveredAt'])
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .execute();
  let position = existing.reduce((max, s) => Math.max(max, s.position + 1), 0);
  for (const s of shipments) {
    const found = existing.find((e) => e.trackingNorm === s.trackingNorm);
    if (found) {
      await db
        .updateTable('shipments')
        .set({
          carrier: s.carrier,
          trackingNumber: s.trackingNumber,
          shippedAt: s.shippedAt,
          deliveredAt: s.deliveredAt ?? found.deliveredAt,
          items: s.items ? toJson(s.items) : null,
        })
        .where('merchantId', '=', merchantId)
        .where('id', '=', found.id)
        .execute();
      continue;
    }
    await db
      .insertInto('shipments')
      .values({
        merchantId,
        id: s.id,
        orderId,
        position: position++,
        carrier: s.carrier,
        trackingNumber: s.trackingNumber,
        trackingNorm: s.trackingNorm,
        shippedAt: s.shippedAt,
        deliveredAt: s.deliveredAt,
        deliveredTo: null,
        items: s.items ? toJson(s.items) : null,
      })
      .execute();
    existing.push({ id: s.id, trackingNorm: s.trackingNorm, position: position - 1, deliveredAt: s.deliveredAt });
  }
}

export type Anonymised = { name: string; email: string; address: (country: string) => Record<string, string | null> };

/**
 * Removes the personal data of the integration's orders that match (shop order ids or the
 * customer's email; all of them when `match` is 'all') and of their returns. Amounts, items and
 * references stay. Returns how many orders were anonymised.
 */
export async function anonymiseShopOrders(
  db: Executor,
  merchantId: string,
  integrationId: string,
  match: { externalIds: string[]; email: string | null } | 'all',
  values: Anonymised,
  at: string,
): Promise<number> {
  let query = db
    .selectFrom('orders')
    .select(['id', 'shipCountry'])
    .where('merchantId', '=', merchantId)
    .where('integrationId', '=', integrationId);
  if (match !== 'all') {
    const { externalIds, email } = match;
    if (externalIds.length === 0 && !email) return 0;
    query = query.where((eb) =>
      eb.or([
        ...(externalIds.length > 0 ? [eb('externalId', 'in', externalIds)] : []),
        ...(email ? [eb(eb.fn('lower', ['customerEmail']), '=', email.toLowerCase())] : []),
      ]),
    );
  }
  const orders = await query.execute();
  for (const o of orders) {
    await db
      .updateTable('orders')
      .set({
        customerName: values.name,
        customerEmail: values.email,
        customerPhone: null,
        shippingAddress: toJson(values.address(o.shipCountry)),
        shipPostalNorm: '',
        anonymisedAt: at,
        updatedAt: at,
      })
      .where('merchantId', '=', merchantId)
      .where('id', '=', o.id)
      .execute();
  }
  const ids = orders.map((o) => o.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('returns')
      .set({ contactEmail: values.email, contactEmailNorm: values.email, contactPhone: null, pickup: null, anonymisedAt: at })
      .where('merchantId', '=', merchantId)
      .where('orderId', 'in', ids.slice(i, i + 500))
      .execute();
  }
  return orders.length;
}

/** The Shopify connection and Shopify order id of a return's order (undefined for other orders). */
export async function shopifyOrderOfReturn(
  db: Executor,
  merchantId: string,
  returnId: string,
): Promise<{ integrationId: string; orderExternalId: string } | undefined> {
  return db
    .selectFrom('returns')
    .innerJoin('orders', (j) => j.onRef('orders.merchantId', '=', 'returns.merchantId').onRef('orders.id', '=', 'returns.orderId'))
    .innerJoin('integrations', (j) =>
      j.onRef('integrations.merchantId', '=', 'orders.merchantId').onRef('integrations.id', '=', 'orders.integrationId'),
    )
    .select(['integrations.id as integrationId', 'orders.externalId as orderExternalId'])
    .where('returns.merchantId', '=', merchantId)
    .where('returns.id', '=', returnId)
    .where('integrations.kind', '=', 'shopify')
    .where('integrations.status', '!=', 'disconnected')
    .executeTakeFirst();
}

/** The connected shop (Shopify or WooCommerce, not disconnected) a return's order came from, if any. */
export async function shopIntegrationOfReturn(db: Executor, merchantId: string, returnId: string): Promise<IntegrationsRow | undefined> {
  return db
    .selectFrom('returns')
    .innerJoin('orders', (j) => j.onRef('orders.merchantId', '=', 'returns.merchantId').onRef('orders.id', '=', 'returns.orderId'))
    .innerJoin('integrations', (j) =>
      j.onRef('integrations.merchantId', '=', 'orders.merchantId').onRef('integrations.id', '=', 'orders.integrationId'),
    )
    .selectAll('integrations')
    .where('returns.merchantId', '=', merchantId)
    .where('returns.id', '=', returnId)
    .where('integrations.kind', 'in', ['shopify', 'woocommerce'])
    .where('integrations.status', '!=', 'disconnected')
    .where('integrations.credentials', '!=', '')
    .executeTakeFirst();
}
