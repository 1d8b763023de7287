// Small accessible building blocks: fields with labels and errors tied to them, alerts, page heading.
import type { ComponentChildren, PartialInputHTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';
import { errorMessage } from './labels.ts';
import { href, linkClick } from './router.ts';

export function Link(props: { to: string; children: ComponentChildren; class?: string; current?: boolean }) {
  return (
    <a href={href(props.to)} onClick={linkClick} class={props.class} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

/** The page's only h1; takes focus when the page opens so screen readers announce it. */
export function PageTitle(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {props.children}
    </h1>
  );
}

type FieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** An extra class for the field's box (e.g. "grow" in a row). */
  fieldClass?: string;
  children?: ComponentChildren;
} & Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'id' | 'label' | 'role'>;

export function Field({ id, label, error, hint, fieldClass, children, ...input }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}${fieldClass ? ` ${fieldClass}` : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children ?? (
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...(input as Record<string, unknown>)} />
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function FieldError(props: { id: string; error?: string | undefined }) {
  return props.error ? (
    <p class="error" id={`${props.id}-error`}>
      {props.error}
    </p>
  ) : null;
}

export function Alert(props: { kind?: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  const kind = props.kind ?? 'error';
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

/** The message to show for a failed request; 409 gets the "changed in the meantime" wording. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409 && error.code === 'invalid_transition') return t('conflict');
    if (Object.keys(error.fields).length > 0) {
      const general = error.fields[''];
      return general ? `${t('fixErrors')} ${general}` : t('fixErrors');
    }
    return errorMessage(error.code, error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

export function Forbidden() {
  return (
    <section>
      <PageTitle>{t('forbiddenTitle')}</PageTitle>
      <Alert kind="info">{t('forbiddenText')}</Alert>
    </section>
  );
}

export function StatusBadge(props: { status: string; label: string }) {
  return <span class={`badge badge-${props.status}`}>{props.label}</span>;
}
