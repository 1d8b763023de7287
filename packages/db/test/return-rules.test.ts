import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../src/errors.ts';
import { insertReturn } from '../src/repos/returns.ts';
import {
  appendRuleSet,
  currentRuleSet,
  customerReturnsSince,
  listRuleSetVersions,
  returnsForSimulation,
  ruleSetVersion,
} from '../src/repos/return-rules.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';
import { at, makeReturn, makeReturnItem } from './helpers.ts';

const M = 'mer_rules';
const OTHER = 'mer_rules_other';
const DAY = 86_400_000;

describe('return rules repository', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('appends versions per merchant; the newest is in force; a second save of the same version fails on the key', async () => {
    expect(await currentRuleSet(h.db, M)).toBeUndefined();
    const row = (n: number) => ({ merchantId: M, rules: JSON.stringify([{ name: `v${n}` }]), createdBy: 'staff', createdAt: at(n) });
    expect(await appendRuleSet(h.db, { ...row(1), expectedVersion: 0 })).toBe(1);
    expect(await appendRuleSet(h.db, { ...row(2), expectedVersion: 1 })).toBe(2);
    await appendRuleSet(h.db, { merchantId: OTHER, rules: '[]', createdBy: 'x', createdAt: at(), expectedVersion: 0 });
    expect((await currentRuleSet(h.db, M))?.rules).toBe(JSON.stringify([{ name: 'v2' }]));
    expect((await ruleSetVersion(h.db, M, 1))?.rules).toBe(JSON.stringify([{ name: 'v1' }]));
    expect(await ruleSetVersion(h.db, OTHER, 2)).toBeUndefined();
    expect((await listRuleSetVersions(h.db, M, 10)).map((v) => v.version)).toEqual([2, 1]);
    const clash = await appendRuleSet(h.db, { ...row(3), expectedVersion: 1 }).catch((e: unknown) => e);
    expect(isUniqueViolation(clash)).toBe(true);
  });

  it("sums a customer's earlier returns since an instant, per return, leaving out cancelled ones and other merchants", async () => {
    const make = async (merchantId: string, createdAt: string, status: string, prices: number[], email = 'shopper@example.com') => {
      const ret = makeReturn({ merchantId, orderId: 'ord_1', createdAt, status, contactEmailNorm: email });
      await insertReturn(
        h.db,
        ret,
        prices.map((unitPrice, position) =>
          makeReturnItem({ merchantId, returnId: ret.id, orderItemId: `oit_${position}`, position, unitPrice, quantity: 2 }),
        ),
      );
      return ret;
    };
    await make(M, at(-40 * DAY), 'completed', [1000]);
    const recent = await make(M, at(-5 * DAY), 'open', [1000, 250]);
    await make(M, at(-3 * DAY), 'cancelled', [999]);
    await make(M, at(-2 * DAY), 'open', [999], 'someone@else.com');
    await make(OTHER, at(-1 * DAY), 'open', [999]);
    const rows = await customerReturnsSince(h.db, M, 'shopper@example.com', at(-30 * DAY));
    expect(rows).toEqual([{ createdAt: recent.createdAt, amount: 2500, currency: 'EUR' }]);

    const sim = await returnsForSimulation(h.db, M, { from: at(-30 * DAY), to: at(), limit: 10 });
    expect(sim.map((r) => r.createdAt)).toEqual([at(-2 * DAY), at(-3 * DAY), at(-5 * DAY)]);
    expect(sim[2]?.items.map((i) => i.unitPrice)).toEqual([1000, 250]);
  });
});
