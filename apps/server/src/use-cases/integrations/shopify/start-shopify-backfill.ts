// Starts importing every order of a connected Shopify shop: an import run the back office can
// follow, and a `shopify.backfill` job (jobs/shopify-backfill.ts) that does the work.
import { newId } from '@retour/db/ids';
import { startImportRun } from '@retour/db/repos/import-runs';
import { getIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';

export async function startShopifyBackfill(ctx: Ctx, merchantId: string, integrationId: string): Promise<{ importRunId: string }> {
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!row || row.kind !== 'shopify')
    fail('not_found', 'There is no Shopify connection with this id for your account.', { id: integrationId });
  if (row.status === 'disconnected' || !row.credentials) {
    fail('conflict', 'This Shopify connection is disconnected; connect the shop again before importing its orders.', { id: integrationId });
  }
  const importRunId = newId('imp');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await startImportRun(tx, { merchantId, id: importRunId, source: 'shopify', integrationId, at });
    await enqueue(tx, {
      merchantId,
      id: newId('job'),
      topic: 'shopify.backfill',
      payload: { integrationId, importRunId, poll: 0 },
      dedupeKey: `shopify.backfill:${importRunId}:0`,
      at,
    });
  });
  return { importRunId };
}
