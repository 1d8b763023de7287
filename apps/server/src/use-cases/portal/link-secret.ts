// A portal's deep-link secret, sealed at rest for its merchant and portal (credentials.ts).
import type { PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { openCredentials, SealedCredentialsError, sealCredentials } from '../../credentials.ts';

const owner = (merchantId: string, portalId: string) => `${merchantId}:portal-link:${portalId}`;

export function sealLinkSecret(ctx: Ctx, merchantId: string, portalId: string, secret: string): string {
  return sealCredentials(ctx.secret, owner(merchantId, portalId), secret);
}

/** The portal's secret, or null when deep links are off (none set, or sealed with another SECRET_KEY). */
export function openLinkSecret(ctx: Ctx, portal: PortalsTable): string | null {
  if (!portal.linkSecret) return null;
  try {
    return openCredentials<string>(ctx.secret, owner(portal.merchantId, portal.id), portal.linkSecret);
  } catch (error) {
    if (error instanceof SealedCredentialsError) return null;
    throw error;
  }
}
