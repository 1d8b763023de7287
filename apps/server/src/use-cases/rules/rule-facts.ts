// The bridge between stored orders and the return rules: the rule set in force (one statement),
// the facts the rules read, the evaluation (loading the customer's earlier returns only when a
// rule needs them), and the portal settings as the rules change them for one return.
import type { PortalSettings } from '@retour/contracts/config';
import type { RuleOutcomeView } from '@retour/contracts/return-rules';
import { formatMoneyValue } from '@retour/domain/money';
import type { ReturnRule } from '@retour/domain/return-rules-catalogue';
import {
  evaluateReturnRules,
  needsCustomerHistory,
  type RuleItemFacts,
  type RuleOrderFacts,
  type RuleOutcome,
} from '@retour/domain/return-rules';
import type { Executor } from '@retour/db/database';
import { fromJson } from '@retour/db/json';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { currentRuleSet, customerReturnsSince } from '@retour/db/repos/return-rules';

export type LoadedRules = { version: number; rules: ReturnRule[] };
export const NO_RULES: LoadedRules = { version: 0, rules: [] };

const DAY_MS = 86_400_000;

/** The rule set in force for the merchant (version 0 and no rules when none was saved). */
export async function loadRules(db: Executor, merchantId: string): Promise<LoadedRules> {
  const row = await currentRuleSet(db, merchantId);
  if (!row) return NO_RULES;
  return { version: row.version, rules: JSON.parse(row.rules) as ReturnRule[] };
}

export function orderFactsOf(agg: OrderAggregate, portalSlug: string): RuleOrderFacts {
  const total = agg.items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
  return {
    country: agg.order.shippingAddress.country,
    postalCode: agg.order.shippingAddress.postalCode,
    total,
    currency: agg.order.currency,
    placedAt: new Date(agg.order.placedAt),
    discountCodes: fromJson<string[]>(agg.order.discountCodes ?? null) ?? [],
    brandId: agg.order.brandId,
    portal: portalSlug,
  };
}

export type RuleLine = { orderItemId: string; reason?: string | null; condition?: string | null };

/** Every item of the order (lookup), or the returned lines with the shopper's reason and condition (creation). */
export function itemFactsOf(agg: OrderAggregate, lines?: readonly RuleLine[]): RuleItemFacts[] {
  const byId = new Map(agg.items.map((i) => [i.id, i]));
  const chosen: readonly RuleLine[] = lines ?? agg.items.map((i) => ({ orderItemId: i.id }));
  return chosen.flatMap((line) => {
    const item = byId.get(line.orderItemId);
    if (!item) return [];
    return [
      {
        id: item.id,
        sku: item.sku,
        tags: item.tags,
        productType: item.productType ?? null,
        vendor: item.vendor ?? null,
        reason: line.reason ?? null,
        condition: line.condition ?? null,
      },
    ];
  });
}

/** The longest look-back any active rule asks for (days), for the one history query. */
function historyDays(rules: readonly ReturnRule[]): number {
  let days = 0;
  for (const r of rules) {
    if (!r.active) continue;
    for (const c of r.criteria.conditions) {
      const d = (c.value as { days?: unknown } | null)?.days;
      if (typeof d === 'number' && d > days) days = d;
    }
  }
  return days;
}

/** Evaluates the rules for an order; null when the merchant has no rules (nothing changes). */
export async function evaluateForOrder(
  db: Executor,
  input: { merchantId: string; loaded: LoadedRules; agg: OrderAggregate; portalSlug: string; now: Date; lines?: readonly RuleLine[] },
): Promise<RuleOutcome | null> {
  const { loaded, agg, now } = input;
  if (!loaded.rules.some((r) => r.active)) return null;
  const order = orderFactsOf(agg, input.portalSlug);
  if (needsCustomerHistory(loaded.rules)) {
    const since = new Date(now.getTime() - historyDays(loaded.rules) * DAY_MS).toISOString();
    const rows = await customerReturnsSince(db, input.merchantId, agg.order.customerEmail.toLowerCase(), since);
    order.customerReturns = rows.map((r) => ({ createdAt: new Date(r.createdAt), amount: r.amount, currency: r.currency }));
  }
  return evaluateReturnRules({ rules: loaded.rules, order, items: itemFactsOf(agg, input.lines), now });
}

/** The portal settings as the rules change them for this return (methods, resolutions, fee, approval, return address). */
export function settingsUnderRules(settings: PortalSettings, outcome: RuleOutcome | null): PortalSettings {
  if (!outcome) return settings;
  const { methods, resolutions, fee } = outcome;
  let returnFee = settings.returnFee;
  if (fee?.kind === 'waive') returnFee = null;
  else if (fee?.kind === 'set')
    returnFee = {
      amount: { value: formatMoneyValue(fee.amount, fee.currency), currency: fee.currency },
      payment: settings.returnFee?.payment ?? 'deduct_from_refund',
    };
  return {
    ...settings,
    methods: methods ? settings.methods.filter((m) => methods.includes(m)) : settings.methods,
    resolutions: resolutions ? settings.resolutions.filter((r) => resolutions.includes(r)) : settings.resolutions,
    returnFee,
    approval: outcome.needsReview ? 'manual' : settings.approval,
    returnAddressId: outcome.returnAddressId ?? settings.returnAddressId,
  };
}

/** What is stored on the return and shown to staff. */
export function outcomeView(version: number, outcome: RuleOutcome): RuleOutcomeView {
  return {
    version,
    fired: outcome.fired,
    tags: outcome.tags,
    needsReview: outcome.needsReview,
    keptItemIds: outcome.items.filter((i) => i.keepItem).map((i) => i.id),
    photos: outcome.items.filter((i) => i.photos.required).map((i) => ({ orderItemId: i.id, min: i.photos.min })),
    returnAddressId: outcome.returnAddressId,
  };
}
