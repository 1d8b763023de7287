// An instant exchange's hold is settled as soon as the return shows the outcome: the carrier's
// first scan (released) or a cancellation before it (released). Otherwise the `payment.settle_hold`
// job scheduled at authorisation decides after the deadline day (use-cases/payments/settle-hold.ts).
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { listReturnPayments } from '@retour/db/repos/payments';
import { SCANNED_STATUSES } from '@retour/domain/instant-exchange';
import type { ReturnEventListener } from '../context.ts';
import { SETTLE_HOLD_TOPIC } from '../use-cases/payments/instant-hold.ts';
import { HELD } from '../use-cases/payments/payment-rows.ts';

const SETTLES = new Set<string>([...SCANNED_STATUSES, 'cancelled', 'rejected', 'expired']);

export const settleHoldOnProgress: ReturnEventListener = async (ctx, merchantId, event) => {
  if (event.from === event.to || !SETTLES.has(event.to)) return;
  for (const payment of await listReturnPayments(ctx.db, merchantId, event.returnId)) {
    if (payment.status !== HELD) continue;
    await enqueue(ctx.db, {
      merchantId,
      id: newId('job'),
      topic: SETTLE_HOLD_TOPIC,
      payload: { paymentId: payment.id },
      dedupeKey: `settle_hold:${event.to}:${payment.id}`,
      at: ctx.now().toISOString(),
    });
  }
};
