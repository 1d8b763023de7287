// The exchanges a shopper asks for, checked against the portal's settings and the catalogue and
// priced: the rows to record, the balance (paid before the label or refunded on resolve) and the
// bonus credit. Used by the quote and, under the order's lock, by the return's creation. Reads
// the catalogue only when an item asks for an exchange.
import type { PortalSettings } from '@retour/contracts/config';
import {
  allocateBonusCredit,
  type ExchangeKind,
  exchangeBalance,
  exchangeOffered,
  priceDifference,
  variantSelectable,
} from '@retour/domain/exchanges';
import { formatMoneyValue } from '@retour/domain/money';
import type { Executor } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { findProductIdBySku, getVariant } from '@retour/db/repos/catalogue';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { getPaymentAccount } from '@retour/db/repos/payments';
import { lockVariants, type NewReturnExchange, reservedQuantities } from '@retour/db/repos/return-exchanges';
import type { NewReturnEvent } from '@retour/db/repos/returns';
import { fail, invalid } from '../../errors.ts';
import { exchangeSettingsOf } from './exchange-settings.ts';

export type ExchangeLine = {
  item: OrderAggregate['items'][number];
  quantity: number;
  reason: string;
  exchange?: { variantId: string } | null;
};

export type PlannedExchange = {
  /** Index of the line in the request. */
  index: number;
  orderItemId: string;
  variantId: string;
  kind: ExchangeKind;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  priceDifferenceMinor: number;
  bonusCreditMinor: number;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
};

export type ExchangePlan = {
  exchanges: PlannedExchange[];
  /** Σ of the price differences: positive = the shopper pays before the label, negative = refunded on resolve. */
  balance: number;
  toPay: number;
  toRefund: number;
  bonusCredit: number;
};

const NOT_OFFERED = 'This shop does not offer an exchange for this item and reason; choose a refund or store credit instead.';

export async function planExchanges(
  db: Executor,
  input: {
    merchantId: string;
    settings: PortalSettings;
    currency: string;
    resolution: string;
    lines: ExchangeLine[];
    /** Under the return's creation: lock the variants (PostgreSQL) so reservations are counted one transaction at a time. */
    lock?: 'sqlite' | 'postgres';
  },
): Promise<ExchangePlan> {
  const settings = exchangeSettingsOf(input.settings);
  const exchanges: PlannedExchange[] = [];
  const asked = input.lines.flatMap((l) => (l.exchange ? [l.exchange.variantId] : []));
  if (input.lock) await lockVariants(db, input.lock, input.merchantId, asked);
  // Stock others hold for their open returns, plus what earlier lines of this request take.
  const reserved = await reservedQuantities(db, input.merchantId, asked);
  for (const [index, line] of input.lines.entries()) {
    if (!line.exchange) continue;
    if (input.resolution !== 'exchange')
      invalid(['resolution'], 'Choose the "exchange" outcome to exchange items, or remove the exchange from the items.');
    if (!exchangeOffered(settings, line.reason, 'variant')) fail('exchange_not_offered', NOT_OFFERED, { index, reason: line.reason });
    const variant = await getVariant(db, input.merchantId, line.exchange.variantId);
    if (!variant || variant.currency !== input.currency)
      fail('exchange_variant_not_found', 'This size or colour is no longer offered; choose another.', {
        index,
        variantId: line.exchange.variantId,
      });
    const own = await findProductIdBySku(db, input.merchantId, line.item.sku);
    const kind: ExchangeKind = own === variant.productId ? 'variant' : 'product';
    if (kind === 'product' && !exchangeOffered(settings, line.reason, 'product'))
      fail('exchange_not_offered', 'This shop exchanges items only for another size or colour of the same product.', { index });
    const held = reserved.get(variant.id) ?? 0;
    if (!variantSelectable(variant.stock, line.quantity, held))
      fail('exchange_out_of_stock', `"${variant.productTitle} – ${variant.title}" is out of stock; choose another.`, {
        index,
        variantId: variant.id,
      });
    reserved.set(variant.id, held + line.quantity);
    exchanges.push({
      index,
      orderItemId: line.item.id,
      variantId: variant.id,
      kind,
      quantity: line.quantity,
      unitPriceMinor: variant.priceMinor,
      currency: variant.currency,
      priceDifferenceMinor: priceDifference({
        returnedUnitPrice: line.item.unitPrice,
        newUnitPrice: variant.priceMinor,
        quantity: line.quantity,
        band: settings.priceBand,
      }),
      bonusCreditMinor: 0,
      productTitle: variant.productTitle,
      variantTitle: variant.title,
      sku: variant.sku,
    });
  }
  // Bonus credit: on the exchanged items for an exchange, on every item for store credit.
  const bonusLines = input.resolution === 'exchange' ? exchanges.map((e) => input.lines[e.index] as ExchangeLine) : input.lines;
  const bonus = allocateBonusCredit(settings.bonusCredit, {
    resolution: input.resolution,
    lineValues: bonusLines.map((l) => l.item.unitPrice * l.quantity),
    currency: input.currency,
  });
  if (input.resolution === 'exchange') {
    for (const [i, e] of exchanges.entries()) e.bonusCreditMinor = bonus.perLine[i] ?? 0;
  }
  const { toPay, toRefund } = exchangeBalance(exchanges.map((e) => e.priceDifferenceMinor));
  return { exchanges, balance: toPay - toRefund, toPay, toRefund, bonusCredit: bonus.total };
}

/** A difference to pay needs a way to pay it: a connected Mollie account. */
export async function assertPayable(db: Executor, merchantId: string): Promise<void> {
  if (await getPaymentAccount(db, merchantId, 'mollie')) return;
  fail(
    'payments_not_configured',
    'This exchange costs more than the item you return and this shop cannot take payments online; choose a variant at the same price.',
  );
}

/** The rows recording a new return's exchanges (`itemIds`: the return items' ids, in line order). */
export function exchangeRows(
  merchantId: string,
  returnId: string,
  itemIds: readonly string[],
  plan: ExchangePlan,
  at: string,
): NewReturnExchange[] {
  return plan.exchanges.map((e) => ({
    merchantId,
    id: newId('rex'),
    returnId,
    returnItemId: itemIds[e.index] as string,
    variantId: e.variantId,
    quantity: e.quantity,
    unitPriceMinor: e.unitPriceMinor,
    currency: e.currency,
    kind: e.kind,
    priceDifferenceMinor: e.priceDifferenceMinor,
    bonusCreditMinor: e.bonusCreditMinor,
    productTitle: e.productTitle,
    variantTitle: e.variantTitle,
    sku: e.sku,
    createdAt: at,
    // Held until the return ends or its replacement order is made (migration 0020).
    reservation: 'held',
  }));
}

/** The timeline entry saying what the shopper asked in exchange (none without exchanges). */
export function exchangeEvent(merchantId: string, returnId: string, plan: ExchangePlan, actor: string, at: string): NewReturnEvent | null {
  if (plan.exchanges.length === 0) return null;
  const [first] = plan.exchanges;
  const currency = first?.currency ?? '';
  const money = (minor: number) => `${formatMoneyValue(minor, currency)} ${currency}`;
  const wanted = plan.exchanges.map((e) => `${e.productTitle} – ${e.variantTitle} ×${e.quantity}`).join('; ');
  const balance = plan.toPay > 0 ? `; ${money(plan.toPay)} to pay` : plan.toRefund > 0 ? `; ${money(plan.toRefund)} to refund` : '';
  return {
    merchantId,
    id: newId('evt'),
    returnId,
    at,
    recordedAt: at,
    type: 'exchange_requested',
    status: null,
    message: `Exchange asked: ${wanted}${balance}.`,
    actor,
    dedupeKey: 'exchange_requested',
    data: {
      exchanges: plan.exchanges.map(({ index: _i, ...e }) => e),
      balance: plan.balance,
      bonusCredit: plan.bonusCredit,
    },
  };
}
