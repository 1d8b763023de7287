// The policy simulator: runs a draft rule set over the merchant's past returns (and their orders)
// as they were when each return was made, and says what would have changed against what did
// happen: returns and items blocked, fees charged, approvals needed, money kept.
// Nothing is written. History conditions see the merchant's returns loaded here (the period plus
// the longest look-back a rule asks for).
import type { PortalSettings } from '@retour/contracts/config';
import type { Simulation, SimulateBody } from '@retour/contracts/return-rules';
import { feeFor, type ReturnMethod } from '@retour/domain/fees';
import { formatMoneyValue } from '@retour/domain/money';
import type { ReturnRule } from '@retour/domain/return-rules-catalogue';
import { evaluateReturnRules } from '@retour/domain/return-rules';
import { listRows } from '@retour/db/repos/config';
import { getOrder, type OrderAggregate } from '@retour/db/repos/orders';
import { returnsForSimulation, type SimulationReturn } from '@retour/db/repos/return-rules';
import type { Ctx } from '../../context.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';
import { portalFee } from '../shared/return-options.ts';
import { itemFactsOf, loadRules, orderFactsOf, settingsUnderRules } from './rule-facts.ts';
import { assertValidRules } from './save-return-rules.ts';

const DAY_MS = 86_400_000;
const MAX_CHANGES = 200;

type Totals = Map<string, number>;
const add = (t: Totals, currency: string, amount: number) => {
  if (amount !== 0) t.set(currency, (t.get(currency) ?? 0) + amount);
};
const money = (amount: number, currency: string) => ({ value: formatMoneyValue(amount, currency), currency });
const list = (t: Totals) => [...t.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, a]) => money(a, c));

function lookBackDays(rules: readonly ReturnRule[]): number {
  let days = 0;
  for (const r of rules)
    for (const c of r.criteria.conditions) {
      const d = (c.value as { days?: unknown } | null)?.days;
      if ((c.property === 'customer_returns_count' || c.property === 'customer_returns_value') && typeof d === 'number')
        days = Math.max(days, d);
    }
  return days;
}

export async function simulateReturnRules(ctx: Ctx, merchantId: string, body: SimulateBody): Promise<Simulation> {
  const draft = body.rules as ReturnRule[];
  await assertValidRules(ctx, merchantId, draft);
  const now = ctx.now();
  const to = body.to ?? now.toISOString();
  const from = body.from ?? new Date(now.getTime() - 90 * DAY_MS).toISOString();
  const published = await loadRules(ctx.db, merchantId);
  const lookBack = Math.max(lookBackDays(draft), lookBackDays(published.rules));
  const historyFrom = new Date(new Date(from).getTime() - lookBack * DAY_MS).toISOString();
  const all = await returnsForSimulation(ctx.db, merchantId, { from: historyFrom, to, limit: body.limit + (lookBack > 0 ? 10_000 : 0) });
  const considered = all.filter((r) => r.createdAt >= from).slice(0, body.limit);
  const portals = new Map(
    (await listRows(ctx.db, 'portals', merchantId, { limit: 1000 })).map((p) => [p.id, { slug: p.slug, settings: portalSettingsOf(p) }]),
  );
  const orders = new Map<string, OrderAggregate | null>();
  for (const r of considered) if (!orders.has(r.orderId)) orders.set(r.orderId, await getOrder(ctx.db, merchantId, r.orderId));

  const history = (r: SimulationReturn) =>
    all
      .filter(
        (o) =>
          o.contactEmailNorm === r.contactEmailNorm &&
          o.createdAt < r.createdAt &&
          !['cancelled', 'rejected', 'payment_failed', 'expired'].includes(o.status),
      )
      .map((o) => ({
        createdAt: new Date(o.createdAt),
        amount: o.items.reduce((s, i) => s + i.unitPrice * i.quantity, 0),
        currency: o.currency,
      }));

  const result: Simulation = {
    returnsConsidered: considered.length,
    ordersConsidered: orders.size,
    returnsChanged: 0,
    returnsBlocked: 0,
    itemsBlocked: 0,
    approvalsNeeded: 0,
    feesBefore: [],
    feesAfter: [],
    moneyKept: [],
    keptByShopper: [],
    ruleHits: draft.map((rule, position) => ({ position, name: rule.name, returns: 0 })),
    changes: [],
  };
  const feesBefore: Totals = new Map();
  const feesAfter: Totals = new Map();
  const kept: Totals = new Map();
  const keptByShopper: Totals = new Map();
  for (const r of considered) {
    const agg = orders.get(r.orderId);
    const portal = r.portalId ? portals.get(r.portalId) : undefined;
    if (!agg || !portal) continue;
    const at = new Date(r.createdAt);
    const order = { ...orderFactsOf(agg, portal.slug), customerReturns: history(r) };
    const items = itemFactsOf(
      agg,
      r.items.map((i) => ({ orderItemId: i.orderItemId, reason: i.reason })),
    );
    const run = (rules: readonly ReturnRule[]) => evaluateReturnRules({ rules, order, items, now: at });
    const after = run(draft);
    const before = run(published.rules);
    const settingsAfter: PortalSettings = settingsUnderRules(portal.settings, after);
    const reviewBefore = settingsUnderRules(portal.settings, before).approval === 'manual';
    const byId = new Map(after.items.map((d) => [d.id, d]));
    const blockedItems = r.items.flatMap((i) => {
      const b = byId.get(i.orderItemId)?.blocked;
      return b ? [{ orderItemId: i.orderItemId, sku: i.sku, message: b.message, rule: b.rule, value: i.unitPrice * i.quantity }] : [];
    });
    const blocked = blockedItems.length > 0 && blockedItems.length === r.items.length;
    const feeAfter = blocked || after.keepAll ? 0 : feeFor(r.method as ReturnMethod, portalFee(settingsAfter, r.currency));
    const needsReview = !blocked && settingsAfter.approval === 'manual';
    const keptValue = r.items.filter((i) => byId.get(i.orderItemId)?.keepItem).reduce((s, i) => s + i.unitPrice * i.quantity, 0);
    const moneyKept = blockedItems.reduce((s, i) => s + i.value, 0) + Math.max(0, feeAfter - r.feeAmount);
    add(feesBefore, r.currency, r.feeAmount);
    add(feesAfter, r.currency, feeAfter);
    add(kept, r.currency, moneyKept);
    add(keptByShopper, r.currency, keptValue);
    for (const f of after.fired) {
      const hit = result.ruleHits[f.position];
      if (hit) hit.returns += 1;
    }
    if (blocked) result.returnsBlocked += 1;
    result.itemsBlocked += blockedItems.length;
    if (needsReview && !reviewBefore) result.approvalsNeeded += 1;
    const changed = blockedItems.length > 0 || feeAfter !== r.feeAmount || needsReview !== reviewBefore || keptValue > 0;
    if (!changed) continue;
    result.returnsChanged += 1;
    if (result.changes.length < MAX_CHANGES)
      result.changes.push({
        returnId: r.id,
        reference: r.reference,
        orderNumber: agg.order.orderNumber,
        createdAt: r.createdAt,
        blockedItems: blockedItems.map(({ value: _v, ...b }) => b),
        blocked,
        needsReview,
        feeBefore: money(r.feeAmount, r.currency),
        feeAfter: money(feeAfter, r.currency),
        moneyKept: money(moneyKept, r.currency),
        keptByShopper: money(keptValue, r.currency),
        fired: after.fired.map((f) => f.name),
      });
  }
  result.feesBefore = list(feesBefore);
  result.feesAfter = list(feesAfter);
  result.moneyKept = list(kept);
  result.keptByShopper = list(keptByShopper);
  return result;
}
