import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { m } from '../messages.ts';
import { useSession } from '../session.ts';
import { Alert, Field, errorText, fieldErrors, PageTitle } from '../ui.tsx';

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
      await api('POST', '/api/session/password', { currentPassword: current, newPassword: next });
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
      <PageTitle>{m.accountTitle}</PageTitle>
      <p>{m.signedInAs(`${session.user.name ?? session.user.email} <${session.user.email}>`, session.user.role)}</p>
      <form class="card narrow" onSubmit={submit} noValidate>
        <h2>{m.changePassword}</h2>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        {done && <Alert kind="success">{m.passwordChanged}</Alert>}
        <Field
          id="pw-current"
          label={m.currentPassword}
          type="password"
          autoComplete="current-password"
          value={current}
          error={fields.currentPassword}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <Field
          id="pw-new"
          label={m.newPassword}
          type="password"
          autoComplete="new-password"
          value={next}
          error={fields.newPassword}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {m.changePassword}
        </button>
      </form>
    </section>
  );
}
