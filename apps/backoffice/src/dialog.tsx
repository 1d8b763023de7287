// A modal dialog on the native <dialog> element: opened with showModal() (focus moves in, the page
// behind is inert, Escape closes it), labelled by its title, and focus goes back where it was.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { Field } from './ui.tsx';

export function Dialog(props: { id: string; title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog card"
      aria-labelledby={`${props.id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
    </dialog>
  );
}

const LINK = /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i;

/** Asks for a link address (http, https or mailto) instead of the browser's prompt(). */
export function LinkDialog(props: { onInsert: (url: string) => void; onClose: () => void }) {
  const [url, setUrl] = useState('https://');
  const [error, setError] = useState('');
  return (
    <Dialog id="link-dialog" title={t('linkDialogTitle')} onClose={props.onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const value = url.trim();
          if (!LINK.test(value)) {
            setError(t('linkInvalid'));
            return;
          }
          // Closed first: while the modal is open the page behind it is inert (no focus, no editing).
          e.currentTarget.closest('dialog')?.close();
          props.onInsert(value);
        }}
      >
        <Field
          id="link-url"
          type="url"
          label={t('linkPrompt')}
          value={url}
          error={error || undefined}
          autoFocus
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {t('insertLink')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
