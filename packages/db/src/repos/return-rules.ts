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
    .where('r.status', 'not in', ['cancelled', 'rejected', 'payment_failed', 'expired'])
    .groupBy(['r.id', 'r.createdAt', 'r.currency'])
    .execute();
  return rows.map((r) => ({ createdAt: r.createdAt, amount: Number(r.amount), currency: r.currency }));
}

export type SimulationReturn = {
  id: string;
  reference: string;
  orderId: string;
  portalId: string | null;
  method: string;
  feeAmount: number;
  currency: string;
  status: string;
  createdAt: string;
  contactEmailNorm: string;
  items: { orderItemId: string; quantity: number; reason: string; unitPrice: number; sku: string }[];
};

/** The merchant's returns created in [from, to], newest first, at most `limit`, with their items. */
export async function returnsForSimulation(
  db: Executor,
  merchantId: string,
  q: { from: string; to: string; limit: number },
): Promise<SimulationReturn[]> {
  const rets = await db
    .selectFrom('returns')
    .select(['id', 'reference', 'orderId', 'portalId', 'method', 'feeAmount', 'currency', 'status', 'createdAt', 'contactEmailNorm'])
    .where('merchantId', '=', merchantId)
    .where('createdAt', '>=', q.from)
    .where('createdAt', '<=', q.to)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  const items = new Map<string, SimulationReturn['items']>();
  for (let i = 0; i < rets.length; i += 500) {
    const ids = rets.slice(i, i + 500).map((r) => r.id);
    const rows = await db
      .selectFrom('returnItems')
      .select(['returnId', 'orderItemId', 'quantity', 'reason', 'unitPrice', 'sku'])
      .where('merchantId', '=', merchantId)
      .where('returnId', 'in', ids)
      .orderBy('returnId')
      .orderBy('position')
      .execute();
    for (const { returnId, ...item } of rows) items.set(returnId, [...(items.get(returnId) ?? []), item]);
  }
  return rets.map((r) => ({ ...r, items: items.get(r.id) ?? [] }));
}
