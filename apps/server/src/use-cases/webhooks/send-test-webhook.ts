// Sends a `ping` event to an endpoint at once (through the outbox, run right after the commit),
// so the merchant sees whether their receiver answers and verifies the signature.
import type { WebhookDelivery } from '@retour/contracts/webhooks';
import { newId } from '@retour/db/ids';
import { getWebhookDelivery, insertWebhookDelivery } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { enqueueDelivery, loadWebhookEndpoint, presentDelivery } from './webhook-endpoints.ts';

export async function sendTestWebhook(ctx: Ctx, merchantId: string, endpointId: string): Promise<WebhookDelivery> {
  const at = ctx.now().toISOString();
  const deliveryId = newId('whd');
  const eventId = newId('ping');
  const jobId = await ctx.db.transaction().execute(async (tx) => {
    const endpoint = await loadWebhookEndpoint(tx, merchantId, endpointId);
    if (endpoint.enabled !== 1) fail('conflict', 'This webhook endpoint is disabled; enable it before sending a test.');
    const body = { id: eventId, type: 'ping', createdAt: at, data: { webhookId: endpoint.id } };
    await insertWebhookDelivery(tx, {
      merchantId,
      id: deliveryId,
      endpointId: endpoint.id,
      eventId,
      eventType: 'ping',
      payload: JSON.stringify(body),
      status: 'pending',
      attempts: 0,
      responseStatus: null,
      responseBody: null,
      error: null,
      createdAt: at,
      lastAttemptAt: null,
      deliveredAt: null,
    });
    return enqueueDelivery(tx, merchantId, deliveryId, '', at);
  });
  await ctx.jobs.runNow(ctx, merchantId, [jobId]);
  const delivery = await getWebhookDelivery(ctx.db, merchantId, deliveryId);
  if (!delivery) fail('not_found', 'The webhook endpoint was deleted while the test was sent.');
  return presentDelivery(delivery);
}
