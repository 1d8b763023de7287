// Who sends a return and where it goes, as the label, the carrier and the customs form see it.
import { parcelWeightGrams } from '@retour/domain/parcel';
import type { Executor } from '@retour/db/database';
import { getRow } from '@retour/db/repos/config';
import type { OrderAggregate } from '@retour/db/repos/orders';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import type { PartyAddress } from '@retour/integrations/carriers/port';
import { portalSettingsOf } from './load-portal.ts';

/** The return address frozen on the return; returns made before snapshots use the portal's. */
export async function returnAddressOf(db: Executor, agg: ReturnAggregate): Promise<PartyAddress | null> {
  if (agg.ret.returnAddress) return JSON.parse(agg.ret.returnAddress) as PartyAddress;
  const portal = agg.ret.portalId ? await getRow(db, 'portals', agg.ret.merchantId, agg.ret.portalId) : undefined;
  const id = portal ? portalSettingsOf(portal).returnAddressId : null;
  return id ? ((await getRow(db, 'addresses', agg.ret.merchantId, id)) ?? null) : null;
}

export function shopperOf(agg: ReturnAggregate, order: OrderAggregate): PartyAddress {
  return { ...order.order.shippingAddress, email: agg.ret.contactEmail, phone: agg.ret.contactPhone };
}

export function returnWeightGrams(agg: ReturnAggregate, order: OrderAggregate): number {
  return parcelWeightGrams(
    agg.items.map((line) => ({
      weightGrams: order.items.find((i) => i.id === line.orderItemId)?.weightGrams ?? null,
      quantity: line.quantity,
    })),
  );
}
