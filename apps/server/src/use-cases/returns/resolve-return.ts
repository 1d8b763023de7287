// Staff close a received return once its resolution (refund, credit or replacement) is done.
// Before the return is completed, the money side of its exchanges (issue #14) is settled, each at
// most once per return:
// - exchanges that cost less than what was returned (returns.exchange_balance < 0): the difference
//   is refunded through the same path as a money refund (a `refund` on the timeline: the refund
//   email, and the shop refund job of a WooCommerce order);
// - the bonus credit earned by choosing an exchange is given as store credit alongside it (a gift
//   card / coupon in a connected shop, else a recorded code), emailed like any store credit.
import { bonusAlongsideExchange, EXCHANGE_REFUND_KEY, exchangeRefundDue } from '@retour/domain/exchanges';
import { shopIntegrationOfReturn } from '@retour/db/repos/shop-connections';
import type { Ctx } from '../../context.ts';
import { moneyFacts } from '../../presenters/return-view.ts';
import { changeReturn } from '../shared/change-return.ts';
import { moneyOut } from '../shared/return-options.ts';
import { newCreditCode, outstandingBonusOf, storeCreditChange } from '../shared/store-credit-change.ts';

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
      return {
        event: { type: 'refund' },
        timeline: [
          {
            type: 'refund',
            message: `${moneyOut(amount, ret.currency).value} ${ret.currency}`,
            data: { amount, note: 'Exchange price difference', kind: 'exchange_difference' },
            dedupeKey: EXCHANGE_REFUND_KEY,
          },
        ],
        jobs: [{ topic: 'email.refund_issued', payload: { returnId, to: ret.contactEmail, language: ret.language, amount } }],
      };
    },
    { type: 'resolve' },
  );
  const shop = await shopIntegrationOfReturn(ctx.db, merchantId, returnId);
  const kind = shop ? (shop.kind as 'shopify' | 'woocommerce') : null;
  await changeReturn(ctx, merchantId, returnId, actor, (agg) => {
    const bonus = bonusAlongsideExchange({ resolution: agg.ret.resolution, bonusOutstanding: outstandingBonusOf(agg) });
    if (bonus === 0) return null;
    return storeCreditChange(agg, kind, { amount: bonus, code: newCreditCode(kind), expiresOn: null, bonus });
  });
  await changeReturn(ctx, merchantId, returnId, actor, () => ({ event: { type: 'resolve' }, timeline: [{ type: 'completed' }] }));
}
