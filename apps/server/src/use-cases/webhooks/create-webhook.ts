// Creates a webhook endpoint with a signing secret made here (shown once); at most 20 per merchant.
import type { Webhook, WebhookInput } from '@retour/contracts/webhooks';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { insertWebhookEndpoint, listWebhookEndpoints } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { newWebhookSecret, presentWebhook } from './webhook-endpoints.ts';
import { checkWebhookUrl } from './check-webhook-url.ts';

const MAX_ENDPOINTS = 20;

export async function createWebhook(ctx: Ctx, merchantId: string, input: WebhookInput): Promise<Webhook> {
  checkWebhookUrl(ctx, input.url);
  const at = ctx.now().toISOString();
  const id = newId('whk');
  const { secret, sealed } = newWebhookSecret(ctx, merchantId, id);
  const row = {
    merchantId,
    id,
    url: input.url,
    description: input.description || null,
    events: toJson(input.events),
    secret: sealed,
    enabled: input.enabled ? 1 : 0,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if ((await listWebhookEndpoints(tx, merchantId)).length >= MAX_ENDPOINTS)
      fail('conflict', `An account can have at most ${MAX_ENDPOINTS} webhook endpoints; delete one you no longer use.`);
    await insertWebhookEndpoint(tx, row);
  });
  return presentWebhook(row, secret);
}
