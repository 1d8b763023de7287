// Staff give store credit: a code and an amount, recorded on the return.
import { parseMoneyValue } from '@retour/domain/money';
import type { Money } from '@retour/contracts/common';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { randomCode } from '../../secrets.ts';
import { moneyOut } from '../shared/return-options.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function issueStoreCredit(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  body: { amount: Money; code?: string | undefined },
): Promise<void> {
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    (agg) => {
      if (body.amount.currency !== agg.ret.currency)
        fail('currency_mismatch', `Give store credit in the order currency, ${agg.ret.currency}.`);
      const amount = parseMoneyValue(body.amount.value, agg.ret.currency) as number;
      if (amount <= 0)
        fail('validation_error', 'The store credit must be more than zero.', {
          issues: [{ path: ['amount', 'value'], message: 'Use an amount above zero.' }],
        });
      const code = body.code ?? `CREDIT-${randomCode(10, '23456789ABCDEFGHJKMNPQRSTVWXYZ')}`;
      return {
        event: { type: 'store_credit' },
        timeline: [
          {
            type: 'store_credit',
            message: `${moneyOut(amount, agg.ret.currency).value} ${agg.ret.currency} (${code})`,
            data: { amount, code },
          },
        ],
      };
    },
    { type: 'store_credit' },
  );
}
