/**
 * Instant exchange (issue #14 item 4): the replacement ships before the return arrives, against a
 * Mollie authorisation (a hold) on the shopper's payment method. Pure rules:
 *
 * - The hold covers the new items' value, and never less than what the shopper owes anyway (an
 *   up-front fee, a dearer exchange's difference): that part is captured in every outcome.
 * - The deadline is the local day `holdDays` after the authorisation (replacement-order.ts); the
 *   `payment.settle_hold` job runs at the first instant after that day in the portal's time zone.
 * - Scanned by the carrier on or before the deadline → the rest of the hold is released; not
 *   scanned → the whole hold is captured; the return ended (cancelled, rejected, expired) before
 *   any scan → released, nothing owed.
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

/** The return statuses that end a return without its parcel: a hold not yet released by a scan goes back at once. */
export const ENDED_STATUSES = ['cancelled', 'rejected', 'expired'] as const;

/** Whether a return in `status` has ended (cancelled, rejected or expired). */
export function returnEnded(status: string): boolean {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

/** The facts a hold is settled on: its deadline, the local day of the first scan (null: none yet), today, the return's status. */
export type HoldFacts = { deadline: string; scannedOn: string | null; today: string; status: string };

/** The first instant a return moved into a scanned status (its events in any order), or null. */
export function firstScanAt(events: readonly { status: string | null; at: string }[]): string | null {
  let first: string | null = null;
  for (const e of events) {
    if (e.status === null || !(SCANNED_STATUSES as readonly string[]).includes(e.status)) continue;
    if (first === null || e.at < first) first = e.at;
  }
  return first;
}

/**
 * What to do with the hold now: a return ended (cancelled, rejected, expired) before any scan is
 * released; otherwise a scan by the deadline releases, none by then captures, too early holds.
 */
export function settleHold(facts: HoldFacts): InstantExchangeOutcome {
  if (facts.scannedOn === null && returnEnded(facts.status)) return 'release';
  return settleInstantExchange(facts.deadline, facts.scannedOn, facts.today);
}

/**
 * The amount captured when the hold is settled: all of it, or on release only what the return owes
 * anyway (`owed`: the fee paid up front, a dearer exchange's difference) — nothing when the return
 * ended before any scan, since it owes nothing then.
 */
export function holdCapture(input: { outcome: InstantExchangeOutcome; hold: number; owed: number; facts: HoldFacts }): number {
  const { outcome, hold, owed, facts } = input;
  if (outcome === 'capture') return hold;
  if (outcome === 'hold') return 0;
  if (facts.scannedOn === null && returnEnded(facts.status)) return 0;
  return Math.min(hold, Math.max(0, owed));
}
