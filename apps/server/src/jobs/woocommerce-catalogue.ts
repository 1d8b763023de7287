// The `woocommerce.catalogue` job (issue #14 item 1): the catalogue from a WooCommerce shop.
// - full import (queued when the orders backfill completes): pages of published products, oldest
//   id first, each variable product with all its variations; after a few pages a fresh job goes on
//   from the next page, so no job runs into the time limit; when the last page is saved, the
//   products not saved since the first page was asked for (`startedAt`, carried from job to job) are
//   gone from the shop (or no longer published) and are retired in one transaction; a failed
//   import never gets there, so it retires nothing;
// - one product (`productId`, queued by the product.created / product.updated webhooks, whose body
//   lacks the variations): read again with its variations; gone from the shop (404) → deleted here.
// After the first full import the product webhooks are subscribed (the order ones are made when
// connecting).
// Saving is an upsert by WooCommerce's ids (one transaction per product), so a retried job is harmless.
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { deleteProduct, saveProduct } from '@retour/db/repos/catalogue';
import { retireProductsNotImportedSince } from '@retour/db/repos/catalogue-sweep';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import { isKnownCurrency } from '@retour/domain/money';
import { type WooClient, WooError } from '@retour/integrations/shops/woocommerce/client';
import { productFromWoo, type WooProduct } from '@retour/integrations/shops/woocommerce/products';
import type { Ctx } from '../context.ts';
import { openConnectionCredentials, settingsOf } from '../use-cases/integrations/connections.ts';
import { WOO_PRODUCT_TOPICS } from '../use-cases/integrations/woocommerce/apply-woocommerce-product-webhook.ts';
import { type WooCredentials, type WooSettings, wooClientOf } from '../use-cases/integrations/woocommerce/woocommerce-connection.ts';

export const WOO_CATALOGUE_TOPIC = 'woocommerce.catalogue';
export const WOO_PRODUCT_PAGE_SIZE = 50;
const PAGES_PER_JOB = 3;

async function save(ctx: Ctx, client: WooClient, merchantId: string, product: WooProduct, currency: string): Promise<boolean> {
  const variations = product.type === 'variable' ? await client.listVariations(product.id) : [];
  const mapped = productFromWoo(product, variations, currency);
  if (!mapped) return false;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute((tx) => saveProduct(tx, merchantId, { source: 'woocommerce', ...mapped }, at));
  return true;
}

type CatalogueSettings = WooSettings & { productWebhookTopics?: string[] };

/**
 * Once the catalogue is in, the product webhooks keep it current: made once per topic (each
 * recorded as soon as it exists, so a retried job makes no second one), removed with the others
 * when the shop is disconnected (their ids join `webhookIds`).
 */
async function subscribeProductWebhooks(ctx: Ctx, merchantId: string, integrationId: string, client: WooClient): Promise<void> {
  for (const topic of WOO_PRODUCT_TOPICS) {
    const row = await getIntegration(ctx.db, merchantId, integrationId);
    if (!row?.credentials || !row.hookKey) return;
    const settings = settingsOf<CatalogueSettings>(row);
    if (settings.productWebhookTopics?.includes(topic)) continue;
    const secret = openConnectionCredentials<WooCredentials>(ctx, row).webhookSecret;
    const deliveryUrl = `${ctx.publicUrl}/api/hooks/woocommerce/${row.hookKey}`;
    const hook = await client.createWebhook({ name: `Retour: ${topic}`, topic, deliveryUrl, secret });
    await updateIntegration(ctx.db, merchantId, integrationId, {
      settings: toJson({
        ...settings,
        webhookIds: [...(settings.webhookIds ?? []), hook.id],
        productWebhookTopics: [...(settings.productWebhookTopics ?? []), topic],
      }),
      updatedAt: ctx.now().toISOString(),
    });
  }
}

export async function woocommerceCatalogue(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const integrationId = String(payload.integrationId);
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!row?.credentials || row.kind !== 'woocommerce' || row.status === 'disconnected') return;
  const client = wooClientOf(ctx, row);
  const currency = await client.shopCurrency();
  if (!isKnownCurrency(currency)) {
    const lastError = `WooCommerce names the shop currency "${currency}", which Retour does not know; products were not imported.`;
    await updateIntegration(ctx.db, merchantId, integrationId, { lastError, updatedAt: ctx.now().toISOString() });
    return;
  }

  if (payload.productId !== undefined) {
    const id = Number(payload.productId);
    try {
      const product = await client.getProduct(id);
      if (product.status === undefined || product.status === 'publish') await save(ctx, client, merchantId, product, currency);
      else await ctx.db.transaction().execute((tx) => deleteProduct(tx, merchantId, 'woocommerce', String(id)));
    } catch (error) {
      if (!(error instanceof WooError && error.failure === 'not_found')) throw error;
      await ctx.db.transaction().execute((tx) => deleteProduct(tx, merchantId, 'woocommerce', String(id)));
    }
    return;
  }

  let page = Number(payload.page ?? 1);
  // When the import began (before its first page was read); a job queued before this was recorded has none.
  const startedAt = typeof payload.startedAt === 'string' ? payload.startedAt : page === 1 ? ctx.now().toISOString() : null;
  for (let done = 0; done < PAGES_PER_JOB; done++, page++) {
    const { products, totalPages } = await client.listProducts(page, WOO_PRODUCT_PAGE_SIZE);
    for (const product of products) await save(ctx, client, merchantId, product, currency);
    if (products.length < WOO_PRODUCT_PAGE_SIZE || (totalPages !== null && page >= totalPages)) {
      if (startedAt) {
        await ctx.db.transaction().execute((tx) => retireProductsNotImportedSince(tx, merchantId, 'woocommerce', startedAt));
      }
      await subscribeProductWebhooks(ctx, merchantId, integrationId, client);
      return;
    }
  }
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: WOO_CATALOGUE_TOPIC,
    payload: { integrationId, page, run: payload.run ?? null, ...(startedAt ? { startedAt } : {}) },
    dedupeKey: `${WOO_CATALOGUE_TOPIC}:${integrationId}:${String(payload.run ?? '')}:${page}`,
    at: ctx.now().toISOString(),
  });
}
