// Staff give store credit: a code and an amount, recorded on the return. When the order came from
// a connected Shopify or WooCommerce shop, the `shop.store_credit` job (jobs/issue-shop-credit.ts)
// makes it real money there (gift card / coupon) and then emails the shopper; otherwise the code
// is recorded and the shopper is emailed at once. Without an amount, the proposal is given: what a
// refund would be plus the bonus credit still owed (issue #14); the proposed amount, given
// explicitly, carries the bonus too.
import { storeCreditProposal } from '@retour/domain/exchanges';
import { parseMoneyValue } from '@retour/domain/money';
import { localDate } from '@retour/domain/calendar';
import { checkCreditExpiry, shopCreditCode } from '@retour/domain/store-credit';
import type { Money } from '@retour/contracts/common';
import { getRow } from '@retour/db/repos/config';
import { shopIntegrationOfReturn } from '@retour/db/repos/shop-connections';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { moneyFacts } from '../../presenters/return-view.ts';
import { changeReturn } from '../shared/change-return.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';
import { newCreditCode, outstandingBonusOf, storeCreditChange } from '../shared/store-credit-change.ts';

const invalid = (path: string, message: string): never => fail('validation_error', message, { issues: [{ path: [path], message }] });

export async function issueStoreCredit(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  body: { amount?: Money | undefined; code?: string | undefined; expiresOn?: string | undefined },
): Promise<void> {
  const shop = await shopIntegrationOfReturn(ctx.db, merchantId, returnId);
  const kind = shop ? (shop.kind as 'shopify' | 'woocommerce') : null;
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    async (agg, tx) => {
      if (body.amount && body.amount.currency !== agg.ret.currency)
        fail('currency_mismatch', `Give store credit in the order currency, ${agg.ret.currency}.`);
      const proposal = storeCreditProposal({ proposedRefund: moneyFacts(agg).proposed, bonusOutstanding: outstandingBonusOf(agg) });
      const amount = body.amount ? (parseMoneyValue(body.amount.value, agg.ret.currency) as number) : proposal.amount;
      if (amount <= 0)
        fail('validation_error', 'The store credit must be more than zero.', {
          issues: [{ path: ['amount', 'value'], message: 'Use an amount above zero.' }],
        });
      let code = newCreditCode(kind);
      if (body.code) {
        const checked = shopCreditCode(body.code, kind);
        if (!checked.ok) invalid('code', 'A code for a gift card or coupon in the shop must be 8 to 20 letters and digits, nothing else.');
        else code = checked.code;
      }
      if (agg.events.some((e) => e.type === 'store_credit' && e.data?.code === code))
        invalid('code', 'This return already has store credit with this code. Choose another code or leave it out.');
      const expiresOn = body.expiresOn ?? null;
      if (expiresOn) {
        const portal = agg.ret.portalId ? await getRow(tx, 'portals', merchantId, agg.ret.portalId) : undefined;
        const today = localDate(ctx.now(), (portal && portalSettingsOf(portal).timezone) || 'Europe/Amsterdam');
        const check = checkCreditExpiry(expiresOn, today);
        if (check !== 'ok') invalid('expiresOn', 'Choose an expiry date after today and at most ten years ahead, or leave it out.');
      }
      const bonus = amount === proposal.amount ? proposal.bonus : 0;
      return storeCreditChange(agg, kind, { amount, code, expiresOn, bonus });
    },
    { type: 'store_credit' },
  );
}
