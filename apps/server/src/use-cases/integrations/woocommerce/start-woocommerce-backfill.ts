// Starts importing every order of a connected WooCommerce shop: an import run (progress visible at
// once) and one `woocommerce.backfill` job that pages through the shop (jobs/woocommerce-backfill.ts).
import { newId } from '@retour/db/ids';
import { startImportRun } from '@retour/db/repos/import-runs';
import { getIntegration } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';

export const WOO_BACKFILL_TOPIC = 'woocommerce.backfill';

export async function startWoocommerceBackfill(ctx: Ctx, merchantId: string, integrationId: string): Promise<{ importRunId: string }> {
  const row = await getIntegration(ctx.db, merchantId, integrationId);
  if (!row || row.kind !== 'woocommerce') {
    fail('not_found', 'There is no WooCommerce connection with this id for your account.', { id: integrationId });
  }
  if (!row.credentials) {
    fail('conflict', 'This connection was disconnected; connect the shop again before importing its orders.', { id: integrationId });
  }
  const importRunId = newId('imp');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await startImportRun(tx, { merchantId, id: importRunId, source: 'woocommerce', integrationId, at });
    await enqueue(tx, {
      merchantId,
      id: newId('job'),
      topic: WOO_BACKFILL_TOPIC,
      payload: { integrationId, importRunId },
      dedupeKey: `woocommerce.backfill:${importRunId}`,
      at,
    });
  });
  return { importRunId };
}
