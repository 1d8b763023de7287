// The portal's hot read: an order with its items, its shipments, the quantities of its earlier
// returns and the merchant's configuration version, in ONE statement (the children as JSON
// arrays, aggregated in the engine: json_group_array on SQLite ≥ 3.44, json_agg on PostgreSQL).
// Each child is read through its (merchant_id, order_id…) index by a correlated subquery, so the
// plan does not depend on statistics (test/query-plans.test.ts).
import { lockOrder } from './orders.ts';
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../database.ts';
import { fromJson } from '../json.ts';
import type { OrderItemsTable, OrdersTable, ShipmentsTable } from '../schema.ts';
import type { OrderAggregate, ShippingAddress } from './orders.ts';

export type Dialect = 'sqlite' | 'postgres';
export type PriorReturn = { status: string; items: { orderItemId: string; quantity: number }[] };
/** What the portal decides a lookup or a creation from; `configVersion` 0 = never configured. */
export type OrderForPortal = OrderAggregate & { prior: PriorReturn[]; configVersion: number };

const ORDER_COLUMNS: [string, string][] = [
  ['merchant_id', 'merchantId'],
  ['id', 'id'],
  ['integration_id', 'integrationId'],
  ['external_id', 'externalId'],
  ['order_number', 'orderNumber'],
  ['order_number_norm', 'orderNumberNorm'],
  ['placed_at', 'placedAt'],
  ['currency', 'currency'],
  ['brand_id', 'brandId'],
  ['sender_address_id', 'senderAddressId'],
  ['customer_name', 'customerName'],
  ['customer_email', 'customerEmail'],
  ['customer_phone', 'customerPhone'],
  ['shipping_address', 'shippingAddress'],
  ['ship_postal_norm', 'shipPostalNorm'],
  ['ship_country', 'shipCountry'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['anonymised_at', 'anonymisedAt'],
  ['discount_codes', 'discountCodes'],
];
const ITEM_COLUMNS: [string, string][] = [
  ['merchant_id', 'merchantId'],
  ['id', 'id'],
  ['order_id', 'orderId'],
  ['position', 'position'],
  ['external_id', 'externalId'],
  ['sku', 'sku'],
  ['name', 'name'],
  ['variant', 'variant'],
  ['quantity', 'quantity'],
  ['unit_price', 'unitPrice'],
  ['hs_code', 'hsCode'],
  ['origin_country', 'originCountry'],
  ['weight_grams', 'weightGrams'],
  ['image_url', 'imageUrl'],
  ['returnable', 'returnable'],
  ['tags', 'tags'],
  ['product_type', 'productType'],
  ['vendor', 'vendor'],
];
const SHIPMENT_COLUMNS: [string, string][] = [
  ['merchant_id', 'merchantId'],
  ['id', 'id'],
  ['order_id', 'orderId'],
  ['position', 'position'],
  ['carrier', 'carrier'],
  ['tracking_number', 'trackingNumber'],
  ['tracking_norm', 'trackingNorm'],
  ['shipped_at', 'shippedAt'],
  ['delivered_at', 'deliveredAt'],
  ['delivered_to', 'deliveredTo'],
  ['items', 'items'],
];

const object = (d: Dialect, alias: string, columns: [string, string][]) =>
  `${d === 'sqlite' ? 'json_object' : 'json_build_object'}(${columns.map(([c, k]) => `'${k}', ${alias}.${c}`).join(', ')})`;
const array = (d: Dialect, value: string, orderBy?: string) =>
  d === 'sqlite'
    ? `json_group_array(${value}${orderBy ? ` order by ${orderBy}` : ''})`
    : `coalesce(json_agg(${value}${orderBy ? ` order by ${orderBy}` : ''}), '[]'::json)`;
const nested = (d: Dialect, value: string) => (d === 'sqlite' ? `json(${value})` : value);

const selects = new Map<Dialect, string>();
/** The select list: the order's columns, then its children as JSON (built once per dialect). */
function selectList(d: Dialect): string {
  let text = selects.get(d);
  if (text) return text;
  const priorItems = `(select ${array(
    d,
    object(d, 'ri', [
      ['order_item_id', 'orderItemId'],
      ['quantity', 'quantity'],
    ]),
  )} from "return_items" as "ri" where ri.merchant_id = r.merchant_id and ri.return_id = r.id)`;
  text = [
    ...ORDER_COLUMNS.map(([c, k]) => `o.${c} as "${k}"`),
    `(select ${array(d, object(d, 'i', ITEM_COLUMNS), 'i.position')} from "order_items" as "i" where i.merchant_id = o.merchant_id and i.order_id = o.id) as "itemsJson"`,
    `(select ${array(d, object(d, 's', SHIPMENT_COLUMNS), 's.position')} from "shipments" as "s" where s.merchant_id = o.merchant_id and s.order_id = o.id) as "shipmentsJson"`,
    `(select ${array(d, `${d === 'sqlite' ? 'json_object' : 'json_build_object'}('status', r.status, 'items', ${nested(d, priorItems)})`)} from "returns" as "r" where r.merchant_id = o.merchant_id and r.order_id = o.id) as "priorJson"`,
    `(select v.version from "config_versions" as "v" where v.merchant_id = o.merchant_id) as "configVersion"`,
  ].join(',\n  ');
  selects.set(d, text);
  return text;
}

type Row = Omit<OrdersTable, 'anonymisedAt'> & {
  anonymisedAt: string | null;
  itemsJson: unknown;
  shipmentsJson: unknown;
  priorJson: unknown;
  configVersion: number | string | null;
};
type ItemJson = Omit<OrderItemsTable, 'tags'> & { tags: string };
type ShipmentJson = Omit<ShipmentsTable, 'items'> & { items: string | null };

// SQLite hands JSON over as text, node-postgres as parsed values.
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function decode(row: Row | undefined): OrderForPortal | null {
  if (!row) return null;
  const { itemsJson, shipmentsJson, priorJson, configVersion, ...order } = row;
  return {
    order: { ...order, shippingAddress: fromJson<ShippingAddress>(order.shippingAddress) as ShippingAddress },
    items: parsed<ItemJson[]>(itemsJson).map((i) => ({
      ...i,
      returnable: Number(i.returnable) === 1,
      tags: fromJson<string[]>(i.tags) ?? [],
    })),
    shipments: parsed<ShipmentJson[]>(shipmentsJson).map((s) => ({ ...s, items: fromJson(s.items) })),
    prior: parsed<PriorReturn[]>(priorJson),
    configVersion: Number(configVersion ?? 0),
  };
}

async function run(db: Executor, d: Dialect, from: RawBuilder<unknown>): Promise<OrderForPortal | null> {
  const { rows } = await sql<Row>`select ${sql.raw(selectList(d))} ${from}`.execute(db);
  return decode(rows[0]);
}

/**
 * Portal lookup by order number and postal code (the latest such order of the brand). No LIMIT:
 * with `order by placed_at desc limit 1` PostgreSQL may walk orders_retention (merchant_id,
 * placed_at) backwards instead of the lookup index — on 1,000,000 orders a miss then reads them
 * all (measured: 114 lookups/s). Matching orders are few; the first row is the answer.
 */
export function findOrderForPortalByNumber(
  db: Executor,
  d: Dialect,
  q: { merchantId: string; brandId: string; orderNumberNorm: string; postalNorm: string },
): Promise<OrderForPortal | null> {
  return run(
    db,
    d,
    sql`from "orders" as "o" where o.merchant_id = ${q.merchantId} and o.order_number_norm = ${q.orderNumberNorm} and o.ship_postal_norm = ${q.postalNorm} and o.brand_id = ${q.brandId} order by o.placed_at desc`,
  );
}

/** Portal lookup by the tracking number of an outbound shipment and postal code. */
export function findOrderForPortalByTracking(
  db: Executor,
  d: Dialect,
  q: { merchantId: string; brandId: string; trackingNorm: string; postalNorm: string },
): Promise<OrderForPortal | null> {
  return run(
    db,
    d,
    sql`from "shipments" as "t" inner join "orders" as "o" on o.merchant_id = t.merchant_id and o.id = t.order_id where t.merchant_id = ${q.merchantId} and t.tracking_norm = ${q.trackingNorm} and o.ship_postal_norm = ${q.postalNorm} and o.brand_id = ${q.brandId} limit 1`,
  );
}

/**
 * An order by id for a return's creation. `lock` (PostgreSQL) first holds the order row until the
 * transaction ends, in a statement of its own, so two concurrent returns of one order cannot both
 * take the last unit: the aggregate is then read with a snapshot taken after the lock was granted,
 * so it sees the returns the other transaction committed. (`for update` on the aggregate itself
 * re-checks only the order row after the wait; its earlier returns would come from the snapshot
 * taken before it, and both returns would pass.) SQLite runs one write transaction at a time already.
 */
export async function findOrderForPortalById(
  db: Executor,
  d: Dialect,
  merchantId: string,
  id: string,
  lock = false,
): Promise<OrderForPortal | null> {
  if (lock && d === 'postgres') await lockOrder(db, d, merchantId, id);
  return run(db, d, sql`from "orders" as "o" where o.merchant_id = ${merchantId} and o.id = ${id}`);
}

/** The merchant's configuration version alone (0 = never configured): for a lookup that found no order. */
export async function configVersion(db: Executor, merchantId: string): Promise<number> {
  const row = await db.selectFrom('configVersions').select('version').where('merchantId', '=', merchantId).executeTakeFirst();
  return Number(row?.version ?? 0);
}
