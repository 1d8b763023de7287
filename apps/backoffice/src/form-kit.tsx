// The settings pages' form kit, next to Field/FieldError/describedBy in ui.tsx (Field is the kit's
// text and number input): a labelled select, textarea, checkbox and radio with their hint and error
// tied to them (aria-describedby, aria-invalid), a group (fieldset + legend), and the save bar every
// editor ends with. Pages write no raw <label>/<select>/<textarea>/checkbox (test/form-kit-usage.test.ts).
import type { ComponentChildren, PartialInputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { t } from './i18n.ts';
import { FieldError } from './ui.tsx';

/** The ARIA attributes tying a control to its hint and error (both `${id}-hint` / `${id}-error`). */
export function ariaFor(id: string, hint?: unknown, error?: unknown) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': described || undefined };
}

function Hint(props: { id: string; hint?: ComponentChildren }) {
  return props.hint ? (
    <p class="hint" id={`${props.id}-hint`}>
      {props.hint}
    </p>
  ) : null;
}

type Described = { id: string; label: string; error?: string | undefined; hint?: ComponentChildren; class?: string };

/** A select with its label, optional hint and error (aria-describedby points at both). */
export function SelectField<T extends string>(
  props: Described & {
    value: T;
    options: readonly (readonly [T, string])[];
    onChange: (value: T) => void;
    /** The language of an option's text (a language menu names each language in itself). */
    optionLang?: (value: T) => string | undefined;
    /** The label is for screen readers only and no field box wraps it (a select in a table cell). */
    labelHidden?: boolean;
    disabled?: boolean;
    required?: boolean;
  },
) {
  const parts = (
    <>
      <label for={props.id} class={props.labelHidden ? 'sr-only' : undefined}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        required={props.required}
        {...ariaFor(props.id, props.hint, props.error)}
        onChange={(e) => {
          const chosen = props.options.find(([value]) => value === e.currentTarget.value);
          if (chosen) props.onChange(chosen[0]);
        }}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value} lang={props.optionLang?.(value)}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={props.id} error={props.error} />
    </>
  );
  if (props.labelHidden) return parts;
  return <div class={`field${props.error ? ' has-error' : ''}${props.class ? ` ${props.class}` : ''}`}>{parts}</div>;
}

/** A small input inside its label, one of several on a line (days, amount, currency). */
export function InlineField({ label, ...input }: { label: string } & Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label'>) {
  return (
    <label>
      {label} <input {...(input as Record<string, unknown>)} />
    </label>
  );
}

/** A textarea with its label, optional hint and error. */
export function TextAreaField({
  id,
  label,
  error,
  hint,
  class: extra,
  ...area
}: Described & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'label' | 'class' | 'role'>) {
  return (
    <div class={`field${error ? ' has-error' : ''}${extra ? ` ${extra}` : ''}`}>
      <label for={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <textarea id={id} {...ariaFor(id, hint, error)} {...(area as Record<string, unknown>)} />
      <FieldError id={id} error={error} />
    </div>
  );
}

type CheckProps = {
  /** Shown after the box; with `labelHidden` it names the box (aria-label) without showing. */
  label: ComponentChildren;
  checked: boolean;
  disabled?: boolean;
  name?: string;
  /** Names the box instead of the visible label (which then only shows, e.g. its state). */
  ariaLabel?: string;
} & ({ id: string; hint?: ComponentChildren; error?: string | undefined } | { id?: undefined; hint?: undefined; error?: undefined });

function Check(props: CheckProps & { type: 'checkbox' | 'radio'; value?: string; onChange: (checked: boolean) => void }) {
  const aria = props.id ? ariaFor(props.id, props.hint, props.error) : {};
  return (
    <>
      <label class="check-label">
        <input
          id={props.id}
          type={props.type}
          name={props.name}
          value={props.value}
          checked={props.checked}
          disabled={props.disabled}
          aria-label={props.ariaLabel}
          {...aria}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />{' '}
        {props.label}
      </label>
      {props.id && <Hint id={props.id} hint={props.hint} />}
      {props.id && <FieldError id={props.id} error={props.error} />}
    </>
  );
}

/** A checkbox inside its label (hint and error under it), or with `labelHidden` a bare box named by
 * aria-label (a table cell whose row and column headers say what it is). */
export function CheckboxField(props: (CheckProps & { labelHidden?: boolean }) & { onChange: (checked: boolean) => void }) {
  if (props.labelHidden) {
    return (
      <input
        id={props.id}
        type="checkbox"
        aria-label={String(props.label)}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
    );
  }
  return <Check {...props} type="checkbox" />;
}

/** One option of a radio group (`name`), inside its label; onSelect runs when it gets chosen. */
export function RadioField(props: CheckProps & { name: string; value: string; onSelect: () => void }) {
  const { onSelect, ...rest } = props;
  return <Check {...rest} type="radio" onChange={(checked) => checked && onSelect()} />;
}

/** A group of fields: fieldset + legend, with a hint and an error for the group as a whole. */
export function FieldGroup(props: {
  legend: ComponentChildren;
  children: ComponentChildren;
  /** Needed for the group's hint and error ids (`${id}-hint`, `${id}-error`). */
  id?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  class?: string;
}) {
  const described = props.id ? ariaFor(props.id, props.hint, props.error)['aria-describedby'] : undefined;
  return (
    <fieldset class={props.class ?? 'card'} aria-describedby={described}>
      <legend>{props.legend}</legend>
      {props.id && <Hint id={props.id} hint={props.hint} />}
      {props.children}
      {props.id && <FieldError id={props.id} error={props.error} />}
    </fieldset>
  );
}

/**
 * The end of an editor: the primary submit (Save unless named) and Cancel, plus anything extra.
 * While `busy` the submit is aria-disabled (it keeps focus; the form's handler ignores repeats) and
 * shows `busyLabel`; `status` (saved, or what went wrong) is announced from a polite live region.
 */
export function SaveBar(props: {
  onCancel?: () => void;
  saveLabel?: string;
  busy?: boolean;
  busyLabel?: string;
  status?: string;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={props.class ?? 'actions'}>
      <button type="submit" class="primary" aria-disabled={props.busy ? 'true' : undefined}>
        {props.busy && props.busyLabel ? props.busyLabel : (props.saveLabel ?? t('save'))}
      </button>
      {props.children}
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      )}
      {props.status !== undefined && (
        <span role="status" aria-live="polite">
          {props.status}
        </span>
      )}
    </div>
  );
}
