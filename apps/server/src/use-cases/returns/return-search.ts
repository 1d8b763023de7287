// The back office's return filters (list, counts, CSV export) → one repository search.
import type { ReturnCountsQuery, ReturnExportQuery } from '@retour/contracts/backoffice';
import { findPortalBySlug } from '@retour/db/repos/config';
import type { ReturnSearch } from '@retour/db/repos/returns';
import { normaliseOrderNumber, normaliseTrackingNumber } from '@retour/domain/normalise';
import type { Ctx } from '../../context.ts';

type Filters = ReturnCountsQuery & Partial<Omit<ReturnExportQuery, keyof ReturnCountsQuery>>;

export async function returnSearchOf(ctx: Ctx, merchantId: string, q: Filters): Promise<ReturnSearch> {
  let portalId: string | undefined;
  if (q.portal) {
    const portal = await findPortalBySlug(ctx.db, q.portal);
    portalId = portal && portal.merchantId === merchantId ? portal.id : q.portal;
  }
  return {
    ...(q.status ? { statuses: q.status } : {}),
    ...(portalId ? { portalId } : {}),
    ...(q.createdFrom ? { createdFrom: new Date(q.createdFrom).toISOString() } : {}),
    ...(q.createdTo ? { createdTo: new Date(q.createdTo).toISOString() } : {}),
    ...(q.reason ? { reason: q.reason } : {}),
    ...(q.method ? { method: q.method } : {}),
    ...(q.carrier ? { carrier: q.carrier } : {}),
    ...(q.country ? { country: q.country } : {}),
    ...(q.resolution ? { resolution: q.resolution } : {}),
    ...(q.hasPhotos ? { hasPhotos: q.hasPhotos === 'true' } : {}),
    ...(q.kept ? { keptBy: q.kept === 'exchange' ? ('exchange_created' as const) : ('store_credit' as const) } : {}),
    ...(q.q
      ? {
          search: {
            reference: q.q.toUpperCase(),
            orderNumberNorm: normaliseOrderNumber(q.q),
            emailNorm: q.q.toLowerCase(),
            trackingNorm: normaliseTrackingNumber(q.q),
          },
        }
      : {}),
  };
}
