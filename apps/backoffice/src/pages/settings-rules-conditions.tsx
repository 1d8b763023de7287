// The conditions of a shipping rule, edited as fields: per condition a field (integration, country,
// tag, SKU) and its values (one value → "eq", several separated by commas → "in"), with add/remove.
// Field names and the condition shape come from the shipping-rule contract.
import type { BodyOf } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { FieldGroup, SelectField } from '../form-kit.tsx';
import { Field, FieldError } from '../ui.tsx';

export type Condition = BodyOf<'POST /api/v1/shipping-rules'>['conditions'][number];
type ConditionField = Condition['field'];
/** One condition as typed: its field and its values as one comma-separated text. */
export type DraftCondition = { field: ConditionField; values: string };

// Keyed by the contract's condition fields: a field added there fails tsc until it has a label here.
const FIELD_LABELS: Record<ConditionField, MessageKey> = {
  integration: 'integration',
  country: 'country',
  tag: 'tagField',
  sku: 'sku',
};
const FIELDS = Object.keys(FIELD_LABELS) as ConditionField[];

export function toDraft(conditions: Condition[]): DraftCondition[] {
  return conditions.map((c) => ({ field: c.field, values: Array.isArray(c.value) ? c.value.join(', ') : c.value }));
}

export function fromDraft(drafts: DraftCondition[]): Condition[] {
  return drafts.map((d) => {
    const values = d.values
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length > 1 ? { field: d.field, op: 'in', value: values } : { field: d.field, op: 'eq', value: values[0] ?? '' };
  });
}

/** "country = NL", "tag in a, b": one condition in words. */
export function describeCondition(c: Condition): string {
  const field = t(FIELD_LABELS[c.field]);
  return `${field} ${c.op === 'eq' ? '=' : t('conditionIn')} ${Array.isArray(c.value) ? c.value.join(', ') : c.value}`;
}

export function ConditionsEditor(props: {
  conditions: DraftCondition[];
  onChange: (conditions: DraftCondition[]) => void;
  errors: Record<string, string>;
}) {
  const { conditions, onChange, errors } = props;
  const set = (index: number, patch: Partial<DraftCondition>) => onChange(conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <FieldGroup class="conditions" legend={t('conditionsLabel')}>
      <p class="hint">{t('conditionsHint')}</p>
      <FieldError id="rule-conditions" error={errors.conditions} />
      {conditions.map((c, index) => {
        const n = index + 1;
        const error = Object.entries(errors).find(([k]) => k.startsWith(`conditions.${index}`))?.[1];
        return (
          <div class="row condition" key={index}>
            <SelectField
              id={`cond-field-${index}`}
              label={t('conditionFieldOf', { n })}
              value={c.field}
              options={FIELDS.map((f) => [f, t(FIELD_LABELS[f])] as const)}
              onChange={(field) => set(index, { field })}
            />
            <Field
              id={`cond-values-${index}`}
              fieldClass="grow"
              label={t('conditionValuesOf', { n })}
              value={c.values}
              error={error}
              onInput={(e) => set(index, { values: e.currentTarget.value })}
            />
            <button type="button" class="danger" onClick={() => onChange(conditions.filter((_, i) => i !== index))}>
              {t('removeConditionOf', { n })}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...conditions, { field: 'country', values: '' }])}>
        {t('addCondition')}
      </button>
    </FieldGroup>
  );
}
