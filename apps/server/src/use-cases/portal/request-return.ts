// A shopper requests a return in the portal, with the token of a successful lookup.
import type { PortalReturnBody, ReturnView } from '@retour/contracts/returns';
import { getReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { toReturnView } from '../../presenters/return-view.ts';
import { verifyToken } from '../../secrets.ts';
import { createReturn } from '../shared/create-return.ts';
import { confirmConfig, type PortalConfig, withPortalConfig } from '../shared/portal-config.ts';
import { giftResolutions } from '@retour/domain/order-lookup';

const TOKEN_PROBLEM = 'Your session has expired or is not valid. Look up your order again to continue.';

export async function requestReturn(
  ctx: Ctx,
  slug: string,
  authorization: string | undefined,
  body: PortalReturnBody,
): Promise<ReturnView> {
  return withPortalConfig(ctx, slug, (config) => requestWith(ctx, config, authorization, body));
}

/** The portal's configuration from memory (its version is checked by the order query inside creation's transaction). */
async function requestWith(ctx: Ctx, bundle: PortalConfig, authorization: string | undefined, body: PortalReturnBody): Promise<ReturnView> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  const claims = token ? verifyToken(ctx.secret, token) : null;
  // A token of a portal that differs from the one in memory: refused only once the memory is confirmed current.
  if (claims && claims.k === 'lookup' && (claims.p !== bundle.portal.id || claims.m !== bundle.merchantId))
    await confirmConfig(ctx, bundle);
  if (!claims || claims.k !== 'lookup' || claims.p !== bundle.portal.id || claims.m !== bundle.merchantId)
    fail('invalid_token', TOKEN_PROBLEM);
  if (typeof claims.exp !== 'number' || claims.exp <= ctx.now().getTime()) fail('invalid_token', TOKEN_PROBLEM);
  const orderId = String(claims.o);

  const { contact, language, withdrawal, ...choice } = body;
  if (withdrawal && !bundle.settings.withdrawalFunction) {
    await confirmConfig(ctx, bundle);
    invalid(['withdrawal'], 'This shop has no online withdrawal function; send your withdrawal to the shop by email or post.');
  }
  const created = await createReturn(ctx, {
    merchantId: bundle.merchantId,
    portal: bundle.portal,
    // A gift recipient's token (lookup with gift): store credit or exchange only.
    settings: claims.g === 1 ? { ...bundle.settings, resolutions: giftResolutions(bundle.settings) } : bundle.settings,
    orderId,
    choice,
    contact: { email: contact.email, phone: contact.phone ?? null },
    language,
    actor: 'shopper',
    overrideWindow: false,
    overrideNote: null,
    withdrawal: withdrawal === true,
    config: bundle,
  });
  // A booking made by a job after the commit (a carrier account not booked before) is read back;
  // otherwise the return is answered as written, without reading it again.
  const agg = created.bookedAfterCommit ? await getReturn(ctx.db, bundle.merchantId, created.returnId) : created.written;
  if (!agg) fail('return_not_found', 'The return could not be read back. Try again.');
  return toReturnView(
    agg,
    { portalSlug: bundle.portal.slug, orderNumber: created.orderNumber, timezone: bundle.settings.timezone },
    created.accessCode,
  );
}
