// POST /api/v1/carrier-accounts/{id}/test: asks the carrier with the stored credentials.
import type { CarrierAccountTest } from '@retour/contracts/carrier-accounts';
import { updateCarrierAccount } from '@retour/db/repos/carrier-accounts';
import type { CarrierProvider } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../../context.ts';
import { adapterOf, carrierFailure, markAuthFailed } from '../shared/carrier-accounts.ts';
import { accountOrFail } from './carrier-account-view.ts';

export async function testCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccountTest> {
  const row = await accountOrFail(ctx, merchantId, id);
  const provider = row.provider as CarrierProvider;
  try {
    const { accountName } = await adapterOf(ctx, row).verify();
    const at = ctx.now().toISOString();
    await updateCarrierAccount(ctx.db, merchantId, id, {
      status: 'active',
      lastError: null,
      lastErrorAt: null,
      accountName,
      updatedAt: at,
    });
    return { ok: true, status: 'active', accountName, message: null };
  } catch (error) {
    const failure = carrierFailure(error, provider);
    if (failure.code !== 'carrier_auth_failed') throw failure;
    await markAuthFailed(ctx, row, failure.message);
    return {
      ok: false,
      status: 'auth_failed',
      accountName: row.accountName,
      message: failure.message,
    };
  }
}
