/**
 * Return rules evaluation: one pure function decides, for an order and the items a shopper looks
 * at (lookup) or returns (creation), what the merchant's ordered rules allow, block and change,
 * and says which rules fired. The rule set has been checked against the catalogue
 * (`checkRuleSet`); an unknown name here simply never holds.
 *
 * Order of precedence: rules apply in their order. For a single-valued decision (allow/block, the
 * window, the fee, photos, the return address) the first fired rule that sets it wins; restrictions
 * (methods, carriers, resolutions) intersect; needs-review and keep-the-item hold when any fired
 * rule sets them; tags add up. A condition on a fact that is not known yet (the reason and
 * condition before the shopper chose them) does not hold, so such rules decide at creation.
 */
import { parseMoneyValue } from './money.ts';
import type { ReturnRule, RuleCondition } from './return-rules-catalogue.ts';

const DAY_MS = 86_400_000;

export type RuleOrderFacts = {
  country: string;
  postalCode: string;
  /** Order total in minor units of `currency`. */
  total: number;
  currency: string;
  placedAt: Date;
  discountCodes: readonly string[];
  brandId: string | null;
  portal: string;
  /** The customer's earlier returns (not loaded = undefined: such conditions do not hold). */
  customerReturns?: readonly { createdAt: Date; amount: number; currency: string }[];
};

export type RuleItemFacts = {
  id: string;
  sku: string;
  tags: readonly string[];
  productType: string | null;
  vendor: string | null;
  /** Known once the shopper chose it. */
  reason?: string | null;
  condition?: string | null;
};

export type FiredRule = { position: number; name: string; scope: 'item' | 'return'; itemIds: string[] };

export type ItemRuleDecision = {
  id: string;
  blocked: { message: string; rule: string } | null;
  windowDays: number | null;
  photos: { required: boolean; min: number };
  keepItem: boolean;
  /** Positions of the rules that fired for this item (item-scope and return-scope). */
  rules: number[];
};

export type RuleFee = { kind: 'set'; amount: number; currency: string } | { kind: 'waive' } | null;

export type RuleOutcome = {
  items: ItemRuleDecision[];
  fee: RuleFee;
  methods: string[] | null;
  carriers: string[] | null;
  resolutions: string[] | null;
  needsReview: boolean;
  /** Every item of the evaluation is kept by the shopper: no return shipment at all. */
  keepAll: boolean;
  tags: string[];
  returnAddressId: string | null;
  fired: FiredRule[];
};

/** Whether any active rule reads the customer's earlier returns (only then are they loaded). */
export function needsCustomerHistory(rules: readonly ReturnRule[]): boolean {
  return rules.some(
    (r) =>
      r.active && r.criteria.conditions.some((c) => c.property === 'customer_returns_count' || c.property === 'customer_returns_value'),
  );
}

const fold = (s: string) => s.trim().toLowerCase();
const foldPostal = (s: string) => s.replace(/[\s-]/g, '').toLowerCase();

function textHolds(actual: readonly string[], operator: string, value: unknown, norm: (s: string) => string): boolean {
  const have = actual.map(norm);
  const wanted = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map(norm);
  switch (operator) {
    case 'eq':
    case 'in':
      return have.some((v) => wanted.includes(v));
    case 'neq':
    case 'not_in':
      return !have.some((v) => wanted.includes(v));
    case 'starts_with':
      return have.some((v) => wanted.some((w) => v.startsWith(w)));
    default:
      return false;
  }
}

function numberHolds(actual: number, operator: string, wanted: number): boolean {
  switch (operator) {
    case 'eq':
      return actual === wanted;
    case 'lt':
      return actual < wanted;
    case 'lte':
      return actual <= wanted;
    case 'gt':
      return actual > wanted;
    case 'gte':
      return actual >= wanted;
    default:
      return false;
  }
}

function moneyOf(value: unknown): { amount: number; currency: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { value: v, currency } = value as { value?: unknown; currency?: unknown };
  if (typeof v !== 'string' || typeof currency !== 'string') return null;
  const amount = parseMoneyValue(v, currency);
  return amount === null ? null : { amount, currency };
}

function historyHolds(order: RuleOrderFacts, c: RuleCondition, now: Date, byValue: boolean): boolean {
  if (!order.customerReturns || typeof c.value !== 'object' || c.value === null) return false;
  const days = (c.value as { days?: unknown }).days;
  if (typeof days !== 'number') return false;
  const since = now.getTime() - days * DAY_MS;
  const inWindow = order.customerReturns.filter((r) => r.createdAt.getTime() >= since);
  if (!byValue) {
    const count = (c.value as { count?: unknown }).count;
    return typeof count === 'number' && numberHolds(inWindow.length, c.operator, count);
  }
  const money = moneyOf(c.value);
  if (!money) return false;
  const total = inWindow.filter((r) => r.currency === money.currency).reduce((s, r) => s + r.amount, 0);
  return numberHolds(total, c.operator, money.amount);
}

/** Whether one condition holds for the order and (for item properties) the item. */
function conditionHolds(c: RuleCondition, order: RuleOrderFacts, item: RuleItemFacts | null, now: Date): boolean {
  const optional = (v: string | null | undefined) => (v === null || v === undefined ? null : [v]);
  const text = (actual: readonly string[] | null, norm = fold) => actual !== null && textHolds(actual, c.operator, c.value, norm);
  switch (c.property) {
    case 'country':
      return text([order.country]);
    case 'postal_code':
      return text([order.postalCode], foldPostal);
    case 'order_value': {
      const money = moneyOf(c.value);
      return money !== null && money.currency === order.currency && numberHolds(order.total, c.operator, money.amount);
    }
    case 'order_age_days':
      return (
        typeof c.value === 'number' && numberHolds(Math.floor((now.getTime() - order.placedAt.getTime()) / DAY_MS), c.operator, c.value)
      );
    case 'discount_code':
      return text(order.discountCodes);
    case 'brand':
      return text(order.brandId === null ? [] : [order.brandId]);
    case 'portal':
      return text([order.portal]);
    case 'customer_returns_count':
      return historyHolds(order, c, now, false);
    case 'customer_returns_value':
      return historyHolds(order, c, now, true);
    case 'sku':
      return item !== null && text([item.sku]);
    case 'product_tag':
      return item !== null && text(item.tags);
    case 'product_type':
      return item !== null && text(optional(item.productType));
    case 'vendor':
      return item !== null && text(optional(item.vendor));
    case 'reason':
      return item !== null && text(optional(item.reason));
    case 'item_condition':
      return item !== null && text(optional(item.condition));
    default:
      return false;
  }
}

const ITEM_PROPERTIES = new Set(['sku', 'product_tag', 'product_type', 'vendor', 'reason', 'item_condition']);

/** Item scope: on the order and this item. Return scope: an item condition holds when it holds for some item. */
function ruleHolds(
  rule: ReturnRule,
  order: RuleOrderFacts,
  items: readonly RuleItemFacts[],
  item: RuleItemFacts | null,
  now: Date,
): boolean {
  const one = (c: RuleCondition) =>
    item !== null || !ITEM_PROPERTIES.has(c.property)
      ? conditionHolds(c, order, item, now)
      : items.some((i) => conditionHolds(c, order, i, now));
  const { match, conditions } = rule.criteria;
  if (conditions.length === 0) return true;
  return match === 'any' ? conditions.some(one) : conditions.every(one);
}

const intersect = (current: string[] | null, next: unknown): string[] | null => {
  const list = Array.isArray(next) ? next.filter((v): v is string => typeof v === 'string') : [];
  return current === null ? [...list] : current.filter((v) => list.includes(v));
};

export function evaluateReturnRules(input: {
  rules: readonly ReturnRule[];
  order: RuleOrderFacts;
  items: readonly RuleItemFacts[];
  now: Date;
}): RuleOutcome {
  const { order, items, now } = input;
  const decisions = new Map<string, ItemRuleDecision & { decided: boolean; photosSet: boolean }>(
    items.map((i) => [
      i.id,
      {
        id: i.id,
        blocked: null,
        windowDays: null,
        photos: { required: false, min: 0 },
        keepItem: false,
        rules: [],
        decided: false,
        photosSet: false,
      },
    ]),
  );
  const outcome: RuleOutcome = {
    items: [],
    fee: null,
    methods: null,
    carriers: null,
    resolutions: null,
    needsReview: false,
    keepAll: false,
    tags: [],
    returnAddressId: null,
    fired: [],
  };
  let feeSet = false;
  input.rules.forEach((rule, position) => {
    if (!rule.active) return;
    const hit =
      rule.scope === 'item'
        ? items.filter((i) => ruleHolds(rule, order, items, i, now))
        : ruleHolds(rule, order, items, null, now)
          ? items
          : [];
    if (hit.length === 0) return;
    outcome.fired.push({ position, name: rule.name, scope: rule.scope, itemIds: hit.map((i) => i.id) });
    for (const action of rule.actions) {
      const v = action.value;
      switch (action.identifier) {
        case 'set_fee':
        case 'waive_fee': {
          const money = moneyOf(v);
          if (!feeSet) outcome.fee = action.identifier === 'waive_fee' ? { kind: 'waive' } : money ? { kind: 'set', ...money } : null;
          feeSet = true;
          break;
        }
        case 'restrict_methods':
          outcome.methods = intersect(outcome.methods, v);
          break;
        case 'restrict_carriers':
          outcome.carriers = intersect(outcome.carriers, v);
          break;
        case 'restrict_resolutions':
          outcome.resolutions = intersect(outcome.resolutions, v);
          break;
        case 'needs_review':
          outcome.needsReview = true;
          break;
        case 'add_tag':
          if (typeof v === 'string' && !outcome.tags.includes(v)) outcome.tags.push(v);
          break;
        case 'return_address':
          if (outcome.returnAddressId === null && typeof v === 'string') outcome.returnAddressId = v;
          break;
      }
    }
    for (const item of hit) {
      const d = decisions.get(item.id);
      if (!d) continue;
      d.rules.push(position);
      for (const action of rule.actions) {
        const v = action.value;
        if ((action.identifier === 'block' || action.identifier === 'allow') && !d.decided) {
          d.decided = true;
          d.blocked = action.identifier === 'block' ? { message: typeof v === 'string' ? v : '', rule: rule.name } : null;
        } else if (action.identifier === 'set_window_days' && d.windowDays === null && typeof v === 'number') d.windowDays = v;
        else if (action.identifier === 'require_photos' && !d.photosSet && typeof v === 'number') {
          d.photosSet = true;
          d.photos = { required: true, min: v };
        } else if (action.identifier === 'keep_item') d.keepItem = true;
      }
    }
  });
  outcome.items = [...decisions.values()].map(({ decided: _d, photosSet: _p, ...d }) => d);
  outcome.keepAll = outcome.items.length > 0 && outcome.items.every((i) => i.keepItem);
  return outcome;
}
