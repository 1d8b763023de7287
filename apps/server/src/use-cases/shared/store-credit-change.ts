// The change that gives store credit on a return, shared by staff's store-credit action and the
// bonus credit given alongside an exchange on resolve: a `store_credit` timeline entry, then the
// `shop.store_credit` job (gift card / coupon in a connected shop, which emails the code once it
// exists) or, without a shop, the email at once. `bonus` is the part of the amount that is bonus
// credit (issue #14), so the bonus is never given twice.
import { bonusOutstanding } from '@retour/domain/exchanges';
import { SHOP_CODE_ALPHABET } from '@retour/domain/store-credit';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import { randomCode } from '../../secrets.ts';
import { SHOP_CREDIT_TOPIC } from '../exchanges/shop-credit-topic.ts';
import type { ReturnChange } from './change-return.ts';
import { moneyOut } from './return-options.ts';

export type CreditShopKind = 'shopify' | 'woocommerce' | null;

/** A new code: one a shop accepts (8–20 upper-case letters and digits) when a shop is connected. */
export function newCreditCode(kind: CreditShopKind): string {
  return kind ? `RTR${randomCode(13, SHOP_CODE_ALPHABET)}` : `CREDIT-${randomCode(10, '23456789ABCDEFGHJKMNPQRSTVWXYZ')}`;
}

/** The bonus credit this return earned and no store credit carried yet. */
export function outstandingBonusOf(agg: ReturnAggregate): number {
  const carried = agg.events.filter((e) => e.type === 'store_credit').map((e) => Number(e.data?.bonus ?? 0) || 0);
  return bonusOutstanding(agg.ret.bonusCredit ?? null, carried);
}

export function storeCreditChange(
  agg: ReturnAggregate,
  kind: CreditShopKind,
  credit: { amount: number; code: string; expiresOn: string | null; bonus: number },
): ReturnChange {
  const { ret } = agg;
  const returnId = ret.id;
  const { amount, code, expiresOn, bonus } = credit;
  const data = { amount, code, expiresOn, shop: kind, ...(bonus > 0 ? { bonus } : {}) };
  const email = { returnId, to: ret.contactEmail, language: ret.language, amount, code, expiresOn };
  return {
    event: { type: 'store_credit' },
    timeline: [{ type: 'store_credit', message: `${moneyOut(amount, ret.currency).value} ${ret.currency} (${code})`, data }],
    jobs: kind
      ? [{ topic: SHOP_CREDIT_TOPIC, payload: { returnId, code }, dedupeKey: `${SHOP_CREDIT_TOPIC}:${returnId}:${code}` }]
      : [{ topic: 'email.store_credit_issued', payload: email }],
  };
}
