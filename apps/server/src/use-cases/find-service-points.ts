// Drop-off points near a shopper, for a carrier the portal offers for drop-off in their country.
import type { ServicePointQuery, ServicePointView } from '@retour/contracts/service-points';
import type { ReturnMethod } from '@retour/domain/fees';
import { carrierServes } from '@retour/integrations/carriers/port';
import { createServicePointProvider } from '@retour/integrations/service-points/registry';
import type { PortalSettings } from '@retour/contracts/config';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { loadEnabledPortal } from './shared/load-portal.ts';
import { carrierCodesFor } from './shared/return-options.ts';

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

export async function findServicePoints(ctx: Ctx, slug: string, query: ServicePointQuery): Promise<{ data: ServicePointView[] }> {
  const { settings } = await loadEnabledPortal(ctx, slug);
  const available = dropOffCarriers(ctx, settings, query.country);
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
