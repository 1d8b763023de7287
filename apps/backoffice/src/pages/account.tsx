import { useState } from 'preact/hooks';
import { call } from '../api.ts';
import { isLang, LANGUAGE_NAMES, LANGUAGES, t } from '../i18n.ts';
import { roleName } from '../labels.ts';
import { useSession } from '../session.ts';
import { SaveBar, SelectField } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors, PageTitle } from '../ui.tsx';

/** The user's back-office language; choosing one saves it and the whole back office follows. */
function LanguageForm() {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const change = async (value: string) => {
    setError(null);
    try {
      const next = await call('PATCH /api/session/user', { body: { language: isLang(value) ? value : null } });
      session.setSession(next);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form class="card narrow" onSubmit={(e) => e.preventDefault()}>
      <h2>{t('language')}</h2>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <SelectField
        id="account-language"
        label={t('language')}
        hint={t('languageHint')}
        value={session.user.language ?? ''}
        options={[['', t('languageBrowser')], ...LANGUAGES.map((code) => [code, LANGUAGE_NAMES[code]] as const)]}
        optionLang={(code) => code || undefined}
        onChange={(value) => change(value)}
      />
    </form>
  );
}

export function AccountPage() {
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    try {
      await call('POST /api/session/password', { body: { currentPassword: current, newPassword: next } });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (e) {
      setError(e);
    }
  };
  const fields = fieldErrors(error);
  return (
    <section>
      <PageTitle>{t('accountTitle')}</PageTitle>
      <p>
        {t('signedInAs', { name: `${session.user.name ?? session.user.email} <${session.user.email}>`, role: roleName(session.user.role) })}
      </p>
      <LanguageForm />
      <form class="card narrow" onSubmit={submit} noValidate>
        <h2>{t('changePassword')}</h2>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        {done && <Alert kind="success">{t('passwordChanged')}</Alert>}
        <Field
          id="pw-current"
          label={t('currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          error={fields.currentPassword}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <Field
          id="pw-new"
          label={t('newPassword')}
          type="password"
          autoComplete="new-password"
          value={next}
          error={fields.newPassword}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <SaveBar saveLabel={t('changePassword')} />
      </form>
    </section>
  );
}
