// Settings → integrations → WooCommerce: connect a shop with its REST API keys, see each
// connection's webhook URL, choose how refunds are paid back, and import all of its orders with
// the import's progress.
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import type { Integration } from './settings-integrations.tsx';

type ImportRun = {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  error: string | null;
};

const EMPTY = { name: '', siteUrl: 'https://', consumerKey: '', consumerSecret: '', refundThroughGateway: true };

/** The progress of an import run (GET /api/v1/imports/:id), polled until it ends; also used by the Shopify settings. */
export function ImportProgress(props: { runId: string; onDone: () => void }) {
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await get<ImportRun>(`/api/v1/imports/${props.runId}`);
        setRun(next);
        if (next.status === 'running') timer = setTimeout(poll, 2000);
        else props.onDone();
      } catch (e) {
        setError(e);
      }
    };
    void poll();
    return () => clearTimeout(timer);
  }, [props.runId]);
  if (error) return <Alert>{errorText(error)}</Alert>;
  if (!run) return <p class="muted small">Starting the import…</p>;
  const of = run.total !== null ? ` of ${run.total}` : '';
  const counts = `${run.created} new, ${run.updated} updated, ${run.failed} refused`;
  return (
    <div role="status">
      {run.status === 'running' && (
        <>
          <p>
            Importing orders: {run.processed}
            {of} read ({counts}).
          </p>
          {run.total ? <progress max={run.total} value={run.processed} aria-label="Orders read" /> : null}
        </>
      )}
      {run.status === 'completed' && (
        <Alert kind="success">
          Import finished: {run.processed} orders read ({counts}).
        </Alert>
      )}
      {run.status === 'failed' && (
        <Alert>
          Import stopped after {run.processed} orders: {run.error}
        </Alert>
      )}
    </div>
  );
}

function Connection(props: { integration: Integration; onChange: () => Promise<void> }) {
  const i = props.integration;
  const [runId, setRunId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const gateway = i.settings.refundThroughGateway !== false;
  const setGateway = async (value: boolean) => {
    setError(null);
    try {
      await api('PATCH', `/api/v1/integrations/woocommerce/${i.id}`, { refundThroughGateway: value });
      await props.onChange();
    } catch (e) {
      setError(e);
    }
  };
  const importAll = async () => {
    setError(null);
    try {
      setRunId((await post<{ importRunId: string }>(`/api/v1/integrations/woocommerce/${i.id}/backfill`)).importRunId);
      setRunning(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li class="card">
      <h4>{i.name}</h4>
      <p class="muted small">
        {String(i.settings.siteUrl ?? '')} · {i.status}
        {i.lastSyncAt ? ` · last sync ${new Date(i.lastSyncAt).toLocaleString()}` : ''}
      </p>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {i.webhookUrl && (
        <Field
          id={`woo-hook-${i.id}`}
          label="Webhook URL (created in WooCommerce for order.created and order.updated)"
          value={i.webhookUrl}
          readOnly
        />
      )}
      {i.status !== 'disconnected' && (
        <>
          <div class="field">
            <label>
              <input type="checkbox" checked={gateway} onChange={(e) => setGateway(e.currentTarget.checked)} /> Refund through the payment
              gateway
            </label>
          </div>
          <button type="button" onClick={importAll} disabled={running}>
            Import all orders
          </button>
        </>
      )}
      {runId && (
        <ImportProgress
          runId={runId}
          onDone={() => {
            setRunning(false);
            void props.onChange();
          }}
        />
      )}
    </li>
  );
}

export function WooCommerceSettings(props: { list: Integration[]; onChange: () => Promise<void> }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const connections = props.list.filter((i) => i.kind === 'woocommerce');
  const connect = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    setBusy(true);
    try {
      const created = await post<Integration>('/api/v1/integrations/woocommerce', { ...form, name: form.name.trim() || undefined });
      setForm(EMPTY);
      setNotice(`${created.name} is connected. New and changed orders arrive by webhook; import the older ones below.`);
      await props.onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrors(error);
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <section aria-labelledby="woo-title">
      <h3 id="woo-title">WooCommerce</h3>
      {notice && <Alert kind="success">{notice}</Alert>}
      {connections.length > 0 && (
        <ul class="cards">
          {connections.map((i) => (
            <Connection key={i.id} integration={i} onChange={props.onChange} />
          ))}
        </ul>
      )}
      <form class="card narrow" onSubmit={connect} noValidate>
        <h4>Connect a WooCommerce shop</h4>
        <p class="muted small">
          In WordPress: WooCommerce → Settings → Advanced → REST API → Add key, with Read/Write permission. The shop must use HTTPS.
        </p>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field id="woo-site" label="Site URL" type="url" value={form.siteUrl} error={fields.siteUrl} onInput={set('siteUrl')} />
        <Field id="woo-key" label="Consumer key (ck_…)" value={form.consumerKey} error={fields.consumerKey} onInput={set('consumerKey')} />
        <Field
          id="woo-secret"
          label="Consumer secret (cs_…)"
          type="password"
          autocomplete="off"
          value={form.consumerSecret}
          error={fields.consumerSecret}
          onInput={set('consumerSecret')}
        />
        <Field id="woo-name" label="Name in Retour (optional)" value={form.name} error={fields.name} onInput={set('name')} />
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={form.refundThroughGateway}
              onChange={(e) => setForm({ ...form, refundThroughGateway: e.currentTarget.checked })}
            />{' '}
            Refund through the payment gateway (otherwise refunds are recorded in WooCommerce and paid back by hand)
          </label>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </form>
    </section>
  );
}
