// Deletes a webhook endpoint with its delivery log.
import { deleteWebhookEndpoint } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export async function deleteWebhook(ctx: Ctx, merchantId: string, id: string): Promise<void> {
  const deleted = await ctx.db.transaction().execute((tx) => deleteWebhookEndpoint(tx, merchantId, id));
  if (!deleted) fail('not_found', 'There is no webhook endpoint with this id for your account.', { id });
}
