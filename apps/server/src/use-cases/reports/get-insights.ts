// The insights page: returns per day, top reasons, return rate per SKU, resolution mix and label
// cost per carrier and month, for a range of whole UTC days (at most 366).
import type { Insights } from '@retour/contracts/backoffice';
import {
  labelCostByCarrierMonth,
  orderedBySku,
  resolutionMix,
  returnedBySku,
  returnsPerDay,
  settledMoney,
  topReasons,
} from '@retour/db/repos/insights';
import { keptShare } from '@retour/domain/replacement-order';
import { formatMoneyValue } from '@retour/domain/money';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';

const DAY_MS = 86_400_000;
export const INSIGHTS_MAX_DAYS = 366;

export async function getInsights(ctx: Ctx, merchantId: string, q: { from: string; to: string }): Promise<Insights> {
  const start = Date.parse(`${q.from}T00:00:00.000Z`);
  const end = Date.parse(`${q.to}T00:00:00.000Z`) + DAY_MS;
  if (!(end > start)) invalid(['to'], 'Use a "to" date on or after "from".');
  const days = Math.round((end - start) / DAY_MS);
  if (days > INSIGHTS_MAX_DAYS) invalid(['to'], `Choose at most ${INSIGHTS_MAX_DAYS} days.`);
  const range = { from: new Date(start).toISOString(), to: new Date(end).toISOString() };

  const [perDay, reasons, returned, resolutions, labels, settled] = await Promise.all([
    returnsPerDay(ctx.db, merchantId, range),
    topReasons(ctx.db, merchantId, range, 10),
    returnedBySku(ctx.db, merchantId, range, 20),
    resolutionMix(ctx.db, merchantId, range),
    labelCostByCarrierMonth(ctx.db, merchantId, range),
    settledMoney(ctx.db, merchantId, range),
  ]);
  const ordered = await orderedBySku(
    ctx.db,
    merchantId,
    range,
    returned.map((r) => r.sku),
  );
  const byDay = new Map(perDay.map((d) => [d.date, d.count]));
  const returnsPerDayAll = Array.from({ length: days }, (_, i) => {
    const date = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    return { date, count: byDay.get(date) ?? 0 };
  });
  return {
    returnsPerDay: returnsPerDayAll,
    topReasons: reasons,
    returnRateBySku: returned.map((r) => {
      const o = ordered.get(r.sku) ?? 0;
      return { sku: r.sku, ordered: o, returned: r.returned, rate: o > 0 ? Math.round((r.returned / o) * 10_000) / 10_000 : 0 };
    }),
    resolutionMix: resolutions,
    labelCostByCarrierMonth: labels.map((l) => ({
      month: l.month,
      carrier: l.carrier,
      labels: l.labels,
      total: { value: formatMoneyValue(l.totalMinor, l.currency), currency: l.currency },
    })),
    revenueKept: settled.map((s) => ({
      exchanges: { value: formatMoneyValue(s.exchanges, s.currency), currency: s.currency },
      storeCredit: { value: formatMoneyValue(s.storeCredit, s.currency), currency: s.currency },
      refunded: { value: formatMoneyValue(s.refunded, s.currency), currency: s.currency },
      share: keptShare(s),
    })),
  };
}
