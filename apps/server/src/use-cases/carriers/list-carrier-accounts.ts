// GET /api/v1/carrier-accounts: the merchant's carrier accounts (credentials are never returned).
import type { CarrierAccount } from '@retour/contracts/carrier-accounts';
import { listCarrierAccounts } from '@retour/db/repos/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { presentCarrierAccount } from './carrier-account-view.ts';

export async function listMerchantCarrierAccounts(ctx: Ctx, merchantId: string): Promise<CarrierAccount[]> {
  return (await listCarrierAccounts(ctx.db, merchantId)).map((row) => presentCarrierAccount(ctx, row));
}
