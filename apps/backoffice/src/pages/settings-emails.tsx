// Email templates: subject and body per template and language, placeholders, preview, reset.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { languageName, t } from '../i18n.ts';
import { templateName } from '../labels.ts';
import { SaveBar, SelectField, TextAreaField } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';

type Template = Answer<'GET /api/v1/email-templates'>['data'][number];

export function EmailTemplates() {
  const [list, setList] = useState<Template[]>([]);
  const [current, setCurrent] = useState('');
  const [draft, setDraft] = useState<{ subject: string; body: string }>({ subject: '', body: '' });
  const [preview, setPreview] = useState<Answer<'POST /api/v1/email-templates/:template/:language/preview'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = () =>
    call('GET /api/v1/email-templates').then((r) => {
      setList(r.data);
      return r.data;
    }, setError);
  useEffect(() => {
    void load().then((data) => {
      const first = data?.[0];
      if (first) select(first);
    });
  }, []);
  const key = (x: Template) => `${x.template}/${x.language}`;
  const select = (x: Template) => {
    setCurrent(key(x));
    setDraft({ subject: x.subject, body: x.body });
    setPreview(null);
    setError(null);
    setNotice('');
  };
  const tpl = list.find((x) => key(x) === current);
  const f = fieldErrors(error);
  const params = tpl ? { template: tpl.template, language: tpl.language } : null;
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!params) return;
    try {
      await call('PUT /api/v1/email-templates/:template/:language', { params, body: draft });
      setNotice(t('saved'));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="narrow-wide">
      <SelectField
        id="tpl-select"
        label={t('templateAndLanguage')}
        value={current}
        options={list.map(
          (x) =>
            [
              key(x),
              t('templateOption', { template: templateName(x.template), language: languageName(x.language) }) +
                (x.overridden ? ` ${t('customised')}` : ''),
            ] as const,
        )}
        onChange={(value) => {
          const chosen = list.find((x) => key(x) === value);
          if (chosen) select(chosen);
        }}
      />
      {tpl && (
        <form class="card" onSubmit={save} noValidate>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <p class="hint" id="tpl-placeholders">
            {t('placeholders', { list: tpl.placeholders.map((p) => `{{${p}}}`).join(', ') })}
          </p>
          <Field
            id="tpl-subject"
            label={t('subject')}
            value={draft.subject}
            error={f.subject}
            onInput={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
          />
          <TextAreaField
            id="tpl-body"
            label={t('body')}
            rows={10}
            value={draft.body}
            error={f.body}
            onInput={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
          />
          <SaveBar status={notice}>
            <button
              type="button"
              onClick={async () => {
                try {
                  setPreview(
                    await call('POST /api/v1/email-templates/:template/:language/preview', {
                      params: { template: tpl.template, language: tpl.language },
                      body: draft,
                    }),
                  );
                } catch (err) {
                  setError(err);
                }
              }}
            >
              {t('preview')}
            </button>
            {tpl.overridden && (
              <button
                type="button"
                onClick={async () => {
                  if (params) await call('DELETE /api/v1/email-templates/:template/:language', { params }).catch(setError);
                  const data = await load();
                  const again = data?.find((x) => key(x) === current);
                  if (again) select(again);
                }}
              >
                {t('resetToDefault')}
              </button>
            )}
          </SaveBar>
          {preview && (
            <section class="email-preview" aria-label={t('preview')}>
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
