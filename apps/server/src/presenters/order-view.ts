// The order object of the merchant API.
import type { Order } from '@retour/contracts/orders';
import { formatMoneyValue } from '@retour/domain/money';
import type { OrderAggregate } from '@retour/db/repos/orders';

export function toOrderView(agg: OrderAggregate, integrationName: string): Order {
  const { order } = agg;
  return {
    id: order.id,
    integration: integrationName,
    externalId: order.externalId,
    orderNumber: order.orderNumber,
    placedAt: order.placedAt,
    currency: order.currency,
    brandId: order.brandId,
    senderAddressId: order.senderAddressId,
    customer: { name: order.customerName, email: order.customerEmail, phone: order.customerPhone },
    shippingAddress: order.shippingAddress,
    items: agg.items.map((i) => ({
      id: i.id,
      externalId: i.externalId,
      sku: i.sku,
      name: i.name,
      variant: i.variant,
      quantity: i.quantity,
      unitPrice: { value: formatMoneyValue(i.unitPrice, order.currency), currency: order.currency },
      hsCode: i.hsCode,
      originCountry: i.originCountry,
      weightGrams: i.weightGrams,
      imageUrl: i.imageUrl,
      returnable: i.returnable,
      tags: i.tags,
    })),
    shipments: agg.shipments.map((s) => ({
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      deliveredTo: s.deliveredTo as 'home' | 'service_point' | null,
      items: s.items,
    })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
