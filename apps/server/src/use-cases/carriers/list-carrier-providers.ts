// GET /api/v1/carrier-accounts/providers: the carrier providers this installation has an adapter
// (and an API address) for, so the back office offers only those.
import { CARRIER_ACCOUNT_PROVIDERS, type CarrierProviderList } from '@retour/contracts/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { PROVIDER_NAMES, PUSHING_PROVIDERS } from '../shared/carrier-accounts.ts';

export function listCarrierProviders(ctx: Ctx): CarrierProviderList {
  const adapters = ctx.carrierAdapters;
  const data = CARRIER_ACCOUNT_PROVIDERS.filter(
    (provider) => adapters?.factories[provider] && (ctx.providers.carrierApiUrls?.[provider] ?? adapters.baseUrls[provider]),
  ).map((provider) => ({ provider, name: PROVIDER_NAMES[provider], webhooks: PUSHING_PROVIDERS.includes(provider) }));
  return { data };
}
