// Return rules at creation, server-side (the portal's view is never trusted): a blocked line is
// refused with the rule's message; otherwise the rules change the settings the return is checked
// with (methods, carriers, resolutions, fee, approval, return address, windows) and what the
// return records (the rule-set version and the outcome staff see).
import type { PortalSettings } from '@retour/contracts/config';
import { keptCountAsReceived, splitKept } from '@retour/domain/keep-items';
import type { RuleOutcome } from '@retour/domain/return-rules';
import type { ReturnStatus } from '@retour/domain/state-machine';
import type { Executor } from '@retour/db/database';
import type { OrderAggregate } from '@retour/db/repos/orders';
import type { NewReturnEvent } from '@retour/db/repos/returns';
import { fail } from '../../errors.ts';
import { keptDedupeKey, keptReceiptData } from '../shared/kept-on-opening.ts';
import type { ReturnChoice } from '../shared/validate-return.ts';
import { evaluateForOrder, type LoadedRules, outcomeView, settingsUnderRules } from './rule-facts.ts';

/** What creation passes in (a part of its input; no import of create-return, so no circle). */
type CreationInput = { merchantId: string; portal: { slug: string }; settings: PortalSettings; choice: ReturnChoice };

export type RuleDecision = { outcome: RuleOutcome | null; settings: PortalSettings; windowDays: Map<string, number> };

export async function enforceRules(
  db: Executor,
  args: { input: CreationInput; loaded: LoadedRules; order: OrderAggregate; now: Date },
): Promise<RuleDecision> {
  const { input, loaded, order, now } = args;
  const lines = input.choice.items.map((l) => ({ orderItemId: l.orderItemId, reason: l.reason, condition: l.condition ?? null }));
  const outcome = await evaluateForOrder(db, {
    merchantId: input.merchantId,
    loaded,
    agg: order,
    portalSlug: input.portal.slug,
    now,
    lines,
  });
  if (!outcome) return { outcome: null, settings: input.settings, windowDays: new Map() };
  const byId = new Map(outcome.items.map((d) => [d.id, d]));
  input.choice.items.forEach((line, index) => {
    const blocked = byId.get(line.orderItemId)?.blocked;
    if (!blocked) return;
    const name = order.items.find((i) => i.id === line.orderItemId)?.name ?? line.orderItemId;
    fail('item_blocked_by_rule', `"${name}" cannot be returned: ${blocked.message} Remove it from the return.`, {
      index,
      orderItemId: line.orderItemId,
      rule: blocked.rule,
      message: blocked.message,
    });
  });
  const windowDays = new Map(outcome.items.flatMap((d) => (d.windowDays === null ? [] : [[d.id, d.windowDays] as const])));
  return { outcome, settings: settingsUnderRules(input.settings, outcome), windowDays };
}

/** The columns a new return records about its rules (nothing when no rule set is in force). */
export function ruleFields(loaded: LoadedRules, decision: RuleDecision): { ruleSetVersion?: number; ruleOutcome?: string } {
  if (!decision.outcome) return {};
  return { ruleSetVersion: loaded.version, ruleOutcome: JSON.stringify(outcomeView(loaded.version, decision.outcome)) };
}

/** The order items a return rule lets the shopper keep (keep-the-item). */
export function keptOrderItemIds(decision: RuleDecision): Set<string> {
  return new Set((decision.outcome?.items ?? []).filter((i) => i.keepItem).map((i) => i.id));
}

/** The chosen lines that go in the parcel: all but the kept ones (the label, weight and customs are for these). */
export function shippedLines<T extends { item: { id: string } }>(lines: readonly T[], decision: RuleDecision): T[] {
  const keep = keptOrderItemIds(decision);
  return splitKept(lines, (l) => keep.has(l.item.id)).shipped;
}

/**
 * The items kept by the shopper: the timeline records them as received (so staff refund them),
 * marked as kept. Every item kept: the `keep` change to received. Some kept: a receipt of those
 * items only (no status change), when the return opens at once; the others travel in the parcel.
 */
export function keptEvent(
  merchantId: string,
  returnId: string,
  decision: RuleDecision,
  status: ReturnStatus,
  items: readonly { id: string; orderItemId: string; quantity: number }[],
  at: string,
  actor: string,
): Omit<NewReturnEvent, 'id'> | null {
  if (!decision.outcome) return null;
  const keepIds = keptOrderItemIds(decision);
  const all = decision.outcome.keepAll && status === 'received';
  // Some kept: received now only when the return opens at once (else when it opens: kept-on-opening.ts).
  const some = !decision.outcome.keepAll && keptCountAsReceived(status) && items.some((i) => keepIds.has(i.orderItemId));
  if (!all && !some) return null;
  const rules = decision.outcome.fired.filter((f) => f.itemIds.length > 0).map((f) => f.name);
  const keptItems = all ? items : items.filter((i) => keepIds.has(i.orderItemId));
  return {
    merchantId,
    returnId,
    at,
    recordedAt: at,
    type: 'received',
    status: all ? 'received' : null,
    message: all
      ? `Kept by the shopper (return rule ${rules.join(', ')}): refund without a return shipment`
      : `${keptItems.length} of ${items.length} items kept by the shopper (return rule ${rules.join(', ')}): refunded without a shipment; the others are sent back`,
    actor,
    dedupeKey: all ? null : keptDedupeKey(returnId),
    data: keptReceiptData(keptItems),
  };
}
