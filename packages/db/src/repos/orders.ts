// Orders with their items and outbound shipments.
import { precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { OrderItemsTable, OrdersTable, ShipmentsTable } from '../schema.ts';

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

async function withChildren(db: Executor, merchantId: string, order: OrdersTable): Promise<OrderAggregate> {
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
  for (const k of keys) byIntegration.set(k.integrationId, [...(byIntegration.get(k.integrationId) ?? []), k.externalId]);
  for (const [integrationId, externalIds] of byIntegration) {
    for (let i = 0; i < externalIds.length; i += 500) {
      const rows = await db
        .selectFrom('orders')
        .select(['id', 'externalId', 'createdAt'])
        .where('merchantId', '=', merchantId)
        .where('integrationId', '=', integrationId)
        .where('externalId', 'in', externalIds.slice(i, i + 500))
        .execute();
      for (const r of rows) found.set(`${integrationId}\u0000${r.externalId}`, { id: r.id, createdAt: r.createdAt });
    }
  }
  return found;
}

async function insertChunked<T extends object>(db: Executor, table: 'orders' | 'orderItems' | 'shipments', rows: T[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** Inserts new orders with their children in multi-row statements (the bulk import path). */
export async function insertOrders(db: Executor, orders: OrderAggregate[]): Promise<void> {
  await insertChunked(
    db,
    'orders',
    orders.map((o) => orderRow(o.order)),
  );
  await insertChunked(
    db,
    'orderItems',
    orders.flatMap((o) => o.items.map(itemRow)),
  );
  await insertChunked(
    db,
    'shipments',
    orders.flatMap((o) => o.shipments.map(shipmentRow)),
  );
}

/**
 * Replaces an existing order's data. Items keep their ids when their external id is unchanged
 * (returns point at them); items that vanished are deleted only when no return refers to them.
 */
export async function replaceOrder(db: Executor, next: OrderAggregate): Promise<void> {
  const { merchantId, id } = next.order;
  const { createdAt: _c, merchantId: _m, id: _i, ...orderFields } = orderRow(next.order);
  await db.updateTable('orders').set(orderFields).where('merchantId', '=', merchantId).where('id', '=', id).execute();
  const existing = await db
    .selectFrom('orderItems')
    .select(['id', 'externalId'])
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', id)
    .execute();
  const idByExternal = new Map(existing.map((e) => [e.externalId, e.id]));
  const kept = new Set<string>();
  for (const item of next.items) {
    const existingId = idByExternal.get(item.externalId);
    if (existingId) {
      kept.add(existingId);
      const { id: _id, merchantId: _mm, orderId: _o, ...fields } = itemRow(item);
      await db.updateTable('orderItems').set(fields).where('merchantId', '=', merchantId).where('id', '=', existingId).execute();
      item.id = existingId;
    } else {
      await db.insertInto('orderItems').values(itemRow(item)).execute();
    }
  }
  const gone = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  if (gone.length > 0) {
    const referenced = await db
      .selectFrom('returnItems')
      .select('orderItemId')
      .distinct()
      .where('merchantId', '=', merchantId)
      .where('orderItemId', 'in', gone)
      .execute();
    const keep = new Set(referenced.map((r) => r.orderItemId));
    const deletable = gone.filter((g) => !keep.has(g));
    if (deletable.length > 0) await db.deleteFrom('orderItems').where('merchantId', '=', merchantId).where('id', 'in', deletable).execute();
  }
  await db.deleteFrom('shipments').where('merchantId', '=', merchantId).where('orderId', '=', id).execute();
  await insertChunked(db, 'shipments', next.shipments.map(shipmentRow));
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
