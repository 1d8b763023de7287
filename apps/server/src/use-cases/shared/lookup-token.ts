// The shopper's lookup token (from a successful order lookup): which order of this portal it opens.
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { verifyToken } from '../../secrets.ts';
import type { PortalBundle } from './load-portal.ts';

const TOKEN_PROBLEM = 'Your session has expired or is not valid. Look up your order again to continue.';

/** The id of the order the bearer token opens on this portal; invalid_token when it opens none. */
export function lookupOrderId(ctx: Ctx, bundle: PortalBundle, authorization: string | undefined): string {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  const claims = token ? verifyToken(ctx.secret, token) : null;
  if (!claims || claims.k !== 'lookup' || claims.p !== bundle.portal.id || claims.m !== bundle.merchantId)
    fail('invalid_token', TOKEN_PROBLEM);
  if (typeof claims.exp !== 'number' || claims.exp <= ctx.now().getTime()) fail('invalid_token', TOKEN_PROBLEM);
  return String(claims.o);
}
