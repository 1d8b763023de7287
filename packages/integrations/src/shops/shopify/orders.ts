// Shopify orders → our order import items (api.md "Order import item"). Two sources: the REST
// JSON of webhooks (snake_case) and the bulk export's GraphQL objects. Ids are Shopify GIDs, so
// an order imported by the backfill and updated by a webhook is the same order.
// The result is not validated here: the server's import validates it and reports what is wrong.

export type ShopOrderImport = Record<string, unknown> & { externalId: string };
/** Shopify's JSON, read defensively field by field (every value is checked before it is used). */
// biome-ignore lint/suspicious/noExplicitAny: provider payloads are untyped; each field is checked where it is read.
export type ProviderJson = Record<string, any>;
type Json = ProviderJson;

const gid = (kind: string, id: unknown, given?: unknown): string =>
  typeof given === 'string' && given.startsWith('gid://') ? given : `gid://shopify/${kind}/${id}`;

const text = (...values: unknown[]): string | undefined => {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
};

function joinName(first: unknown, last: unknown): string | undefined {
  return text([text(first), text(last)].filter(Boolean).join(' '));
}

/** Shopify amounts are decimal strings ("12.5", "12.50"); ours too, in the currency's precision. */
function money(amount: unknown, currency: string): { value: string; currency: string } {
  const value = typeof amount === 'number' ? String(amount) : String(amount ?? '0');
  return { value, currency };
}

function address(a: Json | null | undefined, fallbackName: string | undefined) {
  if (!a) return undefined;
  return {
    name: text(a.name, joinName(a.first_name ?? a.firstName, a.last_name ?? a.lastName), fallbackName) ?? '',
    company: text(a.company) ?? null,
    street: text(a.address1) ?? '',
    addressLine2: text(a.address2) ?? null,
    postalCode: text(a.zip) ?? '',
    city: text(a.city) ?? '',
    region: text(a.province_code, a.provinceCode) ?? null,
    country: text(a.country_code, a.countryCodeV2) ?? '',
  };
}

/** One shipment per tracking number of a REST fulfillment (webhook payloads and orders' fulfillments). */
export function shipmentsOfRestFulfillment(f: Json): Record<string, unknown>[] {
  const numbers: string[] = Array.isArray(f.tracking_numbers) && f.tracking_numbers.length > 0 ? f.tracking_numbers : [f.tracking_number];
  const delivered = f.shipment_status === 'delivered' ? (text(f.delivered_at, f.updated_at) ?? null) : null;
  const items = Array.isArray(f.line_items)
    ? f.line_items.map((li: Json) => ({ externalId: gid('LineItem', li.id, li.admin_graphql_api_id), quantity: li.quantity }))
    : null;
  return numbers
    .filter((n) => typeof n === 'string' && n.trim() !== '')
    .map((trackingNumber) => ({
      carrier: text(f.tracking_company) ?? 'other',
      trackingNumber,
      shippedAt: text(f.created_at) ?? null,
      deliveredAt: delivered,
      items: items && items.length > 0 ? items : null,
    }));
}

/**
 * The tracking of a REST fulfillment (fulfillments/create and /update webhooks): each tracking
 * number with its link (`tracking_urls` runs parallel to `tracking_numbers`; Shopify builds them
 * for the carriers it knows, else the app that fulfilled gave them) and the order's line items it
 * ships, as GIDs.
 */
export function trackingOfRestFulfillment(f: Json): {
  lineItemIds: string[];
  tracking: { carrier: string; trackingNumber: string; trackingUrl: string | null }[];
} {
  const many = Array.isArray(f.tracking_numbers) && f.tracking_numbers.length > 0;
  const numbers: unknown[] = many ? f.tracking_numbers : [f.tracking_number];
  const urls: unknown[] = many ? (Array.isArray(f.tracking_urls) ? f.tracking_urls : []) : [f.tracking_url];
  const lineItemIds = Array.isArray(f.line_items)
    ? f.line_items.filter((li: Json) => li && li.id !== undefined).map((li: Json) => gid('LineItem', li.id, li.admin_graphql_api_id))
    : [];
  const tracking = numbers.flatMap((n, i) => {
    const trackingNumber = text(n);
    return trackingNumber ? [{ carrier: text(f.tracking_company) ?? 'other', trackingNumber, trackingUrl: text(urls[i]) ?? null }] : [];
  });
  return { lineItemIds, tracking };
}

/** A webhook's REST order (orders/create, orders/updated) as an import item of `integration`. */
export function orderFromRest(o: Json, integration: string): ShopOrderImport {
  const currency = text(o.currency, o.presentment_currency) ?? '';
  const customerName = text(
    joinName(o.customer?.first_name, o.customer?.last_name),
    o.shipping_address?.name,
    o.billing_address?.name,
    o.email,
    o.contact_email,
  );
  const lineItems: Json[] = Array.isArray(o.line_items) ? o.line_items : [];
  const fulfillments: Json[] = Array.isArray(o.fulfillments) ? o.fulfillments : [];
  return {
    integration,
    externalId: gid('Order', o.id, o.admin_graphql_api_id),
    orderNumber: text(o.name, o.order_number !== undefined ? String(o.order_number) : undefined) ?? '',
    placedAt: text(o.processed_at, o.created_at) ?? '',
    currency,
    customer: {
      name: customerName ?? '',
      email: text(o.email, o.contact_email, o.customer?.email) ?? '',
      phone: text(o.phone, o.shipping_address?.phone, o.customer?.phone) ?? null,
    },
    shippingAddress: address(o.shipping_address ?? o.billing_address, customerName),
    items: lineItems.map((li) => ({
      externalId: gid('LineItem', li.id, li.admin_graphql_api_id),
      sku: text(li.sku, li.variant_id ? String(li.variant_id) : undefined, String(li.id)),
      name: text(li.name, li.title) ?? '',
      variant: text(li.variant_title) ?? null,
      quantity: li.quantity,
      unitPrice: money(li.price_set?.shop_money?.amount ?? li.price, currency),
    })),
    shipments: fulfillments.flatMap(shipmentsOfRestFulfillment),
  };
}

/** A bulk export order (with its line items re-assembled under `lineItems`) as an import item. */
export function orderFromBulk(o: Json, lineItems: Json[], integration: string): ShopOrderImport {
  const currency = text(o.currencyCode) ?? '';
  const customerName = text(joinName(o.customer?.firstName, o.customer?.lastName), o.shippingAddress?.name, o.email);
  const fulfillments: Json[] = Array.isArray(o.fulfillments) ? o.fulfillments : [];
  return {
    integration,
    externalId: String(o.id),
    orderNumber: text(o.name) ?? '',
    placedAt: text(o.processedAt, o.createdAt) ?? '',
    currency,
    customer: {
      name: customerName ?? '',
      email: text(o.email, o.customer?.defaultEmailAddress?.emailAddress) ?? '',
      phone: text(o.phone, o.shippingAddress?.phone) ?? null,
    },
    shippingAddress: address(o.shippingAddress, customerName),
    items: lineItems.map((li) => ({
      externalId: String(li.id),
      sku: text(li.sku, String(li.id)),
      name: text(li.name) ?? '',
      variant: text(li.variantTitle) ?? null,
      quantity: li.quantity,
      unitPrice: money(li.originalUnitPriceSet?.shopMoney?.amount, text(li.originalUnitPriceSet?.shopMoney?.currencyCode) ?? currency),
    })),
    shipments: fulfillments.flatMap((f) =>
      (Array.isArray(f.trackingInfo) ? f.trackingInfo : [])
        .filter((t: Json) => text(t.number))
        .map((t: Json) => ({
          carrier: text(t.company) ?? 'other',
          trackingNumber: text(t.number),
          shippedAt: text(f.createdAt) ?? null,
          deliveredAt: text(f.deliveredAt) ?? null,
        })),
    ),
  };
}
