// Connects the merchant's Mollie account: the key is checked against Mollie, then stored sealed.
import type { MollieAccountBody, PaymentAccount } from '@retour/contracts/payments';
import { newId } from '@retour/db/ids';
import { getPaymentAccount } from '@retour/db/repos/payments';
import { upsertPaymentAccount } from '@retour/db/repos/payments';
import { createMollieProvider, mollieMode } from '@retour/integrations/payments/mollie';
import { PaymentProviderError } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { providerFailure, sealPaymentCredentials } from './payment-provider.ts';
import { toJson } from '@retour/db/json';
import { getMollieAccount } from './get-mollie-account.ts';

export async function connectMollie(ctx: Ctx, merchantId: string, body: MollieAccountBody): Promise<PaymentAccount> {
  try {
    await createMollieProvider(body.apiKey, ctx.providers).verifyCredentials();
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind === 'credentials') {
      fail(
        'provider_rejected_credentials',
        'Mollie refused this API key. Copy a current key from the Mollie dashboard (Developers → API keys).',
        {
          provider: 'mollie',
        },
      );
    }
    throw providerFailure(error);
  }
  const existing = await getPaymentAccount(ctx.db, merchantId, 'mollie');
  const id = existing?.id ?? newId('pac');
  const at = ctx.now().toISOString();
  await upsertPaymentAccount(ctx.db, {
    merchantId,
    id,
    provider: 'mollie',
    settings: toJson({ mode: mollieMode(body.apiKey) }),
    credentials: sealPaymentCredentials(ctx, merchantId, id, { apiKey: body.apiKey }),
    createdAt: at,
    updatedAt: at,
  });
  return getMollieAccount(ctx, merchantId);
}
