// GET /api/v1/carrier-accounts/{id}/services: the services this account can book returns with, from the carrier.
import type { CarrierServiceView } from '@retour/contracts/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { accountOrFail, serviceView, servicesOf } from './carrier-account-view.ts';

export async function listCarrierServices(ctx: Ctx, merchantId: string, id: string): Promise<CarrierServiceView[]> {
  return (await servicesOf(ctx, await accountOrFail(ctx, merchantId, id))).map(serviceView);
}
