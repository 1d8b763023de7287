// Lists a merchant's webhook endpoints (never their secrets).
import type { Webhook } from '@retour/contracts/webhooks';
import { listWebhookEndpoints } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { presentWebhook } from './webhook-endpoints.ts';

export async function listWebhooks(ctx: Ctx, merchantId: string): Promise<Webhook[]> {
  return (await listWebhookEndpoints(ctx.db, merchantId)).map((row) => presentWebhook(row));
}
