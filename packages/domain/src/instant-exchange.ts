/**
 * Instant exchange (issue #14 item 4): the replacement ships before the return arrives, against a
 * Mollie authorisation (a hold) on the shopper's payment method. Pure rules:
 *
 * - The hold covers the new items' value, and never less than what the shopper owes anyway (an
 *   up-front fee, a dearer exchange's difference): that part is captured in every outcome.
 * - The deadline is the local day `holdDays` after the authorisation (replacement-order.ts); the
 *   `payment.settle_hold` job runs at the first instant after that day in the portal's time zone.
 * - Scanned by the carrier on or before the deadline → the rest of the hold is released; not
 *   scanned → the whole hold is captured; the return cancelled before any scan → released.
 */
import { localDate } from './calendar.ts';
import { type InstantExchangeOutcome, MAX_INSTANT_EXCHANGE_DAYS, settleInstantExchange } from './replacement-order.ts';

/** Days the shopper has to hand in the parcel when the portal names none. */
export const DEFAULT_INSTANT_HOLD_DAYS = 14;
export { MAX_INSTANT_EXCHANGE_DAYS };

/** The return statuses that mean the carrier scanned the parcel (or staff received it). */
export const SCANNED_STATUSES = ['in_transit', 'delivered', 'received', 'completed'] as const;

/** The amount to authorise (minor units): the new items' value, at least what is owed anyway. */
export function instantHoldAmount(lines: readonly { unitPrice: number; quantity: number }[], owed: number): number {
  let value = 0;
  for (const l of lines) {
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0 || !Number.isSafeInteger(l.quantity) || l.quantity < 0)
      throw new Error('Prices and quantities are whole, non-negative numbers.');
    value += l.unitPrice * l.quantity;
  }
  return Math.max(value, Math.max(0, owed));
}

const QUARTER_HOUR_MS = 900_000;

/** The first instant (to the quarter hour) whose local day in `timezone` is after `deadline`. */
export function holdSettlesAt(deadline: string, timezone: string, authorisedAt: Date): Date {
  let t = Math.ceil(authorisedAt.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  // Start a day before the deadline's UTC midnight: at most ~3 days of quarter hours to walk.
  const start = Date.parse(`${deadline}T00:00:00Z`) - 86_400_000;
  if (Number.isNaN(start)) throw new Error(`Not a calendar date: ${deadline}`);
  t = Math.max(t, start);
  for (let i = 0; i < 400; i++, t += QUARTER_HOUR_MS) {
    if (localDate(new Date(t), timezone) > deadline) return new Date(t);
  }
  throw new Error(`No local midnight after ${deadline} in ${timezone}.`);
}

/**
 * What to do with the hold now. `scannedOn`: the local day the return was first scanned (null:
 * not yet); `cancelled`: the return was cancelled (or rejected, or expired) before any scan.
 */
export function settleHold(input: {
  deadline: string;
  scannedOn: string | null;
  today: string;
  cancelled: boolean;
}): InstantExchangeOutcome {
  if (input.scannedOn === null && input.cancelled) return 'release';
  return settleInstantExchange(input.deadline, input.scannedOn, input.today);
}

/** The amount captured when the hold is settled: all of it, or only what is owed anyway before the rest is released. */
export function holdCapture(outcome: InstantExchangeOutcome, hold: number, owed: number): number {
  if (outcome === 'capture') return hold;
  if (outcome === 'release') return Math.min(hold, Math.max(0, owed));
  return 0;
}
