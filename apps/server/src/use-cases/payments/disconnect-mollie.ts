// Disconnects the merchant's Mollie account (its sealed key is deleted).
import { deletePaymentAccount } from '@retour/db/repos/payments';
import type { Ctx } from '../../context.ts';

export async function disconnectMollie(ctx: Ctx, merchantId: string): Promise<{ deleted: boolean }> {
  return { deleted: await deletePaymentAccount(ctx.db, merchantId, 'mollie') };
}
