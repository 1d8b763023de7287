/**
 * Return methods, resolutions, the return fee, and refund amounts (all in minor units).
 * See domain.md "Portal settings" (returnFee) and "Return lifecycle" (resolutions).
 */

export const RETURN_METHODS = ['drop_off', 'drop_off_labelless', 'pickup', 'in_store'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

export const RESOLUTIONS = ['refund', 'store_credit', 'exchange'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export type FeePayment = 'upfront' | 'deduct_from_refund';

/** A portal's return fee: off (null), or an amount (0 = free) paid up front or deducted. */
export type ReturnFee = { amount: number; payment: FeePayment } | null;

const FEE_METHODS: readonly ReturnMethod[] = ['drop_off', 'drop_off_labelless'];

/** The fee charged for a return by `method`: the portal fee for drop-off methods, else 0. */
export function feeFor(method: ReturnMethod, fee: ReturnFee): number {
  if (fee === null || !FEE_METHODS.includes(method)) return 0;
  return fee.amount;
}

function itemsTotal(items: { unitPrice: number; quantity: number }[]): number {
  let total = 0;
  for (const item of items) total += item.unitPrice * item.quantity;
  return total;
}

/**
 * The refund staff are offered: Σ unit price × quantity received, minus the fee when it is
 * deducted from the refund, minus what was already refunded; never below 0.
 */
export function proposeRefund(input: {
  items: { unitPrice: number; receivedQuantity: number }[];
  fee: number;
  feePayment: FeePayment | null;
  alreadyRefunded: number;
}): number {
  const received = itemsTotal(input.items.map((i) => ({ unitPrice: i.unitPrice, quantity: i.receivedQuantity })));
  const deducted = input.feePayment === 'deduct_from_refund' ? input.fee : 0;
  return Math.max(0, received - deducted - input.alreadyRefunded);
}

/**
 * The most that may be refunded in total for a return: the paid total of its items
 * (Σ unit price × quantity) plus a fee the shopper paid up front. Refunds (full, partial or
 * several) may sum up to this, never beyond.
 */
export function refundCap(input: { items: { unitPrice: number; quantity: number }[]; fee: number; feePayment: FeePayment | null }): number {
  const upfront = input.feePayment === 'upfront' ? input.fee : 0;
  return itemsTotal(input.items) + upfront;
}

/**
 * The portal's fee as it applies to an order: a fee is set in one currency and Retour does not
 * convert, so an order in another currency is charged no fee (the merchant sets one portal per
 * currency market to charge there).
 */
export function feeForOrderCurrency(
  fee: { amount: number; currency: string; payment: FeePayment } | null,
  orderCurrency: string,
): ReturnFee {
  if (!fee || fee.currency !== orderCurrency) return null;
  return { amount: fee.amount, payment: fee.payment };
}
