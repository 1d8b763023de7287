// One return: items, shopper, shipping, downloads, the timeline and the actions allowed now.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, formatDate, formatMoney, get, type Money, post } from '../api.ts';
import { m, methodLabel, resolutionLabel, statusLabel } from '../messages.ts';
import { useSession } from '../session.ts';
import type { Order } from './orders.tsx';
import { Alert, describedBy, Field, FieldError, errorText, fieldErrors, Link, PageTitle, StatusBadge } from '../ui.tsx';

type Item = {
  orderItemId: string;
  sku: string;
  name: string;
  quantity: number;
  reason: string;
  comment: string | null;
  unitPrice: Money;
  receivedQuantity: number;
};
export type MerchantReturn = {
  id: string;
  reference: string;
  status: string;
  portal: string | null;
  orderId: string;
  orderNumber: string;
  createdAt: string;
  items: Item[];
  method: string;
  carrier: string | null;
  resolution: string;
  fee: Money;
  refundTotal: Money;
  label: {
    status: string;
    trackingNumber: string | null;
    trackingUrl: string | null;
    formats: string[];
    customsDeclaration: boolean;
  };
  language: string;
  contact: { email: string; phone: string | null };
  exchangeNote: string | null;
  windowOverridden: boolean;
  refunds: { at: string; amount: Money; note: string | null; actor: string }[];
  storeCredits: { at: string; amount: Money; code: string; actor: string }[];
  replacements: { at: string; carrier: string; trackingNumber: string; actor: string }[];
  proposedRefund: Money;
  refundableRemaining: Money;
  allowedActions: string[];
  timeline: { at: string; type: string; status?: string; message?: string; actor: string; data: Record<string, unknown> | null }[];
};

type Email = {
  id: string;
  returnId: string | null;
  template: string;
  recipient: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
};
type Entry = { at: string; title: string; message?: string | undefined; who: string; kind: string };

type Run = (path: string, body: unknown, success?: string) => Promise<boolean>;

function ActionPanel(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="action card" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
    </section>
  );
}

function ReasonAction(props: { id: string; title: string; label: string; button: string; path: string; run: Run; danger?: boolean }) {
  const [reason, setReason] = useState('');
  return (
    <ActionPanel id={props.id} title={props.title}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run(props.path, { reason: reason.trim() || null })) setReason('');
        }}
      >
        <div class="field">
          <label for={`${props.id}-reason`}>{props.label}</label>
          <textarea id={`${props.id}-reason`} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <button type="submit" class={props.danger ? 'danger' : ''}>
          {props.button}
        </button>
      </form>
    </ActionPanel>
  );
}

function ReceiveAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const [rows, setRows] = useState(
    props.ret.items.map((i) => ({
      orderItemId: i.orderItemId,
      quantity: Math.max(0, i.quantity - i.receivedQuantity),
      condition: 'as_new',
      restocked: true,
    })),
  );
  const [note, setNote] = useState('');
  const update = (index: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <ActionPanel id="receive" title={m.receive}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('receive', { items: rows, note: note.trim() || null }, m.doneReceive);
        }}
      >
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{m.items}</th>
              <th scope="col">{m.quantity}</th>
              <th scope="col">{m.condition}</th>
              <th scope="col">{m.restock}</th>
            </tr>
          </thead>
          <tbody>
            {props.ret.items.map((item, index) => {
              const row = rows[index];
              if (!row) return null;
              const qid = `rcv-qty-${index}`;
              const qErr = props.errors[`items.${index}.quantity`];
              return (
                <tr key={item.orderItemId}>
                  <th scope="row">{item.name}</th>
                  <td>
                    <label class="sr-only" for={qid}>{`${m.quantity}: ${item.name}`}</label>
                    <input
                      id={qid}
                      type="number"
                      min={0}
                      max={item.quantity}
                      value={row.quantity}
                      class="num"
                      {...describedBy(qid, qErr)}
                      onInput={(e) => update(index, { quantity: Number(e.currentTarget.value) })}
                    />
                    <FieldError id={qid} error={qErr} />
                  </td>
                  <td>
                    <label class="sr-only" for={`rcv-cond-${index}`}>{`${m.condition}: ${item.name}`}</label>
                    <select
                      id={`rcv-cond-${index}`}
                      value={row.condition}
                      onChange={(e) => update(index, { condition: e.currentTarget.value })}
                    >
                      {Object.entries(m.conditions).map(([k, v]) => (
                        <option key={k} value={k}>
                          {v}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      id={`rcv-restock-${index}`}
                      type="checkbox"
                      aria-label={`${m.restock}: ${item.name}`}
                      checked={row.restocked}
                      onChange={(e) => update(index, { restocked: e.currentTarget.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="field">
          <label for="rcv-note">{m.note}</label>
          <textarea id="rcv-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary">
          {m.receive}
        </button>
      </form>
    </ActionPanel>
  );
}

function RefundAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const { ret } = props;
  const initial =
    Number(ret.proposedRefund.value) <= Number(ret.refundableRemaining.value) ? ret.proposedRefund.value : ret.refundableRemaining.value;
  const [amount, setAmount] = useState(initial);
  const [note, setNote] = useState('');
  const currency = ret.refundableRemaining.currency;
  const err = props.errors['amount.value'] ?? props.errors.amount;
  return (
    <ActionPanel id="refund" title={m.refund}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('refunds', { amount: { value: amount.trim(), currency }, note: note.trim() || null }, m.doneRefund);
        }}
      >
        <Field
          id="refund-amount"
          label={`${m.amount} (${currency})`}
          hint={m.refundAmountHint(formatMoney(ret.refundableRemaining))}
          inputMode="decimal"
          value={amount}
          error={err}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <div class="field">
          <label for="refund-note">{m.note}</label>
          <textarea
            id="refund-note"
            rows={2}
            value={note}
            {...describedBy('refund-note', props.errors.note)}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <FieldError id="refund-note" error={props.errors.note} />
        </div>
        <button type="submit" class="primary">
          {m.issueRefund}
        </button>
      </form>
    </ActionPanel>
  );
}

function StoreCreditAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const [amount, setAmount] = useState(props.ret.proposedRefund.value);
  const [code, setCode] = useState('');
  const currency = props.ret.proposedRefund.currency;
  return (
    <ActionPanel id="credit" title={m.storeCredit}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('store-credits', { amount: { value: amount.trim(), currency }, ...(code.trim() ? { code: code.trim() } : {}) });
        }}
      >
        <Field
          id="credit-amount"
          label={`${m.amount} (${currency})`}
          inputMode="decimal"
          value={amount}
          error={props.errors['amount.value']}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <Field
          id="credit-code"
          label={m.creditCode}
          value={code}
          error={props.errors.code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <button type="submit">{m.issueCredit}</button>
      </form>
    </ActionPanel>
  );
}

function ReplacementAction(props: { run: Run; errors: Record<string, string> }) {
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  return (
    <ActionPanel id="replacement" title={m.replacement}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run('replacements', { carrier: carrier.trim(), trackingNumber: tracking.trim() }, m.doneReplacement)) {
            setCarrier('');
            setTracking('');
          }
        }}
      >
        <Field
          id="repl-carrier"
          label={m.carrier}
          value={carrier}
          error={props.errors.carrier}
          onInput={(e) => setCarrier(e.currentTarget.value)}
        />
        <Field
          id="repl-tracking"
          label={m.trackingNumber}
          value={tracking}
          error={props.errors.trackingNumber}
          onInput={(e) => setTracking(e.currentTarget.value)}
        />
        <button type="submit">{m.addReplacement}</button>
      </form>
    </ActionPanel>
  );
}

function NoteAction(props: { run: Run; errors: Record<string, string> }) {
  const [message, setMessage] = useState('');
  return (
    <ActionPanel id="note" title={m.addNote}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run('notes', { message: message.trim() }, m.doneNote)) setMessage('');
        }}
      >
        <div class="field">
          <label for="note-message">{m.notes}</label>
          <textarea
            id="note-message"
            rows={3}
            value={message}
            {...describedBy('note-message', props.errors.message)}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
          <FieldError id="note-message" error={props.errors.message} />
        </div>
        <button type="submit">{m.addNote}</button>
      </form>
    </ActionPanel>
  );
}

function timelineText(entry: MerchantReturn['timeline'][number]): string {
  const parts = [entry.type.replace(/_/g, ' ')];
  if (entry.status) parts.push(`→ ${statusLabel[entry.status] ?? entry.status}`);
  return parts.join(' ');
}

/** Who did it, in words: user ids become names (owners can list users; staff see themselves). */
function useActorNames(): (actor: string) => string {
  const session = useSession();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (session.user.role !== 'owner') return;
    get<{ data: { id: string; name: string | null; email: string }[] }>('/api/v1/users')
      .then((r) => setNames(Object.fromEntries(r.data.map((u) => [u.id, u.name ?? u.email]))))
      .catch(() => undefined);
  }, []);
  return (actor) => {
    if (actor.startsWith('user:')) {
      const id = actor.slice(5);
      if (id === session.user.id) return `${session.user.name ?? session.user.email} (${m.you})`;
      return names[id] ?? m.staffMember;
    }
    if (actor.startsWith('api_key:')) return m.apiKeyActor;
    return m.actors[actor] ?? actor;
  };
}

export function ReturnDetailPage(props: { id: string }) {
  const actorName = useActorNames();
  const [ret, setRet] = useState<MerchantReturn | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/returns/${encodeURIComponent(props.id)}`;

  const [emails, setEmails] = useState<Email[]>([]);
  const [address, setAddress] = useState<Order['shippingAddress'] | null>(null);
  const load = () =>
    get<MerchantReturn>(base)
      .then((r) => {
        setRet(r);
        return get<Order>(`/api/v1/orders/${encodeURIComponent(r.orderId)}`).then((o) => setAddress(o.shippingAddress));
      })
      .catch((e) => setLoadError(e));
  const loadEmails = () =>
    get<{ data: Email[] }>('/api/v1/emails?limit=200')
      .then((r) => setEmails(r.data.filter((e) => e.returnId === props.id)))
      .catch(() => undefined);
  useEffect(() => {
    void load();
    void loadEmails();
  }, [props.id]);

  const run: Run = async (path, body, success = m.done) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const r = await post<MerchantReturn>(`${base}/${path}`, body);
      setRet(r);
      setNotice(success);
      void loadEmails();
      return true;
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) await load();
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (loadError !== null && !ret)
    return (
      <section>
        <PageTitle>{m.errorTitle}</PageTitle>
        <Alert>{errorText(loadError)}</Alert>
      </section>
    );
  if (!ret) return <p class="muted">{m.loading}</p>;
  const can = (a: string) => ret.allowedActions.includes(a);
  const errors: Record<string, string> = { ...fieldErrors(error) };
  // Business rules the server names by code, shown under the field they concern.
  if (error instanceof ApiError && error.code === 'note_required') errors.note = error.message;
  if (error instanceof ApiError && error.code === 'refund_exceeds_paid') errors['amount.value'] = error.message;
  const formats = ret.label.formats.filter((f) => f !== 'qr');

  return (
    <section>
      <p class="crumbs">
        <Link to="/returns">← {m.navReturns}</Link>
      </p>
      <div class="title-row">
        <PageTitle>{m.returnTitle(ret.reference)}</PageTitle>
        <StatusBadge status={ret.status} label={statusLabel[ret.status] ?? ret.status} />
      </div>
      {ret.windowOverridden && <Alert kind="info">{m.windowOverridden}</Alert>}
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {error !== null && <Alert>{errorText(error)}</Alert>}

      <div class="detail-grid">
        <div class="stack">
          <section class="card" aria-labelledby="items-title">
            <h2 id="items-title">{m.items}</h2>
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">{m.items}</th>
                  <th scope="col">{m.quantity}</th>
                  <th scope="col">{m.received}</th>
                  <th scope="col">{m.reason}</th>
                  <th scope="col">{m.unitPrice}</th>
                </tr>
              </thead>
              <tbody>
                {ret.items.map((i) => (
                  <tr key={i.orderItemId}>
                    <td>
                      <strong>{i.name}</strong>
                      <br />
                      <span class="muted">{i.sku}</span>
                      {i.comment && <p class="comment">“{i.comment}”</p>}
                    </td>
                    <td>{i.quantity}</td>
                    <td>{i.receivedQuantity}</td>
                    <td>{i.reason.replace(/_/g, ' ')}</td>
                    <td>{formatMoney(i.unitPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{m.shopper}</h2>
            <dl class="facts">
              <dt>{m.email}</dt>
              <dd>{ret.contact.email}</dd>
              <dt>{m.phone}</dt>
              <dd>{ret.contact.phone ?? m.none}</dd>
              {address && (
                <>
                  <dt>{m.shippingAddress}</dt>
                  <dd>
                    <address>
                      {address.name}
                      <br />
                      {address.street} {address.houseNumber ?? ''}
                      <br />
                      {address.postalCode} {address.city}, {address.country}
                    </address>
                  </dd>
                </>
              )}
              <dt>{m.order}</dt>
              <dd>
                <Link to={`/orders/${encodeURIComponent(ret.orderId)}`}>{ret.orderNumber}</Link>
              </dd>
              <dt>{m.portal}</dt>
              <dd>{ret.portal ?? m.none}</dd>
              <dt>{m.method}</dt>
              <dd>{methodLabel[ret.method] ?? ret.method}</dd>
              <dt>{m.carrier}</dt>
              <dd>{ret.carrier ?? m.none}</dd>
              <dt>{m.resolution}</dt>
              <dd>
                {resolutionLabel[ret.resolution] ?? ret.resolution}
                {ret.exchangeNote ? ` — ${ret.exchangeNote}` : ''}
              </dd>
              <dt>{m.tracking}</dt>
              <dd>
                {ret.label.trackingNumber ?? m.none}
                {ret.label.trackingUrl && (
                  <>
                    {' · '}
                    <a href={ret.label.trackingUrl} target="_blank" rel="noreferrer noopener">
                      {m.trackShipment}
                      <span class="sr-only"> (opens in a new tab)</span>
                    </a>
                  </>
                )}
              </dd>
              <dt>{m.refunds}</dt>
              <dd>
                {formatMoney(ret.refundTotal)}
                {ret.refunds.length > 0 && (
                  <ul class="plain">
                    {ret.refunds.map((r) => (
                      <li key={r.at}>
                        {formatMoney(r.amount)} · {formatDate(r.at)} · {m.by(actorName(r.actor))}
                        {r.note ? ` — ${r.note}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              {ret.storeCredits.length > 0 && (
                <>
                  <dt>{m.storeCredit}</dt>
                  <dd>
                    <ul class="plain">
                      {ret.storeCredits.map((c) => (
                        <li key={c.code}>
                          {formatMoney(c.amount)} · <code>{c.code}</code>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {ret.replacements.length > 0 && (
                <>
                  <dt>{m.replacement}</dt>
                  <dd>
                    <ul class="plain">
                      {ret.replacements.map((r) => (
                        <li key={r.at + r.trackingNumber}>
                          {r.carrier} · {r.trackingNumber}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
            {(formats.length > 0 || ret.label.formats.includes('qr') || ret.label.customsDeclaration) && (
              <>
                <h3>{m.downloads}</h3>
                <ul class="downloads">
                  {formats.map((f) => (
                    <li key={f}>
                      <a href={`${base}/label?format=${f}`} download>
                        {m.label(f)}
                      </a>
                    </li>
                  ))}
                  {ret.label.formats.includes('qr') && (
                    <li>
                      <a href={`${base}/qr`} download>
                        {m.qrCode}
                      </a>
                    </li>
                  )}
                  {ret.label.customsDeclaration && (
                    <li>
                      <a href={`${base}/customs`} download>
                        {m.customs}
                      </a>
                    </li>
                  )}
                </ul>
              </>
            )}
          </section>

          <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{m.timeline}</h2>
            <ol class="timeline">
              {[
                ...[...ret.timeline]
                  .reverse()
                  .map(
                    (t): Entry => ({ at: t.at, title: timelineText(t), message: t.message, who: m.by(actorName(t.actor)), kind: t.type }),
                  ),
                ...emails.map(
                  (e): Entry => ({
                    at: e.sentAt ?? e.createdAt,
                    title: m.emailEntry(e.template.replace(/_/g, ' ')),
                    message: `${e.recipient} (${m.emailStatus[e.status] ?? e.status})`,
                    who: m.by(m.actors.system ?? 'Retour'),
                    kind: 'email',
                  }),
                ),
              ]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((t, index) => (
                  <li key={`${t.at}-${index}`} class={`tl-${t.kind}`}>
                    <p>
                      <strong>{t.title}</strong>
                      {t.message && <span> — {t.message}</span>}
                    </p>
                    <p class="muted small">
                      <time dateTime={t.at}>{formatDate(t.at)}</time> · {t.who}
                    </p>
                  </li>
                ))}
            </ol>
          </section>
        </div>

        <div class="stack" aria-busy={busy}>
          <h2>{m.actions}</h2>
          {ret.allowedActions.filter((a) => a !== 'note').length === 0 && <p class="muted">{m.noActions}</p>}
          {can('approve') && (
            <ActionPanel id="approve" title={m.approve}>
              <button type="button" class="primary" onClick={() => run('approve', {}, m.doneApprove)}>
                {m.approve}
              </button>
            </ActionPanel>
          )}
          {can('reject') && (
            <ReasonAction id="reject" title={m.reject} label={m.rejectReason} button={m.reject} path="reject" run={run} danger />
          )}
          {can('receive') && <ReceiveAction key={`${ret.status}-rcv`} ret={ret} run={run} errors={errors} />}
          {can('refund') && Number(ret.refundableRemaining.value) > 0 && (
            <RefundAction key={`${ret.refundableRemaining.value}-refund`} ret={ret} run={run} errors={errors} />
          )}
          {can('store_credit') && <StoreCreditAction ret={ret} run={run} errors={errors} />}
          {can('replacement') && <ReplacementAction run={run} errors={errors} />}
          {can('resend_label') && (
            <ActionPanel id="resend" title={m.resendLabel}>
              <button type="button" onClick={() => run('resend-label', {}, m.labelResent)}>
                {m.resendLabel}
              </button>
            </ActionPanel>
          )}
          {can('resolve') && (
            <ActionPanel id="resolve" title={m.resolve}>
              <button type="button" onClick={() => run('resolve', {}, m.doneResolve)}>
                {m.resolve}
              </button>
            </ActionPanel>
          )}
          {can('cancel') && (
            <ReasonAction
              id="cancel"
              title={m.cancelReturn}
              label={m.cancelReason}
              button={m.confirmCancel}
              path="cancel"
              run={run}
              danger
            />
          )}
          {can('note') && <NoteAction run={run} errors={errors} />}
        </div>
      </div>
    </section>
  );
}
