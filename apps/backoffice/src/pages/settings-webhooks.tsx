// Settings → webhooks (owners only): the merchant's own endpoints, the signing secret shown once
// (on create and on rotate), enable/disable, delete, a test ping, and each endpoint's delivery log
// with a Replay button.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call, formatDate } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { CheckboxField, FieldGroup, SaveBar } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors, StatusBadge } from '../ui.tsx';

type Webhook = Answer<'POST /api/v1/webhooks'>;
type EventType = Webhook['events'][number];
type Delivery = Answer<'POST /api/v1/webhooks/:id/test'>;

// Keyed by the contract's event type: an event added to or renamed in the contract fails tsc here.
const EVENT_LABELS: Record<EventType, MessageKey> = {
  'return.created': 'hookReturnCreated',
  'return.status_changed': 'hookStatusChanged',
  'return.received': 'hookReturnReceived',
  'refund.created': 'hookRefundCreated',
};
const EVENT_TYPES = Object.entries(EVENT_LABELS) as [EventType, MessageKey][];
const ALL_EVENTS = EVENT_TYPES.map(([type]) => type);

/** Badge colours of the return statuses: green, red, amber. */
const BADGES: Record<Delivery['status'], [string, MessageKey]> = {
  succeeded: ['completed', 'deliveryDelivered'],
  failed: ['rejected', 'deliveryFailed'],
  pending: ['requested', 'deliveryPending'],
};

function SecretOnce(props: { secret: string; url: string }) {
  return (
    <Alert kind="success">
      {t('signingSecret', { url: props.url })} <code class="secret">{props.secret}</code>
      <br />
      {t('verifySignature', { header: 'retour-signature', format: 't=…,v1=…', signed: '"<t>.<raw body>"' })}
    </Alert>
  );
}

function DeliveryLog(props: { webhook: Webhook; onError: (e: unknown) => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = async (after?: string) => {
    try {
      const page = await call('GET /api/v1/webhooks/:id/deliveries', {
        params: { id: props.webhook.id },
        query: { limit: 20, cursor: after ?? undefined },
      });
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
      await call('POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay', { params: { id: props.webhook.id, deliveryId: d.id } });
      await load();
    } catch (err) {
      props.onError(err);
    }
  };
  if (deliveries.length === 0) return <p class="hint">{t('noDeliveries')}</p>;
  return (
    <>
      <table class="list">
        <caption class="sr-only">{t('deliveriesTo', { url: props.webhook.url })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('event')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('attempts')}</th>
            <th scope="col">{t('response')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
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
                  <StatusBadge status={badge} label={t(label)} />
                </td>
                <td>{d.attempts}</td>
                <td>{d.responseStatus ?? d.error ?? t('none')}</td>
                <td>{formatDate(d.lastAttemptAt ?? d.createdAt)}</td>
                <td>
                  {d.status !== 'pending' && props.webhook.enabled && (
                    <button
                      type="button"
                      aria-label={t('replayNamed', { event: d.eventType, date: formatDate(d.createdAt) })}
                      onClick={() => replay(d)}
                    >
                      {t('replay')}
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
          {t('olderDeliveries')}
        </button>
      )}
    </>
  );
}

export function Webhooks() {
  const [list, setList] = useState<Webhook[]>([]);
  const [form, setForm] = useState({ url: '', description: '', events: ALL_EVENTS });
  const [shown, setShown] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => call('GET /api/v1/webhooks').then((r) => setList(r.data), setError);
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
      const created = await call('POST /api/v1/webhooks', {
        body: { url: form.url.trim(), events: form.events, description: form.description.trim() || null },
      });
      setShown(created);
      setForm({ url: '', description: '', events: ALL_EVENTS });
    });
  };
  const toggleEvent = (type: EventType, on: boolean) =>
    setForm({ ...form, events: on ? [...form.events, type] : form.events.filter((x) => x !== type) });
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {shown?.secret && <SecretOnce secret={shown.secret} url={shown.url} />}
      {notice && <Alert kind="info">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p class="hint">{t('webhooksHelp')}</p>
      {list.length === 0 && <p class="hint">{t('noEndpoints')}</p>}
      <table class="list" hidden={list.length === 0}>
        <thead>
          <tr>
            <th scope="col">{t('url')}</th>
            <th scope="col">{t('events')}</th>
            <th scope="col">{t('enabled')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
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
                <CheckboxField
                  label={w.enabled ? t('on') : t('off')}
                  ariaLabel={t('enabledFor', { url: w.url })}
                  checked={w.enabled}
                  onChange={(enabled) => run(() => call('PATCH /api/v1/webhooks/:id', { params: { id: w.id }, body: { enabled } }))}
                />
              </td>
              <td class="actions">
                <button type="button" aria-expanded={logOf === w.id} onClick={() => setLogOf(logOf === w.id ? null : w.id)}>
                  {t('deliveries')}
                </button>
                <button
                  type="button"
                  disabled={!w.enabled}
                  onClick={() =>
                    run(async () => {
                      const d = await call('POST /api/v1/webhooks/:id/test', { params: { id: w.id } });
                      setNotice(
                        d.status === 'succeeded'
                          ? t('testDelivered', { status: d.responseStatus ?? '' })
                          : t('testNotAccepted', { reason: d.responseStatus ? `HTTP ${d.responseStatus}` : (d.error ?? '') }),
                      );
                      setLogOf(w.id);
                      setLogVersion((v) => v + 1);
                    })
                  }
                >
                  {t('sendTest')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    if (!confirm(t('rotateConfirm', { url: w.url }))) return;
                    void run(async () => setShown(await call('POST /api/v1/webhooks/:id/rotate-secret', { params: { id: w.id } })));
                  }}
                >
                  {t('rotateSecret')}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={t('deleteNamed', { name: w.url })}
                  onClick={() => {
                    if (!confirm(t('deleteEndpointConfirm', { url: w.url }))) return;
                    void run(() => call('DELETE /api/v1/webhooks/:id', { params: { id: w.id } }));
                  }}
                >
                  {t('delete')}
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
              <h3>{t('deliveriesTo', { url: w.url })}</h3>
              <DeliveryLog key={`${w.id}:${logVersion}`} webhook={w} onError={setError} />
            </section>
          ),
      )}
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>{t('addEndpoint')}</h3>
        <Field
          id="webhook-url"
          label={t('url')}
          type="url"
          placeholder="https://example.com/hooks/retour"
          value={form.url}
          error={fields.url}
          onInput={(e) => setForm({ ...form, url: e.currentTarget.value })}
        />
        <Field
          id="webhook-description"
          label={t('descriptionOptional')}
          value={form.description}
          error={fields.description}
          onInput={(e) => setForm({ ...form, description: e.currentTarget.value })}
        />
        <FieldGroup id="webhook-events" class={`field${fields.events ? ' has-error' : ''}`} legend={t('events')} error={fields.events}>
          {EVENT_TYPES.map(([type, label]) => (
            <CheckboxField
              key={type}
              label={
                <>
                  {t(label)} <code>{type}</code>
                </>
              }
              checked={form.events.includes(type)}
              onChange={(on) => toggleEvent(type, on)}
            />
          ))}
        </FieldGroup>
        <SaveBar saveLabel={t('addEndpoint')} />
      </form>
    </div>
  );
}
