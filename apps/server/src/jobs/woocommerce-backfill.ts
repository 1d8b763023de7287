// The `woocommerce.backfill` job: pages through a shop's orders (oldest id first, 100 a page),
// stores each page through the order import, and records the page on the import run. The run's
// processed count says where to go on (every page but the last is full), so a retried job resumes
// after the last stored page; after a few pages the job hands over to a fresh one, so no single
// job runs into the job time limit however large the shop is.
import type { OutboxJob } from '@retour/db/repos/outbox';
import { newId } from '@retour/db/ids';
import { finishImportRun, getImportRun, recordImportProgress } from '@retour/db/repos/import-runs';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import { WooError } from '@retour/integrations/shops/woocommerce/client';
import { mapWooOrder } from '@retour/integrations/shops/woocommerce/map-order';
import type { Ctx } from '../context.ts';
import { importOrders } from '../use-cases/orders/import-orders.ts';
import { WOO_BACKFILL_TOPIC } from '../use-cases/integrations/woocommerce/start-woocommerce-backfill.ts';
import { wooClientOf, wooFailure } from '../use-cases/integrations/woocommerce/woocommerce-connection.ts';

export const WOO_PAGE_SIZE = 100;
const PAGES_PER_JOB = 5;
/** Attempts of one job before the run is marked failed (a shop that is down for good). */
const MAX_ATTEMPTS = 6;

export async function woocommerceBackfill(ctx: Ctx, merchantId: string, payload: Record<string, unknown>, job: OutboxJob): Promise<void> {
  const integrationId = String(payload.integrationId);
  const importRunId = String(payload.importRunId);
  const run = await getImportRun(ctx.db, merchantId, importRunId);
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!run || run.status !== 'running') return;
  const stop = async (error: string) => {
    const at = ctx.now().toISOString();
    await finishImportRun(ctx.db, merchantId, importRunId, { status: 'failed', error, at });
    if (row) await updateIntegration(ctx.db, merchantId, integrationId, { lastError: error, updatedAt: at });
  };
  if (!row?.credentials) return stop('The connection was disconnected before all orders were imported.');

  const client = wooClientOf(ctx, row);
  let page = Math.floor(run.processed / WOO_PAGE_SIZE) + 1;
  for (let done = 0; done < PAGES_PER_JOB; done++, page++) {
    let result: Awaited<ReturnType<typeof client.listOrders>>;
    try {
      result = await client.listOrders(page, WOO_PAGE_SIZE);
    } catch (error) {
      const failure = wooFailure(error, `reading order page ${page}`);
      // Refused keys do not get better by waiting; a shop that is down might.
      if ((error instanceof WooError && error.failure === 'unauthorized') || job.attempts >= MAX_ATTEMPTS) return stop(failure.message);
      throw failure;
    }
    const mapped = result.orders.map((order) => mapWooOrder(order, row.name));
    const orders = mapped.flatMap((m, index) => ('order' in m ? [{ index, order: m.order }] : []));
    const outcome =
      orders.length > 0
        ? await importOrders(
            ctx,
            merchantId,
            orders.map((o) => o.order),
          )
        : { created: 0, updated: 0, failed: [] };
    const at = ctx.now().toISOString();
    await recordImportProgress(ctx.db, merchantId, importRunId, {
      processed: result.orders.length,
      created: outcome.created,
      updated: outcome.updated,
      problems: outcome.failed.map((f) => {
        const position = (page - 1) * WOO_PAGE_SIZE + (orders[f.index]?.index ?? 0) + 1;
        const order = result.orders[orders[f.index]?.index ?? 0];
        const issue = (f.error.details?.issues as { path?: unknown[] }[] | undefined)?.[0];
        return {
          line: position,
          code: f.error.code,
          message: `Order ${order?.number ?? order?.id}: ${f.error.message}`,
          ...(issue?.path ? { field: issue.path.join('.') } : {}),
        };
      }),
      total: result.total,
      at,
    });
    const last = result.orders.length < WOO_PAGE_SIZE || (result.totalPages !== null && page >= result.totalPages);
    if (last) {
      await finishImportRun(ctx.db, merchantId, importRunId, { status: 'completed', at });
      await updateIntegration(ctx.db, merchantId, integrationId, { lastSyncAt: at, lastError: null, updatedAt: at });
      // Then the catalogue: products and their variations (jobs/woocommerce-catalogue.ts).
      await enqueue(ctx.db, {
        merchantId,
        id: newId('job'),
        topic: 'woocommerce.catalogue',
        payload: { integrationId, page: 1, run: importRunId },
        dedupeKey: `woocommerce.catalogue:${importRunId}`,
        at,
      });
      return;
    }
  }
  // More pages: a fresh job goes on from the run's progress (its dedupe key names the next page).
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: WOO_BACKFILL_TOPIC,
    payload: { integrationId, importRunId },
    dedupeKey: `woocommerce.backfill:${importRunId}:${page}`,
    at: ctx.now().toISOString(),
  });
}
