// Portal settings → instructions: a small rich-text editor.
import { useEffect, useRef } from 'preact/hooks';
import { describedBy, FieldError } from '../ui.tsx';

const TOOLS: { cmd: string; label: string; text: string }[] = [
  { cmd: 'bold', label: 'Bold', text: 'B' },
  { cmd: 'italic', label: 'Italic', text: 'I' },
  { cmd: 'underline', label: 'Underline', text: 'U' },
  { cmd: 'insertUnorderedList', label: 'Bulleted list', text: '• List' },
  { cmd: 'insertOrderedList', label: 'Numbered list', text: '1. List' },
  { cmd: 'createLink', label: 'Link', text: 'Link' },
];

/** A small contenteditable editor; the server sanitises what is saved. */
export function RichText(props: {
  id: string;
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== props.value) ref.current.innerHTML = props.value;
  }, []);
  const exec = (cmd: string) => {
    ref.current?.focus();
    if (cmd === 'createLink') {
      const url = prompt('Link address (https://…)');
      if (!url) return;
      document.execCommand(cmd, false, url);
    } else document.execCommand(cmd);
    props.onChange(ref.current?.innerHTML ?? '');
  };
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <span class="label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div class="rte">
        <div class="rte-tools" role="toolbar" aria-label={`${props.label}: formatting`} aria-controls={props.id}>
          {TOOLS.map((t) => (
            <button
              key={t.cmd}
              type="button"
              aria-label={t.label}
              title={t.label}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => exec(t.cmd)}
            >
              <span aria-hidden="true" class={`tool-${t.cmd}`}>
                {t.text}
              </span>
            </button>
          ))}
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editor needs contenteditable */}
        <div
          id={props.id}
          ref={ref}
          class="rte-area"
          contentEditable
          role="textbox"
          tabIndex={0}
          aria-multiline="true"
          aria-labelledby={`${props.id}-label`}
          {...describedBy(props.id, props.error)}
          onInput={() => props.onChange(ref.current?.innerHTML ?? '')}
        />
      </div>
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}
