// The bulk writes of orders (import path): the statements, their column order, and the values
// of one record pushed flat in that order. One multi-row statement per table and chunk.
import type { OnConflictBuilder } from 'kysely';
import { bulkInsert, precompiledIn } from '../compiled.ts';
import type { Executor } from '../database.ts';
import { toJson } from '../json.ts';
import type { Database, OrderItemsTable, OrdersTable, ShipmentsTable } from '../schema.ts';

/** Values in one `in (…)` list: one statement for a 1,000-order batch, well under the limits. */
export const IN_CHUNK = 5000;

// Bulk writes: one multi-row statement per table and chunk (see bulkInsert), values in this order.
export const ORDER_COLUMNS = [
  'merchantId',
  'id',
  'integrationId',
  'externalId',
  'orderNumber',
  'orderNumberNorm',
  'placedAt',
  'currency',
  'brandId',
  'senderAddressId',
  'customerName',
  'customerEmail',
  'customerPhone',
  'shippingAddress',
  'shipPostalNorm',
  'shipCountry',
  'createdAt',
  'updatedAt',
  'anonymisedAt',
  'discountCodes',
] as const satisfies readonly (keyof OrdersTable)[];
export const ITEM_COLUMNS = [
  'merchantId',
  'id',
  'orderId',
  'position',
  'externalId',
  'sku',
  'name',
  'variant',
  'quantity',
  'unitPrice',
  'hsCode',
  'originCountry',
  'weightGrams',
  'imageUrl',
  'returnable',
  'tags',
  'productType',
  'vendor',
] as const satisfies readonly (keyof OrderItemsTable)[];
export const SHIPMENT_COLUMNS = [
  'merchantId',
  'id',
  'orderId',
  'position',
  'carrier',
  'trackingNumber',
  'trackingNorm',
  'shippedAt',
  'deliveredAt',
  'deliveredTo',
  'items',
] as const satisfies readonly (keyof ShipmentsTable)[];

/** `on conflict (merchant_id, id) do update` every column but these: an upsert by primary key. */
// biome-ignore lint/suspicious/noExplicitAny: the insert builder's type depends on the table
const updateExcept = (columns: readonly string[], keep: string[]) => (query: any) =>
  query.onConflict((oc: OnConflictBuilder<Database, keyof Database>) =>
    oc
      .columns(['merchantId', 'id'] as never)
      .doUpdateSet((eb) => Object.fromEntries(columns.filter((c) => !keep.includes(c)).map((c) => [c, eb.ref(`excluded.${c}` as never)]))),
  );
/** The integer columns (bulkInsert casts them on PostgreSQL); every other column is text. */
const ITEM_INTEGERS = ['position', 'quantity', 'unitPrice', 'weightGrams', 'returnable'] as const;
const SHIPMENT_INTEGERS = ['position'] as const;
export const insertOrderRows = bulkInsert('orders', ORDER_COLUMNS);
// A known order keeps its id, creation time and anonymisation mark.
export const upsertOrderRows = bulkInsert(
  'orders',
  ORDER_COLUMNS,
  updateExcept(ORDER_COLUMNS, ['merchantId', 'id', 'createdAt', 'anonymisedAt']),
);
export const insertItemRows = bulkInsert('orderItems', ITEM_COLUMNS, undefined, ITEM_INTEGERS);
export const upsertItemRows = bulkInsert(
  'orderItems',
  ITEM_COLUMNS,
  updateExcept(ITEM_COLUMNS, ['merchantId', 'id', 'orderId']),
  ITEM_INTEGERS,
);
export const insertShipmentRows = bulkInsert('shipments', SHIPMENT_COLUMNS, undefined, SHIPMENT_INTEGERS);

export function pushOrder(
  values: unknown[],
  o: Omit<OrdersTable, 'shippingAddress' | 'anonymisedAt'> & { shippingAddress: unknown; anonymisedAt?: string | null },
): void {
  values.push(
    o.merchantId,
    o.id,
    o.integrationId,
    o.externalId,
    o.orderNumber,
    o.orderNumberNorm,
    o.placedAt,
    o.currency,
    o.brandId,
    o.senderAddressId,
    o.customerName,
    o.customerEmail,
    o.customerPhone,
    toJson(o.shippingAddress),
    o.shipPostalNorm,
    o.shipCountry,
    o.createdAt,
    o.updatedAt,
    o.anonymisedAt ?? null,
    o.discountCodes ?? null,
  );
}
export function pushItem(
  values: unknown[],
  i: Omit<OrderItemsTable, 'returnable' | 'tags'> & { returnable: boolean; tags: string[] },
): void {
  values.push(
    i.merchantId,
    i.id,
    i.orderId,
    i.position,
    i.externalId,
    i.sku,
    i.name,
    i.variant,
    i.quantity,
    i.unitPrice,
    i.hsCode,
    i.originCountry,
    i.weightGrams,
    i.imageUrl,
    i.returnable ? 1 : 0,
    toJson(i.tags),
    i.productType ?? null,
    i.vendor ?? null,
  );
}
export function pushShipment(values: unknown[], s: Omit<ShipmentsTable, 'items'> & { items: unknown[] | null }): void {
  values.push(
    s.merchantId,
    s.id,
    s.orderId,
    s.position,
    s.carrier,
    s.trackingNumber,
    s.trackingNorm,
    s.shippedAt,
    s.deliveredAt,
    s.deliveredTo,
    s.items ? toJson(s.items) : null,
  );
}
export const itemIdsOf = precompiledIn((db, merchantId: string, orderIds: readonly unknown[]) =>
  db
    .selectFrom('orderItems')
    .select(['id', 'orderId', 'externalId'])
    .where('merchantId', '=', merchantId)
    .where('orderId', 'in', orderIds as string[]),
);
export const referencedItems = precompiledIn((db, merchantId: string, itemIds: readonly unknown[]) =>
  db
    .selectFrom('returnItems')
    .select('orderItemId')
    .distinct()
    .where('merchantId', '=', merchantId)
    .where('orderItemId', 'in', itemIds as string[]),
);
export const deleteItems = precompiledIn((db, merchantId: string, ids: readonly unknown[]) =>
  db
    .deleteFrom('orderItems')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids as string[]),
);
/** The builders behind the precompiled statements below, exported so plan tests explain the same SQL. */
export const shipmentsOfQuery = (db: Executor, merchantId: string, orderIds: readonly unknown[]) =>
  db
    .deleteFrom('shipments')
    .where('merchantId', '=', merchantId)
    .where('orderId', 'in', orderIds as string[]);
export const deleteShipmentsOf = precompiledIn(shipmentsOfQuery);

export const orderIdsByExternalQuery = (db: Executor, merchantId: string, integrationId: string, externalIds: readonly unknown[]) =>
  db
    .selectFrom('orders')
    .select(['id', 'externalId', 'createdAt'])
    .where('merchantId', '=', merchantId)
    .where('integrationId', '=', integrationId)
    .where('externalId', 'in', externalIds as string[]);
export const orderIdsByExternal = precompiledIn(orderIdsByExternalQuery);
