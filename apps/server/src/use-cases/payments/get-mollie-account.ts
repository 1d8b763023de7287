// The merchant's Mollie account as the API shows it: mode only, never the key.
import type { PaymentAccount } from '@retour/contracts/payments';
import { getPaymentAccount, type PaymentAccountRow } from '@retour/db/repos/payments';
import type { Ctx } from '../../context.ts';
import { fromJson } from '@retour/db/json';

function present(row: PaymentAccountRow | undefined): PaymentAccount {
  const mode = fromJson<{ mode?: 'test' | 'live' }>(row?.settings ?? null)?.mode ?? null;
  return { provider: 'mollie', mode: row ? mode : null, configured: row !== undefined, updatedAt: row?.updatedAt ?? null };
}

export async function getMollieAccount(ctx: Ctx, merchantId: string): Promise<PaymentAccount> {
  return present(await getPaymentAccount(ctx.db, merchantId, 'mollie'));
}
