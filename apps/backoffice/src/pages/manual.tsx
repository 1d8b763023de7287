// A return created by staff: find the order, pick items and reasons, choose portal, method and
// carrier, optionally override the return window or brand (recorded), and issue the label.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type BodyOf, call } from '../api.ts';
import { currentLanguage, t } from '../i18n.ts';
import { METHODS, methodName, RESOLUTIONS, reasonName, resolutionName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { CheckboxField, SelectField } from '../form-kit.tsx';
import { Alert, Field, FieldError, errorText, fieldErrors, PageTitle } from '../ui.tsx';
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
        <Field
          id="manual-order"
          fieldClass="grow"
          label={t('orderNumber')}
          value={number}
          error={findError}
          onInput={(e) => setNumber(e.currentTarget.value)}
        />
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
                    <CheckboxField
                      label={
                        <>
                          {i.name} {i.variant ? `(${i.variant})` : ''} <span class="muted">· {i.sku}</span>
                        </>
                      }
                      checked={p.on}
                      onChange={(on) => set({ on })}
                    />
                    {p.on && (
                      <div class="row">
                        <Field
                          id={`mi-qty-${index}`}
                          label={t('quantity')}
                          type="number"
                          class="num"
                          min={1}
                          max={i.quantity}
                          value={p.quantity}
                          onInput={(e) => set({ quantity: Number(e.currentTarget.value) })}
                        />
                        <SelectField
                          id={`mi-reason-${index}`}
                          label={t('reason')}
                          value={p.reason}
                          options={reasons.map((r) => [r.code, r.labels[currentLanguage()] ?? r.labels.en ?? reasonName(r.code)] as const)}
                          onChange={(reason) => set({ reason })}
                        />
                        <Field
                          id={`mi-comment-${index}`}
                          fieldClass="grow"
                          label={t('comment')}
                          value={p.comment}
                          onInput={(e) => set({ comment: e.currentTarget.value })}
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div class="row">
            <SelectField
              id="manual-portal"
              label={t('portal')}
              value={portalId}
              options={portals.map((p) => [p.id, p.slug] as const)}
              onChange={setPortalId}
            />
            <SelectField
              id="manual-method"
              label={t('method')}
              value={method}
              error={errors.method}
              options={(portal?.methods ?? METHODS).map((k) => [k, methodName(k)] as const)}
              onChange={setMethod}
            />
            <SelectField
              id="manual-carrier"
              label={t('carrier')}
              value={carrier}
              error={errors.carrier}
              options={[['', carriers[0] ?? t('none')], ...carriers.slice(1).map((c) => [c, c] as const)]}
              onChange={setCarrier}
            />
            <SelectField
              id="manual-resolution"
              label={t('resolution')}
              value={resolution}
              options={(portal?.resolutions ?? RESOLUTIONS).map((k) => [k, resolutionName(k)] as const)}
              onChange={setResolution}
            />
          </div>
          <div class="checks">
            <CheckboxField id="manual-override-window" label={t('overrideWindow')} checked={overrideWindow} onChange={setOverrideWindow} />
            <CheckboxField id="manual-override-brand" label={t('overrideBrand')} checked={overrideBrand} onChange={setOverrideBrand} />
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
