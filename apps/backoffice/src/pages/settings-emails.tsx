// Email templates: subject and body per template and language, placeholders, preview, reset.
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.ts';
import { m } from '../messages.ts';
import { Alert, describedBy, Field, FieldError, errorText, fieldErrors } from '../ui.tsx';

type Template = { template: string; language: string; subject: string; body: string; placeholders: string[]; overridden: boolean };

export function EmailTemplates() {
  const [list, setList] = useState<Template[]>([]);
  const [current, setCurrent] = useState('');
  const [draft, setDraft] = useState<{ subject: string; body: string }>({ subject: '', body: '' });
  const [preview, setPreview] = useState<{ subject: string; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = () =>
    get<{ data: Template[] }>('/api/v1/email-templates').then((r) => {
      setList(r.data);
      return r.data;
    }, setError);
  useEffect(() => {
    void load().then((data) => {
      const first = data?.[0];
      if (first) select(first);
    });
  }, []);
  const key = (t: Template) => `${t.template}/${t.language}`;
  const select = (t: Template) => {
    setCurrent(key(t));
    setDraft({ subject: t.subject, body: t.body });
    setPreview(null);
    setError(null);
    setNotice('');
  };
  const tpl = list.find((t) => key(t) === current);
  const f = fieldErrors(error);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT', `/api/v1/email-templates/${current}`, draft);
      setNotice(m.saved);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="narrow-wide">
      <div class="field">
        <label for="tpl-select">Template and language</label>
        <select
          id="tpl-select"
          value={current}
          onChange={(e) => {
            const t = list.find((x) => key(x) === e.currentTarget.value);
            if (t) select(t);
          }}
        >
          {list.map((t) => (
            <option key={key(t)} value={key(t)}>
              {t.template.replace(/_/g, ' ')} · {t.language}
              {t.overridden ? ' (customised)' : ''}
            </option>
          ))}
        </select>
      </div>
      {tpl && (
        <form class="card" onSubmit={save} noValidate>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          {notice && <Alert kind="success">{notice}</Alert>}
          <p class="hint" id="tpl-placeholders">
            Placeholders: {tpl.placeholders.map((p) => `{{${p}}}`).join(', ')}
          </p>
          <Field
            id="tpl-subject"
            label="Subject"
            value={draft.subject}
            error={f.subject}
            onInput={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
          />
          <div class="field">
            <label for="tpl-body">Body</label>
            <textarea
              id="tpl-body"
              rows={10}
              value={draft.body}
              {...describedBy('tpl-body', f.body)}
              onInput={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            <FieldError id="tpl-body" error={f.body} />
          </div>
          <div class="actions">
            <button type="submit" class="primary">
              {m.save}
            </button>
            <button
              type="button"
              onClick={async () => {
                try {
                  setPreview(await post<{ subject: string; text: string }>(`/api/v1/email-templates/${current}/preview`, draft));
                } catch (err) {
                  setError(err);
                }
              }}
            >
              Preview
            </button>
            {tpl.overridden && (
              <button
                type="button"
                onClick={async () => {
                  await api('DELETE', `/api/v1/email-templates/${current}`).catch(setError);
                  const data = await load();
                  const t = data?.find((x) => key(x) === current);
                  if (t) select(t);
                }}
              >
                Reset to default
              </button>
            )}
          </div>
          {preview && (
            <section class="email-preview" aria-label="Preview">
              <p>
                <strong>{preview.subject}</strong>
              </p>
              <pre>{preview.text}</pre>
            </section>
          )}
        </form>
      )}
    </div>
  );
}
