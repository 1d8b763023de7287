// The conditions of a shipping rule, edited as fields: per condition a field (integration, country,
// tag, SKU) and its values (one value → "eq", several separated by commas → "in"), with add/remove.
// Field names and the condition shape come from the shipping-rule contract.
import type { BodyOf } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { oneOf } from '../labels.ts';
import { describedBy, FieldError } from '../ui.tsx';

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
    <fieldset class="conditions">
      <legend>{t('conditionsLabel')}</legend>
      <p class="hint">{t('conditionsHint')}</p>
      {errors.conditions && <FieldError id="rule-conditions" error={errors.conditions} />}
      {conditions.map((c, index) => {
        const n = index + 1;
        const error = Object.entries(errors).find(([k]) => k.startsWith(`conditions.${index}`))?.[1];
        return (
          <div class="row condition" key={index}>
            <div class="field">
              <label for={`cond-field-${index}`}>{t('conditionFieldOf', { n })}</label>
              <select
                id={`cond-field-${index}`}
                value={c.field}
                onChange={(e) => set(index, { field: oneOf(FIELDS, e.currentTarget.value) ?? c.field })}
              >
                {FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(FIELD_LABELS[f])}
                  </option>
                ))}
              </select>
            </div>
            <div class="field grow">
              <label for={`cond-values-${index}`}>{t('conditionValuesOf', { n })}</label>
              <input
                id={`cond-values-${index}`}
                value={c.values}
                {...describedBy(`cond-values-${index}`, error)}
                onInput={(e) => set(index, { values: e.currentTarget.value })}
              />
              <FieldError id={`cond-values-${index}`} error={error} />
            </div>
            <button type="button" class="danger" onClick={() => onChange(conditions.filter((_, i) => i !== index))}>
              {t('removeConditionOf', { n })}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...conditions, { field: 'country', values: '' }])}>
        {t('addCondition')}
      </button>
    </fieldset>
  );
}
