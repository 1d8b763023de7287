// PUT /api/v1/carrier-accounts/{id}/credentials: new credentials, checked against the account's
// provider and with the carrier, then sealed; bookings that waited for them go.
import { CARRIER_CREDENTIALS_SCHEMAS, type CarrierAccount } from '@retour/contracts/carrier-accounts';
import { updateCarrierAccount, wakeAccountBookings } from '@retour/db/repos/carrier-accounts';
import type { CarrierProvider } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { sealAccountCredentials, sealWebhookSecret } from '../shared/carrier-accounts.ts';
import { accountOrFail, presentCarrierAccount, verified } from './carrier-account-view.ts';

export async function replaceCarrierCredentials(ctx: Ctx, merchantId: string, id: string, body: unknown): Promise<CarrierAccount> {
  const row = await accountOrFail(ctx, merchantId, id);
  const provider = row.provider as CarrierProvider;
  const parsed = CARRIER_CREDENTIALS_SCHEMAS[provider].safeParse(body);
  if (!parsed.success)
    throw new AppError('validation_error', 'The request has invalid fields; see details.issues.', {
      issues: parsed.error.issues.map((i) => ({ path: ['credentials', ...i.path], message: i.message, in: 'body' })),
    });
  const accountName = await verified(ctx, provider, parsed.data);
  const at = ctx.now().toISOString();
  await updateCarrierAccount(ctx.db, merchantId, id, {
    credentials: sealAccountCredentials(ctx, merchantId, id, parsed.data),
    webhookSecret:
      provider === 'sendcloud' ? sealWebhookSecret(ctx, merchantId, id, (parsed.data as { secretKey: string }).secretKey) : null,
    accountName,
    status: 'active',
    lastError: null,
    lastErrorAt: null,
    updatedAt: at,
  });
  // Bookings that waited for these credentials go now.
  await wakeAccountBookings(ctx.db, merchantId, id, at);
  return presentCarrierAccount(ctx, await accountOrFail(ctx, merchantId, id));
}
