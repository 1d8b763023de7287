// Small building blocks every step uses: headings that take focus, fields with their errors tied
// to them (aria-describedby, aria-invalid), an announced error summary, and buttons.
import type { ComponentChildren } from 'preact';
import type { Errors } from '../flow.ts';
import { t } from '../i18n.ts';

export function ids(...parts: (string | false | null | undefined)[]): string | undefined {
  const joined = parts.filter(Boolean).join(' ');
  return joined || undefined;
}

export const errorId = (field: string) => `error-${field.replace(/[^a-z0-9_-]/gi, '-')}`;

/** Attributes that tie an input to its hint and error. */
export function described(field: string, errors: Errors, hint?: string) {
  const error = errors[field];
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': ids(hint, error && errorId(field)),
  };
}

export function StepHeading({ children }: { children: ComponentChildren }) {
  return (
    <h1 id="step-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Progress({ index, total }: { index: number; total: number }) {
  return (
    <div class="progress">
      <p class="progress-text">{t('stepOf', { index, total })}</p>
      <div class="progress-bar" aria-hidden="true">
        <span style={{ width: `${Math.round((index / total) * 100)}%` }} />
      </div>
    </div>
  );
}

export function FieldError({ field, errors }: { field: string; errors: Errors }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <div class="field-error">
      <span aria-hidden="true" class="error-icon">
        !
      </span>
      <p id={errorId(field)}>{message}</p>
    </div>
  );
}

/** The step's errors, announced as they appear; each links to its field when there is one. */
export function ErrorSummary({ errors, targets }: { errors: Errors; targets?: Record<string, string> }) {
  const entries = Object.entries(errors);
  return (
    <div role="alert" aria-atomic="true" class={entries.length > 0 ? 'error-summary' : 'sr-only'}>
      {entries.length > 0 && (
        <>
          <h2 class="error-title">{t('errorSummaryTitle')}</h2>
          <ul>
            {entries.map(([field, message]) => {
              const target = targets?.[field];
              return <li key={field}>{target ? <a href={`#${target}`}>{message}</a> : message}</li>;
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** Moves focus to the first field with an error (the summary has announced them). */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.tagName === 'FIELDSET' ? invalid.querySelector<HTMLElement>('input') : invalid;
    (target ?? document.querySelector<HTMLElement>('.error-summary'))?.focus();
  });
}

type ButtonProps = { children: ComponentChildren; busy?: boolean; onClick?: () => void; kind?: 'primary' | 'secondary' | 'link' };

export function Button({ children, busy, onClick, kind = 'primary' }: ButtonProps) {
  return (
    <button type={onClick ? 'button' : 'submit'} class={`button ${kind}`} onClick={onClick} aria-disabled={busy ? 'true' : undefined}>
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

export function BackButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" class="button link back" onClick={onClick}>
      <span aria-hidden="true">← </span>
      {t('back')}
    </button>
  );
}

/** Announces short, non-urgent news (loading, results) to screen readers. */
export function Status({ children }: { children: ComponentChildren }) {
  return (
    <p role="status" class="status">
      {children}
    </p>
  );
}
