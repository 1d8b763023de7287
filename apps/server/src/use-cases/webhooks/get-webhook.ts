// One of a merchant's webhook endpoints (never its secret).
import type { Webhook } from '@retour/contracts/webhooks';
import type { Ctx } from '../../context.ts';
import { loadWebhookEndpoint, presentWebhook } from './webhook-endpoints.ts';

export async function getWebhook(ctx: Ctx, merchantId: string, id: string): Promise<Webhook> {
  return presentWebhook(await loadWebhookEndpoint(ctx.db, merchantId, id));
}
