import { describe, expect, it } from 'vitest';
import { matchShippingRule, type ShippingRuleFacts } from '../src/shipping-rules.ts';

const rules: ShippingRuleFacts[] = [
  { id: 'r-be', position: 2, conditions: [{ field: 'integration', op: 'eq', value: 'Webshop BE' }], senderAddressId: 'be' },
  { id: 'r-de', position: 1, conditions: [{ field: 'country', op: 'in', value: ['de', 'AT'] }], senderAddressId: 'de' },
  {
    id: 'r-vip',
    position: 0,
    conditions: [
      { field: 'tag', op: 'eq', value: 'vip' },
      { field: 'integration', op: 'eq', value: 'Webshop BE' },
    ],
    senderAddressId: 'vip',
  },
  { id: 'r-sku', position: 3, conditions: [{ field: 'sku', op: 'in', value: ['SKU-1', 'SKU-2'] }], senderAddressId: 'sku' },
];
const order = (over: Partial<{ integration: string; country: string; tags: string[]; skus: string[] }> = {}) => ({
  integration: 'Webshop NL',
  country: 'NL',
  tags: [],
  skus: ['X'],
  ...over,
});

describe('shipping rules: first matching rule by position wins', () => {
  it.each([
    ['integration eq', order({ integration: 'Webshop BE' }), 'be'],
    ['country in, case-insensitive', order({ country: 'at' }), 'de'],
    ['all conditions of the lowest position', order({ integration: 'Webshop BE', tags: ['vip'] }), 'vip'],
    ['a tag alone is not enough for the vip rule', order({ tags: ['vip'] }), null],
    ['sku in, any item', order({ skus: ['Y', 'SKU-2'] }), 'sku'],
    ['position beats list order: DE order from Webshop BE', order({ integration: 'Webshop BE', country: 'DE' }), 'de'],
    ['no match', order(), null],
  ])('%s', (_name, facts, expected) => {
    expect(matchShippingRule(rules, facts)?.senderAddressId ?? null).toBe(expected);
  });

  it('a rule without conditions matches every order', () => {
    expect(matchShippingRule([{ id: 'all', position: 9, conditions: [], senderAddressId: 'x' }], order())?.id).toBe('all');
  });

  it('ties on position are broken by id, whatever the input order', () => {
    const a = { id: 'a', position: 1, conditions: [], senderAddressId: 'A' };
    const b = { id: 'b', position: 1, conditions: [], senderAddressId: 'B' };
    expect(matchShippingRule([b, a], order())?.id).toBe('a');
    expect(matchShippingRule([a, b], order())?.id).toBe('a');
  });
});
