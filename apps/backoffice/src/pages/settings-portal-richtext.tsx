// Portal settings → instructions: a small rich-text editor.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LinkDialog } from '../dialog.tsx';
import { type MessageKey, t } from '../i18n.ts';
import { describedBy, FieldError } from '../ui.tsx';

// The symbol each button shows; the list and link buttons show a word (toolList, toolLink).
const TOOLS: { cmd: string; label: MessageKey; text: string; word?: MessageKey }[] = [
  { cmd: 'bold', label: 'toolBold', text: 'B' },
  { cmd: 'italic', label: 'toolItalic', text: 'I' },
  { cmd: 'underline', label: 'toolUnderline', text: 'U' },
  { cmd: 'insertUnorderedList', label: 'toolBulleted', text: '• ', word: 'toolList' },
  { cmd: 'insertOrderedList', label: 'toolNumbered', text: '1. ', word: 'toolList' },
  { cmd: 'createLink', label: 'toolLink', text: '', word: 'toolLink' },
];

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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
  // The selection a link is made of, kept while the link dialog has the focus.
  const [linking, setLinking] = useState<Range | null>(null);
  const exec = (cmd: string) => {
    ref.current?.focus();
    if (cmd === 'createLink') {
      const selection = getSelection();
      setLinking(selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : document.createRange());
      return;
    }
    document.execCommand(cmd);
    props.onChange(ref.current?.innerHTML ?? '');
  };
  const insertLink = (url: string) => {
    const range = linking;
    setLinking(null);
    ref.current?.focus();
    const selection = getSelection();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
    // With nothing selected, the address itself becomes the link's text.
    if (range?.collapsed !== false) document.execCommand('insertHTML', false, `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
    else document.execCommand('createLink', false, url);
    props.onChange(ref.current?.innerHTML ?? '');
  };
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <span class="label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div class="rte">
        <div class="rte-tools" role="toolbar" aria-label={t('formatting', { label: props.label })} aria-controls={props.id}>
          {TOOLS.map((tool) => (
            <button
              key={tool.cmd}
              type="button"
              aria-label={t(tool.label)}
              title={t(tool.label)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => exec(tool.cmd)}
            >
              <span aria-hidden="true" class={`tool-${tool.cmd}`}>
                {tool.text}
                {tool.word ? t(tool.word) : ''}
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
      {linking && <LinkDialog onInsert={insertLink} onClose={() => setLinking(null)} />}
    </div>
  );
}
