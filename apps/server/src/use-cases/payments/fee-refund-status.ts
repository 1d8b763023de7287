// Following a return fee's Mollie refund to its end (Mollie calls the payment's webhook when a
// refund's status changes; jobs/check-fee-refund.ts asks again while it is on its way). The
// fetched status is stored on the payment; when it becomes final (refunded, failed, canceled) it
// is written once on the return's timeline as a staff-only `fee_refund` entry (a `note` event) —
// a failed or canceled refund with what staff should do about it.
import { getPayment, type PaymentRow, updatePayment } from '@retour/db/repos/payments';
import { formatMoneyValue } from '@retour/domain/money';
import { isFinalRefundStatus, refundStatusKind } from '@retour/domain/refund-checks';
import type { PaymentProvider, ProviderRefund } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { changeReturn, type ReturnChange, type TimelineEntry } from '../shared/change-return.ts';
import { isCapturedHold, refundedWhat } from './payment-rows.ts';

/** Staff-only timeline entry type for a fee refund's outcome. */
export const FEE_REFUND_ENTRY = 'fee_refund';

const money = (r: ProviderRefund) => `${formatMoneyValue(r.amount, r.currency)} ${r.currency}`;

function entryFor(row: PaymentRow, refund: ProviderRefund, hold: boolean): TimelineEntry {
  const data = { paymentId: row.id, providerPaymentId: row.providerPaymentId, refundId: refund.id, refundStatus: refund.status };
  const what = refundedWhat(hold);
  const message =
    refundStatusKind(refund.status) === 'refunded'
      ? `Mollie has refunded ${what} of ${money(refund)} (${refund.id}).`
      : `Mollie could not refund ${what} of ${money(refund)} (${refund.id} is ${refund.status}). ` +
        `Refund it by hand in the Mollie dashboard (payment ${row.providerPaymentId}) and let the shopper know.`;
  return { type: FEE_REFUND_ENTRY, message, data, dedupeKey: `fee_refund:${row.id}:${refund.id}` };
}

/**
 * Fetches the payment's refund and records its status. Answers the refund's status as stored
 * (the row's own when there is nothing to fetch). Provider errors are thrown as they come.
 */
export async function syncFeeRefund(ctx: Ctx, mollie: PaymentProvider, row: PaymentRow): Promise<string | null> {
  if (!row.refundId || !row.providerPaymentId || isFinalRefundStatus(row.refundStatus)) return row.refundStatus;
  const refund = await mollie.getRefund(row.providerPaymentId, row.refundId);
  // Mollie no longer knows it (or answered another one): nothing reliable to record.
  if (!refund || refund.id !== row.refundId) return row.refundStatus;
  await changeReturn(ctx, row.merchantId, row.returnId, 'mollie', async (agg, tx): Promise<ReturnChange | null> => {
    const fresh = await getPayment(tx, row.merchantId, row.id);
    if (!fresh || fresh.refundId !== refund.id || fresh.refundStatus === refund.status || isFinalRefundStatus(fresh.refundStatus)) {
      return null;
    }
    await updatePayment(tx, row.merchantId, row.id, { refundStatus: refund.status, updatedAt: ctx.now().toISOString() });
    if (!isFinalRefundStatus(refund.status)) return null;
    return { event: { type: 'note' }, timeline: [entryFor(row, refund, isCapturedHold(agg.events, row.id))] };
  });
  return refund.status;
}

/** After the last check: the refund is still on its way, so staff look at it themselves (written once). */
export async function reportStuckFeeRefund(ctx: Ctx, row: PaymentRow, checks: number): Promise<void> {
  await changeReturn(ctx, row.merchantId, row.returnId, 'system', async (agg): Promise<ReturnChange> => {
    const hold = isCapturedHold(agg.events, row.id);
    return {
      event: { type: 'note' },
      timeline: [
        {
          type: FEE_REFUND_ENTRY,
          message:
            `Mollie still shows the refund of ${refundedWhat(hold)} (${row.refundId}) as ${row.refundStatus} after ${checks} checks. ` +
            `Look at payment ${row.providerPaymentId} in the Mollie dashboard and refund ${hold ? 'it' : 'the fee'} by hand if it does not go through.`,
          data: { paymentId: row.id, providerPaymentId: row.providerPaymentId, refundId: row.refundId, refundStatus: row.refundStatus },
          dedupeKey: `fee_refund:${row.id}:${row.refundId}:stuck`,
        },
      ],
    };
  });
}
