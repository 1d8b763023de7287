// Connects a Shopify shop: gets a token with the client-credentials grant and reads the shop's
// name (proof that the id/secret work for this shop), subscribes the webhooks we need to the
// connection's own URL, then stores the connection with its credentials sealed. Nothing is stored
// when Shopify refuses or cannot be reached.
import type { Integration } from '@retour/contracts/integrations';
import type { ShopifyConnect } from '@retour/contracts/shopify';
import { newId } from '@retour/db/ids';
import { getIntegration, insertIntegration } from '@retour/db/repos/integrations';
import { toJson } from '@retour/db/json';
import { integrationNameTaken } from '@retour/db/repos/shop-connections';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';
import { newHookKey, presentIntegration, sealConnectionCredentials } from '../connections.ts';
import { type ShopifySettings, verifyShopifyConnection } from './shopify-connection.ts';

export async function connectShopify(ctx: Ctx, merchantId: string, body: ShopifyConnect): Promise<Integration> {
  const id = newId('int');
  const hookKey = newHookKey();
  const name = body.name ?? `Shopify ${body.shopDomain.replace(/\.myshopify\.com$/, '')}`;
  const taken = () =>
    fail('conflict', 'An integration with this name exists already; choose another name or disconnect that one first.', { name });
  if (await integrationNameTaken(ctx.db, merchantId, name)) taken();
  const verified = await verifyShopifyConnection(ctx, body.shopDomain, body.clientId, body.clientSecret, hookKey);
  const at = ctx.now().toISOString();
  const settings: ShopifySettings = {
    shopDomain: body.shopDomain,
    shopName: verified.shopName,
    ...(verified.currency ? { currency: verified.currency } : {}),
  };
  const inserted = await insertIntegration(ctx.db, {
    merchantId,
    id,
    name,
    kind: 'shopify',
    createdAt: at,
    settings: toJson(settings),
    credentials: sealConnectionCredentials(ctx, merchantId, id, {
      clientId: body.clientId,
      clientSecret: body.clientSecret,
      token: verified.token,
    }),
    hookKey,
    status: 'active',
    updatedAt: at,
    lastSyncAt: null,
    lastError: null,
  });
  if (!inserted) taken(); // connected under the same name at the same moment
  const row = await getIntegration(ctx.db, merchantId, id);
  return presentIntegration(ctx, row as NonNullable<typeof row>);
}
