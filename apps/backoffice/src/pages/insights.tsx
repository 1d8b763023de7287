// Insights (loaded on demand): plain SVG charts, each with its numbers in a table beside it.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { formatDay, formatMoney, formatMonth, formatNumber, formatPercent, t } from '../i18n.ts';
import { reasonName, resolutionName } from '../labels.ts';
import { Alert, errorText, Field, PageTitle } from '../ui.tsx';

type Insights = Answer<'GET /api/v1/insights'>;

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The numbers behind a chart: text columns first, then right-aligned numbers. */
function NumbersTable(props: { headers: string[]; rows: (string | number)[][]; textColumns?: number }) {
  const text = props.textColumns ?? 1;
  return (
    <table class="compact">
      <thead>
        <tr>
          {props.headers.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.slice(0, text).join(' ')}>
            {row.map((cell, i) => (
              <td key={i} class={i < text ? undefined : 'num'}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Columns(props: { id: string; title: string; values: { label: string; value: number }[] }) {
  const max = Math.max(1, ...props.values.map((v) => v.value));
  const w = 600;
  const h = 160;
  const bw = props.values.length ? w / props.values.length : w;
  return (
    <svg viewBox={`0 0 ${w} ${h + 20}`} class="chart" role="img" aria-describedby={`${props.id}-table`}>
      <title>{props.title}</title>
      <line x1="0" y1={h} x2={w} y2={h} class="axis" />
      {props.values.map((v, i) => {
        const bh = (v.value / max) * (h - 10);
        return <rect key={v.label} x={i * bw + bw * 0.15} y={h - bh} width={bw * 0.7} height={bh} class="bar" />;
      })}
      <text x="0" y={h + 16} class="tick">
        {props.values[0]?.label ?? ''}
      </text>
      <text x={w} y={h + 16} class="tick" text-anchor="end">
        {props.values.at(-1)?.label ?? ''}
      </text>
    </svg>
  );
}

function Bars(props: { id: string; title: string; values: { label: string; value: number; text?: string }[] }) {
  const max = Math.max(1, ...props.values.map((v) => v.value));
  const row = 26;
  return (
    <svg viewBox={`0 0 600 ${Math.max(1, props.values.length) * row}`} class="chart" role="img" aria-describedby={`${props.id}-table`}>
      <title>{props.title}</title>
      {props.values.map((v, i) => (
        <g key={v.label} transform={`translate(0 ${i * row})`}>
          <text x="0" y="17" class="tick">
            {v.label}
          </text>
          <rect x="200" y="4" height="18" width={(v.value / max) * 320} class="bar" />
          <text x={206 + (v.value / max) * 320} y="17" class="tick">
            {v.text ?? v.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

function Card(props: { id: string; title: string; empty: boolean; chart: preact.ComponentChildren; table: preact.ComponentChildren }) {
  return (
    <section class="card chart-card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.empty ? (
        <p class="muted">{t('noData')}</p>
      ) : (
        <div class="chart-grid">
          {props.chart}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls sideways when a language's headers are long; keyboard users must reach it */}
          <section class="table-wrap" id={`${props.id}-table`} tabIndex={0} aria-labelledby={`${props.id}-title`}>
            {props.table}
          </section>
        </div>
      )}
    </section>
  );
}

export default function InsightsPage() {
  const today = new Date();
  const [from, setFrom] = useState(iso(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(iso(today));
  const [applied, setApplied] = useState({ from, to });
  const [data, setData] = useState<Insights | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    call('GET /api/v1/insights', { query: applied }).then(setData, setError);
  }, [applied]);
  const [carriers, setCarriers] = useState<Record<string, string>>({});
  useEffect(() => {
    call('GET /api/v1/carriers')
      .then((r) => setCarriers(Object.fromEntries(r.data.map((c) => [c.code, c.name]))))
      .catch(() => undefined);
  }, []);
  const carrierName = (code: string) => carriers[code] ?? code;
  const pct = (r: number) => formatPercent(r);
  return (
    <section>
      <PageTitle>{t('insightsTitle')}</PageTitle>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ from, to });
        }}
      >
        <Field id="ins-from" label={t('from')} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        <Field id="ins-to" label={t('to')} type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('show')}
          </button>
        </div>
      </form>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {!data && error === null && <p class="muted">{t('loading')}</p>}
      {data && (
        <div class="insights">
          <Card
            id="per-day"
            title={t('returnsPerDay')}
            empty={data.returnsPerDay.length === 0}
            chart={
              <Columns
                id="per-day"
                title={t('returnsPerDay')}
                values={data.returnsPerDay.map((d) => ({ label: formatDay(d.date), value: d.count }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('date'), t('returns')]}
                rows={data.returnsPerDay.filter((d) => d.count > 0).map((d) => [formatDay(d.date), formatNumber(d.count)])}
              />
            }
          />
          <Card
            id="reasons"
            title={t('topReasons')}
            empty={data.topReasons.length === 0}
            chart={
              <Bars
                id="reasons"
                title={t('topReasons')}
                values={data.topReasons.map((r) => ({ label: reasonName(r.reason), value: r.count }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('reason'), t('returns')]}
                rows={data.topReasons.map((r) => [reasonName(r.reason), formatNumber(r.count)])}
              />
            }
          />
          <Card
            id="sku"
            title={t('returnRateBySku')}
            empty={data.returnRateBySku.length === 0}
            chart={
              <Bars
                id="sku"
                title={t('returnRateBySku')}
                values={data.returnRateBySku.map((r) => ({ label: r.sku, value: r.rate, text: pct(r.rate) }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('sku'), t('ordered'), t('returned'), t('rate')]}
                rows={data.returnRateBySku.map((r) => [r.sku, formatNumber(r.ordered), formatNumber(r.returned), pct(r.rate)])}
              />
            }
          />
          <Card
            id="mix"
            title={t('resolutionMix')}
            empty={data.resolutionMix.length === 0}
            chart={
              <Bars
                id="mix"
                title={t('resolutionMix')}
                values={data.resolutionMix.map((r) => ({ label: resolutionName(r.resolution), value: r.count }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('resolution'), t('returns')]}
                rows={data.resolutionMix.map((r) => [resolutionName(r.resolution), formatNumber(r.count)])}
              />
            }
          />
          <Card
            id="labels"
            title={t('labelCosts')}
            empty={data.labelCostByCarrierMonth.length === 0}
            chart={
              <Bars
                id="labels"
                title={t('labelCosts')}
                values={data.labelCostByCarrierMonth.map((r) => ({
                  label: `${formatMonth(r.month)} ${carrierName(r.carrier)}`,
                  value: Number(r.total.value),
                  text: formatMoney(r.total),
                }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('month'), t('carrier'), t('labels'), t('total')]}
                textColumns={2}
                rows={data.labelCostByCarrierMonth.map((r) => [
                  formatMonth(r.month),
                  carrierName(r.carrier),
                  formatNumber(r.labels),
                  formatMoney(r.total),
                ])}
              />
            }
          />
          <Card
            id="kept"
            title={t('revenueKept')}
            empty={(data.revenueKept ?? []).length === 0}
            chart={
              <Bars
                id="kept"
                title={t('revenueKept')}
                values={(data.revenueKept ?? []).map((r) => ({
                  label: r.exchanges.currency,
                  value: Math.round(r.share * 100),
                  text: formatPercent(r.share),
                }))}
              />
            }
            table={
              <NumbersTable
                headers={[t('keptExchanges'), t('keptStoreCredit'), t('keptRefunded'), t('keptShare')]}
                rows={(data.revenueKept ?? []).map((r) => [
                  formatMoney(r.exchanges),
                  formatMoney(r.storeCredit),
                  formatMoney(r.refunded),
                  formatPercent(r.share),
                ])}
              />
            }
          />
        </div>
      )}
    </section>
  );
}
