/**
 * Which items of an order can still be returned, how many, and until when.
 * See domain.md "Eligibility (per item, then per order)".
 */
import { anchorFor, isWithinWindow, returnDeadline } from './return-window.ts';
import type { ShipmentFacts, WindowSettings } from './return-window.ts';
import type { ReturnStatus } from './state-machine.ts';

/** Returns in these statuses never took items away from the shopper's returnable quantity. */
export const NOT_COUNTED_STATUSES: readonly ReturnStatus[] = ['cancelled', 'rejected', 'payment_failed', 'expired'];

export type ItemFacts = {
  id: string;
  /** Ordered quantity. */
  quantity: number;
  /** false = final sale. */
  returnable: boolean;
  /** Only the outbound shipments that carried this item (empty = not shipped yet / unknown). */
  shipments: ShipmentFacts[];
};

export type PriorReturn = { status: ReturnStatus; items: { orderItemId: string; quantity: number }[] };

/** Quantity per order item already taken by earlier returns that count. */
export function returnedQuantities(prior: PriorReturn[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const ret of prior) {
    if (NOT_COUNTED_STATUSES.includes(ret.status)) continue;
    for (const item of ret.items) {
      result.set(item.orderItemId, (result.get(item.orderItemId) ?? 0) + item.quantity);
    }
  }
  return result;
}

export type IneligibleReason = 'not_returnable' | 'already_returned' | 'return_window_expired';

export type ItemAssessment = {
  id: string;
  returnableQuantity: number;
  eligible: boolean;
  ineligibleReason: IneligibleReason | null;
  /** The item's last allowed local date (`YYYY-MM-DD`), also for ineligible items. */
  returnDeadline: string;
};

export type OrderAssessment = {
  items: ItemAssessment[];
  /** Earliest deadline among eligible items; null when none is eligible. */
  returnDeadline: string | null;
  /** Null when at least one item is eligible; otherwise the shared reason the lookup fails. */
  failure: 'return_window_expired' | 'no_returnable_items' | null;
};

/**
 * Assess every item, then the order. Reason priority per item:
 * `not_returnable` (final sale) > `already_returned` (nothing left) > `return_window_expired`.
 * `overrideWindow` (staff manual returns) ignores the window; the caller records the override.
 */
export function assessOrder(input: {
  placedAt: Date;
  items: ItemFacts[];
  prior: PriorReturn[];
  settings: WindowSettings;
  now: Date;
  overrideWindow?: boolean;
  /** Per item id: a window in days that a return rule set instead of the portal's. */
  windowDays?: ReadonlyMap<string, number>;
}): OrderAssessment {
  const { placedAt, settings, now } = input;
  const returned = returnedQuantities(input.prior);
  const items: ItemAssessment[] = [];
  let orderDeadline: string | null = null;
  let expiredWithQuantityLeft = 0;

  for (const item of input.items) {
    const left = Math.max(0, item.quantity - (returned.get(item.id) ?? 0));
    const days = input.windowDays?.get(item.id);
    const itemSettings = days === undefined ? settings : { ...settings, returnWindowDays: days };
    const deadline = returnDeadline(anchorFor(placedAt, item.shipments, itemSettings), itemSettings);
    let reason: IneligibleReason | null = null;
    if (!item.returnable) reason = 'not_returnable';
    else if (left === 0) reason = 'already_returned';
    else if (input.overrideWindow !== true && !isWithinWindow(deadline, now, settings.timezone)) {
      reason = 'return_window_expired';
      expiredWithQuantityLeft += 1;
    }
    const eligible = reason === null;
    items.push({
      id: item.id,
      returnableQuantity: eligible ? left : 0,
      eligible,
      ineligibleReason: reason,
      returnDeadline: deadline,
    });
    if (eligible && (orderDeadline === null || deadline < orderDeadline)) orderDeadline = deadline;
  }

  let failure: OrderAssessment['failure'] = null;
  if (orderDeadline === null) {
    failure = expiredWithQuantityLeft > 0 ? 'return_window_expired' : 'no_returnable_items';
  }
  return { items, returnDeadline: orderDeadline, failure };
}
