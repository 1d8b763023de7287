// Job `payment.refund_check`: asks Mollie how a return fee's refund stands, for a refund whose
// webhook has not (yet) told us it ended. Enqueued by refund-payment.ts when the refund is created,
// one per payment; it re-schedules itself with the waits of `@retour/domain/refund-checks` while the
// refund is queued, pending or processing (or Mollie cannot be asked), and after the last check
// tells staff on the timeline to look at it in Mollie.
import { getPayment } from '@retour/db/repos/payments';
import type { OutboxJob } from '@retour/db/repos/outbox';
import { isFinalRefundStatus, refundCheckDelay } from '@retour/domain/refund-checks';
import { PaymentProviderError } from '@retour/integrations/payments/port';
import type { Ctx } from '../context.ts';
import { reportStuckFeeRefund, syncFeeRefund } from '../use-cases/payments/fee-refund-status.ts';
import { findMollie } from '../use-cases/payments/payment-provider.ts';
import { RetryLater } from './retry-later.ts';

export const REFUND_CHECK_TOPIC = 'payment.refund_check';

export async function checkFeeRefund(ctx: Ctx, merchantId: string, payload: Record<string, unknown>, job: OutboxJob): Promise<void> {
  const row = await getPayment(ctx.db, merchantId, String(payload.paymentId));
  if (!row?.refundId || isFinalRefundStatus(row.refundStatus)) return;
  let reason = `The refund is still ${row.refundStatus}.`;
  const mollie = await findMollie(ctx, merchantId);
  if (!mollie) reason = 'Mollie is not connected; connect it again so the refund can be followed.';
  else {
    try {
      const status = await syncFeeRefund(ctx, mollie, row);
      if (isFinalRefundStatus(status)) return;
      reason = `The refund is still ${status}.`;
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      reason = error.message;
    }
  }
  const delay = refundCheckDelay(job.attempts + 1);
  if (delay !== null) throw new RetryLater(reason, delay);
  const fresh = await getPayment(ctx.db, merchantId, row.id);
  if (fresh && !isFinalRefundStatus(fresh.refundStatus)) await reportStuckFeeRefund(ctx, fresh, job.attempts);
}
