// Instant exchange (issue #14 item 4): Mollie reports the shopper's manual-capture payment
// `authorized`. The return opens as if paid (booked with the carrier, reminders), its scan deadline
// is fixed from now (the portal's hold days, in its time zone) and shown to the shopper, the
// replacement order follows at once (replacement-order-listener.ts), the shopper is emailed the
// deadline, and `payment.settle_hold` is scheduled for the first instant after that day. A hold
// that no longer backs the return (cancelled meanwhile, an older checkout) is released at once.
import { getRow } from '@retour/db/repos/config';
import type { PaymentRow } from '@retour/db/repos/payments';
import { holdSettlesAt } from '@retour/domain/instant-exchange';
import { formatMoneyValue } from '@retour/domain/money';
import { instantExchangeDeadline } from '@retour/domain/replacement-order';
import type { ProviderPayment } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { changeReturn, type ReturnChange } from '../shared/change-return.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';
import { keptOnOpening, opened } from '../shared/kept-on-opening.ts';
import { openingReminders } from '../shared/opening-reminders.ts';
import { holdDaysOf, SETTLE_HOLD_TOPIC } from './instant-hold.ts';
import { claim, HELD, isLatest } from './payment-rows.ts';

export async function recordAuthorised(ctx: Ctx, row: PaymentRow, payment: ProviderPayment): Promise<void> {
  const { merchantId, returnId } = row;
  await changeReturn(ctx, merchantId, returnId, 'mollie', async (agg, tx): Promise<ReturnChange | null> => {
    const now = ctx.now();
    const at = now.toISOString();
    if (!(await claim(tx, row, HELD, at))) return null;
    const settle = { topic: SETTLE_HOLD_TOPIC, payload: { paymentId: row.id } };
    const wrongAmount = payment.amount !== row.amount || payment.currency !== row.currency;
    const portal = agg.ret.portalId ? await getRow(tx, 'portals', merchantId, agg.ret.portalId) : undefined;
    if (agg.ret.status !== 'awaiting_payment' || wrongAmount || !agg.ret.holdAmount || !portal || !(await isLatest(tx, row))) {
      // Nothing to hold for: released at once (settle-hold.ts finds it backs no return).
      return { event: { type: 'note' }, timeline: [], jobs: [{ ...settle, dedupeKey: `settle_hold:now:${row.id}` }] };
    }
    const settings = portalSettingsOf(portal);
    const deadline = instantExchangeDeadline(now, holdDaysOf(settings), settings.timezone);
    const amount = `${formatMoneyValue(payment.amount, payment.currency)} ${payment.currency}`;
    const opening = agg.ret.carrier ? await openingReminders(tx, agg.ret, now) : { fields: {}, jobs: [] };
    const email = { to: agg.ret.contactEmail, language: agg.ret.language, returnId, amount: payment.amount };
    return {
      event: { type: 'paid' },
      fields: { holdDeadline: deadline, ...(agg.ret.carrier ? { labelStatus: 'pending', ...opening.fields } : {}) },
      timeline: [
        {
          type: 'hold_authorised',
          message: `${amount} authorised for the instant exchange (Mollie ${payment.id}); released when the carrier scans the parcel by ${deadline}, captured otherwise.`,
          data: {
            paymentId: row.id,
            providerPaymentId: payment.id,
            amount: formatMoneyValue(payment.amount, payment.currency),
            currency: payment.currency,
            deadline,
            ...(payment.captureBefore ? { captureBefore: payment.captureBefore } : {}),
          },
          dedupeKey: `hold_authorised:${row.id}`,
        },
        ...opened(keptOnOpening(agg)),
      ],
      jobs: [
        ...(agg.ret.carrier ? [{ topic: 'carrier.announce', payload: { returnId }, dedupeKey: `announce:${returnId}` }] : []),
        ...opening.jobs,
        { topic: 'email.hold_authorised', payload: email, dedupeKey: `email:hold_authorised:${returnId}` },
        { ...settle, dedupeKey: `settle_hold:${row.id}`, at: holdSettlesAt(deadline, settings.timezone, now).toISOString() },
      ],
    };
  });
}
