// On disconnect, what Retour created at the shop goes first: WooCommerce's two webhooks (ids in the
// connection's settings, `DELETE /webhooks/{id}?force=true`; one already gone counts as removed)
// and Shopify's webhook subscriptions to the connection's URL. Never throws: a shop that cannot be
// reached or refuses is reported as `failed` with a sentence telling the merchant what to remove.
import type { IntegrationRow } from '@retour/db/repos/integrations';
import { removeSubscriptions } from '@retour/integrations/shops/shopify/subscriptions';
import { WooError } from '@retour/integrations/shops/woocommerce/client';
import type { Ctx } from '../../context.ts';
import { settingsOf } from './connections.ts';
import { shopifyClientFor, type ShopifySettings } from './shopify/shopify-connection.ts';
import { wooClientOf, wooSettingsOf } from './woocommerce/woocommerce-connection.ts';

export type RemoteCleanup = { remoteCleanup: 'done' | 'failed' | 'none'; message: string };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function removeWooWebhooks(ctx: Ctx, row: IntegrationRow): Promise<RemoteCleanup> {
  const { siteUrl, webhookIds } = wooSettingsOf(row);
  try {
    const client = wooClientOf(ctx, row);
    for (const id of webhookIds) {
      try {
        await client.deleteWebhook(id);
      } catch (error) {
        // Deleted by hand already: what we wanted.
        if (!(error instanceof WooError && error.status === 404 && error.wooCode === 'woocommerce_rest_webhook_invalid_id')) throw error;
      }
    }
    return { remoteCleanup: 'done', message: `Removed the ${plural(webhookIds.length, 'webhook')} Retour had created in the shop.` };
  } catch (error) {
    return {
      remoteCleanup: 'failed',
      message:
        `Disconnected, but the shop at ${siteUrl} could not remove Retour's webhooks (${reasonOf(error)}). ` +
        'Delete the webhooks named "Retour: order.created" and "Retour: order.updated" under WooCommerce → Settings → Advanced → Webhooks.',
    };
  }
}

async function removeShopifySubscriptions(ctx: Ctx, row: IntegrationRow): Promise<RemoteCleanup> {
  const { shopDomain } = settingsOf<ShopifySettings>(row);
  try {
    const removed = await removeSubscriptions(shopifyClientFor(ctx, row), `${ctx.publicUrl}/api/hooks/shopify/${row.hookKey}`);
    return { remoteCleanup: 'done', message: `Removed the ${plural(removed, 'webhook subscription')} Retour had created in the shop.` };
  } catch (error) {
    return {
      remoteCleanup: 'failed',
      message:
        `Disconnected, but Shopify could not remove Retour's webhook subscriptions on ${shopDomain} (${reasonOf(error)}). ` +
        'Remove them in your Shopify admin: uninstall the app you connected under Settings → Apps, which deletes its webhooks.',
    };
  }
}

/** Removes the provider-side webhooks of a shop connection that still has its credentials. */
export async function removeShopWebhooks(ctx: Ctx, row: IntegrationRow): Promise<RemoteCleanup> {
  if (row.credentials && row.hookKey !== null && row.kind === 'shopify') return removeShopifySubscriptions(ctx, row);
  if (row.credentials && row.kind === 'woocommerce') return removeWooWebhooks(ctx, row);
  return { remoteCleanup: 'none', message: 'Nothing to remove at the provider.' };
}
