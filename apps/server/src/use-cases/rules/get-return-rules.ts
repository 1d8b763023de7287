// The return rules in force (or one saved version) and the list of versions.
import type { z } from 'zod';
import type { ReturnRuleSet, ReturnRuleVersionsSchema } from '@retour/contracts/return-rules';
import type { ReturnRule } from '@retour/domain/return-rules-catalogue';
import { currentRuleSet, listRuleSetVersions, ruleSetVersion } from '@retour/db/repos/return-rules';
import type { ReturnRuleSetsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

function view(row: ReturnRuleSetsTable | undefined): ReturnRuleSet {
  if (!row) return { version: 0, rules: [], createdAt: null, createdBy: null };
  return { version: row.version, rules: JSON.parse(row.rules) as ReturnRule[], createdAt: row.createdAt, createdBy: row.createdBy };
}

export async function getReturnRules(ctx: Ctx, merchantId: string, version?: number): Promise<ReturnRuleSet> {
  if (version === undefined) return view(await currentRuleSet(ctx.db, merchantId));
  const row = await ruleSetVersion(ctx.db, merchantId, version);
  if (!row) fail('not_found', `There is no version ${version} of your return rules; list them with GET /api/v1/return-rules/versions.`);
  return view(row);
}

export async function listReturnRuleVersions(ctx: Ctx, merchantId: string): Promise<z.infer<typeof ReturnRuleVersionsSchema>> {
  return { data: await listRuleSetVersions(ctx.db, merchantId, 500) };
}
