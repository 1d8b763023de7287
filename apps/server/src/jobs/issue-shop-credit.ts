// The `shop.store_credit` job: the store credit staff gave on a return becomes real money in the
// shop the order came from, exactly once even when retried or run after a restart:
// - Shopify: a gift card (giftCardCreate) with our code, the amount, the expiry and a note carrying
//   our marker; a retry first searches the shop's gift cards for the code and adopts ours;
// - WooCommerce: a fixed_cart coupon with our code, bound to the shopper's email (email_restrictions),
//   usage_limit 1, the expiry, and our marker in meta_data; a retry first lists coupons by code.
// The result is a staff-only `shop_sync` entry (deduplicated per code) with the ids and links, and
// the `store_credit_issued` email to the shopper in the same transaction. A shop that refuses the
// card (userErrors, code taken) is noted on the timeline for staff, and the code stays recorded.
import { formatMoneyValue } from '@retour/domain/money';
import { creditMarker, isOurGiftCard } from '@retour/domain/store-credit';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import { shopIntegrationOfReturn } from '@retour/db/repos/shop-connections';
import { ShopifyError } from '@retour/integrations/shops/shopify/errors';
import { ensureGiftCard } from '@retour/integrations/shops/shopify/gift-cards';
import { WooError } from '@retour/integrations/shops/woocommerce/client';
import type { IntegrationRow } from '@retour/db/repos/integrations';
import type { Ctx } from '../context.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import { settingsOf } from '../use-cases/integrations/connections.ts';
import { shopifyClientFor, type ShopifySettings } from '../use-cases/integrations/shopify/shopify-connection.ts';
import { wooClientOf, wooSettingsOf } from '../use-cases/integrations/woocommerce/woocommerce-connection.ts';
import { WOO_CREDIT_META } from '../use-cases/exchanges/shop-credit-topic.ts';

type Credit = { amount: number; code: string; expiresOn: string | null };
type Made = { provider: 'shopify' | 'woocommerce'; id: string; adminUrl: string; shopUrl: string; currency?: string };

const numericId = (gid: string) => gid.split('/').pop() ?? gid;

async function makeGiftCard(ctx: Ctx, row: IntegrationRow, agg: ReturnAggregate, credit: Credit): Promise<Made> {
  const { shopDomain } = settingsOf<ShopifySettings>(row);
  const client = shopifyClientFor(ctx, row);
  const { card } = await ensureGiftCard(
    client,
    {
      code: credit.code,
      initialValue: formatMoneyValue(credit.amount, agg.ret.currency),
      expiresOn: credit.expiresOn,
      note: `Store credit for return ${agg.ret.reference} ${creditMarker(agg.ret.reference, credit.code)}`,
    },
    (c) => isOurGiftCard(c, agg.ret.reference, credit.code),
  );
  return {
    provider: 'shopify',
    id: card.id,
    adminUrl: `https://${shopDomain}/admin/gift_cards/${numericId(card.id)}`,
    shopUrl: `https://${shopDomain}`,
    currency: card.initialValue.currencyCode,
  };
}

async function makeCoupon(ctx: Ctx, row: IntegrationRow, agg: ReturnAggregate, credit: Credit): Promise<Made | string> {
  const client = wooClientOf(ctx, row);
  const { siteUrl } = wooSettingsOf(row);
  const ours = `${agg.ret.id}:${credit.code}`;
  const found = await client.findCoupons(credit.code);
  let coupon = found.find((c) => (c.meta_data ?? []).some((m) => m.key === WOO_CREDIT_META && m.value === ours));
  if (!coupon && found.length > 0) return `WooCommerce already has a coupon ${credit.code} that Retour did not make.`;
  coupon ??= await client.createCoupon({
    code: credit.code,
    amount: formatMoneyValue(credit.amount, agg.ret.currency),
    discount_type: 'fixed_cart',
    description: `Store credit for return ${agg.ret.reference} ${creditMarker(agg.ret.reference, credit.code)}`,
    email_restrictions: [agg.ret.contactEmail],
    usage_limit: 1,
    ...(credit.expiresOn ? { date_expires: `${credit.expiresOn}T23:59:59` } : {}),
    meta_data: [{ key: WOO_CREDIT_META, value: ours }],
  });
  return {
    provider: 'woocommerce',
    id: String(coupon.id),
    adminUrl: `${siteUrl}/wp-admin/post.php?post=${coupon.id}&action=edit`,
    shopUrl: siteUrl,
  };
}

export async function issueShopCredit(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const code = String(payload.code);
  const dedupeKey = `store_credit:${code}`;
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg || agg.events.some((e) => e.dedupeKey === dedupeKey)) return;
  const entry = agg.events.find((e) => e.type === 'store_credit' && e.data?.code === code);
  if (!entry) return;
  const credit: Credit = { amount: Number(entry.data?.amount), code, expiresOn: (entry.data?.expiresOn as string | null) ?? null };
  const email = {
    returnId,
    to: agg.ret.contactEmail,
    language: agg.ret.language,
    amount: credit.amount,
    code,
    expiresOn: credit.expiresOn,
  };
  /** Notes the outcome; the shopper is emailed only about a code that works (made in the shop, or recorded without one). */
  const record = (message: string, data: Record<string, unknown>, emailShopper: boolean) =>
    changeReturn(ctx, merchantId, returnId, 'system', () => ({
      event: { type: 'note' },
      timeline: [{ type: 'shop_sync', message, data: { kind: 'store_credit', code, ...data }, dedupeKey }],
      jobs: emailShopper ? [{ topic: 'email.store_credit_issued', payload: { ...email, shopUrl: data.shopUrl ?? null } }] : [],
    }));
  const row = await shopIntegrationOfReturn(ctx.db, merchantId, returnId);
  if (!row) {
    await record(`No shop is connected any more: store credit ${code} is recorded in Retour only.`, { provider: null }, true);
    return;
  }
  try {
    const made = row.kind === 'shopify' ? await makeGiftCard(ctx, row, agg, credit) : await makeCoupon(ctx, row, agg, credit);
    if (typeof made === 'string') {
      await record(`${made} Give the credit in the shop by hand.`, { provider: row.kind, failed: true }, false);
      return;
    }
    const what = made.provider === 'shopify' ? 'Shopify gift card' : 'WooCommerce coupon';
    await record(
      `${what} ${code} (${formatMoneyValue(credit.amount, agg.ret.currency)} ${made.currency ?? agg.ret.currency})`,
      {
        provider: made.provider,
        shopId: made.id,
        adminUrl: made.adminUrl,
        shopUrl: made.shopUrl,
      },
      true,
    );
  } catch (error) {
    // The shop understood and refused (userErrors, 4xx): retrying cannot help; tell staff.
    const refused =
      (error instanceof ShopifyError && error.failure === 'rejected') ||
      (error instanceof WooError && (error.failure === 'rejected' || error.failure === 'not_found'));
    if (!refused) throw error;
    await record(
      `The shop refused store credit ${code}: ${(error as Error).message} Give it in the shop by hand.`,
      {
        provider: row.kind,
        failed: true,
      },
      false,
    );
  }
}
