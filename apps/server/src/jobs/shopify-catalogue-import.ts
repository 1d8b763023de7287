// The `shopify.catalogue` job: the full import of a Shopify shop's products, variants and stock
// per location into the catalogue (issue #14 item 1), queued when the orders backfill completes.
// Like the orders backfill: one bulk operation (its id kept in the connection's settings, so a
// retried job polls the same one instead of starting another), polled by re-enqueued jobs while
// Shopify works, then its JSONL streamed and every product saved (one transaction each, so a job
// cut short saves again what it saved: saving is an upsert by Shopify's ids). Once the whole file
// is saved, the products not saved since the operation started are gone from the shop: retired in
// one transaction (repos/catalogue-sweep.ts); a failed or unfinished import retires nothing. The webhooks
// keep the catalogue current afterwards.
import { toJson } from '@retour/db/json';
import { newId } from '@retour/db/ids';
import { saveProduct } from '@retour/db/repos/catalogue';
import { retireProductsNotImportedSince } from '@retour/db/repos/catalogue-sweep';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import { readBulkProducts } from '@retour/integrations/shops/shopify/bulk-products';
import { BULK_PRODUCTS_QUERY } from '@retour/integrations/shops/shopify/catalogue-documents';
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY } from '@retour/integrations/shops/shopify/documents';
import { checkUserErrors, type UserError } from '@retour/integrations/shops/shopify/errors';
import type { Ctx } from '../context.ts';
import { settingsOf } from '../use-cases/integrations/connections.ts';
import { type ShopifySettings, shopifyClientFor } from '../use-cases/integrations/shopify/shopify-connection.ts';
import { BULK_POLL_DELAY_MS } from './shopify-backfill.ts';

export const SHOPIFY_CATALOGUE_TOPIC = 'shopify.catalogue';

type BulkOperation = { id: string; status: string; errorCode: string | null; url: string | null };

async function keepBulkId(ctx: Ctx, merchantId: string, integrationId: string, value: ShopifySettings['catalogueImport']) {
  const fresh = await getIntegration(ctx.db, merchantId, integrationId);
  if (!fresh) return;
  const { catalogueImport: _old, ...rest } = settingsOf<ShopifySettings>(fresh);
  await updateIntegration(ctx.db, merchantId, integrationId, {
    settings: toJson(value ? { ...rest, catalogueImport: value } : rest),
    updatedAt: ctx.now().toISOString(),
  });
}

export async function runShopifyCatalogueImport(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const integrationId = String(payload.integrationId);
  const poll = Number(payload.poll ?? 0);
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!row || row.kind !== 'shopify' || !row.credentials || row.status === 'disconnected') return;
  const settings = settingsOf<ShopifySettings>(row);
  const at = () => ctx.now().toISOString();
  if (!settings.currency) {
    const lastError = 'Products cannot be imported until the shop currency is known: save the Shopify credentials again to read it.';
    await updateIntegration(ctx.db, merchantId, integrationId, { lastError, updatedAt: at() });
    return;
  }
  const client = shopifyClientFor(ctx, row);
  let bulkId = settings.catalogueImport?.bulkOperationId ?? null;
  // Before the operation starts: a product saved by a webhook while it runs is newer than this.
  let startedAt = settings.catalogueImport?.startedAt ?? null;
  if (!bulkId) {
    startedAt = at();
    const data = await client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: UserError[] } }>(
      BULK_OPERATION_RUN_QUERY,
      { query: BULK_PRODUCTS_QUERY },
    );
    checkUserErrors('bulkOperationRunQuery', data.bulkOperationRunQuery);
    bulkId = data.bulkOperationRunQuery.bulkOperation?.id ?? null;
    if (!bulkId) throw new Error('bulkOperationRunQuery returned no bulk operation.');
    await keepBulkId(ctx, merchantId, integrationId, { bulkOperationId: bulkId, startedAt });
  }
  const { bulkOperation: op } = await client.request<{ bulkOperation: BulkOperation | null }>(BULK_OPERATION_QUERY, { id: bulkId });
  if (!op) throw new Error(`Bulk operation ${bulkId} was not found.`);
  if (op.status === 'CREATED' || op.status === 'RUNNING') {
    await enqueue(ctx.db, {
      merchantId,
      id: newId('job'),
      topic: SHOPIFY_CATALOGUE_TOPIC,
      payload: { integrationId, poll: poll + 1, run: payload.run ?? null },
      dedupeKey: `${SHOPIFY_CATALOGUE_TOPIC}:${integrationId}:${bulkId}:${poll + 1}`,
      at: new Date(ctx.now().getTime() + BULK_POLL_DELAY_MS).toISOString(),
    });
    return;
  }
  if (op.status !== 'COMPLETED') {
    await keepBulkId(ctx, merchantId, integrationId, undefined);
    const error = `Shopify's bulk export of the products ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ''}; import the orders again to retry it.`;
    await updateIntegration(ctx.db, merchantId, integrationId, { lastError: error, updatedAt: at() });
    return;
  }
  if (op.url) {
    for await (const product of readBulkProducts(op.url, ctx.providers.timeoutMs, settings.currency)) {
      await ctx.db.transaction().execute((tx) => saveProduct(tx, merchantId, { source: 'shopify', ...product }, at()));
    }
  }
  // Complete (no url: the shop has no products). An operation kept from before startedAt was recorded retires nothing.
  if (startedAt) {
    const since = startedAt;
    await ctx.db.transaction().execute((tx) => retireProductsNotImportedSince(tx, merchantId, 'shopify', since));
  }
  await keepBulkId(ctx, merchantId, integrationId, undefined);
}
