// Listener of `return.event`: one delivery row per enabled endpoint subscribed to each of the
// event's types, with the exact JSON body to send, and one `webhook.deliver` job per delivery —
// in one transaction. The delivery's event id (`${event.id}:${type}`) is unique per endpoint, so
// a retried fan-out adds nothing twice. An endpoint gets no event from before it was created
// (domain typesForEndpoint), however late the fan-out runs.
import { type OutgoingEventType, typesForEndpoint } from '@retour/domain/outgoing-events';
import { newId } from '@retour/db/ids';
import { fromJson } from '@retour/db/json';
import { insertWebhookDelivery, listWebhookEndpoints } from '@retour/db/repos/webhooks';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { loadMerchantReturn } from '../presenters/return-view.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';
import { moneyOut } from '../use-cases/shared/return-options.ts';
import { enqueueDelivery } from '../use-cases/webhooks/webhook-endpoints.ts';

type MerchantReturn = Awaited<ReturnType<typeof loadMerchantReturn>>;

/** The JSON body of one event type of a change, as sent to every subscribed endpoint. */
export function webhookBodyOf(event: ReturnDomainEvent, type: OutgoingEventType, view: MerchantReturn): Record<string, unknown> {
  const data: Record<string, unknown> = { return: view };
  if (type === 'return.status_changed') {
    data.previousStatus = event.from;
    data.status = event.to;
  }
  if (type === 'refund.created' && event.detail) {
    data.refund = {
      amount: moneyOut(Number(event.detail.amount), view.refundTotal.currency),
      note: typeof event.detail.note === 'string' ? event.detail.note : null,
    };
  }
  return { id: event.id, type, createdAt: event.at, data };
}

export async function fanOutWebhooks(ctx: Ctx, merchantId: string, event: ReturnDomainEvent): Promise<void> {
  const endpoints = await listWebhookEndpoints(ctx.db, merchantId, true);
  const wanted = endpoints
    .map((endpoint) => ({
      endpoint,
      types: typesForEndpoint({ createdAt: endpoint.createdAt, events: fromJson<string[]>(endpoint.events) ?? [] }, event),
    }))
    .filter((e) => e.types.length > 0);
  if (wanted.length === 0) return;
  const loaded = await loadMerchantReturn(ctx.db, merchantId, event.returnId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'return_not_found') return null; // gone since: nothing to announce
    throw error;
  });
  if (!loaded) return;
  // Photo links in full (the API answers paths): the receiver fetches them with its API key.
  const base = ctx.publicUrl.replace(/\/+$/, '');
  const view: MerchantReturn = { ...loaded, photos: loaded.photos.map((p) => ({ ...p, url: `${base}${p.url}` })) };
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    for (const { endpoint, types } of wanted) {
      for (const type of types) {
        const id = newId('whd');
        const inserted = await insertWebhookDelivery(tx, {
          merchantId,
          id,
          endpointId: endpoint.id,
          eventId: `${event.id}:${type}`,
          eventType: type,
          payload: JSON.stringify(webhookBodyOf(event, type, view)),
          status: 'pending',
          attempts: 0,
          responseStatus: null,
          responseBody: null,
          error: null,
          createdAt: at,
          lastAttemptAt: null,
          deliveredAt: null,
        });
        if (inserted) await enqueueDelivery(tx, merchantId, id, '', at);
      }
    }
  });
}
