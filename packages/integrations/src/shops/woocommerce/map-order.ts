// A WooCommerce order → Retour's order import item (api.md "Order import item"). Pure: the
// import validates the result, so a field WooCommerce leaves empty shows up there as a clear issue.
import { currencyExponent, formatMoneyValue } from '@retour/domain/money';
import type { WooAddress, WooLineItem, WooMeta, WooOrder } from './types.ts';

/** Orders that were never paid (or are deleted) cannot be returned: they are not imported. */
export const UNPAID_STATUSES = new Set(['pending', 'failed', 'cancelled', 'trash', 'checkout-draft', 'draft', 'auto-draft']);

/** Meta key of the WooCommerce Shipment Tracking extension's items on an order. */
export const SHIPMENT_TRACKING_META = '_wc_shipment_tracking_items';

type TrackingItem = {
  tracking_provider?: string;
  custom_tracking_provider?: string;
  custom_tracking_link?: string;
  tracking_number?: string;
  date_shipped?: string | number;
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const orNull = (value: unknown): string | null => text(value) || null;

/** WooCommerce's `_gmt` dates have no zone ("2026-05-01T09:30:00"): they are UTC. */
function instant(value: string | null | undefined): string | undefined {
  const v = text(value);
  if (!v) return undefined;
  const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? v : date.toISOString();
}

/** A decimal amount (string or number) in minor units of `currency`, rounded. */
function minor(value: unknown, currency: string): number | null {
  const n = typeof value === 'number' ? value : Number(text(value));
  if (text(value) === '' || !Number.isFinite(n)) return null;
  return Math.round(n * 10 ** currencyExponent(currency));
}

/**
 * What one unit cost the shopper, tax included: (line total + line tax) / quantity. Falls back to
 * `price` (after discounts, without tax) when the line has no totals.
 */
export function unitPriceMinor(line: WooLineItem, currency: string): number {
  const total = minor(line.total, currency);
  const tax = minor(line.total_tax, currency) ?? 0;
  if (total !== null && line.quantity > 0) return Math.round((total + tax) / line.quantity);
  return minor(line.price, currency) ?? 0;
}

const hasAddress = (a: WooAddress | undefined): a is WooAddress => Boolean(a && text(a.address_1) && text(a.postcode));
const nameOf = (a: WooAddress | undefined) => [text(a?.first_name), text(a?.last_name)].filter(Boolean).join(' ');

function address(order: WooOrder) {
  // Orders without shipping (virtual goods, or themes that hide the form) carry only billing.
  const a = hasAddress(order.shipping) ? order.shipping : (order.billing ?? {});
  return {
    name: nameOf(a) || nameOf(order.billing) || text(a.company) || text(order.billing?.email),
    company: orNull(a.company),
    street: text(a.address_1),
    addressLine2: orNull(a.address_2),
    postalCode: text(a.postcode),
    city: text(a.city),
    region: orNull(a.state),
    country: text(a.country),
  };
}

/** Variation attributes are the line's visible meta (keys without a leading underscore). */
function variantOf(meta: WooMeta[] | undefined): string | null {
  const parts = (meta ?? [])
    .filter((m) => !m.key.startsWith('_'))
    .map((m) => text(m.display_value ?? m.value))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(', ').slice(0, 200) : null;
}

function shipmentsOf(order: WooOrder) {
  const meta = (order.meta_data ?? []).find((m) => m.key === SHIPMENT_TRACKING_META);
  const items = Array.isArray(meta?.value) ? (meta.value as TrackingItem[]) : [];
  return items
    .filter((t) => text(t.tracking_number))
    .map((t) => {
      const shipped = Number(t.date_shipped);
      return {
        carrier: text(t.custom_tracking_provider) || text(t.tracking_provider) || 'unknown',
        trackingNumber: text(t.tracking_number),
        shippedAt: Number.isFinite(shipped) && shipped > 0 ? new Date(shipped * 1000).toISOString() : null,
      };
    });
}

/**
 * The Shipment Tracking extension's items on an order with their links: `custom_tracking_link` is
 * stored only for a custom provider (wc_st_add_tracking_number in woocommerce-shipment-tracking.php,
 * WooCommerce Shipment Tracking 1.6); for a predefined one the extension builds the link when it
 * shows it, so none is known here.
 */
export function trackingOfWooOrder(order: WooOrder): { carrier: string; trackingNumber: string; trackingUrl: string | null }[] {
  const meta = (order.meta_data ?? []).find((m) => m.key === SHIPMENT_TRACKING_META);
  const items = Array.isArray(meta?.value) ? (meta.value as TrackingItem[]) : [];
  return items
    .filter((t) => text(t.tracking_number))
    .map((t) => ({
      carrier: text(t.custom_tracking_provider) || text(t.tracking_provider) || 'unknown',
      trackingNumber: text(t.tracking_number),
      trackingUrl: orNull(t.custom_tracking_link),
    }));
}

export type MappedOrder = { skip: string } | { order: Record<string, unknown> };

export function mapWooOrder(order: WooOrder, integration: string): MappedOrder {
  const status = text(order.status);
  if (UNPAID_STATUSES.has(status)) return { skip: `status ${status}` };
  const currency = text(order.currency).toUpperCase();
  const billing = order.billing ?? {};
  const shipping = address(order);
  return {
    order: {
      integration,
      externalId: String(order.id),
      orderNumber: text(order.number) || String(order.id),
      placedAt: instant(order.date_created_gmt) ?? instant(order.date_created),
      currency,
      customer: {
        name: nameOf(billing) || shipping.name,
        email: text(billing.email),
        // A phone number the import would refuse is left out rather than losing the order.
        phone: /^\+?[0-9 ()./-]{6,24}$/.test(text(billing.phone)) ? text(billing.phone) : null,
      },
      shippingAddress: shipping,
      items: (order.line_items ?? [])
        .filter((line) => line.quantity > 0)
        .map((line) => ({
          externalId: String(line.id),
          sku: text(line.sku) || `product-${line.variation_id || line.product_id || line.id}`,
          name: text(line.name) || `Item ${line.id}`,
          variant: variantOf(line.meta_data),
          quantity: line.quantity,
          unitPrice: { value: formatMoneyValue(unitPriceMinor(line, currency), currency), currency },
          imageUrl: /^https?:\/\/\S+$/.test(text(line.image?.src)) ? text(line.image?.src).slice(0, 2000) : null,
        })),
      shipments: shipmentsOf(order),
    },
  };
}
