// Gives a webhook endpoint a new signing secret (shown once).
import type { Webhook } from '@retour/contracts/webhooks';
import { updateWebhookEndpoint } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { loadWebhookEndpoint, newWebhookSecret, presentWebhook } from './webhook-endpoints.ts';

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(ctx: Ctx, merchantId: string, id: string): Promise<Webhook> {
  await loadWebhookEndpoint(ctx.db, merchantId, id);
  const { secret, sealed } = newWebhookSecret(ctx, merchantId, id);
  await updateWebhookEndpoint(ctx.db, merchantId, id, { secret: sealed, updatedAt: ctx.now().toISOString() });
  return presentWebhook(await loadWebhookEndpoint(ctx.db, merchantId, id), secret);
}
