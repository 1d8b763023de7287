// The items a return rule let the shopper keep (some of a return's items) count as received only
// once the return is open (domain keep-items.ts: keptCountAsReceived). A return that waited for
// staff approval or for a payment records their receipt when it opens — approved, or paid — in the
// same change (approve-return.ts, receive-mollie-webhook.ts, record-hold.ts); once per return.
import type { ReturnAggregate } from '@retour/db/repos/returns';
import type { TimelineEntry } from './change-return.ts';

type KeptItem = { id: string; orderItemId: string; quantity: number };

/** The receipt of kept items as the timeline records it (the refund proposal counts these). */
export function keptReceiptData(items: readonly KeptItem[]) {
  return {
    kept: true,
    items: items.map((i) => ({
      returnItemId: i.id,
      orderItemId: i.orderItemId,
      quantity: i.quantity,
      condition: 'as_new',
      restocked: false,
    })),
  };
}

export const keptDedupeKey = (returnId: string) => `kept:${returnId}`;

/** The timeline entry for a return opening now with kept items (some, not all), or null. */
export function keptOnOpening(agg: ReturnAggregate): TimelineEntry | null {
  const kept = agg.items.filter((i) => Boolean(i.kept));
  if (kept.length === 0 || kept.length === agg.items.length) return null;
  if (agg.events.some((e) => e.dedupeKey === keptDedupeKey(agg.ret.id))) return null;
  return {
    type: 'received',
    message: `${kept.length} of ${agg.items.length} items kept by the shopper (return rules): refunded without a shipment; the others are sent back`,
    data: keptReceiptData(kept),
    dedupeKey: keptDedupeKey(agg.ret.id),
  };
}

/** An optional timeline entry as a list to spread. */
export const opened = (entry: TimelineEntry | null): TimelineEntry[] => (entry ? [entry] : []);
