/**
 * Return rules: the catalogue of what a rule may test (properties), how (operators) and what it
 * may do (actions), and the check of a rule set against it. The discovery endpoints list exactly
 * this catalogue; `evaluateReturnRules` (return-rules.ts) reads the same names.
 * Rule shape: `{name, active, scope, criteria: {match: all|any, conditions: [{property, operator,
 * value}]}, actions: [{identifier, value}]}` (after Sendcloud's shipping rules).
 */
import { RESOLUTIONS, RETURN_METHODS } from './fees.ts';
import { isKnownCurrency, parseMoneyValue } from './money.ts';
import type { CONDITIONS } from './return-ledger.ts';

export type RuleScope = 'item' | 'return';
export type RuleCondition = { property: string; operator: string; value: unknown };
export type ReturnRule = {
  name: string;
  active: boolean;
  scope: RuleScope;
  criteria: { match: 'all' | 'any'; conditions: RuleCondition[] };
  actions: { identifier: string; value: unknown }[];
};

/** What a condition's value is: the discovery endpoint names it so an editor picks the right field. */
export type ValueType = 'text' | 'text_list' | 'integer' | 'money' | 'window' | 'window_money';
export type OperatorName = 'eq' | 'neq' | 'in' | 'not_in' | 'starts_with' | 'lt' | 'lte' | 'gt' | 'gte';

export const OPERATORS: Record<OperatorName, { label: string; valueList: boolean }> = {
  eq: { label: 'is', valueList: false },
  neq: { label: 'is not', valueList: false },
  in: { label: 'is one of', valueList: true },
  not_in: { label: 'is none of', valueList: true },
  starts_with: { label: 'starts with', valueList: false },
  lt: { label: 'is less than', valueList: false },
  lte: { label: 'is at most', valueList: false },
  gt: { label: 'is more than', valueList: false },
  gte: { label: 'is at least', valueList: false },
};
const TEXT_OPS: OperatorName[] = ['eq', 'neq', 'in', 'not_in', 'starts_with'];
const NUMBER_OPS: OperatorName[] = ['eq', 'lt', 'lte', 'gt', 'gte'];

export type PropertyName =
  | 'country'
  | 'postal_code'
  | 'order_value'
  | 'order_age_days'
  | 'sku'
  | 'product_tag'
  | 'product_type'
  | 'vendor'
  | 'discount_code'
  | 'reason'
  | 'item_condition'
  | 'customer_returns_count'
  | 'customer_returns_value'
  | 'brand'
  | 'portal';

export type PropertySpec = { type: ValueType; operators: OperatorName[]; description: string; allowedValues?: readonly string[] };

/** The item's condition as the shopper states it: the same words staff record on receipt. */
export const ITEM_CONDITIONS = ['as_new', 'used', 'damaged'] as const satisfies readonly (typeof CONDITIONS)[number][];

export const PROPERTIES: Record<PropertyName, PropertySpec> = {
  country: { type: 'text', operators: ['eq', 'neq', 'in', 'not_in'], description: "Shopper's country (ISO 3166-1 alpha-2)." },
  postal_code: { type: 'text', operators: TEXT_OPS, description: "Shopper's postal code: a territory by its prefix." },
  order_value: { type: 'money', operators: NUMBER_OPS, description: 'Order total ({value, currency}; other currencies never match).' },
  order_age_days: { type: 'integer', operators: NUMBER_OPS, description: 'Whole days since the order was placed.' },
  sku: { type: 'text', operators: TEXT_OPS, description: "The item's SKU." },
  product_tag: { type: 'text', operators: TEXT_OPS, description: "One of the item's product tags." },
  product_type: { type: 'text', operators: TEXT_OPS, description: "The item's product type." },
  vendor: { type: 'text', operators: TEXT_OPS, description: "The item's vendor." },
  discount_code: { type: 'text', operators: TEXT_OPS, description: 'A discount code used on the order.' },
  reason: { type: 'text', operators: ['eq', 'neq', 'in', 'not_in'], description: 'The return reason code the shopper chose.' },
  item_condition: {
    type: 'text',
    operators: ['eq', 'neq', 'in', 'not_in'],
    description: "The item's condition as the shopper states it.",
    allowedValues: ITEM_CONDITIONS,
  },
  customer_returns_count: {
    type: 'window',
    operators: NUMBER_OPS,
    description: "Number of the customer's earlier returns in the last N days ({days, count}).",
  },
  customer_returns_value: {
    type: 'window_money',
    operators: NUMBER_OPS,
    description: "Value of the customer's earlier returns in the last N days ({days, value, currency}).",
  },
  brand: { type: 'text', operators: ['eq', 'neq', 'in', 'not_in'], description: 'The brand id of the order.' },
  portal: { type: 'text', operators: ['eq', 'neq', 'in', 'not_in'], description: 'The slug of the returns portal.' },
};

export type ActionName =
  | 'block'
  | 'allow'
  | 'set_window_days'
  | 'set_fee'
  | 'waive_fee'
  | 'restrict_methods'
  | 'restrict_carriers'
  | 'restrict_resolutions'
  | 'needs_review'
  | 'require_photos'
  | 'keep_item'
  | 'add_tag'
  | 'return_address';

export type ActionValueType = 'none' | 'message' | 'integer' | 'money' | 'text' | 'text_list';
export type ActionSpec = { type: ActionValueType; description: string; allowedValues?: readonly string[] };

export const ACTIONS: Record<ActionName, ActionSpec> = {
  block: { type: 'message', description: 'The item cannot be returned; the message tells the shopper why.' },
  allow: { type: 'none', description: 'The item can be returned (a later rule cannot block it).' },
  set_window_days: { type: 'integer', description: 'The return window for the item, in days (1–730).' },
  set_fee: { type: 'money', description: 'The return fee ({value, currency}) instead of the portal fee.' },
  waive_fee: { type: 'none', description: 'No return fee.' },
  restrict_methods: { type: 'text_list', description: 'Only these return methods.', allowedValues: RETURN_METHODS },
  restrict_carriers: { type: 'text_list', description: 'Only these carrier codes.' },
  restrict_resolutions: { type: 'text_list', description: 'Only these resolutions.', allowedValues: RESOLUTIONS },
  needs_review: { type: 'none', description: 'Staff approve the return before the shopper gets a label.' },
  require_photos: { type: 'integer', description: 'The shopper adds at least this many photos of the item (1–10).' },
  keep_item: { type: 'none', description: 'The shopper keeps the item: refunded without a return shipment.' },
  add_tag: { type: 'text', description: 'A tag on the return for staff.' },
  return_address: { type: 'text', description: 'The id of the return address the parcel goes to.' },
};

export type RuleProblem = {
  code: 'unknown_rule_property' | 'unknown_rule_operator' | 'unknown_rule_action' | 'invalid_rule_value';
  path: (string | number)[];
  message: string;
};

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 200;
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
function isMoney(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { value?: unknown; currency?: unknown };
  return (
    typeof m.value === 'string' &&
    typeof m.currency === 'string' &&
    isKnownCurrency(m.currency) &&
    parseMoneyValue(m.value, m.currency) !== null
  );
}
const isTextList = (v: unknown, allowed?: readonly string[]): boolean =>
  Array.isArray(v) && v.length > 0 && v.length <= 500 && v.every((x) => isText(x) && (!allowed || allowed.includes(x)));

function conditionValueOk(spec: PropertySpec, op: OperatorName, value: unknown): boolean {
  if (OPERATORS[op].valueList) return isTextList(value, spec.allowedValues);
  switch (spec.type) {
    case 'text':
    case 'text_list':
      return isText(value) && (!spec.allowedValues || spec.allowedValues.includes(value));
    case 'integer':
      return isInt(value, 0, 100_000);
    case 'money':
      return isMoney(value);
    case 'window':
      return (
        typeof value === 'object' &&
        value !== null &&
        isInt((value as { days?: unknown }).days, 1, 3650) &&
        isInt((value as { count?: unknown }).count, 0, 100_000)
      );
    case 'window_money':
      return typeof value === 'object' && value !== null && isInt((value as { days?: unknown }).days, 1, 3650) && isMoney(value);
  }
}

const VALUE_HINT: Record<ValueType, string> = {
  text: 'a text',
  text_list: 'a list of texts',
  integer: 'a whole number',
  money: 'an amount {"value": "10.00", "currency": "EUR"}',
  window: '{"days": 90, "count": 3}',
  window_money: '{"days": 90, "value": "100.00", "currency": "EUR"}',
};

function actionValueOk(spec: ActionSpec, name: ActionName, value: unknown): boolean {
  switch (spec.type) {
    case 'none':
      return value === null || value === undefined || value === true;
    case 'message':
      return isText(value) || (typeof value === 'string' && value.length <= 500 && value.trim().length > 0);
    case 'integer':
      return name === 'require_photos' ? isInt(value, 1, 10) : isInt(value, 1, 730);
    case 'money':
      return isMoney(value);
    case 'text':
      return isText(value);
    case 'text_list':
      return isTextList(value, spec.allowedValues);
  }
}

/** Every problem of a rule set against the catalogue (empty = valid). No cap on the number of rules. */
export function checkRuleSet(rules: readonly ReturnRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.forEach((rule, r) => {
    rule.criteria.conditions.forEach((c, i) => {
      const path = ['rules', r, 'criteria', 'conditions', i];
      const spec = PROPERTIES[c.property as PropertyName] as PropertySpec | undefined;
      if (!spec || !Object.hasOwn(PROPERTIES, c.property)) {
        problems.push({
          code: 'unknown_rule_property',
          path: [...path, 'property'],
          message: `"${c.property}" is not a rule property; use one listed by GET /api/v1/return-rules/properties.`,
        });
        return;
      }
      const op = c.operator as OperatorName;
      if (!Object.hasOwn(OPERATORS, c.operator) || !spec.operators.includes(op)) {
        problems.push({
          code: 'unknown_rule_operator',
          path: [...path, 'operator'],
          message: `"${c.property}" takes one of the operators ${spec.operators.join(', ')}.`,
        });
        return;
      }
      if (!conditionValueOk(spec, op, c.value)) {
        const hint = OPERATORS[op].valueList ? VALUE_HINT.text_list : VALUE_HINT[spec.type];
        const allowed = spec.allowedValues ? ` (one of ${spec.allowedValues.join(', ')})` : '';
        problems.push({
          code: 'invalid_rule_value',
          path: [...path, 'value'],
          message: `"${c.property} ${c.operator}" needs ${hint}${allowed}.`,
        });
      }
    });
    rule.actions.forEach((a, i) => {
      const path = ['rules', r, 'actions', i];
      if (!Object.hasOwn(ACTIONS, a.identifier)) {
        problems.push({
          code: 'unknown_rule_action',
          path: [...path, 'identifier'],
          message: `"${a.identifier}" is not a rule action; use one listed by GET /api/v1/return-rules/actions.`,
        });
        return;
      }
      const name = a.identifier as ActionName;
      const spec = ACTIONS[name];
      if (!actionValueOk(spec, name, a.value)) {
        const allowed = spec.allowedValues ? ` (of ${spec.allowedValues.join(', ')})` : '';
        problems.push({
          code: 'invalid_rule_value',
          path: [...path, 'value'],
          message: `The action "${name}" needs ${spec.type === 'none' ? 'no value' : `${spec.type.replace('_', ' ')}${allowed}`}.`,
        });
      }
    });
  });
  return problems;
}
