// A return created by staff: find the order, pick items and reasons, choose portal, method and
// carrier, optionally override the return window or brand (recorded), and issue the label.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type BodyOf, call } from '../api.ts';
import { currentLanguage, t } from '../i18n.ts';
import { METHODS, methodName, oneOf, RESOLUTIONS, reasonName, resolutionName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { Alert, describedBy, Field, FieldError, errorText, fieldErrors, PageTitle } from '../ui.tsx';
import type { Order } from './orders.tsx';

type Portal = Answer<'GET /api/v1/portals/:id'>;
type ManualBody = BodyOf<'POST /api/v1/returns'>;

export function ManualReturnPage() {
  const { search } = useRoute();
  const [number, setNumber] = useState(search.get('order') ?? '');
  const [order, setOrder] = useState<Order | null>(null);
  const [portals, setPortals] = useState<Portal[]>([]);
  const [portalId, setPortalId] = useState('');
  const [picked, setPicked] = useState<Record<string, { on: boolean; quantity: number; reason: string; comment: string }>>({});
  const [method, setMethod] = useState<ManualBody['method']>('drop_off');
  const [carrier, setCarrier] = useState('');
  const [resolution, setResolution] = useState<ManualBody['resolution']>('refund');
  const [overrideWindow, setOverrideWindow] = useState(false);
  const [overrideBrand, setOverrideBrand] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [findError, setFindError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('GET /api/v1/portals', { query: { limit: 100 } })
      .then((r) => setPortals(r.data))
      .catch(setError);
    if (number) void find();
  }, []);

  const portal = portals.find((p) => p.id === portalId);
  const country = order?.shippingAddress.country ?? '';
  const carriers = portal ? (portal.carriers[country] ?? portal.carriers['*'] ?? []) : [];
  const reasons = portal?.reasons ?? [];

  async function find(event?: Event) {
    event?.preventDefault();
    setFindError('');
    setOrder(null);
    try {
      const r = await call('GET /api/v1/orders', { query: { orderNumber: number.trim(), limit: 1 } });
      const o = r.data[0];
      if (!o) {
        setFindError(t('noOrder'));
        return;
      }
      setOrder(o);
      const initial: typeof picked = {};
      for (const i of o.items) initial[i.id] = { on: false, quantity: 1, reason: '', comment: '' };
      setPicked(initial);
      const all = portals.length ? portals : (await call('GET /api/v1/portals', { query: { limit: 100 } })).data;
      const match = all.find((p) => p.brandId === o.brandId) ?? all[0];
      if (match) {
        setPortalId(match.id);
        setMethod(match.methods[0] ?? 'drop_off');
        setResolution(match.resolutions[0] ?? 'refund');
      }
    } catch (e) {
      setFindError(errorText(e));
    }
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!order) return;
    setBusy(true);
    setError(null);
    const items = order.items
      .filter((i) => picked[i.id]?.on)
      .map((i) => {
        const p = picked[i.id];
        return {
          orderItemId: i.id,
          quantity: p?.quantity ?? 1,
          reason: p?.reason || (reasons[0]?.code ?? 'other'),
          comment: p?.comment.trim() || null,
        };
      });
    try {
      const created = await call('POST /api/v1/returns', {
        body: {
          orderId: order.id,
          portalId,
          items,
          method,
          carrier: carrier || carriers[0] || null,
          resolution,
          overrideWindow,
          overrideBrand,
          overrideReason: overrideWindow || overrideBrand ? overrideReason.trim() || null : null,
        },
      });
      navigate(`/returns/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);

  return (
    <section>
      <PageTitle>{t('manualTitle')}</PageTitle>
      <form class="filters card" onSubmit={find}>
        <div class="field grow">
          <label for="manual-order">{t('orderNumber')}</label>
          <input
            id="manual-order"
            value={number}
            {...describedBy('manual-order', findError)}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
          <FieldError id="manual-order" error={findError} />
        </div>
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('findOrder')}
          </button>
        </div>
      </form>

      {order && (
        <form class="card" onSubmit={submit} noValidate>
          <h2>
            {t('orderTitle', { number: order.orderNumber })} · {order.customer.name} · {country}
          </h2>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <fieldset>
            <legend>{t('chooseItems')}</legend>
            <FieldError id="manual-items" error={errors.items} />
            <ul class="pick">
              {order.items.map((i, index) => {
                const p = picked[i.id] ?? { on: false, quantity: 1, reason: '', comment: '' };
                const set = (patch: Partial<typeof p>) => setPicked({ ...picked, [i.id]: { ...p, ...patch } });
                return (
                  <li key={i.id}>
                    <label class="check-label">
                      <input type="checkbox" checked={p.on} onChange={(e) => set({ on: e.currentTarget.checked })} />
                      {i.name} {i.variant ? `(${i.variant})` : ''} <span class="muted">· {i.sku}</span>
                    </label>
                    {p.on && (
                      <div class="row">
                        <div class="field">
                          <label for={`mi-qty-${index}`}>{t('quantity')}</label>
                          <input
                            id={`mi-qty-${index}`}
                            type="number"
                            class="num"
                            min={1}
                            max={i.quantity}
                            value={p.quantity}
                            onInput={(e) => set({ quantity: Number(e.currentTarget.value) })}
                          />
                        </div>
                        <div class="field">
                          <label for={`mi-reason-${index}`}>{t('reason')}</label>
                          <select id={`mi-reason-${index}`} value={p.reason} onChange={(e) => set({ reason: e.currentTarget.value })}>
                            {reasons.map((r) => (
                              <option key={r.code} value={r.code}>
                                {r.labels[currentLanguage()] ?? r.labels.en ?? reasonName(r.code)}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div class="field grow">
                          <label for={`mi-comment-${index}`}>{t('comment')}</label>
                          <input id={`mi-comment-${index}`} value={p.comment} onInput={(e) => set({ comment: e.currentTarget.value })} />
                        </div>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div class="row">
            <div class="field">
              <label for="manual-portal">{t('portal')}</label>
              <select id="manual-portal" value={portalId} onChange={(e) => setPortalId(e.currentTarget.value)}>
                {portals.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.slug}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="manual-method">{t('method')}</label>
              <select
                id="manual-method"
                value={method}
                {...describedBy('manual-method', errors.method)}
                onChange={(e) => setMethod(oneOf(METHODS, e.currentTarget.value) ?? method)}
              >
                {(portal?.methods ?? METHODS).map((k) => (
                  <option key={k} value={k}>
                    {methodName(k)}
                  </option>
                ))}
              </select>
              <FieldError id="manual-method" error={errors.method} />
            </div>
            <div class="field">
              <label for="manual-carrier">{t('carrier')}</label>
              <select
                id="manual-carrier"
                value={carrier}
                {...describedBy('manual-carrier', errors.carrier)}
                onChange={(e) => setCarrier(e.currentTarget.value)}
              >
                <option value="">{carriers[0] ?? t('none')}</option>
                {carriers.slice(1).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <FieldError id="manual-carrier" error={errors.carrier} />
            </div>
            <div class="field">
              <label for="manual-resolution">{t('resolution')}</label>
              <select
                id="manual-resolution"
                value={resolution}
                onChange={(e) => setResolution(oneOf(RESOLUTIONS, e.currentTarget.value) ?? resolution)}
              >
                {(portal?.resolutions ?? RESOLUTIONS).map((k) => (
                  <option key={k} value={k}>
                    {resolutionName(k)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="checks">
            <label class="check-label">
              <input
                id="manual-override-window"
                type="checkbox"
                checked={overrideWindow}
                onChange={(e) => setOverrideWindow(e.currentTarget.checked)}
              />
              {t('overrideWindow')}
            </label>
            <label class="check-label">
              <input
                id="manual-override-brand"
                type="checkbox"
                checked={overrideBrand}
                onChange={(e) => setOverrideBrand(e.currentTarget.checked)}
              />
              {t('overrideBrand')}
            </label>
          </div>
          {(overrideWindow || overrideBrand) && (
            <Field
              id="manual-override-reason"
              label={t('overrideReason')}
              value={overrideReason}
              error={errors.overrideReason}
              onInput={(e) => setOverrideReason(e.currentTarget.value)}
            />
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t('createReturn')}
          </button>
        </form>
      )}
    </section>
  );
}
