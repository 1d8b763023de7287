// A Shopify connection's client: credentials opened from the integration row, a fresh access token
// sealed back into the row (so every process reuses it until it nears expiry), Shopify failures
// turned into the API's error codes, and the check (plus webhook subscriptions) of new credentials.
import { type IntegrationRow, updateIntegration } from '@retour/db/repos/integrations';
import { ShopifyClient, type ShopifyToken } from '@retour/integrations/shops/shopify/client';
import { SHOP_QUERY, WEBHOOK_SUBSCRIPTION_CREATE } from '@retour/integrations/shops/shopify/documents';
import { ShopifyError, type UserError } from '@retour/integrations/shops/shopify/errors';
import { SUBSCRIBED_TOPICS } from '@retour/integrations/shops/shopify/webhooks';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { openConnectionCredentials, sealConnectionCredentials, settingsOf } from '../connections.ts';

export type ShopifyCredentials = {
  clientId: string;
  clientSecret: string;
  token?: ShopifyToken | null;
  /** The secret replaced at `rotatedAt`; webhooks signed with it are accepted for an hour. */
  previousClientSecret?: string;
  rotatedAt?: string;
};
export const SECRET_ROTATION_GRACE_MS = 60 * 60_000;
export type ShopifySettings = {
  shopDomain: string;
  shopName?: string;
  /** The shop's currency (its product prices are in it). */
  currency?: string;
  /** The bulk operation of the latest backfill, so a retried job polls it instead of starting another. */
  backfill?: { importRunId: string; bulkOperationId: string };
  /** The bulk operation of the running catalogue import (jobs/shopify-catalogue-import.ts). */
  /** The running full catalogue import: its bulk operation, and when it was started (for the sweep after it). */
  catalogueImport?: { bulkOperationId: string; startedAt?: string };
};

export function shopifyClientFor(ctx: Ctx, row: IntegrationRow): ShopifyClient {
  const credentials = openConnectionCredentials<ShopifyCredentials>(ctx, row);
  return new ShopifyClient({
    shopDomain: settingsOf<ShopifySettings>(row).shopDomain,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    endpoints: ctx.providers,
    now: ctx.now,
    token: credentials.token ?? null,
    onToken: async (token) => {
      await updateIntegration(ctx.db, row.merchantId, row.id, {
        credentials: sealConnectionCredentials(ctx, row.merchantId, row.id, { ...credentials, token }),
        updatedAt: ctx.now().toISOString(),
      });
    },
  });
}

/** A Shopify failure as an API error: refused credentials → 422, anything else → 502. */
export function shopifyFailure(error: unknown): AppError {
  if (!(error instanceof ShopifyError)) return error as AppError;
  if (error.failure === 'credentials') {
    return new AppError(
      'provider_rejected_credentials',
      'Shopify refused the client ID and secret. Copy both again from the app in the Shopify Dev Dashboard, and check the app is installed on this shop.',
      { provider: 'shopify', reason: error.message },
    );
  }
  return new AppError('provider_error', 'Shopify could not complete the request; try again in a few minutes.', {
    provider: 'shopify',
    reason: error.message,
  });
}

export type Verified = { shopName: string; currency: string | null; token: ShopifyToken | null };

/**
 * Proves the client id/secret work for the shop (a token, then `shop { name }`) and subscribes our
 * webhook topics to the connection's URL. Shopify failures become API errors (422 / 502).
 */
export async function verifyShopifyConnection(
  ctx: Ctx,
  shopDomain: string,
  clientId: string,
  clientSecret: string,
  hookKey: string,
): Promise<Verified> {
  let token: ShopifyToken | null = null;
  const client = new ShopifyClient({
    shopDomain,
    clientId,
    clientSecret,
    endpoints: ctx.providers,
    now: ctx.now,
    onToken: (t) => {
      token = t;
    },
  });
  try {
    const data = await client.request<{ shop: { name: string; currencyCode?: string } }>(SHOP_QUERY);
    const uri = `${ctx.publicUrl}/api/hooks/shopify/${hookKey}`;
    for (const topic of SUBSCRIBED_TOPICS) {
      const result = await client.request<{ webhookSubscriptionCreate: { userErrors: UserError[] } | null }>(WEBHOOK_SUBSCRIPTION_CREATE, {
        topic,
        webhookSubscription: { uri, format: 'JSON' },
      });
      // The same app connected again already has this subscription: that is what we want.
      const errors = (result.webhookSubscriptionCreate?.userErrors ?? []).filter((e) => !/already been taken/i.test(e.message));
      if (errors.length > 0)
        throw new ShopifyError('rejected', `webhookSubscriptionCreate ${topic}: ${errors.map((e) => e.message).join('; ')}`);
    }
    return { shopName: data.shop.name, currency: data.shop.currencyCode ?? null, token };
  } catch (error) {
    throw shopifyFailure(error);
  }
}
