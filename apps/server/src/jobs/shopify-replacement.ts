// The Shopify side of the `shop.replacement_order` job (create-replacement-order.ts): Shopify makes
// no separate order for an exchange; the exchange lines are added to the original order through a
// return (Shopify's guide "Creating and managing exchanges", API 2025-07+):
// 1. `returnCalculate` quotes it: every exchange line must carry its full price (never a $0 line);
//    what comes back pays for it, so the lines get no discount of their own;
// 2. `returnCreate` with the returned lines (our `[Retour R-…]` marker in each note) and the
//    variants chosen as `exchangeLineItems`; Shopify's return id goes on our timeline at once;
// 3. `returnProcess` confirms the exchange lines (and the returned ones), which makes the exchange's
//    fulfillment order: held with AWAITING_PAYMENT while Shopify thinks a balance is due;
// 4. that hold is released (only the holds of the exchange's fulfillment orders) once what the
//    shopper paid us covers Shopify's balance (domain: exchangeHoldReleasable).
// Every step first reads what Shopify has (the recorded return id, or a return on the order with
// our marker) and does only what is missing, under the lease the mirror job also takes, so retries,
// lost answers and restarts never create a second exchange.
import { getProduct, getVariant } from '@retour/db/repos/catalogue';
import type { IntegrationRow } from '@retour/db/repos/integrations';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import { parseMoneyValue } from '@retour/domain/money';
import { exchangeHoldReleasable, replacementValue } from '@retour/domain/replacement-order';
import type { ShopifyClient } from '@retour/integrations/shops/shopify/client';
import {
  calculateExchange,
  createExchangeReturn,
  type ExchangeLine,
  type ExchangeReturn,
  getExchangeReturn,
  listFulfillmentOrders,
  listOrderExchangeReturns,
  processExchange,
  releaseHolds,
} from '@retour/integrations/shops/shopify/exchanges';
import type { Ctx } from '../context.ts';
import { settingsOf } from '../use-cases/integrations/connections.ts';
import { shopifyClientFor, type ShopifySettings } from '../use-cases/integrations/shopify/shopify-connection.ts';
import { record, referenceMarker, returnLineItemsOf, shopifyReturnIdOf, withShopifyReturnLease } from './shopify-mirror.ts';

/** Holds Shopify puts on an exchange's fulfillment order that the exchange itself settles. */
const EXCHANGE_HOLDS = new Set(['AWAITING_PAYMENT', 'AWAITING_RETURN_ITEMS']);

type Line = ExchangeLine & { unitPrice: number; retourVariantId: string };

/** Our exchange lines as Shopify variant GIDs (imported from Shopify, or sent through the API with Shopify's ids). */
async function exchangeLines(ctx: Ctx, agg: ReturnAggregate): Promise<Line[] | string> {
  const { merchantId, id } = agg.ret;
  const lines: Line[] = [];
  for (const ex of await listReturnExchanges(ctx.db, merchantId, id)) {
    const variant = await getVariant(ctx.db, merchantId, ex.variantId);
    const product = variant ? await getProduct(ctx.db, merchantId, variant.productId) : undefined;
    const external = variant?.externalId ?? '';
    const gid = /^\d+$/.test(external)
      ? `gid://shopify/ProductVariant/${external}`
      : /^gid:\/\/shopify\/ProductVariant\/\d+$/.test(external)
        ? external
        : null;
    if (!variant || !product || !gid) return `The exchanged item ${ex.sku ?? ex.variantTitle} is not known to Shopify by its variant id.`;
    lines.push({ variantId: gid, quantity: ex.quantity, unitPrice: ex.unitPriceMinor, retourVariantId: variant.id });
  }
  return lines;
}

const isOurs = (ret: ExchangeReturn, marker: string) =>
  ret.returnLineItems.nodes.some((l) => l.customerNote?.includes(marker) || l.returnReasonNote?.includes(marker));

/** The exchange return we made before (recorded, or found on the order by our marker), if any. */
async function findExchangeReturn(client: ShopifyClient, agg: ReturnAggregate, orderId: string): Promise<ExchangeReturn | null> {
  const known = shopifyReturnIdOf(agg);
  if (known) return getExchangeReturn(client, known);
  return (await listOrderExchangeReturns(client, orderId)).find((r) => isOurs(r, referenceMarker(agg))) ?? null;
}

function sum(amounts: { shopMoney: { amount: string } }[], currency: string): number {
  return amounts.reduce((total, m) => {
    const minor = parseMoneyValue(m.shopMoney.amount, currency);
    if (minor === null) throw new Error(`Shopify sent an amount we cannot read: ${m.shopMoney.amount}.`);
    return total + minor;
  }, 0);
}

/** Shopify's balance of the exchange recorded when we created it (its prices), if we did. */
function recordedShopBalance(agg: ReturnAggregate): number | undefined {
  const entry = agg.events.find((e) => e.type === 'shop_sync' && (e.data as { step?: string } | null)?.step === 'return');
  const balance = (entry?.data as { shopBalance?: unknown } | null)?.shopBalance;
  return typeof balance === 'number' ? balance : undefined;
}

export type ShopifyReplacement = {
  provider: 'shopify';
  orderId: string;
  orderNumber: string;
  shopifyReturnId: string;
  adminUrl: string;
  subtotal: number;
  discount: number;
  balance: number;
  shopBalance: number;
  onHold: boolean;
  /** The order line items Shopify made for the exchange: a fulfillment of one of them ships it (exchange_shipped). */
  lineItemIds: string[];
};

export async function makeShopifyExchange(
  ctx: Ctx,
  row: IntegrationRow,
  agg: ReturnAggregate,
  order: OrderAggregate,
): Promise<ShopifyReplacement | string> {
  return withShopifyReturnLease(ctx, agg.ret.merchantId, agg.ret.id, () => exchangeInShopify(ctx, row, agg, order));
}

async function exchangeInShopify(ctx: Ctx, row: IntegrationRow, agg: ReturnAggregate, order: OrderAggregate) {
  const lines = await exchangeLines(ctx, agg);
  if (typeof lines === 'string') return lines;
  const currency = agg.ret.currency;
  const orderId = order.order.externalId;
  const client = shopifyClientFor(ctx, row);
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const paid = Math.min(subtotal, Math.max(0, agg.ret.exchangeBalance ?? 0));
  const value = replacementValue(
    lines.map((l) => ({ variantId: l.retourVariantId, quantity: l.quantity, unitPrice: l.unitPrice })),
    subtotal - paid,
  );

  let remote = await findExchangeReturn(client, agg, orderId);
  let shopBalance = recordedShopBalance(agg);
  if (remote && !shopifyReturnIdOf(agg))
    await record(ctx, agg, 'return', `Shopify return ${remote.name} (${remote.status}) found on the order`, { shopifyReturnId: remote.id });
  if (remote && remote.exchangeLineItems.nodes.length === 0)
    return `Shopify return ${remote.name} of this return has no exchange lines (it was made without them).`;
  if (!remote) {
    const returned = await returnLineItemsOf(ctx, client, agg, orderId);
    const quote = await calculateExchange(client, orderId, returned, lines);
    const free = quote.exchangeLineItems.find((l) => (parseMoneyValue(l.originalUnitPriceSet.shopMoney.amount, currency) ?? 0) <= 0);
    if (free) return `Shopify prices the exchanged variant ${free.variant?.id ?? ''} at 0; a replacement must carry its value.`;
    shopBalance = Math.max(
      0,
      sum(
        quote.exchangeLineItems.map((l) => l.subtotalSet),
        currency,
      ) -
        sum(
          quote.returnLineItems.map((l) => l.subtotalSet),
          currency,
        ),
    );
    remote = await createExchangeReturn(client, { orderId, requestedAt: agg.ret.createdAt, returned, exchanged: lines });
    await record(ctx, agg, 'return', `Shopify return ${remote.name} with exchange (${remote.status})`, {
      shopifyReturnId: remote.id,
      action: 'exchange',
      shopBalance,
    });
  } else if (shopBalance === undefined) {
    shopBalance = value.balance;
  }

  if (remote.exchangeLineItems.nodes.some((l) => l.processableQuantity > 0)) {
    remote = await processExchange(client, remote);
    await record(ctx, agg, 'exchange_process', `Shopify return ${remote.name}: exchange processed`, {});
  }

  const exchangeLineItemIds = new Set(remote.exchangeLineItems.nodes.flatMap((l) => (l.lineItems ?? []).map((li) => li.id)));
  const held = (await listFulfillmentOrders(client, orderId))
    .filter((fo) => fo.lineItems.nodes.some((n) => exchangeLineItemIds.has(n.lineItem.id)))
    .map((fo) => ({ id: fo.id, holdIds: fo.fulfillmentHolds.filter((h) => EXCHANGE_HOLDS.has(h.reason)).map((h) => h.id) }))
    .filter((fo) => fo.holdIds.length > 0);
  const releasable = exchangeHoldReleasable(shopBalance, paid);
  if (releasable) {
    for (const fo of held) {
      const status = await releaseHolds(client, fo.id, fo.holdIds);
      await record(ctx, agg, `exchange_release:${fo.id}`, `Shopify fulfillment order ${fo.id} released (${status})`, {
        fulfillmentOrderId: fo.id,
      });
    }
  }
  const shopDomain = settingsOf<ShopifySettings>(row).shopDomain;
  const numericOrderId = orderId.split('/').pop() ?? orderId;
  return {
    provider: 'shopify' as const,
    orderId,
    orderNumber: remote.name,
    shopifyReturnId: remote.id,
    adminUrl: `https://${shopDomain}/admin/orders/${numericOrderId}`,
    subtotal: value.subtotal,
    discount: value.discount,
    balance: value.balance,
    shopBalance,
    onHold: !releasable && held.length > 0,
    lineItemIds: [...exchangeLineItemIds],
  };
}
