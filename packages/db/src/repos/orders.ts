// Orders with their items and outbound shipments.
import { precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { OrderItemsTable, OrdersTable, ShipmentsTable } from '../schema.ts';
import {
  deleteItems,
  deleteShipmentsOf,
  IN_CHUNK,
  insertItemRows,
  insertOrderRows,
  insertShipmentRows,
  itemIdsOf,
  orderIdsByExternal,
  pushItem,
  pushOrder,
  pushShipment,
  referencedItems,
  upsertItemRows,
  upsertOrderRows,
} from './order-rows.ts';

export type ShippingAddress = {
  name: string;
  company?: string | null;
  street: string;
  houseNumber?: string | null;
  addressLine2?: string | null;
  postalCode: string;
  city: string;
  region?: string | null;
  country: string;
};
export type OrderRecord = Omit<OrdersTable, 'shippingAddress'> & { shippingAddress: ShippingAddress };
export type OrderItemRecord = Omit<OrderItemsTable, 'returnable' | 'tags'> & { returnable: boolean; tags: string[] };
export type ShipmentRecord = Omit<ShipmentsTable, 'items'> & { items: { externalId: string; quantity: number }[] | null };
export type OrderAggregate = { order: OrderRecord; items: OrderItemRecord[]; shipments: ShipmentRecord[] };

const toOrder = (row: OrdersTable): OrderRecord => ({
  ...row,
  shippingAddress: fromJson<ShippingAddress>(row.shippingAddress) as ShippingAddress,
});
const toItem = (row: OrderItemsTable): OrderItemRecord => ({
  ...row,
  returnable: row.returnable === 1,
  tags: fromJson<string[]>(row.tags) ?? [],
});
const toShipment = (row: ShipmentsTable): ShipmentRecord => ({ ...row, items: fromJson(row.items) });

export const orderRow = (o: OrderRecord): OrdersTable => ({ ...o, shippingAddress: toJson(o.shippingAddress) });
export const itemRow = (i: OrderItemRecord): OrderItemsTable => ({ ...i, returnable: i.returnable ? 1 : 0, tags: toJson(i.tags) });
export const shipmentRow = (s: ShipmentRecord): ShipmentsTable => ({ ...s, items: s.items ? toJson(s.items) : null });

const itemsOf = precompiled((db, merchantId: string, orderId: string) =>
  db.selectFrom('orderItems').selectAll().where('merchantId', '=', merchantId).where('orderId', '=', orderId).orderBy('position'),
);
const shipmentsOf = precompiled((db, merchantId: string, orderId: string) =>
  db.selectFrom('shipments').selectAll().where('merchantId', '=', merchantId).where('orderId', '=', orderId).orderBy('position'),
);

export async function withChildren(db: Executor, merchantId: string, order: OrdersTable): Promise<OrderAggregate> {
  const [items, shipments] = await Promise.all([itemsOf(db, merchantId, order.id), shipmentsOf(db, merchantId, order.id)]);
  return { order: toOrder(order), items: items.map(toItem), shipments: shipments.map(toShipment) };
}

const orderById = precompiled((db, merchantId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('merchantId', '=', merchantId).where('id', '=', id),
);

export async function getOrder(db: Executor, merchantId: string, id: string): Promise<OrderAggregate | null> {
  const [row] = await orderById(db, merchantId, id);
  return row ? withChildren(db, merchantId, row) : null;
}

const orderByNumber = precompiled((db, merchantId: string, orderNumberNorm: string, postalNorm: string, brandId: string) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('orderNumberNorm', '=', orderNumberNorm)
    .where('shipPostalNorm', '=', postalNorm)
    .where('brandId', '=', brandId)
    .orderBy('placedAt', 'desc'),
);
const orderByTracking = precompiled((db, merchantId: string, trackingNorm: string, postalNorm: string, brandId: string) =>
  db
    .selectFrom('shipments')
    .innerJoin('orders', (j) => j.onRef('orders.merchantId', '=', 'shipments.merchantId').onRef('orders.id', '=', 'shipments.orderId'))
    .selectAll('orders')
    .where('shipments.merchantId', '=', merchantId)
    .where('shipments.trackingNorm', '=', trackingNorm)
    .where('orders.shipPostalNorm', '=', postalNorm)
    .where('orders.brandId', '=', brandId),
);

/** Portal lookup by order number: one indexed query whatever is wrong, so misses look alike. */
export async function findOrderByNumber(
  db: Executor,
  merchantId: string,
  brandId: string,
  orderNumberNorm: string,
  postalNorm: string,
): Promise<OrderAggregate | null> {
  const [row] = await orderByNumber(db, merchantId, orderNumberNorm, postalNorm, brandId);
  return row ? withChildren(db, merchantId, row) : null;
}

export async function findOrderByTracking(
  db: Executor,
  merchantId: string,
  brandId: string,
  trackingNorm: string,
  postalNorm: string,
): Promise<OrderAggregate | null> {
  const [row] = await orderByTracking(db, merchantId, trackingNorm, postalNorm, brandId);
  return row ? withChildren(db, merchantId, row) : null;
}

export async function listOrders(
  db: Executor,
  merchantId: string,
  q: { limit: number; after?: { updatedAt: string; id: string }; orderNumberNorm?: string; updatedSince?: string },
): Promise<OrderRecord[]> {
  let query = db.selectFrom('orders').selectAll().where('merchantId', '=', merchantId);
  if (q.orderNumberNorm) query = query.where('orderNumberNorm', '=', q.orderNumberNorm);
  if (q.updatedSince) query = query.where('updatedAt', '>=', q.updatedSince);
  if (q.after) {
    const { updatedAt, id } = q.after;
    query = query.where((eb) => eb.or([eb('updatedAt', '>', updatedAt), eb.and([eb('updatedAt', '=', updatedAt), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('updatedAt').orderBy('id').limit(q.limit).execute();
  return rows.map(toOrder);
}

export async function findOrderIdsByExternal(
  db: Executor,
  merchantId: string,
  keys: { integrationId: string; externalId: string }[],
): Promise<Map<string, { id: string; createdAt: string }>> {
  const found = new Map<string, { id: string; createdAt: string }>();
  const byIntegration = new Map<string, string[]>();
  for (const k of keys) {
    const list = byIntegration.get(k.integrationId);
    if (list) list.push(k.externalId);
    else byIntegration.set(k.integrationId, [k.externalId]);
  }
  for (const [integrationId, externalIds] of byIntegration) {
    for (let i = 0; i < externalIds.length; i += IN_CHUNK) {
      const rows = await orderIdsByExternal(db, merchantId, integrationId, externalIds.slice(i, i + IN_CHUNK));
      for (const r of rows) found.set(`${integrationId}\u0000${r.externalId}`, { id: r.id, createdAt: r.createdAt });
    }
  }
  return found;
}

/** Inserts new orders with their children in multi-row statements (the bulk import path). */
export async function insertOrders(db: Executor, orders: OrderAggregate[]): Promise<void> {
  const orderValues: unknown[] = [];
  const itemValues: unknown[] = [];
  const shipmentValues: unknown[] = [];
  for (const o of orders) {
    pushOrder(orderValues, o.order);
    for (const i of o.items) pushItem(itemValues, i);
    for (const s of o.shipments) pushShipment(shipmentValues, s);
  }
  await insertOrderRows(db, orderValues);
  await insertItemRows(db, itemValues);
  await insertShipmentRows(db, shipmentValues);
}

/**
 * Replaces an existing order's data. Items keep their ids when their external id is unchanged
 * (returns point at them); items that vanished are deleted only when no return refers to them.
 */
export async function replaceOrder(db: Executor, next: OrderAggregate): Promise<void> {
  await replaceOrders(db, [next]);
}

/**
 * replaceOrder for many orders of one merchant at once, in a fixed number of set-based statements
 * (per chunk): the orders and their items are upserted by primary key, vanished items deleted
 * unless a return refers to them, shipments deleted and inserted anew. Each aggregate's order id
 * must exist; kept items get their stored id written back into the aggregate.
 */
export async function replaceOrders(db: Executor, orders: OrderAggregate[]): Promise<void> {
  const merchantId = orders[0]?.order.merchantId;
  if (merchantId === undefined) return;
  if (orders.some((o) => o.order.merchantId !== merchantId)) throw new Error('replaceOrders: one merchant per call');
  const orderIds = orders.map((o) => o.order.id);
  const existing = new Map<string, Map<string, string>>();
  for (let i = 0; i < orderIds.length; i += IN_CHUNK) {
    const rows = await itemIdsOf(db, merchantId, orderIds.slice(i, i + IN_CHUNK));
    for (const r of rows) {
      const byExternal = existing.get(r.orderId);
      if (byExternal) byExternal.set(r.externalId, r.id);
      else existing.set(r.orderId, new Map([[r.externalId, r.id]]));
    }
  }
  const orderValues: unknown[] = [];
  const itemValues: unknown[] = [];
  const shipmentValues: unknown[] = [];
  const gone: string[] = [];
  for (const next of orders) {
    pushOrder(orderValues, next.order);
    const idByExternal = existing.get(next.order.id);
    const kept = new Set<string>();
    for (const item of next.items) {
      const existingId = idByExternal?.get(item.externalId);
      if (existingId) {
        kept.add(existingId);
        item.id = existingId;
      }
      pushItem(itemValues, item);
    }
    if (idByExternal) for (const id of idByExternal.values()) if (!kept.has(id)) gone.push(id);
    for (const s of next.shipments) pushShipment(shipmentValues, s);
  }
  await upsertOrderRows(db, orderValues);
  await upsertItemRows(db, itemValues);
  for (let i = 0; i < gone.length; i += IN_CHUNK) {
    const chunk = gone.slice(i, i + IN_CHUNK);
    const keep = new Set((await referencedItems(db, merchantId, chunk)).map((r) => r.orderItemId));
    await deleteItems(
      db,
      merchantId,
      chunk.filter((g) => !keep.has(g)),
    );
  }
  for (let i = 0; i < orderIds.length; i += IN_CHUNK) {
    await deleteShipmentsOf(db, merchantId, orderIds.slice(i, i + IN_CHUNK));
  }
  await insertShipmentRows(db, shipmentValues);
}

export async function getOrderBrand(
  db: Executor,
  merchantId: string,
  id: string,
): Promise<{ id: string; brandId: string | null } | undefined> {
  return db.selectFrom('orders').select(['id', 'brandId']).where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function getOrderNumber(db: Executor, merchantId: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('orders')
    .select('orderNumber')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.orderNumber;
}

/**
 * Serialises returns of one order. SQLite runs one write transaction at a time already;
 * PostgreSQL needs the row lock so two concurrent returns cannot both take the last unit.
 */
export async function lockOrder(db: Executor, dialect: 'sqlite' | 'postgres', merchantId: string, id: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('orders').select('id').where('merchantId', '=', merchantId).where('id', '=', id).forUpdate().execute();
}
