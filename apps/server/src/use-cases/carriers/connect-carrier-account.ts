// POST /api/v1/carrier-accounts: the carrier checks the credentials before anything is stored; they
// are kept sealed (owner `${merchantId}:carrier_account:${id}`) and never returned.
import type { CarrierAccount, CarrierAccountConnectBody } from '@retour/contracts/carrier-accounts';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { type CarrierAccountRow, insertCarrierAccount, listCarrierAccounts } from '@retour/db/repos/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { PROVIDER_NAMES, sealAccountCredentials, sealWebhookSecret } from '../shared/carrier-accounts.ts';
import { presentCarrierAccount, verified } from './carrier-account-view.ts';

export async function connectCarrierAccount(ctx: Ctx, merchantId: string, body: CarrierAccountConnectBody): Promise<CarrierAccount> {
  if (ctx.carriers.get(body.code))
    fail('carrier_code_taken', `"${body.code}" is a built-in carrier code; choose another code for this account.`, { code: body.code });
  if ((await listCarrierAccounts(ctx.db, merchantId)).some((a) => a.code === body.code))
    fail('carrier_code_taken', `You have a carrier account with the code "${body.code}" already; choose another code.`, {
      code: body.code,
    });
  const accountName = await verified(ctx, body.provider, body.credentials);
  const id = newId('car');
  const at = ctx.now().toISOString();
  const row: CarrierAccountRow = {
    merchantId,
    id,
    provider: body.provider,
    code: body.code,
    name: body.name ?? PROVIDER_NAMES[body.provider],
    accountName,
    credentials: sealAccountCredentials(ctx, merchantId, id, body.credentials),
    // Sendcloud signs its webhooks with the API secret key.
    webhookSecret: body.provider === 'sendcloud' ? sealWebhookSecret(ctx, merchantId, id, body.credentials.secretKey) : null,
    settings: toJson({ services: [] }),
    status: 'active',
    lastError: null,
    lastErrorAt: null,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await insertCarrierAccount(ctx.db, row)))
    fail('carrier_code_taken', `You have a carrier account with the code "${body.code}" already; choose another code.`, {
      code: body.code,
    });
  return presentCarrierAccount(ctx, row);
}
