// Imported orders: search by order number, and one order with its items, shipments and returns.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call, formatDate, formatMoney, query } from '../api.ts';
import { t } from '../i18n.ts';
import { statusName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { Alert, errorText, Field, Link, PageTitle, StatusBadge } from '../ui.tsx';
import type { ReturnRow } from './returns.tsx';

export type Order = Answer<'GET /api/v1/orders'>['data'][number];

export function OrdersPage() {
  const { search } = useRoute();
  const applied = search.get('q') ?? '';
  const [q, setQ] = useState(applied);
  const [orders, setOrders] = useState<Order[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const page = (cursor?: string) => call('GET /api/v1/orders', { query: { orderNumber: applied.trim() || undefined, limit: 50, cursor } });
  useEffect(() => {
    setLoading(true);
    page()
      .then((r) => {
        setOrders(r.data);
        setCursor(r.nextCursor);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [applied]);
  return (
    <section>
      <PageTitle>{t('ordersTitle')}</PageTitle>
      <p>
        <Link to="/orders/import">{t('importsLink')}</Link>
      </p>
      <form
        class="filters card"
        aria-label={t('searchOrders')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/orders${query({ q: q.trim() || undefined })}`);
        }}
      >
        <Field
          id="order-q"
          fieldClass="grow"
          label={t('orderNumber')}
          type="search"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('search')}
          </button>
        </div>
      </form>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <div class="table-wrap">
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('order')}</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('items')}</th>
              <th scope="col">{t('country')}</th>
              <th scope="col">{t('placed')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.orderNumber}</Link>
                </td>
                <td>
                  {o.customer.name}
                  <br />
                  <span class="muted small">{o.customer.email}</span>
                </td>
                <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
                <td>{o.shippingAddress.country}</td>
                <td>{formatDate(o.placedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <p class="muted">{t('loading')}</p>}
      {!loading && orders.length === 0 && <p class="empty">{t('noOrders')}</p>}
      {cursor && (
        <p class="center">
          <button
            type="button"
            onClick={() =>
              page(cursor).then((r) => {
                setOrders((o) => [...o, ...r.data]);
                setCursor(r.nextCursor);
              })
            }
          >
            {t('loadMore')}
          </button>
        </p>
      )}
    </section>
  );
}

export function OrderPage(props: { id: string }) {
  const [order, setOrder] = useState<Order | null>(null);
  const [returns, setReturns] = useState<ReturnRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('GET /api/v1/orders/:id', { params: { id: props.id } })
      .then(async (o) => {
        setOrder(o);
        const r = await call('GET /api/v1/returns', { query: { q: o.orderNumber, limit: 100 } });
        setReturns(r.data.filter((x) => x.orderNumber === o.orderNumber));
      })
      .catch(setError);
  }, [props.id]);
  if (error !== null && !order)
    return (
      <section>
        <PageTitle>{t('errorTitle')}</PageTitle>
        <Alert>{errorText(error)}</Alert>
      </section>
    );
  if (!order) return <p class="muted">{t('loading')}</p>;
  const a = order.shippingAddress;
  return (
    <section>
      <p class="crumbs">
        <Link to="/orders">← {t('navOrders')}</Link>
      </p>
      <PageTitle>{t('orderTitle', { number: order.orderNumber })}</PageTitle>
      <p>
        <Link to={`/new-return?order=${encodeURIComponent(order.orderNumber)}`} class="button">
          {t('navManual')}
        </Link>
      </p>
      <div class="detail-grid">
        <div class="stack">
          <section class="card" aria-labelledby="o-items">
            <h2 id="o-items">{t('items')}</h2>
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">{t('items')}</th>
                  <th scope="col">SKU</th>
                  <th scope="col">{t('quantity')}</th>
                  <th scope="col">{t('unitPrice')}</th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.name}
                      {i.variant ? ` (${i.variant})` : ''}
                    </td>
                    <td>{i.sku}</td>
                    <td>{i.quantity}</td>
                    <td>{formatMoney(i.unitPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="o-ship">
            <h2 id="o-ship">{t('shipments')}</h2>
            {order.shipments.length === 0 ? (
              <p class="muted">{t('none')}</p>
            ) : (
              <ul class="plain">
                {order.shipments.map((s) => (
                  <li key={s.trackingNumber}>
                    {s.carrier} · {s.trackingNumber} · {t('shipped')} {formatDate(s.shippedAt, false) || t('none')} · {t('delivered')}{' '}
                    {formatDate(s.deliveredAt, false) || t('none')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="o-returns">
            <h2 id="o-returns">{t('returns')}</h2>
            {returns.length === 0 ? (
              <p class="muted">{t('noReturns')}</p>
            ) : (
              <ul class="plain">
                {returns.map((r) => (
                  <li key={r.id}>
                    <Link to={`/returns/${encodeURIComponent(r.id)}`}>{r.reference}</Link>{' '}
                    <StatusBadge status={r.status} label={statusName(r.status)} /> · {formatDate(r.createdAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <section class="card" aria-labelledby="o-customer">
          <h2 id="o-customer">{t('customer')}</h2>
          <p>
            {order.customer.name}
            <br />
            {order.customer.email}
            {order.customer.phone && (
              <>
                <br />
                {order.customer.phone}
              </>
            )}
          </p>
          <address>
            {a.street} {a.houseNumber ?? ''}
            <br />
            {a.postalCode} {a.city}
            <br />
            {a.country}
          </address>
          <p class="muted small">
            {t('placed')} {formatDate(order.placedAt)} · {order.integration}
          </p>
        </section>
      </div>
    </section>
  );
}
