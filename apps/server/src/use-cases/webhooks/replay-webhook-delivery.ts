// Sends a settled delivery (succeeded or failed) again: the same body, a fresh timestamp and
// signature, through the outbox as a new job with its own retries.
import type { WebhookDelivery } from '@retour/contracts/webhooks';
import { newId } from '@retour/db/ids';
import { getWebhookDelivery, reopenWebhookDelivery } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { enqueueDelivery, loadWebhookEndpoint, presentDelivery } from './webhook-endpoints.ts';

export async function replayWebhookDelivery(
  ctx: Ctx,
  merchantId: string,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  return ctx.db.transaction().execute(async (tx) => {
    const endpoint = await loadWebhookEndpoint(tx, merchantId, endpointId);
    const delivery = await getWebhookDelivery(tx, merchantId, deliveryId);
    if (!delivery || delivery.endpointId !== endpoint.id)
      fail('not_found', 'There is no delivery with this id for this webhook endpoint.', { id: deliveryId });
    if (endpoint.enabled !== 1) fail('conflict', 'This webhook endpoint is disabled; enable it before replaying deliveries.');
    if (!(await reopenWebhookDelivery(tx, merchantId, delivery.id)))
      fail('conflict', 'This delivery is still being sent or retried; wait until it succeeded or failed, then replay it.');
    await enqueueDelivery(tx, merchantId, delivery.id, `replay:${newId('rpl')}`, ctx.now().toISOString());
    return presentDelivery({ ...delivery, status: 'pending' });
  });
}
