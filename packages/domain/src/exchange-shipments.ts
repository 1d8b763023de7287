/**
 * The shipment of an exchange (issue #14 item 4: "the new order number and its shipment tracking
 * go on the return's timeline"). The shop reports shipments per order; which of them carries the
 * replacement of a return depends on how the exchange was made:
 * - WooCommerce: the replacement is an order of its own (a child of the original), so every
 *   tracking number of that order ships the exchange;
 * - Shopify: the exchange lines are added to the original order, so only a fulfillment that ships
 *   one of the exchange's own line items does (not a late fulfillment of the original items).
 */
import { normaliseTrackingNumber } from './normalise.ts';

/** The replacement recorded on a return (its `exchange_created` entry). */
export type ExchangeRef = { provider: string; orderId: string; lineItemIds?: readonly string[] | null };
/** A shipment the shop reported: the shop order it belongs to and the line items it ships (null: unknown). */
export type ShopShipment = { provider: string; orderId: string; lineItemIds: readonly string[] | null };

/** Whether `shipment` ships the replacement `ref` of a return. */
export function shipsExchange(ref: ExchangeRef, shipment: ShopShipment): boolean {
  if (ref.provider !== shipment.provider || ref.orderId !== shipment.orderId) return false;
  if (ref.provider === 'woocommerce') return true;
  const ours = new Set(ref.lineItemIds ?? []);
  return (shipment.lineItemIds ?? []).some((id) => ours.has(id));
}

/** The dedupe key of the timeline entry for one tracking number of an exchange: noted once however often the shop reports it. */
export function exchangeShipmentKey(trackingNumber: string): string {
  return `exchange_shipment:${normaliseTrackingNumber(trackingNumber)}`;
}

/** Only web links are shown as the parcel's tracking link (never javascript: or other schemes). */
export function trackingLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const url = value.trim();
  return /^https?:\/\/\S+$/i.test(url) && url.length <= 2000 ? url : null;
}
