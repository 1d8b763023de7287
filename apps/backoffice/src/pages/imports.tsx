// Orders → Import CSV: upload a file, follow its progress, read the refused rows by line number,
// and see recent import runs (CSV files and shop backfills).
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get } from '../api.ts';
import { t } from '../i18n.ts';
import { importStatusName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { Alert, errorText, Link, PageTitle, StatusBadge } from '../ui.tsx';

type Problem = { line: number; code: string; message: string; field?: string };
type RunSummary = {
  id: string;
  source: string;
  fileName: string | null;
  status: 'running' | 'completed' | 'failed';
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  error: string | null;
  startedAt: string;
};
type Run = RunSummary & { report: Problem[] };

const COLUMNS =
  'order_id, order_number, placed_at, currency, customer_name, customer_email, customer_phone, ship_name, ship_company, ship_street, ship_house_number, ship_address_line2, ship_postal_code, ship_city, ship_region, ship_country, item_id, sku, item_name, variant, quantity, unit_price, hs_code, origin_country, weight_grams, image_url, returnable, tags, carrier, tracking_number, shipped_at, delivered_at, integration';

export default function ImportsPage() {
  const shown = useRoute().search.get('run');
  const [file, setFile] = useState<File | null>(null);
  const [integration, setIntegration] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const loadRuns = () =>
    get<{ data: RunSummary[] }>('/api/v1/imports')
      .then((r) => setRuns(r.data))
      .catch(setError);
  useEffect(() => {
    void loadRuns();
  }, []);
  useEffect(() => {
    if (!shown) return;
    get<Run>(`/api/v1/imports/${encodeURIComponent(shown)}`)
      .then(setRun)
      .catch(setError);
  }, [shown]);

  // Polls the shown run while it is running.
  useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(() => {
      get<Run>(`/api/v1/imports/${encodeURIComponent(run.id)}`)
        .then((next) => {
          setRun(next);
          if (next.status !== 'running') void loadRuns();
        })
        .catch(setError);
    }, 1000);
    return () => clearTimeout(timer);
  }, [run]);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ fileName: file.name });
      if (integration.trim()) params.set('integration', integration.trim());
      const started = await api<Run>('POST', `/api/v1/imports?${params}`, new Blob([file], { type: 'text/csv' }));
      setRun(started);
      navigate(`/orders/import?run=${encodeURIComponent(started.id)}`);
      void loadRuns();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <PageTitle>{t('importsTitle')}</PageTitle>
      <p>
        <Link to="/orders">{t('importsBack')}</Link>
      </p>
      <form class="card" onSubmit={upload} aria-labelledby="import-upload">
        <h2 id="import-upload">{t('importsUpload')}</h2>
        <p class="muted small">{t('importsFormat')}</p>
        <details>
          <summary>{t('importsColumns')}</summary>
          <p class="small">
            <code>{COLUMNS}</code>
          </p>
          <p class="small">{t('importsRules')}</p>
        </details>
        <div class="field">
          <label for="import-file">{t('importsFile')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="field">
          <label for="import-integration">{t('importsIntegration')}</label>
          <input
            id="import-integration"
            value={integration}
            placeholder="csv"
            aria-describedby="import-integration-hint"
            onInput={(e) => setIntegration(e.currentTarget.value)}
          />
          <p id="import-integration-hint" class="hint">
            {t('importsIntegrationHint')}
          </p>
        </div>
        <button type="submit" class="primary" disabled={!file || busy}>
          {busy ? t('importsUploading') : t('importsStart')}
        </button>
      </form>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {run && <RunView run={run} />}
      <section class="card" aria-labelledby="import-recent">
        <h2 id="import-recent">{t('importsRecent')}</h2>
        {runs.length === 0 ? (
          <p class="empty">{t('importsNone')}</p>
        ) : (
          <div class="table-wrap">
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{t('importsStarted')}</th>
                  <th scope="col">{t('importsSource')}</th>
                  <th scope="col">{t('importsStatus')}</th>
                  <th scope="col">{t('importsCounts')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/orders/import?run=${encodeURIComponent(r.id)}`}>{formatDate(r.startedAt)}</Link>
                    </td>
                    <td>
                      {r.source}
                      {r.fileName ? ` · ${r.fileName}` : ''}
                    </td>
                    <td>
                      <StatusBadge status={r.status} label={importStatusName(r.status)} />
                    </td>
                    <td>{t('importsCountsText', { created: r.created, updated: r.updated, failed: r.failed })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function RunView(props: { run: Run }) {
  const { run } = props;
  return (
    <section class="card" aria-labelledby="import-run" aria-live="polite">
      <h2 id="import-run">
        {run.fileName ?? run.source} — {importStatusName(run.status)}
      </h2>
      <label for="import-progress">
        {run.total === null ? t('importsReading') : t('importsProgress', { processed: run.processed, total: run.total })}
      </label>
      <progress
        id="import-progress"
        style={{ width: '100%' }}
        max={run.total ?? undefined}
        value={run.total === null ? undefined : run.processed}
      />
      <p>{t('importsCountsText', { created: run.created, updated: run.updated, failed: run.failed })}</p>
      {run.error && <Alert>{run.error}</Alert>}
      {run.status === 'completed' && run.failed === 0 && <Alert kind="success">{t('importsAllStored')}</Alert>}
      {run.report.length > 0 && (
        <div class="table-wrap">
          <table class="list">
            <caption>{t('importsReport')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('importsLine')}</th>
                <th scope="col">{t('importsColumn')}</th>
                <th scope="col">{t('importsProblem')}</th>
              </tr>
            </thead>
            <tbody>
              {run.report.map((p) => (
                <tr key={`${p.line}-${p.code}`}>
                  <td>{p.line}</td>
                  <td>{p.field ?? t('none')}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
