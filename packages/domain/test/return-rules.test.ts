import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, PROPERTIES, type ReturnRule, type RuleCondition } from '../src/return-rules-catalogue.ts';
import { allowedEvents, RETURN_STATUSES, type ReturnStatus, transition } from '../src/state-machine.ts';
import { evaluateReturnRules, needsCustomerHistory, type RuleItemFacts, type RuleOrderFacts } from '../src/return-rules.ts';

const now = new Date('2026-06-30T12:00:00Z');
const order = (over: Partial<RuleOrderFacts> = {}): RuleOrderFacts => ({
  country: 'NL',
  postalCode: '1012 AB',
  total: 12_000,
  currency: 'EUR',
  placedAt: new Date('2026-06-20T12:00:00Z'),
  discountCodes: ['SUMMER'],
  brandId: 'brd_1',
  portal: 'shop-nl',
  ...over,
});
const item = (id: string, over: Partial<RuleItemFacts> = {}): RuleItemFacts => ({
  id,
  sku: `SKU-${id}`,
  tags: [],
  productType: null,
  vendor: null,
  ...over,
});
const rule = (conditions: RuleCondition[], actions: ReturnRule['actions'], over: Partial<ReturnRule> = {}): ReturnRule => ({
  name: over.name ?? 'r',
  active: true,
  scope: 'item',
  criteria: { match: 'all', conditions },
  actions,
  ...over,
});
const block = (message = 'No') => [{ identifier: 'block', value: message }];
const blocked = (r: ReturnRule, o: RuleOrderFacts, i: RuleItemFacts) =>
  evaluateReturnRules({ rules: [r], order: o, items: [i], now }).items[0]?.blocked !== null;

describe('return rules: each property and operator', () => {
  it.each<[string, RuleCondition, Partial<RuleOrderFacts>, Partial<RuleItemFacts>, boolean]>([
    ['country eq (any case)', { property: 'country', operator: 'eq', value: 'nl' }, {}, {}, true],
    ['country neq', { property: 'country', operator: 'neq', value: 'NL' }, {}, {}, false],
    ['country in', { property: 'country', operator: 'in', value: ['DE', 'BE'] }, { country: 'BE' }, {}, true],
    ['country not_in', { property: 'country', operator: 'not_in', value: ['DE', 'BE'] }, {}, {}, true],
    ['postal prefix (territory)', { property: 'postal_code', operator: 'starts_with', value: '35' }, { postalCode: '35 001' }, {}, true],
    ['postal prefix other', { property: 'postal_code', operator: 'starts_with', value: '35' }, {}, {}, false],
    ['order value gte', { property: 'order_value', operator: 'gte', value: { value: '120.00', currency: 'EUR' } }, {}, {}, true],
    ['order value gt', { property: 'order_value', operator: 'gt', value: { value: '120.00', currency: 'EUR' } }, {}, {}, false],
    ['order value other currency', { property: 'order_value', operator: 'lt', value: { value: '999.00', currency: 'GBP' } }, {}, {}, false],
    ['order age lt', { property: 'order_age_days', operator: 'lt', value: 11 }, {}, {}, true],
    ['order age eq', { property: 'order_age_days', operator: 'eq', value: 10 }, {}, {}, true],
    ['order age gt', { property: 'order_age_days', operator: 'gt', value: 10 }, {}, {}, false],
    ['sku in', { property: 'sku', operator: 'in', value: ['SKU-a'] }, {}, {}, true],
    ['sku starts_with', { property: 'sku', operator: 'starts_with', value: 'sku-' }, {}, {}, true],
    ['tag eq', { property: 'product_tag', operator: 'eq', value: 'final' }, {}, { tags: ['x', 'Final'] }, true],
    ['tag not_in without tags', { property: 'product_tag', operator: 'not_in', value: ['final'] }, {}, {}, true],
    ['type eq', { property: 'product_type', operator: 'eq', value: 'Swimwear' }, {}, { productType: 'swimwear' }, true],
    ['type unknown', { property: 'product_type', operator: 'neq', value: 'Swimwear' }, {}, {}, false],
    ['vendor in', { property: 'vendor', operator: 'in', value: ['Acme'] }, {}, { vendor: 'Acme' }, true],
    ['discount code', { property: 'discount_code', operator: 'eq', value: 'summer' }, {}, {}, true],
    ['discount code none', { property: 'discount_code', operator: 'eq', value: 'summer' }, { discountCodes: [] }, {}, false],
    ['reason before choice', { property: 'reason', operator: 'eq', value: 'damaged' }, {}, {}, false],
    ['reason chosen', { property: 'reason', operator: 'eq', value: 'damaged' }, {}, { reason: 'damaged' }, true],
    ['condition chosen', { property: 'item_condition', operator: 'in', value: ['used', 'damaged'] }, {}, { condition: 'used' }, true],
    ['brand eq', { property: 'brand', operator: 'eq', value: 'brd_1' }, {}, {}, true],
    ['brand without brand', { property: 'brand', operator: 'eq', value: 'brd_1' }, { brandId: null }, {}, false],
    ['portal neq', { property: 'portal', operator: 'neq', value: 'shop-be' }, {}, {}, true],
    ['history not loaded', { property: 'customer_returns_count', operator: 'gte', value: { days: 30, count: 0 } }, {}, {}, false],
    [
      'history count in window',
      { property: 'customer_returns_count', operator: 'gte', value: { days: 30, count: 2 } },
      {
        customerReturns: [
          { createdAt: new Date('2026-06-10T00:00:00Z'), amount: 1000, currency: 'EUR' },
          { createdAt: new Date('2026-06-25T00:00:00Z'), amount: 1000, currency: 'EUR' },
          { createdAt: new Date('2026-01-01T00:00:00Z'), amount: 1000, currency: 'EUR' },
        ],
      },
      {},
      true,
    ],
    [
      'history count outside window',
      { property: 'customer_returns_count', operator: 'gte', value: { days: 10, count: 2 } },
      { customerReturns: [{ createdAt: new Date('2026-06-10T00:00:00Z'), amount: 1000, currency: 'EUR' }] },
      {},
      false,
    ],
    [
      'history value in currency',
      { property: 'customer_returns_value', operator: 'gt', value: { days: 30, value: '15.00', currency: 'EUR' } },
      {
        customerReturns: [
          { createdAt: new Date('2026-06-10T00:00:00Z'), amount: 1000, currency: 'EUR' },
          { createdAt: new Date('2026-06-11T00:00:00Z'), amount: 1000, currency: 'EUR' },
          { createdAt: new Date('2026-06-11T00:00:00Z'), amount: 9000, currency: 'GBP' },
        ],
      },
      {},
      true,
    ],
    ['unknown property never holds', { property: 'colour', operator: 'eq', value: 'red' }, {}, {}, false],
  ])('%s', (_label, condition, o, i, expected) => {
    expect(blocked(rule([condition], block()), order(o), item('a', i))).toBe(expected);
  });
});

describe('return rules: precedence and actions', () => {
  const items = [item('a', { tags: ['final'] }), item('b', { vendor: 'Acme' })];
  it('the first allow/block for an item wins; fired rules are listed with their items', () => {
    const out = evaluateReturnRules({
      rules: [
        rule([{ property: 'vendor', operator: 'eq', value: 'Acme' }], [{ identifier: 'allow', value: null }], { name: 'acme ok' }),
        rule([], block('Final sale items stay with you.'), { name: 'block all' }),
      ],
      order: order(),
      items,
      now,
    });
    expect(out.items.map((d) => d.blocked?.message ?? null)).toEqual(['Final sale items stay with you.', null]);
    expect(out.items[0]?.blocked?.rule).toBe('block all');
    expect(out.fired).toEqual([
      { position: 0, name: 'acme ok', scope: 'item', itemIds: ['b'] },
      { position: 1, name: 'block all', scope: 'item', itemIds: ['a', 'b'] },
    ]);
  });
  it('inactive rules never fire', () => {
    const out = evaluateReturnRules({ rules: [rule([], block(), { active: false })], order: order(), items, now });
    expect(out.fired).toEqual([]);
    expect(out.items.every((d) => d.blocked === null)).toBe(true);
  });
  it('any: one condition is enough; all: every one', () => {
    const conditions: RuleCondition[] = [
      { property: 'country', operator: 'eq', value: 'DE' },
      { property: 'sku', operator: 'eq', value: 'SKU-a' },
    ];
    const any = rule(conditions, block(), { criteria: { match: 'any', conditions } });
    const all = rule(conditions, block());
    expect(blocked(any, order(), item('a'))).toBe(true);
    expect(blocked(all, order(), item('a'))).toBe(false);
  });
  it('return scope: an item condition holds when some item matches, and its block covers every item', () => {
    const r = rule(
      [{ property: 'product_tag', operator: 'eq', value: 'final' }],
      block('Orders with final sale items are returned by phone.'),
      {
        scope: 'return',
      },
    );
    const out = evaluateReturnRules({ rules: [r], order: order(), items, now });
    expect(out.items.map((d) => d.blocked !== null)).toEqual([true, true]);
  });
  it('combines return-level actions: first fee wins, restrictions intersect, review and tags add up', () => {
    const out = evaluateReturnRules({
      rules: [
        rule(
          [],
          [
            { identifier: 'waive_fee', value: null },
            { identifier: 'restrict_methods', value: ['drop_off', 'pickup'] },
            { identifier: 'add_tag', value: 'vip' },
            { identifier: 'return_address', value: 'adr_2' },
          ],
        ),
        rule(
          [],
          [
            { identifier: 'set_fee', value: { value: '4.95', currency: 'EUR' } },
            { identifier: 'restrict_methods', value: ['pickup', 'in_store'] },
            { identifier: 'restrict_resolutions', value: ['store_credit'] },
            { identifier: 'needs_review', value: null },
            { identifier: 'add_tag', value: 'check' },
            { identifier: 'return_address', value: 'adr_3' },
            { identifier: 'set_window_days', value: 60 },
            { identifier: 'require_photos', value: 2 },
            { identifier: 'keep_item', value: null },
          ],
        ),
      ],
      order: order(),
      items,
      now,
    });
    expect(out.fee).toEqual({ kind: 'waive' });
    expect(out.methods).toEqual(['pickup']);
    expect(out.resolutions).toEqual(['store_credit']);
    expect(out.carriers).toBeNull();
    expect(out.needsReview).toBe(true);
    expect(out.tags).toEqual(['vip', 'check']);
    expect(out.returnAddressId).toBe('adr_2');
    expect(out.keepAll).toBe(true);
    expect(out.items[0]).toMatchObject({ windowDays: 60, photos: { required: true, min: 2 }, keepItem: true, rules: [0, 1] });
  });
  it('history is needed only when an active rule reads it', () => {
    const history = rule([{ property: 'customer_returns_count', operator: 'gt', value: { days: 30, count: 3 } }], block());
    expect(needsCustomerHistory([rule([], block())])).toBe(false);
    expect(needsCustomerHistory([history])).toBe(true);
    expect(needsCustomerHistory([{ ...history, active: false }])).toBe(false);
  });
});

describe('return rules: checking a rule set', () => {
  it.each<[string, ReturnRule, string | null]>([
    ['valid', rule([{ property: 'country', operator: 'in', value: ['DE'] }], block('x')), null],
    ['unknown property', rule([{ property: 'colour', operator: 'eq', value: 'red' }], block()), 'unknown_rule_property'],
    ['prototype name is not a property', rule([{ property: 'toString', operator: 'eq', value: 'x' }], block()), 'unknown_rule_property'],
    ['operator not for the property', rule([{ property: 'country', operator: 'gt', value: 'DE' }], block()), 'unknown_rule_operator'],
    ['list operator needs a list', rule([{ property: 'sku', operator: 'in', value: 'A' }], block()), 'invalid_rule_value'],
    ['number needed', rule([{ property: 'order_age_days', operator: 'gt', value: '3' }], block()), 'invalid_rule_value'],
    [
      'money needed',
      rule([{ property: 'order_value', operator: 'gt', value: { value: 'x', currency: 'EUR' } }], block()),
      'invalid_rule_value',
    ],
    [
      'condition value outside allowed',
      rule([{ property: 'item_condition', operator: 'eq', value: 'broken' }], block()),
      'invalid_rule_value',
    ],
    ['unknown action', rule([], [{ identifier: 'explode', value: null }]), 'unknown_rule_action'],
    ['block needs a message', rule([], [{ identifier: 'block', value: '' }]), 'invalid_rule_value'],
    ['method not known', rule([], [{ identifier: 'restrict_methods', value: ['teleport'] }]), 'invalid_rule_value'],
    ['photos 1–10', rule([], [{ identifier: 'require_photos', value: 11 }]), 'invalid_rule_value'],
  ])('%s', (_label, r, code) => {
    const problems = checkRuleSet([r]);
    expect(problems[0]?.code ?? null).toBe(code);
  });
});

describe('return rules: properties', () => {
  const arbItem = fc.record({
    id: fc.uuid(),
    sku: fc.constantFrom('A', 'B', 'C'),
    tags: fc.array(fc.constantFrom('final', 'sale', 'new'), { maxLength: 3 }),
    productType: fc.option(fc.constantFrom('shoes', 'shirts'), { nil: null }),
    vendor: fc.option(fc.constantFrom('Acme', 'Globex'), { nil: null }),
  });
  const arbCondition: fc.Arbitrary<RuleCondition> = fc.oneof(
    fc.record({ property: fc.constant('sku'), operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom('A', 'B') }),
    fc.record({ property: fc.constant('product_tag'), operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom('final', 'sale') }),
    fc.record({ property: fc.constant('vendor'), operator: fc.constantFrom('eq', 'neq'), value: fc.constant('Acme') }),
    fc.record({ property: fc.constant('country'), operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom('NL', 'DE') }),
  );
  const arbRule: fc.Arbitrary<ReturnRule> = fc.record({
    name: fc.string({ maxLength: 5 }),
    active: fc.boolean(),
    scope: fc.constantFrom('item', 'return'),
    criteria: fc.record({ match: fc.constantFrom('all', 'any'), conditions: fc.array(arbCondition, { maxLength: 3 }) }),
    actions: fc.array(
      fc.oneof(
        fc.constant({ identifier: 'block', value: 'no' }),
        fc.constant({ identifier: 'allow', value: null }),
        fc.constant({ identifier: 'needs_review', value: null }),
        fc.record({
          identifier: fc.constant('restrict_methods'),
          value: fc.subarray(['drop_off', 'pickup', 'in_store'], { minLength: 1 }),
        }),
      ),
      { maxLength: 3 },
    ),
  }) as fc.Arbitrary<ReturnRule>;
  const arbInput = fc.record({
    rules: fc.array(arbRule, { maxLength: 6 }),
    items: fc.uniqueArray(arbItem, { selector: (i) => i.id, maxLength: 4 }),
  });

  it('the rule set is valid against the catalogue, and there is one decision per item, in order', () => {
    fc.assert(
      fc.property(arbInput, ({ rules, items }) => {
        expect(checkRuleSet(rules)).toEqual([]);
        const out = evaluateReturnRules({ rules, order: order(), items, now });
        expect(out.items.map((d) => d.id)).toEqual(items.map((i) => i.id));
      }),
    );
  });
  it('a block comes from a fired rule that blocks, and its rule is listed as fired for that item', () => {
    fc.assert(
      fc.property(arbInput, ({ rules, items }) => {
        const out = evaluateReturnRules({ rules, order: order(), items, now });
        for (const d of out.items) {
          if (!d.blocked) continue;
          // Names may repeat (they are free text): some fired rule of that name blocks this item.
          const blockers = out.fired.filter(
            (f) =>
              f.itemIds.includes(d.id) && f.name === d.blocked?.rule && rules[f.position]?.actions.some((a) => a.identifier === 'block'),
          );
          expect(blockers.length).toBeGreaterThan(0);
        }
      }),
    );
  });
  it('appending a rule never changes what earlier rules decided for allow/block, and deactivating all fires nothing', () => {
    fc.assert(
      fc.property(arbInput, arbRule, ({ rules, items }, extra) => {
        const before = evaluateReturnRules({ rules, order: order(), items, now });
        const after = evaluateReturnRules({ rules: [...rules, extra], order: order(), items, now });
        before.items.forEach((d, k) => {
          if (d.blocked) expect(after.items[k]?.blocked).toEqual(d.blocked);
        });
        const off = evaluateReturnRules({ rules: rules.map((r) => ({ ...r, active: false })), order: order(), items, now });
        expect(off.fired).toEqual([]);
        expect(off.needsReview).toBe(false);
      }),
    );
  });
  it('restrictions only narrow: the methods allowed are within every fired restriction', () => {
    fc.assert(
      fc.property(arbInput, ({ rules, items }) => {
        const out = evaluateReturnRules({ rules, order: order(), items, now });
        if (out.methods === null) return;
        for (const f of out.fired)
          for (const a of rules[f.position]?.actions ?? [])
            if (a.identifier === 'restrict_methods') for (const m of out.methods) expect(a.value as string[]).toContain(m);
      }),
    );
  });
  it('every property in the catalogue has at least one operator', () => {
    for (const spec of Object.values(PROPERTIES)) expect(spec.operators.length).toBeGreaterThan(0);
  });
});

describe('keep the item: the state machine', () => {
  it.each<[ReturnStatus | null, ReturnStatus | null]>([
    ['open', 'received'],
    [null, null],
    ['requested', null],
    ['awaiting_payment', null],
    ['in_transit', null],
    ['received', null],
  ])('keep from %s → %s', (from, to) => {
    const result = transition(from, { type: 'keep' });
    expect(result.ok ? result.status : null).toBe(to);
  });
  it('is not offered to staff as an action', () => {
    for (const s of RETURN_STATUSES) expect(allowedEvents(s)).not.toContain('keep');
  });
});
