// The settings pages' form kit, next to Field/FieldError/describedBy in ui.tsx: a labelled select
// with its hint and error tied to it, and the save bar (Save, Cancel) every editor ends with.
import type { ComponentChildren } from 'preact';
import { t } from './i18n.ts';
import { FieldError } from './ui.tsx';

/** A select with its label, optional hint and error (aria-describedby points at both). */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <select
        id={props.id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => {
          const chosen = props.options.find(([value]) => value === e.currentTarget.value);
          if (chosen) props.onChange(chosen[0]);
        }}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** The end of an editor: the primary submit (Save unless named) and Cancel, plus anything extra. */
export function SaveBar(props: { onCancel?: () => void; saveLabel?: string; busy?: boolean; children?: ComponentChildren }) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={props.busy}>
        {props.saveLabel ?? t('save')}
      </button>
      {props.children}
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
