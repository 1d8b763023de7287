// Builders for repository tests: complete rows with sensible defaults, overridable per test.
import { sql } from 'kysely';
import type { Executor } from '../src/database.ts';
import { newId } from '../src/ids.ts';
import type { OrderAggregate, OrderItemRecord, OrderRecord, ShipmentRecord } from '../src/repos/orders.ts';
import type { ReturnItemRecord, ReturnRecord } from '../src/repos/returns.ts';

export const T0 = Date.parse('2026-03-01T12:00:00.000Z');
export const at = (offsetMs = 0): string => new Date(T0 + offsetMs).toISOString();

export type OrderOptions = {
  merchantId: string;
  n: number;
  brandId?: string | null;
  orderNumberNorm?: string;
  postalNorm?: string;
  trackingNorm?: string;
  items?: number;
  placedAt?: string;
  integrationId?: string;
};

/** An order with `items` lines (3 by default) and one shipment, varied by `n`. */
export function makeOrder(o: OrderOptions): OrderAggregate {
  const id = newId('ord', T0 + o.n);
  const order: OrderRecord = {
    merchantId: o.merchantId,
    id,
    integrationId: o.integrationId ?? 'int_webshop',
    externalId: `ext-${o.n}`,
    orderNumber: `#${o.n}`,
    orderNumberNorm: o.orderNumberNorm ?? String(o.n),
    placedAt: o.placedAt ?? at(-86_400_000 + o.n),
    currency: 'EUR',
    brandId: o.brandId === undefined ? 'brd_a' : o.brandId,
    senderAddressId: o.n % 2 === 0 ? null : 'adr_sender',
    customerName: o.n % 3 === 0 ? 'Łukasz Żółć' : 'Jürgen Straße',
    customerEmail: `c${o.n}@example.com`,
    customerPhone: o.n % 2 === 0 ? null : '+48 42 123 45 67',
    shippingAddress: {
      name: "Zoë “quoted” O'Brien",
      company: null,
      street: 'ulica Piotrkowska',
      houseNumber: String(o.n),
      addressLine2: o.n % 2 === 0 ? null : 'm. 4 \\ back"slash',
      postalCode: '90-001',
      city: o.n % 2 === 0 ? 'Łódź' : 'Straße 東京 🚚',
      region: null,
      country: 'PL',
    },
    shipPostalNorm: o.postalNorm ?? '90001',
    shipCountry: 'PL',
    createdAt: at(o.n),
    updatedAt: at(o.n),
    anonymisedAt: null,
    discountCodes: null,
  };
  const items: OrderItemRecord[] = Array.from({ length: o.items ?? 3 }, (_, position) => ({
    merchantId: o.merchantId,
    id: newId('oit', T0 + o.n),
    orderId: id,
    position,
    externalId: `line-${position + 1}`,
    sku: `SKU-${o.n}-${position}`,
    name: position === 0 ? 'Koszulka — Łódź edition' : position === 1 ? 'Straßenschuh 👟' : 'Schal',
    variant: position === 1 ? null : `size ${position}`,
    quantity: position + 1,
    unitPrice: 1995 + position * 1000 + o.n,
    hsCode: position === 2 ? null : '610910',
    originCountry: position === 2 ? null : 'PT',
    weightGrams: position === 2 ? null : 180 + position,
    imageUrl: null,
    returnable: position !== 2,
    tags: position === 0 ? [] : ['sale', 'größe-ß', `n${o.n}`],
    productType: null,
    vendor: null,
  }));
  const shipments: ShipmentRecord[] = [
    {
      merchantId: o.merchantId,
      id: newId('shp', T0 + o.n),
      orderId: id,
      position: 0,
      carrier: 'sandbox',
      trackingNumber: `TRK-${o.n}`,
      trackingNorm: o.trackingNorm ?? `TRK${o.n}`,
      shippedAt: at(o.n),
      deliveredAt: o.n % 2 === 0 ? null : at(o.n + 1),
      deliveredTo: o.n % 2 === 0 ? null : 'home',
      items: o.n % 2 === 0 ? null : [{ externalId: 'line-1', quantity: 1 }],
    },
  ];
  return { order, items, shipments };
}

export function makeReturn(r: Partial<ReturnRecord> & { merchantId: string; orderId: string }): ReturnRecord {
  const id = r.id ?? newId('ret');
  return {
    id,
    reference: `R-${id.slice(-8).toUpperCase()}`,
    bookedAt: null,
    labelCost: null,
    labelCostCurrency: null,
    customsRequired: 0,
    returnAddress: null,
    anonymisedAt: null,
    carrierAccountId: null,
    carrierService: null,
    carrierShipmentId: null,
    labelError: null,
    labelless: null,
    pickupWindow: null,
    carrierFormats: null,
    ruleSetVersion: null,
    bonusCredit: 0,
    exchangeBalance: 0,
    ruleOutcome: null,
    expiresAt: null,
    holdAmount: null,
    holdDeadline: null,
    portalId: 'prt_1',
    orderNumberNorm: '1001',
    status: 'open',
    method: 'drop_off',
    carrier: 'sandbox',
    resolution: 'refund',
    exchangeNote: null,
    currency: 'EUR',
    feeAmount: 0,
    feePayment: null,
    language: 'en',
    contactEmail: 'Shopper@Example.com',
    contactEmailNorm: 'shopper@example.com',
    contactPhone: null,
    accessCodeHash: 'hash',
    trackingNumber: null,
    trackingNorm: null,
    labelStatus: 'pending',
    servicePointId: null,
    pickup: null,
    storeAddressId: null,
    windowOverridden: 0,
    createdBy: 'shopper',
    createdAt: at(),
    updatedAt: at(),
    version: 1,
    ...r,
  };
}

export function makeReturnItem(
  r: Partial<ReturnItemRecord> & { merchantId: string; returnId: string; orderItemId: string },
): ReturnItemRecord {
  return {
    id: newId('rti'),
    position: 0,
    quantity: 1,
    reason: 'too_small',
    comment: null,
    sku: 'SKU',
    name: 'Item',
    unitPrice: 1995,
    condition: null,
    kept: 0,
    ...r,
  };
}

export async function countRows(
  db: Executor,
  table: 'orders' | 'orderItems' | 'shipments' | 'outbox' | 'returnEvents' | 'products' | 'productVariants' | 'variantStock',
): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
