/**
 * A return's quantities and money as a fold over its recorded actions (received items,
 * refunds, store credit, replacements). Nothing is stored twice: totals are derived.
 */

export const CONDITIONS = ['as_new', 'used', 'damaged', 'missing'] as const;
export type Condition = (typeof CONDITIONS)[number];

export type LedgerAction =
  | {
      type: 'received';
      items: { returnItemId: string; quantity: number; condition: Condition; restocked: boolean }[];
    }
  | { type: 'refund'; amount: number }
  | { type: 'store_credit'; amount: number; code: string }
  | { type: 'replacement'; carrier: string; trackingNumber: string };

export type Ledger = {
  /** Quantity recorded as received per return item, summed over all `received` actions. */
  receivedByItem: Map<string, number>;
  /** Minor units refunded so far. */
  refundedTotal: number;
  /** Minor units issued as store credit so far. */
  storeCreditTotal: number;
  replacements: { carrier: string; trackingNumber: string }[];
};

/** Fold the actions, in the order given, into totals. */
export function foldLedger(actions: LedgerAction[]): Ledger {
  const ledger: Ledger = { receivedByItem: new Map(), refundedTotal: 0, storeCreditTotal: 0, replacements: [] };
  for (const action of actions) {
    switch (action.type) {
      case 'received':
        for (const item of action.items) {
          const before = ledger.receivedByItem.get(item.returnItemId) ?? 0;
          ledger.receivedByItem.set(item.returnItemId, before + item.quantity);
        }
        break;
      case 'refund':
        ledger.refundedTotal += action.amount;
        break;
      case 'store_credit':
        ledger.storeCreditTotal += action.amount;
        break;
      case 'replacement':
        ledger.replacements.push({ carrier: action.carrier, trackingNumber: action.trackingNumber });
        break;
      default: {
        const unknown: never = action;
        throw new TypeError(`foldLedger: unknown action ${JSON.stringify(unknown)}`);
      }
    }
  }
  return ledger;
}
