// The discovery lists: which properties, operators and actions a return rule may use.
import type { z } from 'zod';
import type { RuleActionsSchema, RuleOperatorsSchema, RulePropertiesSchema } from '@retour/contracts/return-rules';
import { ACTIONS, OPERATORS, PROPERTIES } from '@retour/domain/return-rules-catalogue';

export function listRuleProperties(): z.infer<typeof RulePropertiesSchema> {
  return {
    data: Object.entries(PROPERTIES).map(([name, spec]) => ({
      name,
      type: spec.type,
      operators: [...spec.operators],
      description: spec.description,
      allowedValues: spec.allowedValues ? [...spec.allowedValues] : null,
    })),
  };
}

export function listRuleOperators(): z.infer<typeof RuleOperatorsSchema> {
  return { data: Object.entries(OPERATORS).map(([name, spec]) => ({ name, label: spec.label, valueList: spec.valueList })) };
}

export function listRuleActions(): z.infer<typeof RuleActionsSchema> {
  return {
    data: Object.entries(ACTIONS).map(([identifier, spec]) => ({
      identifier,
      type: spec.type,
      description: spec.description,
      allowedValues: spec.allowedValues ? [...spec.allowedValues] : null,
    })),
  };
}
