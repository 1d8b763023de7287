// Turns a stored order into the facts the domain rules read.
import type { ItemFacts } from '@retour/domain/eligibility';
import type { ShipmentFacts } from '@retour/domain/return-window';
import type { OrderAggregate } from '@retour/db/repos/orders';

const toDate = (s: string | null) => (s ? new Date(s) : null);

/** Each item with the outbound shipments that carried it (a shipment without item lines carried all). */
export function itemFacts(agg: OrderAggregate): ItemFacts[] {
  return agg.items.map((item) => {
    const carried = agg.shipments.filter((s) => !s.items || s.items.some((l) => l.externalId === item.externalId));
    const shipments: ShipmentFacts[] = carried.map((s) => ({
      shippedAt: toDate(s.shippedAt),
      deliveredAt: toDate(s.deliveredAt),
      deliveredTo: (s.deliveredTo as ShipmentFacts['deliveredTo']) ?? null,
    }));
    return { id: item.id, quantity: item.quantity, returnable: item.returnable, shipments };
  });
}
