// The shopper's view of one return, opened with the access code from the create response or email.
import type { ReturnView } from '@retour/contracts/returns';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { isStatusToken } from '../../emails/status-link.ts';
import { fail } from '../../errors.ts';
import { toReturnView, viewExtras } from '../../presenters/return-view.ts';
import { safeEqual, sha256 } from '../../secrets.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';

/** The return behind a shopper's link, or one 404 for "no such return" and "wrong code" alike. */
export async function loadShopperReturn(ctx: Ctx, slug: string, id: string, accessCode: string): Promise<ReturnAggregate> {
  const { merchantId, portal } = await loadEnabledPortal(ctx, slug);
  const agg = await getReturn(ctx.db, merchantId, id);
  // One answer for "no such return" and "wrong code", so ids cannot be probed.
  // The access code (stored hashed) or the signed status token from the return's emails.
  const opens = (a: ReturnAggregate) =>
    safeEqual(a.ret.accessCodeHash, sha256(accessCode)) || isStatusToken(ctx.secret, merchantId, a.ret.id, accessCode);
  if (!agg || agg.ret.portalId !== portal.id || !opens(agg)) {
    fail('return_not_found', 'We could not find this return. Use the link from your confirmation email.');
  }
  return agg;
}

export async function getShopperReturn(ctx: Ctx, slug: string, id: string, accessCode: string): Promise<ReturnView> {
  const agg = await loadShopperReturn(ctx, slug, id, accessCode);
  return toReturnView(agg, await viewExtras(ctx.db, agg));
}
