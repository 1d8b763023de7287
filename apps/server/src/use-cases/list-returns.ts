// The merchant's returns, newest first, filtered and searched, one page at a time.
import type { MerchantReturn, ReturnListQuery } from '@retour/contracts/returns';
import { normaliseOrderNumber, normaliseTrackingNumber } from '@retour/domain/normalise';
import { findPortalBySlug } from '@retour/db/repos/config';
import { getReturn, listReturns } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { toMerchantReturn, viewExtras } from '../presenters/return-view.ts';
import { decodeCursor, encodeCursor } from './shared/cursor.ts';

export async function listMerchantReturns(
  ctx: Ctx,
  merchantId: string,
  q: ReturnListQuery,
): Promise<{ data: MerchantReturn[]; nextCursor: string | null }> {
  let portalId: string | undefined;
  if (q.portal) {
    const portal = await findPortalBySlug(ctx.db, q.portal);
    portalId = portal && portal.merchantId === merchantId ? portal.id : q.portal;
  }
  const before = decodeCursor(q.cursor, ['createdAt', 'id']);
  const rows = await listReturns(ctx.db, merchantId, {
    limit: q.limit + 1,
    ...(before ? { before } : {}),
    ...(q.status ? { statuses: q.status } : {}),
    ...(portalId ? { portalId } : {}),
    ...(q.createdFrom ? { createdFrom: new Date(q.createdFrom).toISOString() } : {}),
    ...(q.createdTo ? { createdTo: new Date(q.createdTo).toISOString() } : {}),
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
  });
  const page = rows.slice(0, q.limit);
  const data: MerchantReturn[] = [];
  for (const row of page) {
    const agg = await getReturn(ctx.db, merchantId, row.id);
    if (agg) data.push(toMerchantReturn(agg, await viewExtras(ctx.db, agg)));
  }
  const last = page[page.length - 1];
  return { data, nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
