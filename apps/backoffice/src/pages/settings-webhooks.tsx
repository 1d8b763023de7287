// Settings → webhooks (owners only): the merchant's own endpoints, the signing secret shown once
// (on create and on rotate), enable/disable, delete, a test ping, and each endpoint's delivery log
// with a Replay button.
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get, post } from '../api.ts';
import { m } from '../messages.ts';
import { Alert, Field, errorText, fieldErrors, StatusBadge } from '../ui.tsx';

const EVENT_TYPES: [string, string][] = [
  ['return.created', 'Return created'],
  ['return.status_changed', 'Status changed'],
  ['return.received', 'Return received'],
  ['refund.created', 'Refund issued'],
];

type Webhook = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  secret?: string;
};

type Delivery = {
  id: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  body: unknown;
};

/** Badge colours of the return statuses: green, red, amber. */
const BADGES: Record<Delivery['status'], [string, string]> = {
  succeeded: ['completed', 'Delivered'],
  failed: ['rejected', 'Failed'],
  pending: ['requested', 'Pending'],
};

function SecretOnce(props: { secret: string; url: string }) {
  return (
    <Alert kind="success">
      Signing secret for {props.url}. Copy it now, it is shown only once: <code class="secret">{props.secret}</code>
      <br />
      Verify every request with it: the <code>retour-signature</code> header is <code>t=…,v1=…</code>, an HMAC-SHA256 of{' '}
      <code>{'"<t>.<raw body>"'}</code> (see the README).
    </Alert>
  );
}

function DeliveryLog(props: { webhook: Webhook; onError: (e: unknown) => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const base = `/api/v1/webhooks/${props.webhook.id}/deliveries`;
  const load = async (after?: string) => {
    try {
      const page = await get<{ data: Delivery[]; nextCursor: string | null }>(`${base}?limit=20${after ? `&cursor=${after}` : ''}`);
      setDeliveries(after ? (d) => [...d, ...page.data] : page.data);
      setCursor(page.nextCursor);
    } catch (err) {
      props.onError(err);
    }
  };
  useEffect(() => {
    void load();
  }, [props.webhook.id]);
  const replay = async (d: Delivery) => {
    try {
      await post(`${base}/${d.id}/replay`);
      await load();
    } catch (err) {
      props.onError(err);
    }
  };
  if (deliveries.length === 0) return <p class="hint">No deliveries yet.</p>;
  return (
    <>
      <table class="list">
        <caption class="sr-only">Deliveries to {props.webhook.url}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">{m.created}</th>
            <th scope="col">
              <span class="sr-only">{m.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => {
            const [badge, label] = BADGES[d.status];
            return (
              <tr key={d.id}>
                <td>
                  <button type="button" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                    <code>{d.eventType}</code>
                  </button>
                  {open === d.id && <pre class="secret">{JSON.stringify(d.body, null, 2)}</pre>}
                </td>
                <td>
                  <StatusBadge status={badge} label={label} />
                </td>
                <td>{d.attempts}</td>
                <td>{d.responseStatus ?? d.error ?? m.none}</td>
                <td>{formatDate(d.lastAttemptAt ?? d.createdAt)}</td>
                <td>
                  {d.status !== 'pending' && props.webhook.enabled && (
                    <button type="button" aria-label={`Replay ${d.eventType} of ${formatDate(d.createdAt)}`} onClick={() => replay(d)}>
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          Older deliveries
        </button>
      )}
    </>
  );
}

export function Webhooks() {
  const [list, setList] = useState<Webhook[]>([]);
  const [form, setForm] = useState({ url: '', description: '', events: EVENT_TYPES.map(([type]) => type) });
  const [shown, setShown] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ data: Webhook[] }>('/api/v1/webhooks').then((r) => setList(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setNotice('');
    try {
      await work();
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const created = await post<Webhook>('/api/v1/webhooks', {
        url: form.url.trim(),
        events: form.events,
        description: form.description.trim() || null,
      });
      setShown(created);
      setForm({ url: '', description: '', events: EVENT_TYPES.map(([type]) => type) });
    });
  };
  const toggleEvent = (type: string, on: boolean) =>
    setForm({ ...form, events: on ? [...form.events, type] : form.events.filter((t) => t !== type) });
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {shown?.secret && <SecretOnce secret={shown.secret} url={shown.url} />}
      {notice && <Alert kind="info">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p class="hint">
        Retour POSTs a signed JSON event to these URLs when a return is created, changes status, is received or refunded. Failed deliveries
        are retried with backoff, up to 10 times.
      </p>
      {list.length === 0 && <p class="hint">No endpoints yet.</p>}
      <table class="list" hidden={list.length === 0}>
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span class="sr-only">{m.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((w) => (
            <tr key={w.id}>
              <td>
                <code>{w.url}</code>
                {w.description && <div class="hint">{w.description}</div>}
              </td>
              <td>{w.events.join(', ')}</td>
              <td>
                <label>
                  <input
                    type="checkbox"
                    checked={w.enabled}
                    aria-label={`Enabled: ${w.url}`}
                    onChange={(e) => run(() => api('PATCH', `/api/v1/webhooks/${w.id}`, { enabled: e.currentTarget.checked }))}
                  />{' '}
                  {w.enabled ? 'On' : 'Off'}
                </label>
              </td>
              <td class="actions">
                <button type="button" aria-expanded={logOf === w.id} onClick={() => setLogOf(logOf === w.id ? null : w.id)}>
                  Deliveries
                </button>
                <button
                  type="button"
                  disabled={!w.enabled}
                  onClick={() =>
                    run(async () => {
                      const d = await post<Delivery>(`/api/v1/webhooks/${w.id}/test`);
                      setNotice(
                        d.status === 'succeeded'
                          ? `Test event delivered (HTTP ${d.responseStatus}).`
                          : `Test event not accepted (${d.responseStatus ? `HTTP ${d.responseStatus}` : d.error}); it is retried with backoff.`,
                      );
                      setLogOf(w.id);
                      setLogVersion((v) => v + 1);
                    })
                  }
                >
                  Send test
                </button>
                <button
                  type="button"
                  onClick={() => {
                    if (!confirm(`Replace the signing secret of ${w.url}? The old secret stops working at once.`)) return;
                    void run(async () => setShown(await post<Webhook>(`/api/v1/webhooks/${w.id}/rotate-secret`)));
                  }}
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={`${m.delete} ${w.url}`}
                  onClick={() => {
                    if (!confirm(`Delete the endpoint ${w.url} and its delivery log?`)) return;
                    void run(() => api('DELETE', `/api/v1/webhooks/${w.id}`));
                  }}
                >
                  {m.delete}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.map(
        (w) =>
          logOf === w.id && (
            <section key={w.id} class="card">
              <h3>Deliveries to {w.url}</h3>
              <DeliveryLog key={`${w.id}:${logVersion}`} webhook={w} onError={setError} />
            </section>
          ),
      )}
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>{m.add} endpoint</h3>
        <Field
          id="webhook-url"
          label="URL"
          type="url"
          placeholder="https://example.com/hooks/retour"
          value={form.url}
          error={fields.url}
          onInput={(e) => setForm({ ...form, url: e.currentTarget.value })}
        />
        <Field
          id="webhook-description"
          label="Description (optional)"
          value={form.description}
          error={fields.description}
          onInput={(e) => setForm({ ...form, description: e.currentTarget.value })}
        />
        <fieldset class={`field${fields.events ? ' has-error' : ''}`}>
          <legend>Events</legend>
          {EVENT_TYPES.map(([type, label]) => (
            <label key={type}>
              <input type="checkbox" checked={form.events.includes(type)} onChange={(e) => toggleEvent(type, e.currentTarget.checked)} />{' '}
              {label} <code>{type}</code>
            </label>
          ))}
          {fields.events && <p class="error">{fields.events}</p>}
        </fieldset>
        <button type="submit" class="primary">
          {m.add} endpoint
        </button>
      </form>
    </div>
  );
}
