// Versions of a merchant's return rules: every save appends a version; the highest is in force.
import { type Precompiled, precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import type { ReturnRuleSetsTable } from '../schema.ts';

const latest: Precompiled<[string], ReturnRuleSetsTable> = precompiled((db, merchantId: string) =>
  db.selectFrom('returnRuleSets').selectAll().where('merchantId', '=', merchantId).orderBy('version', 'desc').limit(1),
);

/** The rule set in force (the highest version), or undefined when the merchant never saved one. */
export async function currentRuleSet(db: Executor, merchantId: string): Promise<ReturnRuleSetsTable | undefined> {
  const [row] = await latest(db, merchantId);
  return row;
}

/** One version (for the history and for a return that records the version that applied). */
export async function ruleSetVersion(db: Executor, merchantId: string, version: number): Promise<ReturnRuleSetsTable | undefined> {
  return db.selectFrom('returnRuleSets').selectAll().where('merchantId', '=', merchantId).where('version', '=', version).executeTakeFirst();
}

/** The versions, newest first, without their rules. */
export async function listRuleSetVersions(
  db: Executor,
  merchantId: string,
  limit: number,
): Promise<Pick<ReturnRuleSetsTable, 'version' | 'createdAt' | 'createdBy'>[]> {
  return db
    .selectFrom('returnRuleSets')
    .select(['version', 'createdAt', 'createdBy'])
    .where('merchantId', '=', merchantId)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Appends the next version. Two saves at once: both read the same highest version and one
 * insert fails on the primary key (the caller answers 409 conflict); call inside a transaction.
 */
export async function appendRuleSet(
  db: Executor,
  row: Omit<ReturnRuleSetsTable, 'version'> & { expectedVersion: number },
): Promise<number> {
  const { expectedVersion, ...rest } = row;
  const version = expectedVersion + 1;
  await db
    .insertInto('returnRuleSets')
    .values({ ...rest, version })
    .execute();
  return version;
}

/** The customer's earlier returns (by contact email) since `since`: when and the value of their items. */
export async function customerReturnsSince(
  db: Executor,
  merchantId: string,
  emailNorm: string,
  since: string,
): Promise<{ createdAt: string; amount: number; currency: string }[]> {
  const rows = await db
    .selectFrom('returns as r')
    .innerJoin('returnItems as i', (j) => j.onRef('i.merchantId', '=', 'r.merchantId').onRef('i.returnId', '=', 'r.id'))
    .select((eb) => [
      'r.id',
      'r.createdAt',
      'r.currency',
      eb.fn.sum<number | string>(eb('i.unitPrice', '*', eb.ref('i.quantity'))).as('amount'),
    ])
    .where('r.merchantId', '=', merchantId)
    .where('r.contactEmailNorm', '=', emailNorm)
    .where('r.createdAt', '>=', since)
    .where('r.status', 'not in', ['cancelled', 'rejected', 'payment_failed'])
    .groupBy(['r.id', 'r.createdAt', 'r.currency'])
    .execute();
  return rows.map((r) => ({ createdAt: r.createdAt, amount: Number(r.amount), currency: r.currency }));
}
