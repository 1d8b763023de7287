// Listens to changes of returns and queues the `shop.replacement_order` job (one per return) once
// the return's exchanges should exist as an order in the shop: the portal's replacement timing
// (on request / drop-off scan / receipt, domain/replacement-order.ts) decides when; an instant
// exchange's replacement is due as soon as the shopper's payment method is authorised.
import { newId } from '@retour/db/ids';
import { getRow } from '@retour/db/repos/config';
import { enqueue } from '@retour/db/repos/outbox';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import { getReturnRow } from '@retour/db/repos/returns';
import { shopIntegrationOfReturn } from '@retour/db/repos/shop-connections';
import { replacementDue, type ReturnProgress } from '@retour/domain/replacement-order';
import type { Ctx } from '../context.ts';
import { REPLACEMENT_TOPIC } from '../use-cases/exchanges/replacement-topic.ts';
import { portalSettingsOf } from '../use-cases/shared/load-portal.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';

const APPROVED = ['open', 'in_transit', 'delivered', 'received', 'completed'];
const DROPPED_OFF = ['in_transit', 'delivered', 'received', 'completed'];
const RECEIVED = ['received', 'completed'];

export function progressOf(status: string): ReturnProgress {
  return {
    approved: APPROVED.includes(status),
    droppedOff: DROPPED_OFF.includes(status),
    received: RECEIVED.includes(status),
    cancelled: status === 'cancelled' || status === 'rejected' || status === 'expired',
  };
}

export async function replacementOrderListener(ctx: Ctx, merchantId: string, event: ReturnDomainEvent): Promise<void> {
  const ret = await getReturnRow(ctx.db, merchantId, event.returnId);
  if (!ret) return;
  const portal = ret.portalId ? await getRow(ctx.db, 'portals', merchantId, ret.portalId) : undefined;
  const timing = (portal && portalSettingsOf(portal).exchanges?.replacementTiming) || 'on_receipt';
  // An instant exchange (migration 0021) is made once its hold is authorised, whatever the timing.
  const instant = ret.holdAmount ? { authorised: ret.holdDeadline != null } : null;
  if (!replacementDue(timing, progressOf(event.to), instant)) return;
  if ((await listReturnExchanges(ctx.db, merchantId, event.returnId)).length === 0) return;
  if (!(await shopIntegrationOfReturn(ctx.db, merchantId, event.returnId))) return;
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: REPLACEMENT_TOPIC,
    payload: { returnId: event.returnId },
    dedupeKey: `${REPLACEMENT_TOPIC}:${event.returnId}`,
    at: ctx.now().toISOString(),
  });
}
