// Changes a webhook endpoint's URL, events, description or enabled flag.
import type { Webhook, WebhookPatch } from '@retour/contracts/webhooks';
import { toJson } from '@retour/db/json';
import { updateWebhookEndpoint } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { loadWebhookEndpoint } from './webhook-endpoints.ts';
import { checkWebhookUrl } from './check-webhook-url.ts';
import { getWebhook } from './get-webhook.ts';

export async function updateWebhook(ctx: Ctx, merchantId: string, id: string, patch: WebhookPatch): Promise<Webhook> {
  if (patch.url !== undefined) checkWebhookUrl(ctx, patch.url);
  await loadWebhookEndpoint(ctx.db, merchantId, id);
  await updateWebhookEndpoint(ctx.db, merchantId, id, {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: toJson(patch.events) } : {}),
    ...(patch.description !== undefined ? { description: patch.description || null } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    updatedAt: ctx.now().toISOString(),
  });
  return getWebhook(ctx, merchantId, id);
}
