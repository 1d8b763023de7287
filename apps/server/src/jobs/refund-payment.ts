// Job `payment.refund`: gives a paid return fee (or a captured instant-exchange hold: `hold_refunded`)
// back through Mollie (the return was cancelled, or the payment arrived when it no longer bought anything), with our payment id as Idempotency-Key
// so a retried job never refunds twice, and records the refund on the payment and the timeline;
// `payment.refund_check` (check-fee-refund.ts) then follows it until Mollie says how it ended.
// Enqueued by `refundFeeOnCancel` (a return.event listener) and by the Mollie webhook.
import { enqueue } from '@retour/db/repos/outbox';
import { getPayment, listReturnPayments, updatePayment } from '@retour/db/repos/payments';
import { getReturn } from '@retour/db/repos/returns';
import { newId } from '@retour/db/ids';
import { formatMoneyValue } from '@retour/domain/money';
import { refundCheckDelay } from '@retour/domain/refund-checks';
import type { Ctx, ReturnEventListener } from '../context.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import { findMollie } from '../use-cases/payments/payment-provider.ts';
import { isCapturedHold } from '../use-cases/payments/payment-rows.ts';
import { REFUND_CHECK_TOPIC } from './check-fee-refund.ts';

export async function refundPayment(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const row = await getPayment(ctx.db, merchantId, String(payload.paymentId));
  if (!row || row.status !== 'paid' || row.refundId || !row.providerPaymentId) return;
  const mollie = await findMollie(ctx, merchantId);
  if (!mollie) throw new Error('No Mollie account is connected, so the paid return fee cannot be refunded. Connect Mollie again.');
  // A captured instant-exchange hold is the hold's money given back, not a return fee.
  const agg = await getReturn(ctx.db, merchantId, row.returnId);
  const hold = agg ? isCapturedHold(agg.events, row.id) : false;
  const refund = await mollie.createRefund(row.providerPaymentId, {
    amount: row.amount,
    currency: row.currency,
    description: hold ? 'Refund of the instant exchange hold' : 'Refund of the return fee',
    idempotencyKey: row.id,
  });
  const amount = `${formatMoneyValue(refund.amount, refund.currency)} ${refund.currency}`;
  await changeReturn(ctx, merchantId, row.returnId, 'system', async (_agg, tx) => {
    await updatePayment(tx, merchantId, row.id, { refundId: refund.id, refundStatus: refund.status, updatedAt: ctx.now().toISOString() });
    // Followed until it ends: Mollie's webhook usually tells first, this check is the fallback.
    await enqueue(tx, {
      merchantId,
      id: newId('job'),
      topic: REFUND_CHECK_TOPIC,
      payload: { paymentId: row.id },
      dedupeKey: `payment_refund_check:${row.id}`,
      at: new Date(ctx.now().getTime() + (refundCheckDelay(1) ?? 0)).toISOString(),
    });
    return {
      event: { type: 'note' },
      timeline: [
        {
          type: hold ? 'hold_refunded' : 'fee_refunded',
          message: hold
            ? `Instant exchange: the ${amount} captured from the hold refunded through Mollie (${refund.id}, ${refund.status}).`
            : `Return fee of ${amount} refunded through Mollie (${refund.id}, ${refund.status}).`,
          data: {
            paymentId: row.id,
            refundId: refund.id,
            refundStatus: refund.status,
            amount: formatMoneyValue(refund.amount, refund.currency),
          },
          dedupeKey: `fee_refunded:${row.id}`,
        },
      ],
    };
  });
}

/** When a return with a paid fee is cancelled, its fee goes back (one job per payment, ever). */
export const refundFeeOnCancel: ReturnEventListener = async (ctx, merchantId, event) => {
  if (event.to !== 'cancelled' || event.from === 'cancelled') return;
  for (const payment of await listReturnPayments(ctx.db, merchantId, event.returnId)) {
    if (payment.status !== 'paid' || payment.refundId) continue;
    await enqueue(ctx.db, {
      merchantId,
      id: newId('job'),
      topic: 'payment.refund',
      payload: { paymentId: payment.id },
      dedupeKey: `payment_refund:${payment.id}`,
      at: ctx.now().toISOString(),
    });
  }
};
