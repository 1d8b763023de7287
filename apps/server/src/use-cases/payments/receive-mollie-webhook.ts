// Mollie's payment webhook: the body names a payment id and nothing else is trusted. The payment
// is fetched with the merchant's own key and its fetched status decides: paid → the return opens
// and is booked with the carrier (as on approval); failed/expired/canceled → payment_failed;
// open/pending → nothing yet. The payments row is updated in the same transaction as the return,
// so a repeated webhook finds it handled and changes nothing. A payment Retour does not know is
// acknowledged without a change (nothing to learn from probing); a Mollie failure is a 502 so
// Mollie calls again later (as is a merchant who disconnected Mollie meanwhile, 422).
// A paid payment whose fee refund has not ended yet: the webhook is about the refund, which is
// fetched and recorded by shared/fee-refund-status.ts.
// An instant exchange's manual-capture payment ends the checkout `authorized` (record-hold.ts): the
// return opens like a paid one; what Mollie reports after our capture or release changes nothing.
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { findPaymentByProviderId, type PaymentRow } from '@retour/db/repos/payments';
import { formatMoneyValue } from '@retour/domain/money';
import { isFinalRefundStatus } from '@retour/domain/refund-checks';
import type { ProviderPayment } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { changeReturn, type ReturnChange } from '../shared/change-return.ts';
import { keptOnOpening, opened } from '../shared/kept-on-opening.ts';
import { openingReminders } from '../shared/opening-reminders.ts';
import { syncFeeRefund } from './fee-refund-status.ts';
import { claim, FAILED, FINAL, isLatest } from './payment-rows.ts';
import { recordAuthorised } from './record-hold.ts';
import { findMollie, providerFailure } from './payment-provider.ts';

export async function receiveMollieWebhook(ctx: Ctx, merchantId: string, providerPaymentId: string): Promise<{ received: true }> {
  const row = await findPaymentByProviderId(ctx.db, merchantId, 'mollie', providerPaymentId);
  if (row?.status === 'paid' && row.refundId && !isFinalRefundStatus(row.refundStatus)) return receiveRefundChange(ctx, row);
  if (!row || FINAL.has(row.status)) return { received: true };
  const mollie = await findMollie(ctx, merchantId);
  // Disconnected since the payment started: not acknowledged, so Mollie calls again (for a day)
  // and the payment is handled once the merchant connects Mollie again.
  if (!mollie) fail('payments_not_configured', 'Mollie is not connected for this merchant; connect it again to handle this payment.');
  let payment: ProviderPayment | null;
  try {
    payment = await mollie.getPayment(providerPaymentId);
  } catch (error) {
    throw providerFailure(error);
  }
  // Not ours after all (another key's payment, or altered): leave everything as it is.
  if (!payment || payment.id !== providerPaymentId || payment.metadata?.returnId !== row.returnId) return { received: true };
  if (payment.status === 'authorized') await recordAuthorised(ctx, row, payment);
  else if (payment.status === 'paid') await recordPaid(ctx, row, payment);
  else if (FAILED.has(payment.status)) await recordFailed(ctx, row, payment);
  return { received: true };
}

/** Mollie calls the payment's webhook when its refund changes: the refund is fetched and recorded. */
async function receiveRefundChange(ctx: Ctx, row: PaymentRow): Promise<{ received: true }> {
  const mollie = await findMollie(ctx, row.merchantId);
  if (!mollie) fail('payments_not_configured', 'Mollie is not connected for this merchant; connect it again to follow this refund.');
  try {
    await syncFeeRefund(ctx, mollie, row);
  } catch (error) {
    throw providerFailure(error);
  }
  return { received: true };
}

const money = (p: { amount: number; currency: string }) => `${formatMoneyValue(p.amount, p.currency)} ${p.currency}`;

async function recordPaid(ctx: Ctx, row: PaymentRow, payment: ProviderPayment): Promise<void> {
  const { merchantId, returnId } = row;
  await changeReturn(ctx, merchantId, returnId, 'mollie', async (agg, tx): Promise<ReturnChange | null> => {
    const at = ctx.now().toISOString();
    if (!(await claim(tx, row, 'paid', at))) return null;
    const wrongAmount = payment.amount !== row.amount || payment.currency !== row.currency;
    if (agg.ret.status !== 'awaiting_payment' || wrongAmount || !(await isLatest(tx, row))) {
      // Money that no longer buys anything (the return was cancelled, or paid twice): give it back.
      await enqueue(tx, {
        merchantId,
        id: newId('job'),
        topic: 'payment.refund',
        payload: { paymentId: row.id },
        dedupeKey: `payment_refund:${row.id}`,
        at,
      });
      return null;
    }
    const base = { returnId };
    const opening = agg.ret.carrier ? await openingReminders(tx, agg.ret, ctx.now()) : { fields: {}, jobs: [] };
    return {
      event: { type: 'paid' },
      fields: agg.ret.carrier ? { labelStatus: 'pending', ...opening.fields } : {},
      timeline: [
        {
          type: 'paid',
          message: `${(agg.ret.exchangeBalance ?? 0) > 0 ? 'Payment' : 'Return fee'} of ${money(payment)} paid (Mollie ${payment.id}).`,
          data: {
            paymentId: row.id,
            providerPaymentId: payment.id,
            amount: formatMoneyValue(payment.amount, payment.currency),
            currency: payment.currency,
          },
          dedupeKey: `paid:${row.id}`,
        },
        ...opened(keptOnOpening(agg)),
      ],
      jobs: agg.ret.carrier ? [{ topic: 'carrier.announce', payload: base, dedupeKey: `announce:${returnId}` }, ...opening.jobs] : [],
    };
  });
}

async function recordFailed(ctx: Ctx, row: PaymentRow, payment: ProviderPayment): Promise<void> {
  await changeReturn(ctx, row.merchantId, row.returnId, 'mollie', async (agg, tx): Promise<ReturnChange | null> => {
    if (!(await claim(tx, row, payment.status, ctx.now().toISOString()))) return null;
    // An older checkout that ran out after the shopper started a new one changes nothing.
    if (agg.ret.status !== 'awaiting_payment' || !(await isLatest(tx, row))) return null;
    return {
      event: { type: 'payment_failed' },
      timeline: [
        {
          type: 'payment_failed',
          message: `Payment ${payment.status} (Mollie ${payment.id}).`,
          data: { paymentId: row.id, providerPaymentId: payment.id, providerStatus: payment.status },
          dedupeKey: `payment_failed:${row.id}`,
        },
      ],
    };
  });
}
