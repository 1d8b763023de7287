// Staff close a received return once its resolution (refund, credit or replacement) is done.
// When the shopper's exchanges cost less than what they returned (returns.exchange_balance < 0),
// the difference is refunded first, through the same path as a money refund (a `refund` on the
// timeline: the refund email, and the shop refund job of a WooCommerce order), once per return.
import { EXCHANGE_REFUND_KEY, exchangeRefundDue } from '@retour/domain/exchanges';
import type { Ctx } from '../../context.ts';
import { moneyFacts } from '../../presenters/return-view.ts';
import { moneyOut } from '../shared/return-options.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function resolveReturn(ctx: Ctx, merchantId: string, returnId: string, actor: string): Promise<void> {
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    (agg) => {
      const { ret } = agg;
      const amount = exchangeRefundDue({
        exchangeBalance: ret.exchangeBalance ?? null,
        alreadyRefunded: agg.events.some((e) => e.dedupeKey === EXCHANGE_REFUND_KEY),
        refundable: moneyFacts(agg).remaining,
      });
      if (amount === 0) return null;
      const note = 'Exchange price difference';
      return {
        event: { type: 'refund' },
        timeline: [
          {
            type: 'refund',
            message: `${moneyOut(amount, ret.currency).value} ${ret.currency} (${note.toLowerCase()})`,
            data: { amount, note, kind: 'exchange_difference' },
            dedupeKey: EXCHANGE_REFUND_KEY,
          },
        ],
        jobs: [{ topic: 'email.refund_issued', payload: { returnId, to: ret.contactEmail, language: ret.language, amount } }],
      };
    },
    { type: 'resolve' },
  );
  await changeReturn(ctx, merchantId, returnId, actor, () => ({ event: { type: 'resolve' }, timeline: [{ type: 'completed' }] }));
}
