// Settings → access (owners only): users with their roles, and API keys.
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get, post } from '../api.ts';
import { t } from '../i18n.ts';
import { useSession } from '../session.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';

type User = { id: string; email: string; name: string | null; role: 'owner' | 'staff'; createdAt: string };

export function Users() {
  const session = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState({ email: '', name: '', role: 'staff' });
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ data: User[] }>('/api/v1/users').then((r) => setUsers(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await post<User & { password: string }>('/api/v1/users', {
        email: form.email.trim(),
        name: form.name.trim() || null,
        role: form.role,
      });
      setCreated({ email: u.email, password: u.password });
      setForm({ email: '', name: '', role: 'staff' });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {created && (
        <Alert kind="success">
          {t('userCreated', { email: created.email })} <code class="secret">{created.password}</code>
        </Alert>
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name ?? t('none')}</td>
              <td>{u.email}</td>
              <td>
                <label class="sr-only" for={`role-${u.id}`}>
                  {t('roleOf', { email: u.email })}
                </label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  disabled={u.id === session.user.id}
                  onChange={async (e) => {
                    await api('PATCH', `/api/v1/users/${u.id}`, { role: e.currentTarget.value }).catch(setError);
                    await load();
                  }}
                >
                  <option value="owner">{t('roleOwnerName')}</option>
                  <option value="staff">{t('roleStaffName')}</option>
                </select>
              </td>
              <td>{formatDate(u.createdAt, false)}</td>
              <td>
                {u.id !== session.user.id && (
                  <button
                    type="button"
                    class="danger"
                    aria-label={t('deleteNamed', { name: u.email })}
                    onClick={async () => {
                      if (!confirm(t('removeUserConfirm', { email: u.email }))) return;
                      await api('DELETE', `/api/v1/users/${u.id}`).catch(setError);
                      await load();
                    }}
                  >
                    {t('delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>{t('addUser')}</h3>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field
          id="user-email"
          label={t('email')}
          type="email"
          value={form.email}
          error={fields.email}
          onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
        />
        <Field
          id="user-name"
          label={t('name')}
          value={form.name}
          error={fields.name}
          onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <div class="field">
          <label for="user-role">{t('role')}</label>
          <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value })}>
            <option value="staff">{t('roleStaffName')}</option>
            <option value="owner">{t('roleOwnerName')}</option>
          </select>
        </div>
        <button type="submit" class="primary">
          {t('addUser')}
        </button>
      </form>
    </div>
  );
}

type Key = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; key?: string };

export function ApiKeys() {
  const [keys, setKeys] = useState<Key[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ data: Key[] }>('/api/v1/api-keys').then((r) => setKeys(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const k = await post<Key>('/api/v1/api-keys', { name: name.trim() });
      setSecret(k.key ?? '');
      setName('');
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      {secret && (
        <Alert kind="success">
          {t('apiKeyShownOnce')} <code class="secret">{secret}</code>
        </Alert>
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('prefix')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('lastUsed')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{formatDate(k.createdAt, false)}</td>
              <td>{formatDate(k.lastUsedAt) || t('none')}</td>
              <td>
                <button
                  type="button"
                  class="danger"
                  aria-label={t('revokeNamed', { name: k.name })}
                  onClick={async () => {
                    if (!confirm(t('revokeConfirm', { name: k.name }))) return;
                    await api('DELETE', `/api/v1/api-keys/${k.id}`).catch(setError);
                    await load();
                  }}
                >
                  {t('revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>{t('createApiKey')}</h3>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field
          id="key-name"
          label={t('name')}
          value={name}
          error={fieldErrors(error).name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('createKey')}
        </button>
      </form>
    </div>
  );
}
