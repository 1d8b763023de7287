// The shopper pays a return's up-front fee: a Mollie payment for the fee, its checkout URL back.
// A failed payment is retried from the same page (payment_failed → awaiting_payment); a second
// click within a few minutes reuses the checkout that is still open instead of opening another.
import type { Checkout } from '@retour/contracts/payments';
import type { Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { getOrder, lockOrder } from '@retour/db/repos/orders';
import { insertPayment, listReturnPayments, updatePayment } from '@retour/db/repos/payments';
import { priorReturnsForOrder, type ReturnAggregate } from '@retour/db/repos/returns';
import { returnedQuantities } from '@retour/domain/eligibility';
import { amountDueUpfront } from '@retour/domain/exchanges';
import { formatMoneyValue } from '@retour/domain/money';
import { allowedEvents, type ReturnStatus } from '@retour/domain/state-machine';
import type { Ctx } from '../../context.ts';
import { statusUrl } from '../../emails/status-link.ts';
import { AppError, fail } from '../../errors.ts';
import { loadShopperReturn } from '../portal/get-shopper-return.ts';
import { changeReturn } from '../shared/change-return.ts';
import { findMollie, providerFailure } from './payment-provider.ts';

const REUSE_OPEN_CHECKOUT_MS = 10 * 60_000;
const PAYABLE: readonly ReturnStatus[] = ['awaiting_payment', 'payment_failed'];

export const mollieWebhookUrl = (ctx: Ctx, merchantId: string) =>
  `${ctx.publicUrl}/api/payments/mollie/${encodeURIComponent(merchantId)}/webhook`;

/**
 * A failed payment gave the items back (payment_failed does not count towards what was returned);
 * before the return claims them again, no other return may have taken them meanwhile.
 */
async function assertItemsStillFree(ctx: Ctx, tx: Tx, agg: ReturnAggregate): Promise<void> {
  const { merchantId, orderId } = agg.ret;
  await lockOrder(tx, ctx.dialect, merchantId, orderId);
  const order = await getOrder(tx, merchantId, orderId);
  const prior = await priorReturnsForOrder(tx, merchantId, orderId);
  const taken = returnedQuantities(prior.map((p) => ({ status: p.status as ReturnStatus, items: p.items })));
  for (const item of agg.items) {
    const ordered = order?.items.find((i) => i.id === item.orderItemId)?.quantity ?? 0;
    const left = ordered - (taken.get(item.orderItemId) ?? 0);
    if (item.quantity > left) {
      fail('quantity_exceeds_returnable', `"${item.name}" is already in another return, so this return cannot be paid any more.`, {
        orderItemId: item.orderItemId,
        returnableQuantity: Math.max(0, left),
      });
    }
  }
}

export async function payReturn(ctx: Ctx, slug: string, returnId: string, access: string): Promise<Checkout> {
  const { ret } = await loadShopperReturn(ctx, slug, returnId, access);
  const { merchantId } = ret;
  const status = ret.status as ReturnStatus;
  // The fee paid up front plus what the exchanges cost more (issue #14).
  // An instant exchange authorises its hold instead (manual capture; settle-hold.ts captures or releases it).
  const hold = ret.holdAmount ?? null;
  const due = hold ?? amountDueUpfront({ fee: ret.feeAmount, feePayment: ret.feePayment, exchangeBalance: ret.exchangeBalance ?? 0 });
  if (!PAYABLE.includes(status) || due <= 0) {
    fail('invalid_transition', 'This return does not wait for a payment. Reload the page to see its status.', {
      status,
      allowed: allowedEvents(status),
    });
  }
  const mollie = await findMollie(ctx, merchantId);
  if (!mollie) fail('payments_not_configured', 'This shop cannot take payments online yet. Contact the shop to finish your return.');

  if (status === 'awaiting_payment') {
    const [latest] = await listReturnPayments(ctx.db, merchantId, returnId);
    const age = latest ? ctx.now().getTime() - Date.parse(latest.createdAt) : Number.POSITIVE_INFINITY;
    if (latest?.status === 'open' && latest.checkoutUrl && age < REUSE_OPEN_CHECKOUT_MS) return { checkoutUrl: latest.checkoutUrl };
  } else {
    await changeReturn(ctx, merchantId, returnId, 'shopper', async (agg, tx) => {
      if (agg.ret.status !== 'payment_failed') return null;
      await assertItemsStillFree(ctx, tx, agg);
      return { event: { type: 'retry_payment' }, timeline: [{ type: 'payment_retried' }] };
    });
  }

  const id = newId('pay');
  const at = ctx.now().toISOString();
  await insertPayment(ctx.db, {
    merchantId,
    id,
    returnId,
    provider: 'mollie',
    providerPaymentId: null,
    amount: due,
    currency: ret.currency,
    status: 'created',
    checkoutUrl: null,
    refundId: null,
    refundStatus: null,
    createdAt: at,
    updatedAt: at,
  });
  try {
    const payment = await mollie.createPayment({
      amount: due,
      currency: ret.currency,
      description: `Return ${ret.reference}: ${hold !== null ? 'instant exchange hold' : (ret.exchangeBalance ?? 0) > 0 ? 'exchange price difference' : 'return fee'}`,
      redirectUrl: `${statusUrl(ctx.publicUrl, ctx.secret, slug, ret)}&payment=${id}`,
      webhookUrl: mollieWebhookUrl(ctx, merchantId),
      metadata: { returnId, paymentId: id },
      language: ret.language,
      // Mollie replays any request with a key it has seen: the refund of this payment uses the bare id.
      idempotencyKey: `checkout:${id}`,
      ...(hold !== null ? { captureMode: 'manual' as const } : {}),
    });
    if (payment.amount !== due || payment.currency !== ret.currency || !payment.checkoutUrl) {
      fail(
        'provider_error',
        `Mollie created payment ${payment.id} without a checkout for ${formatMoneyValue(due, ret.currency)} ${ret.currency}.`,
      );
    }
    await updatePayment(ctx.db, merchantId, id, {
      providerPaymentId: payment.id,
      status: payment.status,
      checkoutUrl: payment.checkoutUrl,
      updatedAt: ctx.now().toISOString(),
    });
    return { checkoutUrl: payment.checkoutUrl };
  } catch (error) {
    await updatePayment(ctx.db, merchantId, id, { status: 'error', updatedAt: ctx.now().toISOString() });
    throw error instanceof AppError ? error : providerFailure(error);
  }
}
