// The merchant's payment provider (Mollie): the account's sealed key opened into a client, and
// provider failures turned into the API's error codes.
import type { Executor } from '@retour/db/database';
import { getPaymentAccount, type PaymentAccountRow } from '@retour/db/repos/payments';
import { createMollieProvider } from '@retour/integrations/payments/mollie';
import { type PaymentProvider, PaymentProviderError } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { openCredentials, sealCredentials } from '../../credentials.ts';
import { AppError } from '../../errors.ts';

type MollieCredentials = { apiKey: string };

const ownerOf = (merchantId: string, accountId: string) => `${merchantId}:payment_account:${accountId}`;

export const sealPaymentCredentials = (ctx: Ctx, merchantId: string, accountId: string, value: MollieCredentials): string =>
  sealCredentials(ctx.secret, ownerOf(merchantId, accountId), value);

export function mollieOf(ctx: Ctx, account: PaymentAccountRow): PaymentProvider {
  const { apiKey } = openCredentials<MollieCredentials>(ctx.secret, ownerOf(account.merchantId, account.id), account.credentials);
  return createMollieProvider(apiKey, ctx.providers);
}

/** The merchant's Mollie client, or null when no account is connected. */
export async function findMollie(ctx: Ctx, merchantId: string, db: Executor = ctx.db): Promise<PaymentProvider | null> {
  const account = await getPaymentAccount(db, merchantId, 'mollie');
  return account ? mollieOf(ctx, account) : null;
}

/** A provider failure as an API error: 502 provider_error (Mollie webhooks retry on any 5xx). */
export function providerFailure(error: unknown): AppError {
  if (!(error instanceof PaymentProviderError)) throw error;
  return new AppError('provider_error', `The payment provider could not take this request: ${error.message}`, {
    provider: 'mollie',
    kind: error.kind,
    ...(error.status ? { providerStatus: error.status } : {}),
    ...(error.field ? { field: error.field } : {}),
  });
}
