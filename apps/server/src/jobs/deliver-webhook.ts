// The `webhook.deliver` job: POSTs a delivery's stored body to its endpoint, signed with a fresh
// timestamp. A 2xx succeeds; anything else is recorded on the delivery and thrown, so the outbox
// retries on the webhook schedule (domain/webhook-retries.ts, about a day); after MAX_WEBHOOK_ATTEMPTS tries of one job the delivery is failed and
// the job ends (a replay queues a new job with its own tries).
import { webhookRetryDelay } from '@retour/domain/webhook-retries';
import { signWebhook } from '@retour/domain/webhook-signature';
import { fromJson } from '@retour/db/json';
import type { OutboxJob } from '@retour/db/repos/outbox';
import { getWebhookDelivery, getWebhookEndpoint, recordWebhookAttempt, updateWebhookDelivery } from '@retour/db/repos/webhooks';
import { postWebhook } from '@retour/integrations/webhooks/post-webhook';
import type { Ctx } from '../context.ts';
import { openWebhookSecret } from '../use-cases/webhooks/webhook-endpoints.ts';
import { RetryLater } from './retry-later.ts';

export const WEBHOOK_USER_AGENT = 'Retour-Webhooks/1';

export async function deliverWebhook(ctx: Ctx, merchantId: string, payload: Record<string, unknown>, job: OutboxJob): Promise<void> {
  const delivery = await getWebhookDelivery(ctx.db, merchantId, String(payload.deliveryId));
  if (!delivery || delivery.status !== 'pending') return; // deleted with its endpoint, or already settled
  const endpoint = await getWebhookEndpoint(ctx.db, merchantId, delivery.endpointId);
  if (!endpoint) return;
  const now = ctx.now();
  if (endpoint.enabled !== 1) {
    await updateWebhookDelivery(ctx.db, merchantId, delivery.id, {
      status: 'failed',
      error: 'Not sent: the endpoint was disabled. Enable it and replay this delivery.',
    });
    return;
  }
  const result = await postWebhook({
    url: endpoint.url,
    body: delivery.payload,
    timeoutMs: ctx.providers.timeoutMs,
    allowLoopback: ctx.providers.allowInsecureHttp,
    signal: ctx.signal,
    headers: {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'retour-event-id': String((fromJson<{ id?: unknown }>(delivery.payload) ?? {}).id ?? delivery.eventId),
      'retour-event-type': delivery.eventType,
      'retour-delivery-id': delivery.id,
      'retour-signature': signWebhook(openWebhookSecret(ctx, endpoint), delivery.payload, now),
    },
  });
  const at = now.toISOString();
  if (result.ok) {
    await recordWebhookAttempt(ctx.db, merchantId, delivery.id, {
      status: 'succeeded',
      responseStatus: result.status,
      responseBody: result.body,
      error: null,
      lastAttemptAt: at,
      deliveredAt: at,
    });
    return;
  }
  const retryIn = webhookRetryDelay(job.attempts);
  const giveUp = retryIn === null;
  await recordWebhookAttempt(ctx.db, merchantId, delivery.id, {
    status: giveUp ? 'failed' : 'pending',
    responseStatus: result.status,
    responseBody: result.body,
    error: result.error,
    lastAttemptAt: at,
    deliveredAt: null,
  });
  if (retryIn !== null) throw new RetryLater(result.error, retryIn);
}
