// The carrier adapters this installation ships: one factory per provider and its production host.
// Tests inject their own set into Ctx.carrierAdapters; RETOUR_<PROVIDER>_API_URL points a
// provider at another host (see packages/integrations/src/endpoints.ts).
//
// TODO(lead): add the four factories when their branches are merged:
//   import { createSendcloudAdapter, SENDCLOUD_BASE_URL } from '@retour/integrations/carriers/sendcloud/adapter';
//   import { createPostnlAdapter, POSTNL_BASE_URL } from '@retour/integrations/carriers/postnl/adapter';
//   import { createDhlParcelAdapter, DHL_PARCEL_BASE_URL } from '@retour/integrations/carriers/dhl_parcel/adapter';
//   import { createUpsAdapter, UPS_BASE_URL } from '@retour/integrations/carriers/ups/adapter';
// and fill both maps below:
//   factories: { sendcloud: createSendcloudAdapter, postnl: createPostnlAdapter, dhl_parcel: createDhlParcelAdapter, ups: createUpsAdapter },
//   baseUrls: { sendcloud: SENDCLOUD_BASE_URL, postnl: POSTNL_BASE_URL, dhl_parcel: DHL_PARCEL_BASE_URL, ups: UPS_BASE_URL },
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';

export const productionCarrierAdapters: CarrierAdapters = {
  factories: {},
  baseUrls: {},
};
