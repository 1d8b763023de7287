// One webhook endpoint's delivery log, newest first: status, attempts, last response, body.
import type { WebhookDelivery, WebhookDeliveryQuery } from '@retour/contracts/webhooks';
import { listWebhookDeliveries } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { loadWebhookEndpoint, presentDelivery } from './webhook-endpoints.ts';

export async function listWebhookDeliveryLog(
  ctx: Ctx,
  merchantId: string,
  endpointId: string,
  query: WebhookDeliveryQuery,
): Promise<{ data: WebhookDelivery[]; nextCursor: string | null }> {
  await loadWebhookEndpoint(ctx.db, merchantId, endpointId);
  const before = decodeCursor(query.cursor, ['createdAt', 'id']);
  const rows = await listWebhookDeliveries(ctx.db, merchantId, endpointId, {
    limit: query.limit + 1,
    status: query.status,
    before,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentDelivery),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
