// Drop-off points near a shopper, for a carrier the portal offers for drop-off in their country:
// a merchant's carrier account asks its carrier (or Sendcloud) through the adapter; the sandbox
// carriers use the bundled list.
import type { ServicePointQuery, ServicePointView } from '@retour/contracts/service-points';
import type { ReturnMethod } from '@retour/domain/fees';
import { carrierServes } from '@retour/integrations/carriers/port';
import { createServicePointProvider } from '@retour/integrations/service-points/registry';
import type { PortalSettings } from '@retour/contracts/config';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';
import { accountCarriersFor, carrierCodesFor } from '../shared/return-options.ts';
import { getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import { type AccountCarrier, adapterOf, carrierFailure, loadAccountCarriers, serviceFor } from '../shared/carrier-accounts.ts';

const DROP_OFF_METHODS: readonly ReturnMethod[] = ['drop_off', 'drop_off_labelless'];

const provider = createServicePointProvider();

/** Carriers this portal offers in `country` for a drop-off method it offers. */
export function dropOffCarriers(ctx: Ctx, settings: PortalSettings, country: string): string[] {
  const methods = DROP_OFF_METHODS.filter((m) => settings.methods.includes(m));
  return carrierCodesFor(settings, country).filter((code) => {
    const carrier = ctx.carriers.get(code);
    return carrier !== undefined && methods.some((m) => carrierServes(carrier.info, m, country));
  });
}

/** Connected accounts this portal offers for a drop-off method it offers in `country`. */
function dropOffAccounts(settings: PortalSettings, country: string, accounts: readonly AccountCarrier[]): AccountCarrier[] {
  const methods = DROP_OFF_METHODS.filter((m) => settings.methods.includes(m));
  return accountCarriersFor(settings, country, accounts).filter((a) => methods.some((m) => serviceFor(a, country, m)));
}

async function accountPoints(ctx: Ctx, merchantId: string, account: AccountCarrier, query: ServicePointQuery): Promise<ServicePointView[]> {
  const row = await getCarrierAccount(ctx.db, merchantId, account.accountId);
  if (!row) fail('method_not_available', 'This carrier does not take returns at drop-off points in your country; choose another.');
  const service = DROP_OFF_METHODS.map((m) => serviceFor(account, query.country, m)).find((s) => s !== undefined);
  try {
    const points = await adapterOf(ctx, row).servicePoints({
      country: query.country,
      postalCode: query.postalCode,
      latitude: query.latitude,
      longitude: query.longitude,
      // The carrier behind the service (an aggregator such as Sendcloud serves several).
      carrier: service?.carrier,
      types: query.type,
      limit: query.limit,
    });
    return points.slice(0, query.limit).map((p) => ({ ...p, carrier: account.code, openingHours: { ...p.openingHours } }));
  } catch (error) {
    throw carrierFailure(error, account.provider);
  }
}

export async function findServicePoints(ctx: Ctx, slug: string, query: ServicePointQuery): Promise<{ data: ServicePointView[] }> {
  const { portal, settings } = await loadEnabledPortal(ctx, slug);
  const accounts = dropOffAccounts(settings, query.country, await loadAccountCarriers(ctx.db, portal.merchantId));
  const account = accounts.find((a) => a.code === query.carrier);
  if (account) return { data: await accountPoints(ctx, portal.merchantId, account, query) };
  const available = [...dropOffCarriers(ctx, settings, query.country), ...accounts.map((a) => a.code)];
  if (!available.includes(query.carrier)) {
    fail('method_not_available', 'This carrier does not take returns at drop-off points in your country; choose another.', {
      carrier: query.carrier,
      available,
    });
  }
  const points = await provider.search({
    country: query.country,
    postalCode: query.postalCode,
    latitude: query.latitude,
    longitude: query.longitude,
    carrier: query.carrier,
    types: query.type,
    limit: query.limit,
  });
  return { data: points.map((p) => ({ ...p, openingHours: { ...p.openingHours } })) };
}
