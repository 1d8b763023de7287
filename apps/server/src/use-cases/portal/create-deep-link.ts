// A signed deep link (and its QR code) for one order, signed with the portal's secret: for shops
// that let Retour sign (the API or the back office) instead of signing themselves (README).
import type { DeepLink, DeepLinkInputSchema } from '@retour/contracts/config';
import { renderQrPng } from '@retour/documents/qr';
import { getRow } from '@retour/db/repos/config';
import { signDeepLink } from '@retour/domain/deep-link';
import type { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { openLinkSecret } from './link-secret.ts';

const DAY_MS = 86_400_000;

export async function createDeepLink(
  ctx: Ctx,
  merchantId: string,
  portalId: string,
  input: z.infer<typeof DeepLinkInputSchema>,
): Promise<DeepLink> {
  const portal = await getRow(ctx.db, 'portals', merchantId, portalId);
  if (!portal) fail('portal_not_found', 'There is no portal with this id for your account.');
  const secret = openLinkSecret(ctx, portal);
  if (!secret)
    fail(
      'deep_links_not_configured',
      'This portal has no deep-link secret: create one first (POST /api/v1/portals/{id}/link-secret, or Settings → Portal → Deep links).',
    );
  const exp = Math.floor((ctx.now().getTime() + input.expiresInDays * DAY_MS) / 1000);
  const params: [string, string][] = [
    ['order', input.orderNumber],
    ['exp', String(exp)],
  ];
  if (input.email) params.push(['email', input.email]);
  if (input.gift) params.push(['gift', '1']);
  const url = `${ctx.publicUrl}/r/${portal.slug}?${signDeepLink(secret, params)}`;
  const png = await renderQrPng(url);
  return { url, expiresAt: new Date(exp * 1000).toISOString(), qrPng: `data:image/png;base64,${png.toString('base64')}` };
}
