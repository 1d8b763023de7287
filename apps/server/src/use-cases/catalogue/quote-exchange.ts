// The quote a shopper sees before submitting: each exchange's price difference, what is paid
// before the label, what is refunded on resolve, and the bonus credit. The same checks and
// prices as the return's creation (plan-exchanges), without writing anything.
import type { ExchangeQuote, ExchangeQuoteBodySchema } from '@retour/contracts/catalogue';
import { formatMoneyValue } from '@retour/domain/money';
import { getOrder } from '@retour/db/repos/orders';
import type { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';
import { lookupOrderId } from '../shared/lookup-token.ts';
import { type ExchangeLine, planExchanges } from './plan-exchanges.ts';

export async function quoteExchange(
  ctx: Ctx,
  slug: string,
  authorization: string | undefined,
  body: z.infer<typeof ExchangeQuoteBodySchema>,
): Promise<ExchangeQuote> {
  const bundle = await loadEnabledPortal(ctx, slug);
  const orderId = lookupOrderId(ctx, bundle, authorization);
  const order = await getOrder(ctx.db, bundle.merchantId, orderId);
  if (!order) fail('order_not_found', 'We could not find this order. Look it up again.');
  const lines: ExchangeLine[] = body.items.map((line, index) => {
    const item = order.items.find((i) => i.id === line.orderItemId);
    if (!item)
      fail('item_not_returnable', 'This item is not part of the order. Look the order up again.', { index, orderItemId: line.orderItemId });
    return { item, quantity: line.quantity, reason: line.reason, exchange: line.exchange };
  });
  const currency = order.order.currency;
  const plan = await planExchanges(ctx.db, {
    merchantId: bundle.merchantId,
    settings: bundle.settings,
    currency,
    resolution: body.resolution,
    lines,
  });
  const money = (minor: number) => ({ value: formatMoneyValue(minor, currency), currency });
  return {
    exchanges: plan.exchanges.map((e) => ({
      orderItemId: e.orderItemId,
      variantId: e.variantId,
      kind: e.kind,
      productTitle: e.productTitle,
      variantTitle: e.variantTitle,
      quantity: e.quantity,
      unitPrice: money(e.unitPriceMinor),
      priceDifference: money(e.priceDifferenceMinor),
    })),
    toPay: money(plan.toPay),
    toRefund: money(plan.toRefund),
    bonusCredit: money(plan.bonusCredit),
  };
}
