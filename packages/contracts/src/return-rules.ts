// Return rules (`/api/v1/return-rules`): the rule set, its versions, the discovery lists and the
// policy simulator. Names of properties, operators and actions are checked against the domain's
// catalogue by the use case (422 with a stable code), so the schema here keeps them as strings.
import { z } from 'zod';
import { InstantSchema, MoneySchema } from './common.ts';

const RuleValueSchema = z.unknown().describe('Depends on the property or action: see GET /api/v1/return-rules/properties and /actions.');

export const ReturnRuleConditionSchema = z
  .object({
    property: z.string().min(1).max(60),
    operator: z.string().min(1).max(20),
    value: RuleValueSchema,
  })
  .strict();

export const ReturnRuleActionSchema = z
  .object({
    identifier: z.string().min(1).max(60),
    value: RuleValueSchema.optional(),
  })
  .strict();

export const ReturnRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean().default(true),
    scope: z.enum(['item', 'return']).describe('item: tested per item; return: tested once for the whole return.'),
    criteria: z
      .object({
        match: z.enum(['all', 'any']),
        conditions: z.array(ReturnRuleConditionSchema).max(100),
      })
      .strict(),
    actions: z.array(ReturnRuleActionSchema).min(1).max(50),
  })
  .strict();
export type ReturnRuleInput = z.infer<typeof ReturnRuleSchema>;

export const ReturnRuleSetBodySchema = z
  .object({
    rules: z.array(ReturnRuleSchema).describe('In order: earlier rules win for allow/block, window, fee, photos and return address.'),
    baseVersion: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The version this edit started from; a newer saved version answers 409 conflict.'),
  })
  .strict();
export type ReturnRuleSetBody = z.infer<typeof ReturnRuleSetBodySchema>;

export const ReturnRuleSetSchema = z.object({
  version: z.number().int().describe('0: no rules saved yet.'),
  rules: z.array(ReturnRuleSchema),
  createdAt: InstantSchema.nullable(),
  createdBy: z.string().nullable(),
});
export type ReturnRuleSet = z.infer<typeof ReturnRuleSetSchema>;

export const ReturnRuleVersionsSchema = z.object({
  data: z.array(z.object({ version: z.number().int(), createdAt: InstantSchema, createdBy: z.string() })),
});

export const RuleVersionParamsSchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000_000) });

export const RulePropertiesSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['text', 'text_list', 'integer', 'money', 'window', 'window_money']),
      operators: z.array(z.string()),
      description: z.string(),
      allowedValues: z.array(z.string()).nullable(),
    }),
  ),
});
export const RuleOperatorsSchema = z.object({
  data: z.array(z.object({ name: z.string(), label: z.string(), valueList: z.boolean() })),
});
export const RuleActionsSchema = z.object({
  data: z.array(
    z.object({
      identifier: z.string(),
      type: z.enum(['none', 'message', 'integer', 'money', 'text', 'text_list']),
      description: z.string(),
      allowedValues: z.array(z.string()).nullable(),
    }),
  ),
});

/** What the rules decided for a return: shown to staff on the return. */
export const RuleOutcomeViewSchema = z.object({
  version: z.number().int(),
  fired: z.array(
    z.object({ position: z.number().int(), name: z.string(), scope: z.enum(['item', 'return']), itemIds: z.array(z.string()) }),
  ),
  tags: z.array(z.string()),
  needsReview: z.boolean(),
  keptItemIds: z.array(z.string()),
  photos: z.array(z.object({ orderItemId: z.string(), min: z.number().int() })),
  returnAddressId: z.string().nullable(),
});
export type RuleOutcomeView = z.infer<typeof RuleOutcomeViewSchema>;

export const SimulateBodySchema = z
  .object({
    rules: z.array(ReturnRuleSchema),
    from: InstantSchema.optional().describe('Returns created from this instant on (default: 90 days ago).'),
    to: InstantSchema.optional().describe('Returns created up to this instant (default: now).'),
    limit: z.number().int().min(1).max(5000).default(1000).describe('At most this many past returns, newest first.'),
  })
  .strict();
export type SimulateBody = z.infer<typeof SimulateBodySchema>;

const SimChangeSchema = z.object({
  returnId: z.string(),
  reference: z.string(),
  orderNumber: z.string(),
  createdAt: InstantSchema,
  blockedItems: z.array(z.object({ orderItemId: z.string(), sku: z.string(), message: z.string(), rule: z.string() })),
  blocked: z.boolean().describe('Every item of the return would have been blocked: the return would not exist.'),
  needsReview: z.boolean(),
  feeBefore: MoneySchema,
  feeAfter: MoneySchema,
  moneyKept: MoneySchema.describe('What the merchant would have kept: the value of blocked items plus any higher fee.'),
  keptByShopper: MoneySchema.describe('Value of the items the shopper would have kept (refund without a return shipment).'),
  fired: z.array(z.string()),
});

export const SimulationSchema = z.object({
  returnsConsidered: z.number().int(),
  ordersConsidered: z.number().int(),
  returnsChanged: z.number().int(),
  returnsBlocked: z.number().int(),
  itemsBlocked: z.number().int(),
  approvalsNeeded: z.number().int().describe('Returns the rules send to review that the current set does not.'),
  feesBefore: z.array(MoneySchema).describe('Fees the returns had, per currency.'),
  feesAfter: z.array(MoneySchema).describe('Fees the draft would have charged, per currency.'),
  moneyKept: z
    .array(MoneySchema)
    .describe('Per currency: what the merchant would have kept (blocked items not refunded, fees above today’s).'),
  keptByShopper: z
    .array(MoneySchema)
    .describe('Per currency: value of items shoppers would have kept (refunded without a return shipment).'),
  ruleHits: z.array(z.object({ position: z.number().int(), name: z.string(), returns: z.number().int() })),
  changes: z.array(SimChangeSchema).describe('The returns that would have changed (at most 200, newest first).'),
});
export type Simulation = z.infer<typeof SimulationSchema>;
