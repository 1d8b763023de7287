// The exchange's shipment tracking on the return's timeline (issue #14 item 4). The shop webhooks
// that report shipments (Shopify fulfillments/create and /update, WooCommerce order.updated) call
// this inside their transaction, next to storing the shipments: each tracking number that ships a
// return's replacement (domain/exchange-shipments.ts) becomes a `shop.exchange_shipment` job in
// that same transaction, which notes it on the timeline once (jobs/note-exchange-shipment.ts).
import { exchangeShipmentKey, type ShopShipment, shipsExchange } from '@retour/domain/exchange-shipments';
import type { Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { getReturn, type ReturnAggregate, returnsOfOrder } from '@retour/db/repos/returns';

/** The outbox topic that notes an exchange's shipment on its return (jobs/note-exchange-shipment.ts). */
export const EXCHANGE_SHIPMENT_TOPIC = 'shop.exchange_shipment';

export type ShopTracking = { carrier: string; trackingNumber: string; trackingUrl: string | null };

function exchangeOf(agg: ReturnAggregate) {
  const made = agg.events.find((e) => e.type === 'exchange_created' && e.data);
  if (!made?.data) return null;
  const ids = made.data.lineItemIds;
  return {
    provider: String(made.data.provider),
    orderId: String(made.data.orderId),
    orderNumber: String(made.data.orderNumber ?? ''),
    lineItemIds: Array.isArray(ids) ? ids.map(String) : null,
  };
}

async function queueFor(tx: Tx, at: string, aggs: ReturnAggregate[], shipment: ShopShipment, tracking: ShopTracking[]): Promise<number> {
  let queued = 0;
  for (const agg of aggs) {
    const ref = exchangeOf(agg);
    if (!ref || !shipsExchange(ref, shipment)) continue;
    for (const t of tracking) {
      const key = exchangeShipmentKey(t.trackingNumber);
      if (agg.events.some((e) => e.dedupeKey === key)) continue;
      await enqueue(tx, {
        merchantId: agg.ret.merchantId,
        id: newId('job'),
        topic: EXCHANGE_SHIPMENT_TOPIC,
        payload: { returnId: agg.ret.id, provider: ref.provider, orderNumber: ref.orderNumber, ...t },
        dedupeKey: `${EXCHANGE_SHIPMENT_TOPIC}:${agg.ret.id}:${key}`,
        at,
      });
      queued += 1;
    }
  }
  return queued;
}

/**
 * Shopify adds an exchange's lines to the original order: a fulfillment of order `orderId` (ours)
 * that ships one of them is the exchange's shipment. Returns how many tracking numbers were queued.
 */
export async function queueShopifyExchangeShipments(
  tx: Tx,
  merchantId: string,
  orderId: string,
  fulfillment: { orderExternalId: string; lineItemIds: string[]; tracking: ShopTracking[]; at: string },
): Promise<number> {
  if (fulfillment.tracking.length === 0) return 0;
  const exchanges = (await returnsOfOrder(tx, merchantId, orderId)).filter((r) => r.resolution === 'exchange');
  const aggs = (await Promise.all(exchanges.map((r) => getReturn(tx, merchantId, r.id)))).filter((a) => a !== null);
  const shipment = { provider: 'shopify', orderId: fulfillment.orderExternalId, lineItemIds: fulfillment.lineItemIds };
  return queueFor(tx, fulfillment.at, aggs, shipment, fulfillment.tracking);
}

/**
 * A WooCommerce replacement is an order of its own that names its return (`retour_replacement`
 * meta): its tracking numbers are the exchange's shipments, once that return recorded this order.
 */
export async function queueWooExchangeShipments(
  tx: Tx,
  merchantId: string,
  order: { externalId: string; returnId: string; tracking: ShopTracking[]; at: string },
): Promise<number> {
  if (order.tracking.length === 0) return 0;
  const agg = await getReturn(tx, merchantId, order.returnId);
  if (!agg) return 0;
  return queueFor(tx, order.at, [agg], { provider: 'woocommerce', orderId: order.externalId, lineItemIds: null }, order.tracking);
}
