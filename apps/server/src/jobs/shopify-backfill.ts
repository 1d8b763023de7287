// The `shopify.backfill` job: starts one bulk operation per import run (its id is kept in the
// connection's settings, so a retried job polls the same one), polls it, and when it is complete
// streams the JSONL result into the order import in batches of at most 1,000, recording progress
// on the import run. While Shopify is still working the job re-enqueues itself a few seconds later
// instead of holding a worker; after five batches it hands over to a fresh job, and every job
// skips the orders the run has already processed, so a job cut short resumes where it stopped.
import { MAX_ORDERS_PER_IMPORT } from '@retour/contracts/orders';
import { toJson } from '@retour/db/json';
import { newId } from '@retour/db/ids';
import { finishImportRun, getImportRun, type ImportProblem, recordImportProgress } from '@retour/db/repos/import-runs';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import { readBulkOrders } from '@retour/integrations/shops/shopify/bulk';
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY, BULK_ORDERS_QUERY } from '@retour/integrations/shops/shopify/documents';
import { checkUserErrors, type UserError } from '@retour/integrations/shops/shopify/errors';
import { orderFromBulk, type ShopOrderImport } from '@retour/integrations/shops/shopify/orders';
import type { Ctx } from '../context.ts';
import { settingsOf } from '../use-cases/integrations/connections.ts';
import { type ShopifySettings, shopifyClientFor } from '../use-cases/integrations/shopify/shopify-connection.ts';
import { importOrders } from '../use-cases/orders/import-orders.ts';

/** How long to wait before polling a running bulk operation again. */
export const BULK_POLL_DELAY_MS = 5_000;
/** Batches of 1,000 orders one job stores before handing over to a fresh job. */
const BATCHES_PER_JOB = 5;
type BulkOperation = {
  id: string;
  status: string;
  errorCode: string | null;
  rootObjectCount: string;
  url: string | null;
  partialDataUrl: string | null;
};

export async function runShopifyBackfill(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const integrationId = String(payload.integrationId);
  const importRunId = String(payload.importRunId);
  const poll = Number(payload.poll ?? 0);
  const run = await getImportRun(ctx.db, merchantId, importRunId);
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!run || run.status !== 'running') return;
  const at = () => ctx.now().toISOString();
  if (!row || row.kind !== 'shopify' || !row.credentials) {
    await finishImportRun(ctx.db, merchantId, importRunId, { status: 'failed', error: 'The Shopify connection was removed.', at: at() });
    return;
  }
  const settings = settingsOf<ShopifySettings>(row);
  const client = shopifyClientFor(ctx, row);

  let bulkId = settings.backfill?.importRunId === importRunId ? settings.backfill.bulkOperationId : null;
  if (!bulkId) {
    const data = await client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: UserError[] } }>(
      BULK_OPERATION_RUN_QUERY,
      { query: BULK_ORDERS_QUERY },
    );
    checkUserErrors('bulkOperationRunQuery', data.bulkOperationRunQuery);
    bulkId = data.bulkOperationRunQuery.bulkOperation?.id ?? null;
    if (!bulkId) throw new Error('bulkOperationRunQuery returned no bulk operation.');
    const fresh = await getIntegration(ctx.db, merchantId, integrationId);
    await updateIntegration(ctx.db, merchantId, integrationId, {
      settings: toJson({ ...settingsOf<ShopifySettings>(fresh ?? row), backfill: { importRunId, bulkOperationId: bulkId } }),
      updatedAt: at(),
    });
  }

  const { bulkOperation: op } = await client.request<{ bulkOperation: BulkOperation | null }>(BULK_OPERATION_QUERY, { id: bulkId });
  if (!op) throw new Error(`Bulk operation ${bulkId} was not found.`);
  if (op.status === 'CREATED' || op.status === 'RUNNING') {
    const next = poll + 1;
    await enqueue(ctx.db, {
      merchantId,
      id: newId('job'),
      topic: 'shopify.backfill',
      payload: { integrationId, importRunId, poll: next },
      dedupeKey: `shopify.backfill:${importRunId}:${next}`,
      at: new Date(ctx.now().getTime() + BULK_POLL_DELAY_MS).toISOString(),
    });
    return;
  }
  if (op.status !== 'COMPLETED') {
    const error = `Shopify's bulk export ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ''}; start the import again.`;
    await finishImportRun(ctx.db, merchantId, importRunId, { status: 'failed', error, at: at() });
    await updateIntegration(ctx.db, merchantId, integrationId, { lastError: error, updatedAt: at() });
    return;
  }

  if (run.total === null) {
    await recordImportProgress(ctx.db, merchantId, importRunId, {
      processed: 0,
      created: 0,
      updated: 0,
      problems: [],
      total: Number(op.rootObjectCount),
      at: at(),
    });
  }
  // Orders already stored by an earlier run of this job (cut short, or handing over) are skipped.
  const finished = op.url ? await importStream(ctx, merchantId, importRunId, row.name, op.url, run.processed) : true;
  if (!finished) {
    const next = poll + 1;
    await enqueue(ctx.db, {
      merchantId,
      id: newId('job'),
      topic: 'shopify.backfill',
      payload: { integrationId, importRunId, poll: next },
      dedupeKey: `shopify.backfill:${importRunId}:${next}`,
      at: at(),
    });
    return;
  }
  await finishImportRun(ctx.db, merchantId, importRunId, { status: 'completed', at: at() });
  await updateIntegration(ctx.db, merchantId, integrationId, { lastSyncAt: at(), lastError: null, updatedAt: at() });
  // Then the catalogue (products, variants, stock), one bulk operation after the other.
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: 'shopify.catalogue',
    payload: { integrationId, poll: 0, run: importRunId },
    dedupeKey: `shopify.catalogue:${importRunId}`,
    at: at(),
  });
}

/**
 * Stores the orders after the first `skip` ones, at most BATCHES_PER_JOB batches; true when the
 * file is done, false when a fresh job should go on (jobs stay well under the handler timeout).
 */
async function importStream(
  ctx: Ctx,
  merchantId: string,
  importRunId: string,
  integration: string,
  url: string,
  skip: number,
): Promise<boolean> {
  let batch: ShopOrderImport[] = [];
  let offset = skip;
  let seen = 0;
  let batches = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await importOrders(ctx, merchantId, batch);
    const problems: ImportProblem[] = result.failed.map((f) => ({
      line: offset + f.index + 1,
      code: f.error.code,
      message: `${batch[f.index]?.orderNumber ?? ''}: ${f.error.message}`,
    }));
    await recordImportProgress(ctx.db, merchantId, importRunId, {
      processed: batch.length,
      created: result.created,
      updated: result.updated,
      problems,
      at: ctx.now().toISOString(),
    });
    offset += batch.length;
    batch = [];
    batches++;
  };
  for await (const { order, lineItems } of readBulkOrders(url, ctx.providers.timeoutMs)) {
    if (seen++ < skip) continue;
    if (batches >= BATCHES_PER_JOB) return false;
    batch.push(orderFromBulk(order, lineItems, integration));
    if (batch.length >= MAX_ORDERS_PER_IMPORT) await flush();
  }
  await flush();
  return true;
}
