// Staff approve a requested return: it opens (and is booked with the carrier) or awaits payment.
import { amountDueUpfront } from '@retour/domain/exchanges';
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';
import { keptOnOpening, opened } from '../shared/kept-on-opening.ts';
import { openingReminders } from '../shared/opening-reminders.ts';

export async function approveReturn(ctx: Ctx, merchantId: string, returnId: string, actor: string): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, async (agg, tx) => {
    const { feeAmount: fee, feePayment, exchangeBalance = 0 } = agg.ret;
    // An instant exchange's hold is authorised before the label, like a payment (migration 0021).
    const paymentRequired = amountDueUpfront({ fee, feePayment, exchangeBalance }) > 0 || (agg.ret.holdAmount ?? 0) > 0;
    const opens = !paymentRequired;
    const base = { to: agg.ret.contactEmail, language: agg.ret.language, returnId };
    const opening = opens && agg.ret.carrier ? await openingReminders(tx, agg.ret, ctx.now()) : { fields: {}, jobs: [] };
    return {
      event: { type: 'approve', paymentRequired },
      fields: opens && agg.ret.carrier ? { labelStatus: 'pending', ...opening.fields } : {},
      timeline: [{ type: 'approved' }, ...opened(opens ? keptOnOpening(agg) : null)],
      jobs: [
        { topic: 'email.request_approved', payload: base, dedupeKey: `email:request_approved:${returnId}` },
        ...(opens && agg.ret.carrier ? [{ topic: 'carrier.announce', payload: { returnId }, dedupeKey: `announce:${returnId}` }] : []),
        ...opening.jobs,
      ],
    };
  });
}
