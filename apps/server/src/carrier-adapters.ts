// The carrier adapters this installation ships: one factory per provider and its production host.
// Tests inject their own set into Ctx.carrierAdapters; RETOUR_<PROVIDER>_API_URL points a
// provider at another host (see packages/integrations/src/endpoints.ts).
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';
import { createDhlParcelAdapter, DHL_PARCEL_BASE_URL } from '@retour/integrations/carriers/dhl-parcel/adapter';
import { createPostnlAdapter, POSTNL_BASE_URL } from '@retour/integrations/carriers/postnl/adapter';
import { createSendcloudAdapter, SENDCLOUD_BASE_URL } from '@retour/integrations/carriers/sendcloud/adapter';
import { createUpsAdapter, UPS_BASE_URL } from '@retour/integrations/carriers/ups/adapter';

export const productionCarrierAdapters: CarrierAdapters = {
  factories: { sendcloud: createSendcloudAdapter, postnl: createPostnlAdapter, dhl_parcel: createDhlParcelAdapter, ups: createUpsAdapter },
  baseUrls: { sendcloud: SENDCLOUD_BASE_URL, postnl: POSTNL_BASE_URL, dhl_parcel: DHL_PARCEL_BASE_URL, ups: UPS_BASE_URL },
};
