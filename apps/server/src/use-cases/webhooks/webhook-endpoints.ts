// Merchants' webhook endpoints: signing secrets (made here, sealed for the endpoint), the API
// views of endpoints and deliveries, and queueing one delivery on the outbox.
import type { Webhook, WebhookDelivery } from '@retour/contracts/webhooks';
import type { Executor, Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { fromJson } from '@retour/db/json';
import { enqueue } from '@retour/db/repos/outbox';
import { getWebhookEndpoint, type WebhookDeliveryRow, type WebhookEndpointRow } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { openCredentials, sealCredentials } from '../../credentials.ts';
import { fail } from '../../errors.ts';
import { randomCode } from '../../secrets.ts';

export const WEBHOOK_DELIVER_TOPIC = 'webhook.deliver';

const ownerOf = (merchantId: string, endpointId: string) => `${merchantId}:webhook:${endpointId}`;

/** A new signing secret and its sealed form for the endpoint's row. */
export function newWebhookSecret(ctx: Ctx, merchantId: string, endpointId: string): { secret: string; sealed: string } {
  const secret = `whsec_${randomCode(40)}`;
  return { secret, sealed: sealCredentials(ctx.secret, ownerOf(merchantId, endpointId), secret) };
}

export function openWebhookSecret(ctx: Ctx, row: WebhookEndpointRow): string {
  return openCredentials<string>(ctx.secret, ownerOf(row.merchantId, row.id), row.secret);
}

export function presentWebhook(row: WebhookEndpointRow, secret?: string): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: fromJson<Webhook['events']>(row.events) ?? [],
    enabled: row.enabled === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(secret ? { secret } : {}),
  };
}

export function presentDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
    body: fromJson(row.payload),
  };
}

export async function loadWebhookEndpoint(db: Executor, merchantId: string, id: string): Promise<WebhookEndpointRow> {
  const row = await getWebhookEndpoint(db, merchantId, id);
  if (!row) fail('not_found', 'There is no webhook endpoint with this id for your account.', { id });
  return row;
}

/** Queues one sending of a delivery; `attemptKey` makes a retried caller queue it once. */
export async function enqueueDelivery(tx: Tx, merchantId: string, deliveryId: string, attemptKey: string, at: string): Promise<string> {
  const id = newId('job');
  await enqueue(tx, {
    merchantId,
    id,
    topic: WEBHOOK_DELIVER_TOPIC,
    payload: { deliveryId },
    dedupeKey: `webhook:${deliveryId}${attemptKey ? `:${attemptKey}` : ''}`,
    at,
  });
  return id;
}
