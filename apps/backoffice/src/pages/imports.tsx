// Orders → Import CSV: upload a file, follow its progress, read the refused rows by line number,
// and see recent import runs (CSV files and shop backfills).
import { useEffect, useState } from 'preact/hooks';
import type { CsvOrderColumn } from '@retour/contracts/imports';
import { type Answer, call, formatDate } from '../api.ts';
import { t } from '../i18n.ts';
import { importStatusName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { Alert, errorText, Field, Link, PageTitle, StatusBadge } from '../ui.tsx';

type Run = Answer<'GET /api/v1/imports/:id'>;
type RunSummary = Answer<'GET /api/v1/imports'>['data'][number];

// Keyed by the contract's column type: a column added to or dropped from the CSV format fails tsc here.
const COLUMN_KEYS: Record<CsvOrderColumn, null> = {
  order_id: null,
  order_number: null,
  placed_at: null,
  currency: null,
  customer_name: null,
  customer_email: null,
  customer_phone: null,
  ship_name: null,
  ship_company: null,
  ship_street: null,
  ship_house_number: null,
  ship_address_line2: null,
  ship_postal_code: null,
  ship_city: null,
  ship_region: null,
  ship_country: null,
  item_id: null,
  sku: null,
  item_name: null,
  variant: null,
  quantity: null,
  unit_price: null,
  hs_code: null,
  origin_country: null,
  weight_grams: null,
  image_url: null,
  returnable: null,
  tags: null,
  carrier: null,
  tracking_number: null,
  shipped_at: null,
  delivered_at: null,
  integration: null,
};
const COLUMNS = Object.keys(COLUMN_KEYS).join(', ');

export default function ImportsPage() {
  const shown = useRoute().search.get('run');
  const [file, setFile] = useState<File | null>(null);
  const [integration, setIntegration] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const loadRuns = () =>
    call('GET /api/v1/imports')
      .then((r) => setRuns(r.data))
      .catch(setError);
  useEffect(() => {
    void loadRuns();
  }, []);
  useEffect(() => {
    if (!shown) return;
    call('GET /api/v1/imports/:id', { params: { id: shown } })
      .then(setRun)
      .catch(setError);
  }, [shown]);

  // Polls the shown run while it is running.
  useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(() => {
      call('GET /api/v1/imports/:id', { params: { id: run.id } })
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
      const started = await call('POST /api/v1/imports', {
        query: { fileName: file.name, integration: integration.trim() || undefined },
        body: new Blob([file], { type: 'text/csv' }),
      });
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
        <Field
          id="import-file"
          label={t('importsFile')}
          type="file"
          accept=".csv,text/csv"
          required
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <Field
          id="import-integration"
          label={t('importsIntegration')}
          hint={t('importsIntegrationHint')}
          value={integration}
          placeholder="csv"
          onInput={(e) => setIntegration(e.currentTarget.value)}
        />
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
