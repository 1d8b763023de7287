/**
 * Replacement orders for exchanges (issue #14 item 4), as pure rules:
 *
 * - When the replacement order is made in the shop: the merchant picks `on_request` (as soon as the
 *   return is approved; auto-approved returns at once), `on_drop_off` (the carrier's first scan or
 *   later) or `on_receipt` (staff received the parcel). An instant exchange ships before the return
 *   arrives, so it is due on approval once the shopper's authorisation is held.
 * - What the order is worth: every new item at its full price, and ONE discount for the value of
 *   what comes back. Never a $0 order (it could not itself be returned and breaks tax reports): the
 *   lines always carry their value; the discount brings what is left to pay down to the balance.
 * - Instant exchange: the shopper's payment method is authorised for the value of the new items;
 *   the parcel must be scanned by the carrier on or before the deadline (a local date). Scanned in
 *   time → the authorisation is released; not scanned after the deadline → it is captured. Mollie
 *   card authorisations lapse after 28 days (the payment's `captureBefore`), so the deadline stays
 *   well inside that.
 */
import { addDays, localDate } from './calendar.ts';

export const REPLACEMENT_TIMINGS = ['on_request', 'on_drop_off', 'on_receipt'] as const;
export type ReplacementTiming = (typeof REPLACEMENT_TIMINGS)[number];

/** What happened to the return so far. */
export type ReturnProgress = { approved: boolean; droppedOff: boolean; received: boolean; cancelled: boolean };

export function replacementDue(timing: ReplacementTiming, progress: ReturnProgress, instant: { authorised: boolean } | null): boolean {
  if (progress.cancelled || !progress.approved) return false;
  if (instant) return instant.authorised || progress.received;
  switch (timing) {
    case 'on_request':
      return true;
    case 'on_drop_off':
      return progress.droppedOff || progress.received;
    case 'on_receipt':
      return progress.received;
  }
}

export type NewLine = { variantId: string; quantity: number; unitPrice: number };
export type ReplacementValue = {
  lines: (NewLine & { total: number })[];
  /** Σ full prices of the new items. */
  subtotal: number;
  /** The one discount line: the value of what comes back, at most the subtotal. */
  discount: number;
  /** What the shopper still pays for the order (subtotal − discount). */
  balance: number;
  /** What comes back is worth more than the new items: refunded when the return is resolved. */
  refundDue: number;
};

/** The replacement order's value. `returnedValue` is what the shopper paid for the items coming back (minor units). */
export function replacementValue(lines: NewLine[], returnedValue: number): ReplacementValue {
  if (lines.length === 0) throw new Error('A replacement order needs at least one line.');
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new Error('Each line needs a quantity above zero.');
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice <= 0) throw new Error('Each line needs its full price (never 0).');
  }
  if (!Number.isSafeInteger(returnedValue) || returnedValue < 0) throw new Error('The returned value must be zero or more.');
  const withTotals = lines.map((l) => ({ ...l, total: l.unitPrice * l.quantity }));
  const subtotal = withTotals.reduce((sum, l) => sum + l.total, 0);
  const discount = Math.min(returnedValue, subtotal);
  return { lines: withTotals, subtotal, discount, balance: subtotal - discount, refundDue: returnedValue - discount };
}

/**
 * Shopify keeps an exchange's fulfillment on hold while it thinks the buyer owes a balance (its own
 * prices: exchange items minus returned items). The hold is released once what the shopper paid us
 * for the exchange covers that balance; otherwise the items would ship unpaid.
 */
export function exchangeHoldReleasable(shopBalance: number, paid: number): boolean {
  if (!Number.isSafeInteger(shopBalance) || !Number.isSafeInteger(paid)) throw new Error('Balances are whole minor units.');
  return Math.max(0, shopBalance) <= Math.max(0, paid);
}

/** Card authorisations at Mollie lapse after 28 days; we keep a week's margin for the scan to arrive. */
export const MAX_INSTANT_EXCHANGE_DAYS = 21;

/** The last local day on which the carrier's first scan counts as in time. */
export function instantExchangeDeadline(approvedAt: Date, days: number, timezone: string): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_INSTANT_EXCHANGE_DAYS)
    throw new Error(`Give the shopper 1 to ${MAX_INSTANT_EXCHANGE_DAYS} days to hand in the parcel.`);
  return addDays(localDate(approvedAt, timezone), days);
}

export type InstantExchangeOutcome = 'hold' | 'release' | 'capture';

/** What to do with the authorisation: `scannedOn` is the local day of the carrier's first scan, if any. */
export function settleInstantExchange(deadline: string, scannedOn: string | null, today: string): InstantExchangeOutcome {
  if (scannedOn !== null) return scannedOn <= deadline ? 'release' : 'capture';
  return today > deadline ? 'capture' : 'hold';
}

export type KeptTotals = { exchanges: number; storeCredit: number; refunded: number };

/** The share (0–1, four decimals) of the money settled on returns that the shop kept: exchanges and store credit vs refunds. */
export function keptShare(t: KeptTotals): number {
  const kept = t.exchanges + t.storeCredit;
  const settled = kept + t.refunded;
  return settled > 0 ? Math.round((kept / settled) * 10_000) / 10_000 : 0;
}
