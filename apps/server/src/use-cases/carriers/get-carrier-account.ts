// GET /api/v1/carrier-accounts/{id}: one carrier account.
import type { CarrierAccount } from '@retour/contracts/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { accountOrFail, presentCarrierAccount } from './carrier-account-view.ts';

export async function getMerchantCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccount> {
  return presentCarrierAccount(ctx, await accountOrFail(ctx, merchantId, id));
}
