// The carrier adapters this installation ships: one factory per provider and its production host.
// Tests inject their own set into Ctx.carrierAdapters; RETOUR_<PROVIDER>_API_URL points a
// provider at another host (see packages/integrations/src/endpoints.ts).
//
// TODO(lead): add the Sendcloud and UPS factories when their branches are merged:
//   import { createSendcloudAdapter, SENDCLOUD_BASE_URL } from '@retour/integrations/carriers/sendcloud/adapter';
//   import { createUpsAdapter, UPS_BASE_URL } from '@retour/integrations/carriers/ups/adapter';
// and add them to both maps below:
//   factories: { sendcloud: createSendcloudAdapter, ups: createUpsAdapter },
//   baseUrls: { sendcloud: SENDCLOUD_BASE_URL, ups: UPS_BASE_URL },
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';
import { createDhlParcelAdapter, DHL_PARCEL_BASE_URL } from '@retour/integrations/carriers/dhl-parcel/adapter';
import { createPostnlAdapter, POSTNL_BASE_URL } from '@retour/integrations/carriers/postnl/adapter';

export const productionCarrierAdapters: CarrierAdapters = {
  factories: { postnl: createPostnlAdapter, dhl_parcel: createDhlParcelAdapter },
  baseUrls: { postnl: POSTNL_BASE_URL, dhl_parcel: DHL_PARCEL_BASE_URL },
};
