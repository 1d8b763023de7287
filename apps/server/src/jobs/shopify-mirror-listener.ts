// Listens to changes of returns and, for returns of orders from a connected Shopify shop, queues
// one `shopify.mirror` job per change that Shopify should know about (jobs/shopify-mirror.ts).
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { shopifyOrderOfReturn } from '@retour/db/repos/shop-connections';
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';

export type MirrorStep = 'request' | 'create' | 'approve' | 'decline' | 'cancel' | 'label' | 'refund';

/** What Shopify should do for a change of one of our returns (null: nothing). */
export function mirrorStepOf(event: ReturnDomainEvent): MirrorStep | null {
  if (event.types.includes('refund.created')) return 'refund';
  switch (event.trigger) {
    case 'submit':
      return event.to === 'requested' ? 'request' : event.to === 'open' ? 'create' : null;
    case 'approve':
    case 'paid':
      return event.to === 'open' ? 'approve' : null;
    case 'reject':
      return 'decline';
    case 'cancel':
    case 'expire': // the label was never used: the Shopify return ends as a cancelled one
      return 'cancel';
    case 'tracking':
      return 'label';
    default:
      return null;
  }
}

export async function shopifyMirrorListener(ctx: Ctx, merchantId: string, event: ReturnDomainEvent): Promise<void> {
  const step = mirrorStepOf(event);
  if (!step) return;
  if (!(await shopifyOrderOfReturn(ctx.db, merchantId, event.returnId))) return;
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: 'shopify.mirror',
    payload: { returnId: event.returnId, step, eventId: event.id, detail: event.detail },
    dedupeKey: `shopify.mirror:${event.id}`,
    at: ctx.now().toISOString(),
  });
}
