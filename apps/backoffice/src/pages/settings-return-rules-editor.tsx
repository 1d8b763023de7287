// Settings → Return rules: one rule as fields. Property, operator and action come from the
// discovery endpoints; the value field follows the type they name (text, list, number, amount).
import type { Answer, BodyOf } from '../api.ts';
import { t } from '../i18n.ts';
import { CheckboxField, FieldGroup, InlineField, SelectField } from '../form-kit.tsx';
import { Field } from '../ui.tsx';

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

/** An input (or a small group of inputs) for a value of `type`, named `label` ("Value"). */
function ValueInput(props: { id: string; label: string; type: string; isList: boolean; value: unknown; onChange: (v: unknown) => void }) {
  const { id, label, type, isList, value, onChange } = props;
  if (isList || type === 'text_list')
    return (
      <input id={id} class="input" aria-label={label} value={list(value)} onInput={(e) => onChange(splitList(e.currentTarget.value))} />
    );
  if (type === 'integer')
    return (
      <input
        id={id}
        class="input narrow"
        aria-label={label}
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
          <InlineField
            label={t('rrDays')}
            class="input narrow"
            inputMode="numeric"
            value={o.days === undefined ? '' : String(o.days)}
            onInput={(e) => set('days', Number(e.currentTarget.value))}
          />
        )}
        {type === 'window' ? (
          <InlineField
            label={t('rrCount')}
            class="input narrow"
            inputMode="numeric"
            value={o.count === undefined ? '' : String(o.count)}
            onInput={(e) => set('count', Number(e.currentTarget.value))}
          />
        ) : (
          <>
            <InlineField
              label={t('rrAmount')}
              id={id}
              class="input narrow"
              value={String(o.value ?? '')}
              onInput={(e) => set('value', e.currentTarget.value)}
            />
            <InlineField
              label={t('rrCurrency')}
              class="input narrow"
              value={String(o.currency ?? 'EUR')}
              onInput={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            />
          </>
        )}
      </span>
    );
  }
  return (
    <input
      id={id}
      class="input"
      aria-label={label}
      value={typeof value === 'string' ? value : ''}
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  );
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
    <FieldGroup class="card rule-editor" legend={t('rrEditRule', { number: index + 1 })}>
      <Field
        id={`${id}-name`}
        label={t('name')}
        class="input"
        value={rule.name}
        onInput={(e) => onChange({ ...rule, name: e.currentTarget.value })}
      />
      <CheckboxField label={t('rrActive')} checked={rule.active} onChange={(active) => onChange({ ...rule, active })} />
      <SelectField
        id={`${id}-scope`}
        label={t('rrScope')}
        value={rule.scope}
        options={[
          ['item', t('rrScopeItem')],
          ['return', t('rrScopeReturn')],
        ]}
        onChange={(scope) => onChange({ ...rule, scope })}
      />
      <SelectField
        id={`${id}-match`}
        label={t('rrMatch')}
        value={rule.criteria.match}
        options={[
          ['all', t('rrMatchAll')],
          ['any', t('rrMatchAny')],
        ]}
        onChange={(match) => onChange({ ...rule, criteria: { ...rule.criteria, match } })}
      />
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
              <SelectField
                id={`${cid}-property`}
                label={t('rrProperty')}
                labelHidden
                value={c.property}
                options={catalogue.properties.map((x) => [x.name, propertyLabel(x.name)] as const)}
                onChange={(property) => replace({ property, operator: prop(property)?.operators[0] ?? 'eq', value: undefined })}
              />
              <SelectField
                id={`${cid}-operator`}
                label={t('rrOperator')}
                labelHidden
                value={c.operator}
                options={(p?.operators ?? []).map((o) => [o, operatorLabel(o)] as const)}
                onChange={(operator) => replace({ operator, value: undefined })}
              />
              <ValueInput
                id={`${cid}-value`}
                label={t('rrValue')}
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
              <SelectField
                id={`${aid}-identifier`}
                label={t('rrAction')}
                labelHidden
                value={a.identifier}
                options={catalogue.actions.map((x) => [x.identifier, actionLabel(x.identifier)] as const)}
                onChange={(identifier) => replace({ identifier, value: undefined })}
              />
              {info && info.type !== 'none' && (
                <ValueInput
                  id={`${aid}-value`}
                  label={t('rrValue')}
                  type={info.type}
                  isList={false}
                  value={a.value}
                  onChange={(value) => replace({ value })}
                />
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
    </FieldGroup>
  );
}
