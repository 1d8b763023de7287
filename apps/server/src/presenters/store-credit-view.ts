// Store credit on a return as the shopper and staff see it: the recorded `store_credit` action,
// joined with what the `shop.store_credit` job noted (a staff-only `shop_sync` entry per code).
import type { MerchantReturn, ReturnView } from '@retour/contracts/returns';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import { moneyOut } from '../use-cases/shared/return-options.ts';

type ShopifyOrWoo = 'shopify' | 'woocommerce';
export type StaffCredit = MerchantReturn['storeCredits'][number];

export function staffStoreCredits(agg: ReturnAggregate): StaffCredit[] {
  const synced = new Map<string, { data: Record<string, unknown>; message: string | null }>();
  for (const e of agg.events) {
    if (e.type === 'shop_sync' && e.data?.kind === 'store_credit' && typeof e.data.code === 'string')
      synced.set(e.data.code, { data: e.data, message: e.message });
  }
  return agg.events
    .filter((e) => e.type === 'store_credit' && e.data)
    .map((e) => {
      const code = String(e.data?.code);
      const shop = (e.data?.shop as ShopifyOrWoo | undefined) ?? null;
      const found = synced.get(code);
      const sync = found?.data;
      const state: StaffCredit['state'] = !shop
        ? 'recorded'
        : !sync
          ? 'pending'
          : sync.failed
            ? 'failed'
            : sync.provider
              ? 'issued'
              : 'recorded';
      return {
        at: e.at,
        amount: moneyOut(Number(e.data?.amount), agg.ret.currency),
        code,
        actor: e.actor,
        expiresOn: (e.data?.expiresOn as string | null | undefined) ?? null,
        shop,
        state,
        shopUrl: state === 'issued' ? ((sync?.shopUrl as string | undefined) ?? null) : null,
        shopId: state === 'issued' ? ((sync?.shopId as string | undefined) ?? null) : null,
        adminUrl: state === 'issued' ? ((sync?.adminUrl as string | undefined) ?? null) : null,
        problem: state === 'failed' ? (found?.message ?? null) : null,
      };
    });
}

/** The shopper's view: the code only once it can be used. */
export function shopperStoreCredits(agg: ReturnAggregate): ReturnView['storeCredits'] {
  return staffStoreCredits(agg).map((c) => ({
    amount: c.amount,
    code: c.state === 'recorded' || c.state === 'issued' ? c.code : null,
    expiresOn: c.expiresOn,
    shop: c.shop,
    state: c.state,
    shopUrl: c.shopUrl,
  }));
}
