/**
 * Exchanges (issue #14): whether a portal offers one for a reason, which variants a shopper may
 * pick (stock), the price difference after the portal's free band, and the bonus credit for
 * choosing an exchange or store credit instead of money. All amounts in minor units; no floats.
 */

export const EXCHANGE_KINDS = ['variant', 'product'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/** The lowest and highest percent a band may name (1000% = the new item may cost ten times as much). */
export const PRICE_BAND_MIN_PERCENT = 0;
export const PRICE_BAND_MAX_PERCENT = 1000;

/**
 * A portal's exchange settings. `reasons` empty = every reason; `priceBand`: a new item whose unit
 * price lies within lowerPercent–upperPercent of the returned item's is exchanged at no charge
 * (100–100 = same price only); `otherProducts`: the shopper may also pick another product.
 */
export type ExchangeSettings = {
  offered: boolean;
  reasons: readonly string[];
  priceBand: { lowerPercent: number; upperPercent: number };
  otherProducts: boolean;
  bonusCredit: BonusCredit;
};
/** Bonus credit: none, a fixed amount (in one currency), or a percentage of the returned value. */
export type BonusCredit = null | { kind: 'fixed'; amount: number; currency: string } | { kind: 'percent'; percent: number };

/** What a portal without exchange settings (made before them) offers: nothing. */
export const EXCHANGES_OFF: ExchangeSettings = {
  offered: false,
  reasons: [],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: false,
  bonusCredit: null,
};

/** Does the portal offer an exchange for an item returned for `reason`? Another product also needs the opt-in. */
export function exchangeOffered(settings: ExchangeSettings, reason: string, kind: ExchangeKind = 'variant'): boolean {
  if (!settings.offered) return false;
  if (kind === 'product' && !settings.otherProducts) return false;
  return settings.reasons.length === 0 || settings.reasons.includes(reason);
}

/** A variant's stock over all locations; a negative level (oversold) counts as none. */
export function totalAvailable(levels: readonly { available: number }[]): number {
  let total = 0;
  for (const level of levels) total += Math.max(0, level.available);
  return total;
}

/** What shoppers may still take: the stock minus what open returns' exchanges hold (never below 0). */
export function availableToExchange(levels: readonly { available: number }[], reserved = 0): number {
  return Math.max(0, totalAvailable(levels) - Math.max(0, reserved));
}

/**
 * May the shopper pick this variant for `quantity` items? Only with that much stock left after the
 * reservations of open returns (out of stock: shown, not selectable).
 */
export function variantSelectable(levels: readonly { available: number }[], quantity: number, reserved = 0): boolean {
  return quantity > 0 && availableToExchange(levels, reserved) >= quantity;
}

/** Is `newUnitPrice` within the band of `returnedUnitPrice` (integer arithmetic, both ends included)? */
export function withinPriceBand(returnedUnitPrice: number, newUnitPrice: number, band: ExchangeSettings['priceBand']): boolean {
  const scaled = newUnitPrice * 100;
  return scaled >= returnedUnitPrice * band.lowerPercent && scaled <= returnedUnitPrice * band.upperPercent;
}

/**
 * The signed price difference of exchanging `quantity` items (positive = the shopper pays,
 * negative = the shopper is refunded): 0 within the free band, else the whole difference.
 */
export function priceDifference(input: {
  returnedUnitPrice: number;
  newUnitPrice: number;
  quantity: number;
  band: ExchangeSettings['priceBand'];
}): number {
  if (withinPriceBand(input.returnedUnitPrice, input.newUnitPrice, input.band)) return 0;
  return (input.newUnitPrice - input.returnedUnitPrice) * input.quantity;
}

/** The resolutions that earn bonus credit: keeping the money with the merchant. */
export const BONUS_RESOLUTIONS = ['exchange', 'store_credit'] as const;

/**
 * The bonus credit for a return resolved by `resolution` whose returned items are worth
 * `returnedValue` in `currency`: 0 for a refund; a fixed bonus only in its own currency; a
 * percentage rounded down to the minor unit.
 */
export function bonusCreditFor(bonus: BonusCredit, input: { resolution: string; returnedValue: number; currency: string }): number {
  if (bonus === null || !(BONUS_RESOLUTIONS as readonly string[]).includes(input.resolution)) return 0;
  if (bonus.kind === 'fixed') return bonus.currency === input.currency ? bonus.amount : 0;
  return Math.floor((Math.max(0, input.returnedValue) * bonus.percent) / 100);
}

/** The balance of a return's exchanges: what the shopper pays before the label (> 0) or is refunded on resolve (> 0). */
export function exchangeBalance(differences: readonly number[]): { toPay: number; toRefund: number } {
  let sum = 0;
  for (const d of differences) sum += d;
  return { toPay: Math.max(0, sum), toRefund: Math.max(0, -sum) };
}

/**
 * The bonus credit of a return, split over its lines (line values in minor units): a percentage
 * is taken of each line (rounded down), so the lines add up to the total; a fixed bonus goes on
 * the first line. Lines count only when the resolution earns a bonus.
 */
export function allocateBonusCredit(
  bonus: BonusCredit,
  input: { resolution: string; lineValues: readonly number[]; currency: string },
): { perLine: number[]; total: number } {
  const none = { perLine: input.lineValues.map(() => 0), total: 0 };
  if (bonus === null || input.lineValues.length === 0 || !(BONUS_RESOLUTIONS as readonly string[]).includes(input.resolution)) return none;
  const perLine =
    bonus.kind === 'percent'
      ? input.lineValues.map((value) =>
          bonusCreditFor(bonus, { resolution: input.resolution, returnedValue: value, currency: input.currency }),
        )
      : input.lineValues.map((_, i) => (i === 0 ? bonusCreditFor(bonus, { ...input, returnedValue: 0 }) : 0));
  return { perLine, total: perLine.reduce((a, b) => a + b, 0) };
}

/** What the shopper pays before the label: the fee when paid up front, plus what the exchanges cost more. */
export function amountDueUpfront(input: { fee: number; feePayment: string | null; exchangeBalance: number }): number {
  return (input.feePayment === 'upfront' ? input.fee : 0) + Math.max(0, input.exchangeBalance);
}

/** The timeline dedupe key of a return's exchange-difference refund: one per return, ever. */
export const EXCHANGE_REFUND_KEY = 'exchange_difference_refund';

/**
 * What is refunded when a return whose exchanges cost less is resolved: the negative balance
 * (minor units), capped by what may still be refunded, and nothing once it was refunded.
 */
export function exchangeRefundDue(input: { exchangeBalance: number | null; alreadyRefunded: boolean; refundable: number }): number {
  if (input.alreadyRefunded || input.exchangeBalance === null || input.exchangeBalance >= 0) return 0;
  return Math.min(-input.exchangeBalance, Math.max(0, input.refundable));
}

/** The bonus credit (minor units) still to give: what the return earned less what store credits already carried. */
export function bonusOutstanding(bonusCredit: number | null, carried: readonly number[]): number {
  let given = 0;
  for (const c of carried) given += Math.max(0, c);
  return Math.max(0, (bonusCredit ?? 0) - given);
}

/**
 * The store credit staff are offered for a return: what a refund would be plus the bonus still to
 * give (the gift card or coupon includes it). `bonus` is the part of `amount` that is bonus.
 */
export function storeCreditProposal(input: { proposedRefund: number; bonusOutstanding: number }): { amount: number; bonus: number } {
  const bonus = Math.max(0, input.bonusOutstanding);
  return { amount: Math.max(0, input.proposedRefund) + bonus, bonus };
}

/** The bonus given alongside an exchange when the return is resolved (none for other resolutions). */
export function bonusAlongsideExchange(input: { resolution: string; bonusOutstanding: number }): number {
  return input.resolution === 'exchange' ? Math.max(0, input.bonusOutstanding) : 0;
}
