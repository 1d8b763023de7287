// One return: items, shopper, shipping, downloads, the timeline and the actions allowed now.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, formatDate, formatMoney } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { conditionName, methodName, reasonName, resolutionName, statusName } from '../labels.ts';
import { Alert, errorText, fieldErrors, Link, PageTitle, StatusBadge } from '../ui.tsx';
import { ReturnActions } from './return-actions.tsx';
import type { ActionRoute, Email, MerchantReturn, Run } from './return-model.ts';
import { ReturnTimeline, useActorNames } from './return-timeline.tsx';
import type { Order } from './orders.tsx';
import { ReturnRulesOutcome } from './return-rules-outcome.tsx';
import { ReturnPhotos } from './return-photos.tsx';
import { ReturnHold } from './return-hold.tsx';

const CREDIT_STATE: Record<'recorded' | 'pending' | 'issued' | 'failed', MessageKey> = {
  recorded: 'creditStateRecorded',
  pending: 'creditStatePending',
  issued: 'creditStateIssued',
  failed: 'creditStateFailed',
};

export function ReturnDetailPage(props: { id: string }) {
  const actorName = useActorNames();
  const [ret, setRet] = useState<MerchantReturn | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  /** Where the return's documents (label, QR code, customs form) are downloaded. */
  const base = `/api/v1/returns/${encodeURIComponent(props.id)}`;
  const [emails, setEmails] = useState<Email[]>([]);
  const [address, setAddress] = useState<Order['shippingAddress'] | null>(null);
  const load = () =>
    call('GET /api/v1/returns/:id', { params: { id: props.id } })
      .then((r) => {
        setRet(r);
        return call('GET /api/v1/orders/:id', { params: { id: r.orderId } }).then((o) => setAddress(o.shippingAddress));
      })
      .catch((e) => setLoadError(e));
  const loadEmails = () =>
    call('GET /api/v1/emails', { query: { limit: 200 } })
      .then((r) => setEmails(r.data.filter((e) => e.returnId === props.id)))
      .catch(() => undefined);
  useEffect(() => {
    void load();
    void loadEmails();
  }, [props.id]);

  const run: Run = async (action, body, success = t('done')) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const r = await call(`POST /api/v1/returns/:id/${action}` as ActionRoute, { params: { id: props.id }, body });
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
        <PageTitle>{t('errorTitle')}</PageTitle>
        <Alert>{errorText(loadError)}</Alert>
      </section>
    );
  if (!ret) return <p class="muted">{t('loading')}</p>;
  const errors: Record<string, string> = { ...fieldErrors(error) };
  // Business rules the server names by code, shown under the field they concern.
  if (error instanceof ApiError && error.code === 'note_required') errors.note = error.message;
  if (error instanceof ApiError && error.code === 'refund_exceeds_paid') errors['amount.value'] = error.message;
  const formats = ret.label.formats.filter((f) => f !== 'qr');

  return (
    <section>
      <p class="crumbs">
        <Link to="/returns">← {t('navReturns')}</Link>
      </p>
      <div class="title-row">
        <PageTitle>{t('returnTitle', { reference: ret.reference })}</PageTitle>
        <StatusBadge status={ret.status} label={statusName(ret.status)} />
      </div>
      {ret.windowOverridden && <Alert kind="info">{t('windowOverridden')}</Alert>}
      <ReturnRulesOutcome outcome={ret.rules} itemName={(id) => ret.items.find((i) => i.orderItemId === id)?.name ?? id} />
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {error !== null && <Alert>{errorText(error)}</Alert>}

      <div class="detail-grid">
        <div class="stack">
          <section class="card" aria-labelledby="items-title">
            <h2 id="items-title">{t('items')}</h2>
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">{t('items')}</th>
                  <th scope="col">{t('quantity')}</th>
                  <th scope="col">{t('received')}</th>
                  <th scope="col">{t('reason')}</th>
                  <th scope="col">{t('unitPrice')}</th>
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
                      {i.kept && <p class="muted">{t('rrKept')}</p>}
                    </td>
                    <td>{i.quantity}</td>
                    <td>{i.receivedQuantity}</td>
                    <td>
                      {reasonName(i.reason)}
                      {i.condition && (
                        <>
                          <br />
                          <span class="muted">{t('statedCondition', { condition: conditionName(i.condition) })}</span>
                        </>
                      )}
                    </td>
                    <td>{formatMoney(i.unitPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <ReturnPhotos photos={ret.photos} itemName={(id) => ret.items.find((i) => i.orderItemId === id)?.name ?? id} />

          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('shopper')}</h2>
            <dl class="facts">
              <dt>{t('email')}</dt>
              <dd>{ret.contact.email}</dd>
              <dt>{t('phone')}</dt>
              <dd>{ret.contact.phone ?? t('none')}</dd>
              {address && (
                <>
                  <dt>{t('shippingAddress')}</dt>
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
              <dt>{t('order')}</dt>
              <dd>
                <Link to={`/orders/${encodeURIComponent(ret.orderId)}`}>{ret.orderNumber}</Link>
              </dd>
              <dt>{t('portal')}</dt>
              <dd>{ret.portal ?? t('none')}</dd>
              <dt>{t('method')}</dt>
              <dd>{methodName(ret.method)}</dd>
              <dt>{t('carrier')}</dt>
              <dd>{ret.carrier ?? t('none')}</dd>
              <dt>{t('resolution')}</dt>
              <dd>
                {resolutionName(ret.resolution)}
                {ret.exchangeNote ? ` — ${ret.exchangeNote}` : ''}
              </dd>
              <dt>{t('tracking')}</dt>
              <dd>
                {ret.label.trackingNumber ?? t('none')}
                {ret.label.trackingUrl && (
                  <>
                    {' · '}
                    <a href={ret.label.trackingUrl} target="_blank" rel="noreferrer noopener">
                      {t('trackShipment')}
                      <span class="sr-only"> (opens in a new tab)</span>
                    </a>
                  </>
                )}
              </dd>
              <dt>{t('refunds')}</dt>
              <dd>
                {formatMoney(ret.refundTotal)}
                {ret.refunds.length > 0 && (
                  <ul class="plain">
                    {ret.refunds.map((r) => (
                      <li key={r.at}>
                        {formatMoney(r.amount)} · {formatDate(r.at)} · {t('by', { who: actorName(r.actor) })}
                        {r.note ? ` — ${r.note}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              {ret.storeCredits.length > 0 && (
                <>
                  <dt>{t('storeCredit')}</dt>
                  <dd>
                    <ul class="plain">
                      {ret.storeCredits.map((c) => (
                        <li key={c.code}>
                          {formatMoney(c.amount)} · <code>{c.code}</code> · {t(CREDIT_STATE[c.state])}
                          {c.expiresOn ? ` · ${t('creditValidUntil', { date: c.expiresOn })}` : ''}
                          {c.adminUrl && (
                            <>
                              {' · '}
                              <a href={c.adminUrl} target="_blank" rel="noopener noreferrer">
                                {t(c.shop === 'shopify' ? 'creditOpenGiftCard' : 'creditOpenCoupon')}
                              </a>
                            </>
                          )}
                          {c.problem ? <p class="error">{c.problem}</p> : null}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {ret.exchanges && ret.exchanges.asked.length > 0 && (
                <>
                  <dt>{t('exchangeAsked')}</dt>
                  <dd>
                    <ul class="plain">
                      {ret.exchanges.asked.map((x) => (
                        <li key={x.returnItemId}>
                          {x.quantity}× {x.productTitle} · {x.variantTitle}
                          {x.sku ? ` (${x.sku})` : ''} · {formatMoney(x.unitPrice)}
                        </li>
                      ))}
                    </ul>
                    {ret.exchanges.replacementOrder ? (
                      <p>
                        {t('replacementOrderMade', {
                          number: ret.exchanges.replacementOrder.orderNumber,
                          subtotal: formatMoney(ret.exchanges.replacementOrder.subtotal),
                          discount: formatMoney(ret.exchanges.replacementOrder.discount),
                        })}
                        {ret.exchanges.replacementOrder.adminUrl && (
                          <>
                            {' · '}
                            <a href={ret.exchanges.replacementOrder.adminUrl} target="_blank" rel="noopener noreferrer">
                              {t('replacementOrderOpen')}
                            </a>
                          </>
                        )}
                      </p>
                    ) : (
                      <p>{ret.exchanges.problem ?? t('replacementOrderNotYet')}</p>
                    )}
                  </dd>
                </>
              )}
              <ReturnHold ret={ret} />
              {ret.replacements.length > 0 && (
                <>
                  <dt>{t('replacement')}</dt>
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
                <h3>{t('downloads')}</h3>
                <ul class="downloads">
                  {formats.map((f) => (
                    <li key={f}>
                      <a href={`${base}/label?format=${f}`} download>
                        {t('label', { format: f.toUpperCase() })}
                      </a>
                    </li>
                  ))}
                  {ret.label.formats.includes('qr') && (
                    <li>
                      <a href={`${base}/qr`} download>
                        {t('qrCode')}
                      </a>
                    </li>
                  )}
                  {ret.label.customsDeclaration && (
                    <li>
                      <a href={`${base}/customs`} download>
                        {t('customs')}
                      </a>
                    </li>
                  )}
                </ul>
              </>
            )}
          </section>

          <ReturnTimeline ret={ret} emails={emails} actorName={actorName} />
        </div>

        <ReturnActions ret={ret} run={run} errors={errors} busy={busy} />
      </div>
    </section>
  );
}
