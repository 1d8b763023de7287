// Merchant API for return rules: the rule set in force and its versions, saving a new version,
// the discovery lists (properties, operators, actions) and the policy simulator.
import { ErrorSchema } from '@retour/contracts/common';
import {
  ReturnRuleSetBodySchema,
  ReturnRuleSetSchema,
  ReturnRuleVersionsSchema,
  RuleActionsSchema,
  RuleOperatorsSchema,
  RulePropertiesSchema,
  RuleVersionParamsSchema,
  SimulateBodySchema,
  SimulationSchema,
} from '@retour/contracts/return-rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { getReturnRules, listReturnRuleVersions } from '../use-cases/rules/get-return-rules.ts';
import { listRuleActions, listRuleOperators, listRuleProperties } from '../use-cases/rules/list-rule-catalogue.ts';
import { saveReturnRules } from '../use-cases/rules/save-return-rules.ts';
import { simulateReturnRules } from '../use-cases/rules/simulate-return-rules.ts';

const tags = ['return-rules'];
const read = { 401: ErrorSchema };
const write = { 400: ErrorSchema, 401: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

export function merchantReturnRuleRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/return-rules',
      { schema: { tags, summary: 'The return rules in force (the newest version)', response: { 200: ReturnRuleSetSchema, ...read } } },
      async (req) => getReturnRules(ctx, authOf(req).merchantId),
    );
    app.put(
      '/return-rules',
      {
        schema: {
          tags,
          summary: 'Save the ordered return rules as a new version (older versions stay as history)',
          body: ReturnRuleSetBodySchema,
          response: { 200: ReturnRuleSetSchema, 403: ErrorSchema, ...write },
        },
      },
      async (req) => {
        const auth = authOf(req);
        return saveReturnRules(ctx, auth.merchantId, auth, req.body);
      },
    );
    app.get(
      '/return-rules/versions',
      {
        schema: { tags, summary: 'Saved versions of the return rules, newest first', response: { 200: ReturnRuleVersionsSchema, ...read } },
      },
      async (req) => listReturnRuleVersions(ctx, authOf(req).merchantId),
    );
    app.get(
      '/return-rules/versions/:version',
      {
        schema: {
          tags,
          summary: 'One saved version of the return rules',
          params: RuleVersionParamsSchema,
          response: { 200: ReturnRuleSetSchema, 400: ErrorSchema, 404: ErrorSchema, ...read },
        },
      },
      async (req) => getReturnRules(ctx, authOf(req).merchantId, req.params.version),
    );
    app.get(
      '/return-rules/properties',
      {
        schema: {
          tags,
          summary: 'What a rule condition may test, with its operators and value type',
          response: { 200: RulePropertiesSchema, ...read },
        },
      },
      async (req) => {
        authOf(req);
        return listRuleProperties();
      },
    );
    app.get(
      '/return-rules/operators',
      { schema: { tags, summary: 'The operators a rule condition may use', response: { 200: RuleOperatorsSchema, ...read } } },
      async (req) => {
        authOf(req);
        return listRuleOperators();
      },
    );
    app.get(
      '/return-rules/actions',
      { schema: { tags, summary: 'What a rule may do, with its value type', response: { 200: RuleActionsSchema, ...read } } },
      async (req) => {
        authOf(req);
        return listRuleActions();
      },
    );
    app.post(
      '/return-rules/simulate',
      {
        schema: {
          tags,
          summary: 'Run draft rules over past returns and show what would have changed (nothing is saved)',
          body: SimulateBodySchema,
          response: { 200: SimulationSchema, ...write },
        },
      },
      async (req) => simulateReturnRules(ctx, authOf(req).merchantId, req.body),
    );
  };
}
