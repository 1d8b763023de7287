// What the merchant's return labels cost, per carrier and month (UTC months, from the carriers'
// price lists at booking time).
import { formatMoneyValue } from '@retour/domain/money';
import { labelCostsByMonth } from '@retour/db/repos/reports';
import type { Ctx } from '../../context.ts';

function monthStart(month: string, plus = 0): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + plus, 1)).toISOString();
}

export async function reportLabelCosts(ctx: Ctx, merchantId: string, q: { from: string; to: string }) {
  const rows = await labelCostsByMonth(ctx.db, merchantId, monthStart(q.from), monthStart(q.to, 1));
  return {
    data: rows.map((r) => ({
      month: r.month,
      carrier: r.carrier,
      labels: r.labels,
      total: { value: formatMoneyValue(r.total, r.currency), currency: r.currency },
    })),
  };
}
