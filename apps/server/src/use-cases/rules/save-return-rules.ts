// Saves a new version of the merchant's return rules: checked against the catalogue (a stable
// 422 code per problem), return addresses checked to be the merchant's, then appended as the next
// version (older versions stay as history; returns record the version that applied to them).
import type { ReturnRuleSet, ReturnRuleSetBody } from '@retour/contracts/return-rules';
import { checkRuleSet, type ReturnRule } from '@retour/domain/return-rules-catalogue';
import { isUniqueViolation } from '@retour/db/errors';
import { getRow } from '@retour/db/repos/config';
import { appendRuleSet, currentRuleSet } from '@retour/db/repos/return-rules';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

/** Refuses a rule set that names anything outside the catalogue or another merchant's address. */
export async function assertValidRules(ctx: Ctx, merchantId: string, rules: readonly ReturnRule[]): Promise<void> {
  const problems = checkRuleSet(rules);
  const first = problems[0];
  if (first) fail(first.code, first.message, { path: first.path, problems });
  for (const [r, rule] of rules.entries()) {
    for (const [a, action] of rule.actions.entries()) {
      if (action.identifier !== 'return_address') continue;
      const address = await getRow(ctx.db, 'addresses', merchantId, action.value as string);
      if (!address || address.kind !== 'return')
        fail('invalid_rule_value', 'Use the id of one of your addresses of kind "return".', { path: ['rules', r, 'actions', a, 'value'] });
    }
  }
}

/** Actions that decide what the merchant pays (as on portals, only owners change them). */
const OWNER_ACTIONS = new Set(['set_fee', 'waive_fee', 'restrict_carriers']);

/** The rules' fee and carrier decisions, in their order, as comparable text. */
function ownerPart(rules: readonly ReturnRule[]): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  const parts = rules
    .filter((r) => r.actions.some((a) => OWNER_ACTIONS.has(a.identifier)))
    .map((r) => ({
      active: r.active,
      scope: r.scope,
      criteria: r.criteria,
      actions: r.actions.filter((a) => OWNER_ACTIONS.has(a.identifier)),
    }));
  return JSON.stringify(sorted(parts));
}

export async function saveReturnRules(
  ctx: Ctx,
  merchantId: string,
  auth: { actor: string; role?: 'owner' | 'staff' | 'api' | undefined },
  body: ReturnRuleSetBody,
): Promise<ReturnRuleSet> {
  const actor = auth.actor;
  const rules = body.rules as ReturnRule[];
  await assertValidRules(ctx, merchantId, rules);
  const at = ctx.now().toISOString();
  try {
    const version = await ctx.db.transaction().execute(async (tx) => {
      const row = await currentRuleSet(tx, merchantId);
      const current = row?.version ?? 0;
      if (auth.role === 'staff' && ownerPart(rules) !== ownerPart(row ? (JSON.parse(row.rules) as ReturnRule[]) : []))
        fail('forbidden', 'Only an owner can change rules that set or waive the return fee or restrict carriers.');
      if (body.baseVersion !== undefined && body.baseVersion !== current)
        fail('conflict', `Your return rules were changed meanwhile (now version ${current}). Load them again and redo your edit.`, {
          currentVersion: current,
        });
      return appendRuleSet(tx, { merchantId, rules: JSON.stringify(rules), createdBy: actor, createdAt: at, expectedVersion: current });
    });
    return { version, rules, createdAt: at, createdBy: actor };
  } catch (error) {
    if (isUniqueViolation(error))
      fail('conflict', 'Your return rules were saved by someone else at the same moment. Load them again and retry.');
    throw error;
  }
}
