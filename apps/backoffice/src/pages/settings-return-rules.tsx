// Settings → Return rules: the ordered rules (up/down), each edited as fields, a simulation of
// the draft over past returns, and publishing the draft as a new version.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call, type Money } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert, errorText } from '../ui.tsx';
import { type Catalogue, type ReturnRule, actionLabel, operatorLabel, propertyLabel, RuleEditor } from './settings-return-rules-editor.tsx';

type RuleSet = Answer<'GET /api/v1/return-rules'>;
type Simulation = Answer<'POST /api/v1/return-rules/simulate'>;

const sums = (list: Money[]) => (list.length ? list.map((m) => `${m.value} ${m.currency}`).join(' + ') : '0');
const money = (m: Money) => `${m.value} ${m.currency}`;
const valueText = (v: unknown) =>
  v === undefined || v === null
    ? ''
    : Array.isArray(v)
      ? v.join(', ')
      : typeof v === 'object'
        ? Object.values(v as Record<string, unknown>).join(' ')
        : String(v);

function summary(rule: ReturnRule): string {
  const when = rule.criteria.conditions
    .map((c) => `${propertyLabel(c.property)} ${operatorLabel(c.operator)} ${valueText(c.value)}`)
    .join(rule.criteria.match === 'all' ? t('conditionJoin') : t('rrOrJoin'));
  const then = rule.actions.map((a) => `${actionLabel(a.identifier)} ${valueText(a.value)}`.trim()).join(', ');
  return `${when || t('always')} → ${then}`;
}

const newRule = (): ReturnRule => ({
  name: t('rrNewRuleName'),
  active: true,
  scope: 'item',
  criteria: { match: 'all', conditions: [] },
  actions: [{ identifier: 'needs_review' }],
});

export function ReturnRules() {
  const [saved, setSaved] = useState<RuleSet | null>(null);
  const [draft, setDraft] = useState<ReturnRule[]>([]);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const load = () =>
    call('GET /api/v1/return-rules').then((r) => {
      setSaved(r);
      setDraft(r.rules);
    }, setError);
  useEffect(() => {
    void load();
    Promise.all([
      call('GET /api/v1/return-rules/properties'),
      call('GET /api/v1/return-rules/operators'),
      call('GET /api/v1/return-rules/actions'),
    ]).then(([p, o, a]) => setCatalogue({ properties: p.data, operators: o.data, actions: a.data }), setError);
  }, []);
  const changed = saved !== null && JSON.stringify(saved.rules) !== JSON.stringify(draft);
  const edit = (next: ReturnRule[]) => {
    setDraft(next);
    setSimulation(null);
    setNotice('');
  };
  const move = (index: number, delta: number) => {
    const next = [...draft];
    const [rule] = next.splice(index, 1);
    if (!rule) return;
    next.splice(index + delta, 0, rule);
    edit(next);
    setEditing(null);
  };
  const simulate = async () => {
    setError(null);
    try {
      setSimulation(await call('POST /api/v1/return-rules/simulate', { body: { rules: draft } }));
    } catch (err) {
      setError(err);
    }
  };
  const publish = async () => {
    setError(null);
    try {
      const r = await call('PUT /api/v1/return-rules', { body: { rules: draft, baseVersion: saved?.version ?? 0 } });
      setSaved(r);
      setDraft(r.rules);
      setEditing(null);
      setNotice(t('rrPublished', { version: r.version }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="section-body">
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">{t('rrHelp')}</p>
      {saved && <p class="small">{saved.version > 0 ? t('rrVersion', { version: saved.version }) : t('rrNone')}</p>}
      <ol class="cards">
        {draft.map((rule, i) => (
          <li key={`${i}-${rule.name}`} class="card">
            <div class="row-between">
              <span>
                <strong>
                  {i + 1}. {rule.name}
                </strong>
                {!rule.active && <span class="muted"> ({t('rrInactive')})</span>}
                <br />
                <span class="muted small">{summary(rule)}</span>
              </span>
              <span class="actions">
                <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp', { name: rule.name })}>
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === draft.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('moveDown', { name: rule.name })}
                >
                  ↓
                </button>
                <button type="button" onClick={() => setEditing(editing === i ? null : i)}>
                  {editing === i ? t('rrDone') : t('edit')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    edit(draft.filter((_, k) => k !== i));
                    setEditing(null);
                  }}
                  aria-label={t('rrDelete', { name: rule.name })}
                >
                  {t('delete')}
                </button>
              </span>
            </div>
            {editing === i && catalogue && (
              <RuleEditor
                rule={rule}
                index={i}
                catalogue={catalogue}
                onChange={(next) => edit(draft.map((r, k) => (k === i ? next : r)))}
              />
            )}
          </li>
        ))}
      </ol>
      <div class="actions">
        <button
          type="button"
          onClick={() => {
            edit([...draft, newRule()]);
            setEditing(draft.length);
          }}
        >
          {t('rrAdd')}
        </button>
        <button type="button" onClick={simulate}>
          {t('rrSimulate')}
        </button>
        <button type="button" class="primary" disabled={!changed} onClick={publish}>
          {t('rrPublish')}
        </button>
        {changed && <span class="muted small">{t('rrUnsaved')}</span>}
      </div>
      {simulation && (
        <section aria-labelledby="rr-sim" class="card">
          <h3 id="rr-sim">{t('rrSimTitle')}</h3>
          <p>
            {t('rrSimConsidered', {
              returns: simulation.returnsConsidered,
              orders: simulation.ordersConsidered,
              changed: simulation.returnsChanged,
            })}
          </p>
          <dl class="facts">
            <dt>{t('rrSimBlocked')}</dt>
            <dd data-testid="sim-blocked">{simulation.returnsBlocked}</dd>
            <dt>{t('rrSimItemsBlocked')}</dt>
            <dd>{simulation.itemsBlocked}</dd>
            <dt>{t('rrSimApprovals')}</dt>
            <dd data-testid="sim-approvals">{simulation.approvalsNeeded}</dd>
            <dt>{t('rrSimFeesBefore')}</dt>
            <dd>{sums(simulation.feesBefore)}</dd>
            <dt>{t('rrSimFeesAfter')}</dt>
            <dd>{sums(simulation.feesAfter)}</dd>
            <dt>{t('rrSimKept')}</dt>
            <dd data-testid="sim-kept">{sums(simulation.moneyKept)}</dd>
            <dt>{t('rrSimKeptByShopper')}</dt>
            <dd>{sums(simulation.keptByShopper)}</dd>
          </dl>
          {simulation.changes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t('rrSimReturn')}</th>
                  <th>{t('rrSimChange')}</th>
                  <th>{t('rrSimFired')}</th>
                </tr>
              </thead>
              <tbody>
                {simulation.changes.map((c) => (
                  <tr key={c.returnId}>
                    <td>
                      {c.reference} ({c.orderNumber})
                    </td>
                    <td>
                      {[
                        c.blocked && t('rrSimWouldBlock'),
                        ...c.blockedItems.map((b) => `${b.sku}: ${b.message}`),
                        c.needsReview && t('rrActReview'),
                        c.feeBefore.value !== c.feeAfter.value && `${money(c.feeBefore)} → ${money(c.feeAfter)}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td>{c.fired.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
