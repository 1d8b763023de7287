// Settings → Portal → Deep links: a new secret (shown once; links signed with the old one stop
// working), or none (deep links off).
import type { z } from 'zod';
import type { LinkSecretSchema } from '@retour/contracts/config';
import { getRow, updateRow } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { randomCode } from '../../secrets.ts';
import { sealLinkSecret } from './link-secret.ts';

export async function rotateLinkSecret(ctx: Ctx, merchantId: string, portalId: string): Promise<z.infer<typeof LinkSecretSchema>> {
  const portal = await getRow(ctx.db, 'portals', merchantId, portalId);
  if (!portal) fail('portal_not_found', 'There is no portal with this id for your account.');
  const secret = `rls_${randomCode(43)}`;
  const at = ctx.now().toISOString();
  await updateRow(ctx.db, 'portals', merchantId, portalId, {
    linkSecret: sealLinkSecret(ctx, merchantId, portalId, secret),
    updatedAt: at,
  });
  return { secret, createdAt: at };
}

export async function removeLinkSecret(ctx: Ctx, merchantId: string, portalId: string): Promise<void> {
  const portal = await getRow(ctx.db, 'portals', merchantId, portalId);
  if (!portal) fail('portal_not_found', 'There is no portal with this id for your account.');
  await updateRow(ctx.db, 'portals', merchantId, portalId, { linkSecret: null, updatedAt: ctx.now().toISOString() });
}
