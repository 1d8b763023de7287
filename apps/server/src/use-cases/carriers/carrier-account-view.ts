// What every carrier-account use case shares: the account as the API shows it, the account or 404,
// the credentials checked with the carrier, the account's services from the carrier.
import type { CarrierAccount, CarrierServiceView } from '@retour/contracts/carrier-accounts';
import { type CarrierAccountRow, getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import type { CarrierProvider, CarrierService } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import {
  adapterFor,
  adapterOf,
  carrierFailure,
  markAuthFailed,
  PUSHING_PROVIDERS,
  RECONNECT_ACTION,
  reconnectCall,
  settingsOf,
} from '../shared/carrier-accounts.ts';

export function presentCarrierAccount(ctx: Ctx, row: CarrierAccountRow): CarrierAccount {
  const provider = row.provider as CarrierProvider;
  return {
    id: row.id,
    provider,
    code: row.code,
    name: row.name,
    accountName: row.accountName,
    status: row.status === 'auth_failed' ? 'auth_failed' : 'active',
    lastError:
      row.status === 'auth_failed' && row.lastError && row.lastErrorAt
        ? { message: row.lastError, at: row.lastErrorAt, action: RECONNECT_ACTION, details: reconnectCall(row.id) }
        : null,
    settings: settingsOf(row),
    webhookUrl: PUSHING_PROVIDERS.includes(provider) ? `${ctx.publicUrl}/api/carriers/accounts/${row.id}/webhook` : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function accountOrFail(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccountRow> {
  const row = await getCarrierAccount(ctx.db, merchantId, id);
  if (!row)
    fail(
      'carrier_account_not_found',
      'There is no carrier account with this id for your account; list them with GET /api/v1/carrier-accounts.',
    );
  return row;
}

export async function verified(ctx: Ctx, provider: CarrierProvider, credentials: unknown): Promise<string | null> {
  try {
    return (await adapterFor(ctx, provider, credentials).verify()).accountName;
  } catch (error) {
    throw carrierFailure(error, provider, true);
  }
}

export function serviceView(s: CarrierService): CarrierServiceView {
  return { ...s, methods: [...s.methods], fromCountries: [...s.fromCountries], price: s.price ?? null };
}

export async function servicesOf(ctx: Ctx, row: CarrierAccountRow): Promise<CarrierService[]> {
  try {
    return await adapterOf(ctx, row).services();
  } catch (error) {
    const failure = carrierFailure(error, row.provider as CarrierProvider);
    if (failure.code === 'carrier_auth_failed') await markAuthFailed(ctx, row, failure.message);
    throw failure;
  }
}
