// Staff refund a received return: the proposal of the domain rule, or another amount with a note;
// several refunds may follow each other up to what was paid.
import { parseMoneyValue } from '@retour/domain/money';
import type { Money } from '@retour/contracts/common';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { moneyFacts } from '../../presenters/return-view.ts';
import { moneyOut } from '../shared/return-options.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function issueRefund(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  body: { amount?: Money | undefined; note?: string | null | undefined },
): Promise<void> {
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    (agg) => {
      const { ret } = agg;
      const money = moneyFacts(agg);
      if (body.amount && body.amount.currency !== ret.currency) fail('currency_mismatch', `Refund in the order currency, ${ret.currency}.`);
      const amount = body.amount ? (parseMoneyValue(body.amount.value, ret.currency) as number) : money.proposed;
      if (amount <= 0)
        fail('refund_exceeds_paid', 'There is nothing left to refund: record what was received first, or give an amount.', {
          remaining: moneyOut(money.remaining, ret.currency),
        });
      if (amount > money.remaining)
        fail('refund_exceeds_paid', `At most ${moneyOut(money.remaining, ret.currency).value} ${ret.currency} can still be refunded.`, {
          remaining: moneyOut(money.remaining, ret.currency),
        });
      if (amount !== money.proposed && !body.note)
        fail('note_required', 'Add a note saying why the refund differs from the proposed amount.', {
          proposed: moneyOut(money.proposed, ret.currency),
        });
      return {
        event: { type: 'refund' },
        timeline: [
          { type: 'refund', message: `${moneyOut(amount, ret.currency).value} ${ret.currency}`, data: { amount, note: body.note ?? null } },
        ],
        jobs: [{ topic: 'email.refund_issued', payload: { returnId, to: ret.contactEmail, language: ret.language, amount } }],
      };
    },
    { type: 'refund' },
  );
}
