// Replaces the client ID and secret of a Shopify connection, checked like a new connection (token,
// shop query, webhook subscriptions to the same URL) before they are stored. Webhooks signed with
// the previous secret are still accepted for an hour (Shopify's own rotation delay).
import type { Integration } from '@retour/contracts/integrations';
import type { ShopifyUpdate } from '@retour/contracts/shopify';
import { toJson } from '@retour/db/json';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';
import { newHookKey, openConnectionCredentials, presentIntegration, sealConnectionCredentials, settingsOf } from '../connections.ts';
import { type ShopifyCredentials, type ShopifySettings, verifyShopifyConnection } from './shopify-connection.ts';

export async function updateShopifyCredentials(ctx: Ctx, merchantId: string, id: string, body: ShopifyUpdate): Promise<Integration> {
  const row = await getIntegration(ctx.db, merchantId, id);
  if (!row || row.kind !== 'shopify') fail('not_found', 'There is no Shopify connection with this id for your account.', { id });
  const settings = settingsOf<ShopifySettings>(row);
  const hookKey = row.hookKey ?? newHookKey();
  const verified = await verifyShopifyConnection(ctx, settings.shopDomain, body.clientId, body.clientSecret, hookKey);
  const at = ctx.now().toISOString();
  const previous = row.credentials ? openConnectionCredentials<ShopifyCredentials>(ctx, row) : null;
  // Shopify may sign with the old secret for up to an hour after a rotation: keep it that long.
  const rotated =
    previous && previous.clientSecret !== body.clientSecret ? { previousClientSecret: previous.clientSecret, rotatedAt: at } : {};
  await updateIntegration(ctx.db, merchantId, id, {
    settings: toJson({ ...settings, shopName: verified.shopName, ...(verified.currency ? { currency: verified.currency } : {}) }),
    credentials: sealConnectionCredentials(ctx, merchantId, id, {
      clientId: body.clientId,
      clientSecret: body.clientSecret,
      token: verified.token,
      ...rotated,
    } satisfies ShopifyCredentials),
    hookKey,
    status: 'active',
    lastError: null,
    updatedAt: at,
  });
  const updated = await getIntegration(ctx.db, merchantId, id);
  return presentIntegration(ctx, updated as NonNullable<typeof updated>);
}
