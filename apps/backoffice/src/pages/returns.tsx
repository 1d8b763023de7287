// The returns overview: stage tabs with counts, search, filters, sort, bulk actions, "Load more".
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Answer, call, formatDate, query, routeUrl } from '../api.ts';
import { t } from '../i18n.ts';
import { METHODS, methodName, RESOLUTIONS, resolutionName, statusName } from '../labels.ts';
import { navigate, useRoute } from '../router.ts';
import { apiQuery, EMPTY, exportQuery, type Filters, fromSearch, TABS } from './returns-query.ts';
import { CheckboxField, SelectField } from '../form-kit.tsx';
import { Alert, errorText, Field, Link, PageTitle, StatusBadge } from '../ui.tsx';

/** A filter drop-down: "any" first, then [value, label] pairs. */
function FilterSelect(props: { id: string; label: string; value: string; onChange: (value: string) => void; options: [string, string][] }) {
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value}
      options={[['', t('any')], ...props.options]}
      onChange={props.onChange}
    />
  );
}

export type ReturnRow = Answer<'GET /api/v1/returns'>['data'][number];

export function ReturnsPage() {
  const { search } = useRoute();
  const tab = search.get('tab') ?? 'requested';
  const applied = fromSearch(search);
  const key = search.toString();
  const [draft, setDraft] = useState<Filters>(applied);
  const [rows, setRows] = useState<ReturnRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [portals, setPortals] = useState<{ slug: string }[]>([]);
  const [carriers, setCarriers] = useState<{ code: string; name: string }[]>([]);

  // Only the answer to the latest load is shown: an earlier one (other filters) arriving late is dropped.
  const latest = useRef(0);
  const load = async () => {
    const mine = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const [page, c] = await Promise.all([
        call('GET /api/v1/returns', { query: apiQuery(tab, applied) }),
        call('GET /api/v1/returns/counts').catch(() => ({ counts: {} })),
      ]);
      if (mine !== latest.current) return;
      setRows(page.data);
      setCursor(page.nextCursor);
      setCounts(c.counts);
      setSelected(new Set());
    } catch (e) {
      if (mine === latest.current) setError(e);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    setDraft(fromSearch(new URLSearchParams(key)));
    setNotice('');
    void load();
  }, [key]);

  useEffect(() => {
    call('GET /api/v1/portals')
      .then((r) => setPortals(r.data))
      .catch(() => undefined);
    call('GET /api/v1/carriers')
      .then((r) => setCarriers(r.data))
      .catch(() => undefined);
  }, []);

  const more = async () => {
    if (!cursor) return;
    const mine = latest.current;
    try {
      const page = await call('GET /api/v1/returns', { query: apiQuery(tab, applied, cursor) });
      if (mine !== latest.current) return;
      setRows((r) => [...r, ...page.data]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  const go = (nextTab: string, f: Filters) => {
    const params: Record<string, string | undefined> = { tab: nextTab };
    for (const [k, v] of Object.entries(f)) if (v && !(k === 'sort' && v === '-createdAt')) params[k] = v;
    navigate(`/returns${query(params)}`);
  };

  const bulk = async (action: 'approve' | 'receive_all') => {
    setNotice('');
    try {
      const r = await call('POST /api/v1/returns/bulk', { body: { action, ids: [...selected] } });
      const ok = r.results.filter((x) => x.ok).length;
      const failures = r.results
        .filter((x) => !x.ok)
        .map((x) => `${rows.find((row) => row.id === x.id)?.reference ?? x.id}: ${x.error?.message ?? ''}`);
      await load();
      setNotice([t('bulkDone', { ok, failed: r.results.length - ok }), ...failures].join(' '));
    } catch (e) {
      setError(e);
    }
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const set = (k: keyof Filters) => (e: Event) => setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });
  const choose = (k: keyof Filters) => (value: string) => setDraft({ ...draft, [k]: value });

  return (
    <section>
      <PageTitle>{t('returnsTitle')}</PageTitle>
      <nav aria-label={t('stages')} class="tabs">
        <ul>
          {TABS.map((stage) => {
            const n = stage.count.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
            return (
              <li key={stage.key}>
                <a
                  href={`/admin/returns${query({ tab: stage.key })}`}
                  aria-current={stage.key === tab ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(stage.key, applied);
                  }}
                >
                  {t(stage.label)}
                  {stage.count.length > 0 && <span class="count">{n}</span>}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>

      <form
        class="filters card"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          go(tab, draft);
        }}
      >
        <Field
          id="f-q"
          fieldClass="grow"
          label={t('search')}
          hint={t('searchHint')}
          type="search"
          value={draft.q}
          placeholder={t('searchHint')}
          onInput={set('q')}
        />
        <FilterSelect
          id="f-portal"
          label={t('portal')}
          value={draft.portal}
          onChange={choose('portal')}
          options={portals.map((p) => [p.slug, p.slug])}
        />
        <Field id="f-reason" label={t('reason')} value={draft.reason} onInput={set('reason')} size={10} />
        <FilterSelect
          id="f-method"
          label={t('method')}
          value={draft.method}
          onChange={choose('method')}
          options={METHODS.map((k) => [k, methodName(k)])}
        />
        <FilterSelect
          id="f-carrier"
          label={t('carrier')}
          value={draft.carrier}
          onChange={choose('carrier')}
          options={carriers.map((c) => [c.code, c.name])}
        />
        <Field id="f-country" label={t('country')} value={draft.country} onInput={set('country')} size={4} maxLength={2} />
        <FilterSelect
          id="f-resolution"
          label={t('resolution')}
          value={draft.resolution}
          onChange={choose('resolution')}
          options={RESOLUTIONS.map((k) => [k, resolutionName(k)])}
        />
        <FilterSelect
          id="f-kept"
          label={t('keptFilter')}
          value={draft.kept}
          onChange={choose('kept')}
          options={[
            ['exchange', t('keptExchange')],
            ['store_credit', t('keptStoreCredit')],
          ]}
        />
        <FilterSelect
          id="f-photos"
          label={t('photosFilter')}
          value={draft.hasPhotos}
          onChange={choose('hasPhotos')}
          options={[
            ['true', t('photosWith')],
            ['false', t('photosWithout')],
          ]}
        />
        <Field id="f-from" label={t('createdFrom')} type="date" value={draft.createdFrom} onInput={set('createdFrom')} />
        <Field id="f-to" label={t('createdTo')} type="date" value={draft.createdTo} onInput={set('createdTo')} />
        <SelectField
          id="f-sort"
          label={t('sort')}
          value={draft.sort}
          options={[
            ['-createdAt', t('newestFirst')],
            ['createdAt', t('oldestFirst')],
          ]}
          onChange={choose('sort')}
        />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('applyFilters')}
          </button>
          <button type="button" onClick={() => go(tab, EMPTY)}>
            {t('resetFilters')}
          </button>
        </div>
      </form>

      <div class="toolbar">
        <span class="muted" aria-live="polite">
          {t('selected', { count: selected.size })}
        </span>
        <button type="button" disabled={selected.size === 0} onClick={() => bulk('approve')}>
          {t('bulkApprove')}
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => bulk('receive_all')}>
          {t('bulkReceive')}
        </button>
        <a class="button" href={routeUrl('GET /api/v1/returns/export.csv', { query: exportQuery(apiQuery(tab, applied)) })} download>
          {t('exportCsv')}
        </a>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}

      <div class="table-wrap">
        <table class="list">
          <thead>
            <tr>
              <th scope="col" class="check">
                <CheckboxField
                  labelHidden
                  label={t('selectAll')}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('order')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('items')}</th>
              <th scope="col">{t('method')}</th>
              <th scope="col">{t('portal')}</th>
              <th scope="col" aria-sort={applied.sort === 'createdAt' ? 'ascending' : 'descending'}>
                <button
                  type="button"
                  class="sort"
                  onClick={() => go(tab, { ...applied, sort: applied.sort === 'createdAt' ? '-createdAt' : 'createdAt' })}
                >
                  {t('created')} <span aria-hidden="true">{applied.sort === 'createdAt' ? '▲' : '▼'}</span>
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td class="check">
                  <CheckboxField
                    labelHidden
                    label={t('selectReturn', { reference: r.reference })}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                </td>
                <td class="nowrap">
                  <Link to={`/returns/${encodeURIComponent(r.id)}`}>{r.reference}</Link>
                </td>
                <td>{r.orderNumber}</td>
                <td>
                  <StatusBadge status={r.status} label={statusName(r.status)} />
                </td>
                <td>{r.items.map((i) => `${i.quantity}× ${i.name}`).join(', ')}</td>
                <td>
                  {methodName(r.method)}
                  {r.carrier ? ` · ${r.carrier}` : ''}
                </td>
                <td>{r.portal ?? t('none')}</td>
                <td class="nowrap">{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <p class="muted">{t('loading')}</p>}
      {!loading && rows.length === 0 && <p class="empty">{t('noReturns')}</p>}
      {cursor && (
        <p class="center">
          <button type="button" onClick={more}>
            {t('loadMore')}
          </button>
        </p>
      )}
    </section>
  );
}
