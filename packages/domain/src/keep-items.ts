/**
 * Keep-the-item (issue #15 item 1): the return rules may let the shopper keep some items. Those are
 * refunded without a shipment; the parcel carries only the others. When every item is kept there
 * is no parcel at all (the state machine's `keep`). Pure: lines in, the split out.
 */
import type { ReturnStatus } from './state-machine.ts';

export type KeepSplit<T> = {
  /** The lines the shopper sends back (the label, weights and customs papers are for these). */
  shipped: T[];
  /** The lines the shopper keeps: received at once, refundable, never on the label. */
  kept: T[];
  /** Every line kept: no shipment at all. */
  keepAll: boolean;
};

export function splitKept<T>(lines: readonly T[], isKept: (line: T) => boolean): KeepSplit<T> {
  const shipped: T[] = [];
  const kept: T[] = [];
  for (const line of lines) (isKept(line) ? kept : shipped).push(line);
  return { shipped, kept, keepAll: lines.length > 0 && shipped.length === 0 };
}

/**
 * Whether the items a rule lets the shopper keep count as received now, given the return's status:
 * only once the return is accepted and open (created open, approved, or paid). A return waiting
 * for staff approval or for a payment has not accepted them yet; one rejected, cancelled or expired
 * before it opened never does. (Every item kept is the state machine's `keep` instead.)
 */
export function keptCountAsReceived(status: ReturnStatus): boolean {
  return status === 'open';
}
