// What the shop providers' settings (Shopify, WooCommerce) share: the connect form's state and
// submit, the section with its list of connections, and "Import all orders" with the import's
// progress (GET /api/v1/imports/:id, polled until it ends).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert, errorText, fieldErrors } from '../ui.tsx';
import type { Integration } from '@retour/contracts/integrations';

type ImportRun = Answer<'GET /api/v1/imports/:id'>;

export function ImportProgress(props: { runId: string; onDone: () => void }) {
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('GET /api/v1/imports/:id', { params: { id: props.runId } });
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
  if (!run) return <p class="muted small">{t('importStarting')}</p>;
  const counts = t('importCounts', { created: run.created, updated: run.updated, failed: run.failed });
  return (
    <div role="status">
      {run.status === 'running' && (
        <>
          <p>
            {run.total !== null
              ? t('importingOrdersOf', { processed: run.processed, total: run.total, counts })
              : t('importingOrders', { processed: run.processed, counts })}
          </p>
          {run.total ? <progress max={run.total} value={run.processed} aria-label={t('ordersRead')} /> : null}
        </>
      )}
      {run.status === 'completed' && <Alert kind="success">{t('importFinished', { processed: run.processed, counts })}</Alert>}
      {run.status === 'failed' && <Alert>{t('importStopped', { processed: run.processed, error: run.error ?? '' })}</Alert>}
    </div>
  );
}

/** "Import all orders" of one connection: start the backfill, then show its progress. */
export function useImportAll(start: () => Promise<{ importRunId: string }>, onChange: () => Promise<void>, onError: (e: unknown) => void) {
  const [runId, setRunId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const importAll = async () => {
    onError(null);
    try {
      setRunId((await start()).importRunId);
      setRunning(true);
    } catch (e) {
      onError(e);
    }
  };
  const progress = runId && (
    <ImportProgress
      runId={runId}
      onDone={() => {
        setRunning(false);
        void onChange();
      }}
    />
  );
  return { importAll, running, progress };
}

/** The connect form of a shop provider: its fields, submit (the provider's POST /api/v1/integrations/{kind}) and outcome. */
export function useConnectForm<F extends { name: string }>(
  empty: F,
  submit: (form: F & { name: string | undefined }) => Promise<Integration>,
  onChange: () => Promise<void>,
) {
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const connect = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setNotice('');
    setBusy(true);
    try {
      const created = await submit({ ...form, name: form.name.trim() || undefined });
      setForm(empty);
      setNotice(t('shopConnected', { name: created.name }));
      await onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (key: keyof F) => (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value });
  return { form, setForm, set, connect, error, fields: fieldErrors(error), notice, busy };
}

/** A provider's section: its title, the last notice, and its connections as cards. */
export function ShopSection(props: {
  id: string;
  title: string;
  notice: string;
  connections: Integration[];
  card: (i: Integration) => JSX.Element;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.notice && <Alert kind="success">{props.notice}</Alert>}
      {props.connections.length > 0 && <ul class="cards">{props.connections.map(props.card)}</ul>}
      {props.children}
    </section>
  );
}
