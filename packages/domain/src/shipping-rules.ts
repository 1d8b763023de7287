// Shipping rules decide, when an order is imported, which sender address (and so which brand)
// it ships under. Ordered by position; the first rule whose every condition holds wins.

export type RuleField = 'integration' | 'country' | 'tag' | 'sku';
export type RuleCondition = { field: RuleField; op: 'eq' | 'in'; value: string | string[] };
export type ShippingRuleFacts = { id: string; position: number; conditions: RuleCondition[]; senderAddressId: string };
export type OrderRuleFacts = { integration: string; country: string; tags: string[]; skus: string[] };

function valuesOf(order: OrderRuleFacts, field: RuleField): string[] {
  switch (field) {
    case 'integration':
      return [order.integration];
    case 'country':
      return [order.country.toUpperCase()];
    case 'tag':
      return order.tags;
    case 'sku':
      return order.skus;
  }
}

function holds(order: OrderRuleFacts, condition: RuleCondition): boolean {
  const wanted = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((v) =>
    condition.field === 'country' ? v.toUpperCase() : v,
  );
  const actual = valuesOf(order, condition.field);
  return actual.some((v) => wanted.includes(v));
}

/** The winning rule, or null when none matches (the caller then uses the default sender address). */
export function matchShippingRule<R extends ShippingRuleFacts>(rules: readonly R[], order: OrderRuleFacts): R | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.find((rule) => rule.conditions.every((c) => holds(order, c))) ?? null;
}
