// Settings → Return rules: one rule as fields. Property, operator and action come from the
// discovery endpoints; the value field follows the type they name (text, list, number, amount).
import type { Answer, BodyOf } from '../api.ts';
import { t } from '../i18n.ts';

export type ReturnRule = BodyOf<'PUT /api/v1/return-rules'>['rules'][number] & { active: boolean };
export type Condition = ReturnRule['criteria']['conditions'][number];
export type Action = ReturnRule['actions'][number];
export type PropertyInfo = Answer<'GET /api/v1/return-rules/properties'>['data'][number];
export type OperatorInfo = Answer<'GET /api/v1/return-rules/operators'>['data'][number];
export type ActionInfo = Answer<'GET /api/v1/return-rules/actions'>['data'][number];
export type Catalogue = { properties: PropertyInfo[]; operators: OperatorInfo[]; actions: ActionInfo[] };

/** Labels of the catalogue's names (the API's names are the fallback for a newer server). */
export const PROPERTY_LABELS: Record<string, string> = {
  country: 'rrPropCountry',
  postal_code: 'rrPropPostalCode',
  order_value: 'rrPropOrderValue',
  order_age_days: 'rrPropOrderAge',
  sku: 'rrPropSku',
  product_tag: 'rrPropTag',
  product_type: 'rrPropType',
  vendor: 'rrPropVendor',
  discount_code: 'rrPropDiscount',
  reason: 'rrPropReason',
  item_condition: 'rrPropCondition',
  customer_returns_count: 'rrPropHistoryCount',
  customer_returns_value: 'rrPropHistoryValue',
  brand: 'rrPropBrand',
  portal: 'rrPropPortal',
};
export const OPERATOR_LABELS: Record<string, string> = {
  eq: 'rrOpEq',
  neq: 'rrOpNeq',
  in: 'rrOpIn',
  not_in: 'rrOpNotIn',
  starts_with: 'rrOpStartsWith',
  lt: 'rrOpLt',
  lte: 'rrOpLte',
  gt: 'rrOpGt',
  gte: 'rrOpGte',
};
export const ACTION_LABELS: Record<string, string> = {
  block: 'rrActBlock',
  allow: 'rrActAllow',
  set_window_days: 'rrActWindow',
  set_fee: 'rrActSetFee',
  waive_fee: 'rrActWaiveFee',
  restrict_methods: 'rrActMethods',
  restrict_carriers: 'rrActCarriers',
  restrict_resolutions: 'rrActResolutions',
  needs_review: 'rrActReview',
  require_photos: 'rrActPhotos',
  keep_item: 'rrActKeep',
  add_tag: 'rrActTag',
  return_address: 'rrActAddress',
};
// biome-ignore lint/suspicious/noExplicitAny: message keys are checked by the catalogue test
const label = (map: Record<string, string>, name: string) => (map[name] ? t(map[name] as any) : name);
export const propertyLabel = (name: string) => label(PROPERTY_LABELS, name);
export const operatorLabel = (name: string) => label(OPERATOR_LABELS, name);
export const actionLabel = (name: string) => label(ACTION_LABELS, name);

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : '');
const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** An input (or a small group of inputs) for a value of `type`. */
function ValueInput(props: { id: string; type: string; isList: boolean; value: unknown; onChange: (v: unknown) => void }) {
  const { id, type, isList, value, onChange } = props;
  if (isList || type === 'text_list')
    return <input id={id} class="input" value={list(value)} onInput={(e) => onChange(splitList(e.currentTarget.value))} />;
  if (type === 'integer')
    return (
      <input
        id={id}
        class="input narrow"
        inputMode="numeric"
        value={value === undefined ? '' : String(value)}
        onInput={(e) => onChange(Number(e.currentTarget.value))}
      />
    );
  if (type === 'money' || type === 'window' || type === 'window_money') {
    const o = obj(value);
    const set = (k: string, v: unknown) => onChange({ ...o, [k]: v });
    return (
      <span class="inline-fields">
        {type !== 'money' && (
          <label>
            {t('rrDays')}{' '}
            <input
              class="input narrow"
              inputMode="numeric"
              value={o.days === undefined ? '' : String(o.days)}
              onInput={(e) => set('days', Number(e.currentTarget.value))}
            />
          </label>
        )}
        {type === 'window' ? (
          <label>
            {t('rrCount')}{' '}
            <input
              class="input narrow"
              inputMode="numeric"
              value={o.count === undefined ? '' : String(o.count)}
              onInput={(e) => set('count', Number(e.currentTarget.value))}
            />
          </label>
        ) : (
          <>
            <label>
              {t('rrAmount')}{' '}
              <input id={id} class="input narrow" value={String(o.value ?? '')} onInput={(e) => set('value', e.currentTarget.value)} />
            </label>
            <label>
              {t('rrCurrency')}{' '}
              <input
                class="input narrow"
                value={String(o.currency ?? 'EUR')}
                onInput={(e) => set('currency', e.currentTarget.value.toUpperCase())}
              />
            </label>
          </>
        )}
      </span>
    );
  }
  return <input id={id} class="input" value={typeof value === 'string' ? value : ''} onInput={(e) => onChange(e.currentTarget.value)} />;
}

export function RuleEditor(props: { rule: ReturnRule; index: number; catalogue: Catalogue; onChange: (rule: ReturnRule) => void }) {
  const { rule, index, catalogue, onChange } = props;
  const id = `rule-${index}`;
  const setConditions = (conditions: Condition[]) => onChange({ ...rule, criteria: { ...rule.criteria, conditions } });
  const setActions = (actions: Action[]) => onChange({ ...rule, actions });
  const prop = (name: string) => catalogue.properties.find((p) => p.name === name);
  const op = (name: string) => catalogue.operators.find((o) => o.name === name);
  const act = (name: string) => catalogue.actions.find((a) => a.identifier === name);
  return (
    <fieldset class="card rule-editor">
      <legend>{t('rrEditRule', { number: index + 1 })}</legend>
      <div class="field">
        <label for={`${id}-name`}>{t('name')}</label>
        <input id={`${id}-name`} class="input" value={rule.name} onInput={(e) => onChange({ ...rule, name: e.currentTarget.value })} />
      </div>
      <label class="check">
        <input type="checkbox" checked={rule.active} onChange={(e) => onChange({ ...rule, active: e.currentTarget.checked })} />{' '}
        {t('rrActive')}
      </label>
      <div class="field">
        <label for={`${id}-scope`}>{t('rrScope')}</label>
        <select
          id={`${id}-scope`}
          value={rule.scope}
          onChange={(e) => onChange({ ...rule, scope: e.currentTarget.value as ReturnRule['scope'] })}
        >
          <option value="item">{t('rrScopeItem')}</option>
          <option value="return">{t('rrScopeReturn')}</option>
        </select>
      </div>
      <div class="field">
        <label for={`${id}-match`}>{t('rrMatch')}</label>
        <select
          id={`${id}-match`}
          value={rule.criteria.match}
          onChange={(e) => onChange({ ...rule, criteria: { ...rule.criteria, match: e.currentTarget.value as 'all' | 'any' } })}
        >
          <option value="all">{t('rrMatchAll')}</option>
          <option value="any">{t('rrMatchAny')}</option>
        </select>
      </div>
      <h4>{t('rrConditions')}</h4>
      {rule.criteria.conditions.length === 0 && <p class="muted small">{t('always')}</p>}
      <ol class="plain">
        {rule.criteria.conditions.map((c, i) => {
          const cid = `${id}-c${i}`;
          const p = prop(c.property);
          const replace = (next: Partial<Condition>) =>
            setConditions(rule.criteria.conditions.map((x, k) => (k === i ? { ...x, ...next } : x)));
          return (
            <li key={cid} class="row">
              <label class="sr-only" for={`${cid}-property`}>
                {t('rrProperty')}
              </label>
              <select
                id={`${cid}-property`}
                value={c.property}
                onChange={(e) => {
                  const next = prop(e.currentTarget.value);
                  replace({ property: e.currentTarget.value, operator: next?.operators[0] ?? 'eq', value: undefined });
                }}
              >
                {catalogue.properties.map((x) => (
                  <option key={x.name} value={x.name}>
                    {propertyLabel(x.name)}
                  </option>
                ))}
              </select>
              <label class="sr-only" for={`${cid}-operator`}>
                {t('rrOperator')}
              </label>
              <select
                id={`${cid}-operator`}
                value={c.operator}
                onChange={(e) => replace({ operator: e.currentTarget.value, value: undefined })}
              >
                {(p?.operators ?? []).map((o) => (
                  <option key={o} value={o}>
                    {operatorLabel(o)}
                  </option>
                ))}
              </select>
              <label class="sr-only" for={`${cid}-value`}>
                {t('rrValue')}
              </label>
              <ValueInput
                id={`${cid}-value`}
                type={p?.type ?? 'text'}
                isList={op(c.operator)?.valueList ?? false}
                value={c.value}
                onChange={(value) => replace({ value })}
              />
              <button type="button" onClick={() => setConditions(rule.criteria.conditions.filter((_, k) => k !== i))}>
                {t('rrRemove')}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          const first = catalogue.properties[0];
          setConditions([
            ...rule.criteria.conditions,
            { property: first?.name ?? 'country', operator: first?.operators[0] ?? 'eq', value: undefined },
          ]);
        }}
      >
        {t('rrAddCondition')}
      </button>
      <h4>{t('rrActions')}</h4>
      <ol class="plain">
        {rule.actions.map((a, i) => {
          const aid = `${id}-a${i}`;
          const info = act(a.identifier);
          const replace = (next: Partial<Action>) => setActions(rule.actions.map((x, k) => (k === i ? { ...x, ...next } : x)));
          return (
            <li key={aid} class="row">
              <label class="sr-only" for={`${aid}-identifier`}>
                {t('rrAction')}
              </label>
              <select
                id={`${aid}-identifier`}
                value={a.identifier}
                onChange={(e) => replace({ identifier: e.currentTarget.value, value: undefined })}
              >
                {catalogue.actions.map((x) => (
                  <option key={x.identifier} value={x.identifier}>
                    {actionLabel(x.identifier)}
                  </option>
                ))}
              </select>
              {info && info.type !== 'none' && (
                <>
                  <label class="sr-only" for={`${aid}-value`}>
                    {t('rrValue')}
                  </label>
                  <ValueInput
                    id={`${aid}-value`}
                    type={info.type}
                    isList={false}
                    value={a.value}
                    onChange={(value) => replace({ value })}
                  />
                </>
              )}
              <button type="button" onClick={() => setActions(rule.actions.filter((_, k) => k !== i))}>
                {t('rrRemove')}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => setActions([...rule.actions, { identifier: catalogue.actions[0]?.identifier ?? 'block' }])}>
        {t('rrAddAction')}
      </button>
    </fieldset>
  );
}
