// The `shop.replacement_order` job: the exchanges a shopper asked for on a return become one
// replacement order in the shop the order came from, exactly once even when retried or run again
// after a restart. WooCommerce: an order linked to the original through `parent_id`, every new item
// at its full price and one negative fee line for the value of what comes back (never a $0 order,
// domain/replacement-order.ts), paid (set_paid, processing: any difference was charged before the
// label through Mollie, so the balance left is what the shopper paid); our return id in meta_data, looked for among the original's child orders before
// creating. The new order number goes on the return's timeline and the `exchange_created` email
// tells the shopper. Shopify: the exchange is added to the original order through a return with
// exchange lines (shopify-replacement.ts).
import { formatMoneyValue } from '@retour/domain/money';
import { type NewLine, replacementValue } from '@retour/domain/replacement-order';
import { getProduct, getVariant } from '@retour/db/repos/catalogue';
import { getIntegration, type IntegrationRow } from '@retour/db/repos/integrations';
import { getOrder, type OrderAggregate } from '@retour/db/repos/orders';
import { listReturnExchanges, settleReservations } from '@retour/db/repos/return-exchanges';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import { ShopifyError } from '@retour/integrations/shops/shopify/errors';
import { WooError } from '@retour/integrations/shops/woocommerce/client';
import type { Ctx } from '../context.ts';
import { REPLACEMENT_ENTRY_KEY, WOO_REPLACEMENT_META } from '../use-cases/exchanges/replacement-topic.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import { wooClientOf, wooSettingsOf } from '../use-cases/integrations/woocommerce/woocommerce-connection.ts';
import { makeShopifyExchange } from './shopify-replacement.ts';

type WooLine = NewLine & { productId: number; variationId: number | null };

async function wooLines(ctx: Ctx, agg: ReturnAggregate): Promise<WooLine[] | string> {
  const { merchantId, id } = agg.ret;
  const lines: WooLine[] = [];
  for (const ex of await listReturnExchanges(ctx.db, merchantId, id)) {
    const variant = await getVariant(ctx.db, merchantId, ex.variantId);
    const product = variant ? await getProduct(ctx.db, merchantId, variant.productId) : undefined;
    // WooCommerce ids are numbers: products imported from the shop, or sent through the API with the shop's ids.
    if (!variant || !product || !/^\d+$/.test(product.externalId) || !/^\d+$/.test(variant.externalId))
      return `The exchanged item ${ex.sku ?? ex.variantTitle} is not known to WooCommerce by its id.`;
    lines.push({
      variantId: variant.id,
      quantity: ex.quantity,
      unitPrice: ex.unitPriceMinor,
      productId: Number(product.externalId),
      variationId: variant.externalId !== product.externalId ? Number(variant.externalId) : null,
    });
  }
  return lines;
}

function nameParts(name: string): { first_name: string; last_name: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { first_name: first, last_name: rest.join(' ') };
}

async function makeWooOrder(ctx: Ctx, row: IntegrationRow, agg: ReturnAggregate, order: OrderAggregate) {
  const lines = await wooLines(ctx, agg);
  if (typeof lines === 'string') return lines;
  // What the shopper pays for the exchange was charged before the label (returns.exchange_balance,
  // within the price band nothing); everything else is covered by what comes back.
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const paid = Math.min(subtotal, Math.max(0, agg.ret.exchangeBalance ?? 0));
  const value = replacementValue(lines, subtotal - paid);
  const client = wooClientOf(ctx, row);
  const money = (minor: number) => formatMoneyValue(minor, agg.ret.currency);
  const existing = (await client.listChildOrders(order.order.externalId)).find((o) =>
    (o.meta_data ?? []).some((m) => m.key === WOO_REPLACEMENT_META && m.value === agg.ret.id),
  );
  const a = order.order.shippingAddress;
  const created =
    existing ??
    (await client.createOrder({
      parent_id: Number(order.order.externalId),
      status: 'processing',
      set_paid: true,
      currency: agg.ret.currency,
      billing: {
        ...nameParts(order.order.customerName),
        email: agg.ret.contactEmail,
        ...(agg.ret.contactPhone ? { phone: agg.ret.contactPhone } : {}),
      },
      shipping: {
        ...nameParts(a.name),
        company: a.company ?? '',
        address_1: [a.street, a.houseNumber].filter(Boolean).join(' '),
        address_2: a.addressLine2 ?? '',
        postcode: a.postalCode,
        city: a.city,
        state: a.region ?? '',
        country: a.country,
      },
      line_items: value.lines.map((l, i) => {
        const w = lines[i] as WooLine;
        return {
          product_id: w.productId,
          ...(w.variationId ? { variation_id: w.variationId } : {}),
          quantity: l.quantity,
          subtotal: money(l.total),
          total: money(l.total),
        };
      }),
      fee_lines:
        value.discount > 0
          ? [{ name: `Exchange: items returned with ${agg.ret.reference}`, total: `-${money(value.discount)}`, tax_status: 'none' }]
          : [],
      customer_note: `Replacement for return ${agg.ret.reference} of order ${order.order.orderNumber}.`,
      meta_data: [{ key: WOO_REPLACEMENT_META, value: agg.ret.id }],
    }));
  const siteUrl = wooSettingsOf(row).siteUrl;
  return {
    provider: 'woocommerce',
    orderId: String(created.id),
    orderNumber: created.number ?? String(created.id),
    adminUrl: `${siteUrl}/wp-admin/post.php?post=${created.id}&action=edit`,
    subtotal: value.subtotal,
    discount: value.discount,
    balance: value.balance,
  };
}

export async function createReplacementOrder(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg || agg.events.some((e) => e.dedupeKey === REPLACEMENT_ENTRY_KEY)) return;
  const order = await getOrder(ctx.db, merchantId, agg.ret.orderId);
  const row = order ? await getIntegration(ctx.db, merchantId, order.order.integrationId) : undefined;
  if (!order || !row || (row.kind !== 'woocommerce' && row.kind !== 'shopify')) return;
  const note = (message: string) =>
    changeReturn(ctx, merchantId, returnId, 'system', async (_agg, tx) => {
      // Staff make it by hand: the shop's stock will show that order; our reservation ends.
      await settleReservations(tx, merchantId, returnId, 'released');
      return {
        event: { type: 'note' },
        timeline: [{ type: 'shop_sync', message, data: { kind: 'replacement_order', failed: true }, dedupeKey: REPLACEMENT_ENTRY_KEY }],
      };
    });
  try {
    const made = row.kind === 'shopify' ? await makeShopifyExchange(ctx, row, agg, order) : await makeWooOrder(ctx, row, agg, order);
    if (typeof made === 'string') {
      await note(`${made} Make the replacement order in the shop by hand.`);
      return;
    }
    await changeReturn(ctx, merchantId, returnId, 'system', async (_agg, tx) => {
      // The order now holds the stock in the shop: the reservation is consumed in the same write.
      await settleReservations(tx, merchantId, returnId, 'consumed');
      return {
        event: { type: 'note' },
        timeline: [{ type: 'exchange_created', message: replacementMessage(made), data: made, dedupeKey: REPLACEMENT_ENTRY_KEY }],
        jobs: [
          {
            topic: 'email.exchange_created',
            payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language, replacementOrder: made.orderNumber },
          },
          // The Shopify return now exists: the mirror adds the label and tracking number to it.
          ...(made.provider === 'shopify'
            ? [{ topic: 'shopify.mirror', payload: { returnId, step: 'label' }, dedupeKey: `shopify.mirror:exchange:${returnId}` }]
            : []),
        ],
      };
    });
  } catch (error) {
    if (error instanceof WooError && (error.failure === 'rejected' || error.failure === 'not_found')) {
      await note(`WooCommerce refused the replacement order: ${error.message} Make it in the shop by hand.`);
      return;
    }
    if (error instanceof ShopifyError && error.failure === 'rejected') {
      await note(`Shopify refused the exchange: ${error.message} Make it in Shopify by hand.`);
      return;
    }
    throw error;
  }
}

function replacementMessage(made: { provider: string; orderNumber: string; onHold?: boolean }): string {
  if (made.provider !== 'shopify') return `Replacement order ${made.orderNumber}`;
  return made.onHold
    ? `Exchange ${made.orderNumber} added to the Shopify order; its fulfillment stays on hold until Shopify's balance is paid`
    : `Exchange ${made.orderNumber} added to the Shopify order`;
}
