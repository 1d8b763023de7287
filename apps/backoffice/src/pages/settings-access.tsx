// Settings → access (owners only): users with their roles, and API keys.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type BodyOf, call, formatDate } from '../api.ts';
import { t } from '../i18n.ts';
import { useSession } from '../session.ts';
import { SaveBar, SelectField } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';

type User = Answer<'GET /api/v1/users'>['data'][number];
type Role = BodyOf<'POST /api/v1/users'>['role'];

export function Users() {
  const session = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState<{ email: string; name: string; role: Role }>({ email: '', name: '', role: 'staff' });
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [notice, setNotice] = useState('');
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => call('GET /api/v1/users').then((r) => setUsers(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await call('POST /api/v1/users', {
        body: { email: form.email.trim(), name: form.name.trim() || null, role: form.role },
      });
      setCreated({ email: u.email, password: u.password });
      setForm({ email: '', name: '', role: 'staff' });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const rename = async (e: Event, u: User) => {
    e.preventDefault();
    if (!renaming) return;
    setError(null);
    setNotice('');
    try {
      const renamed = await call('PATCH /api/v1/users/:id', { params: { id: u.id }, body: { name: renaming.name.trim() || null } });
      setRenaming(null);
      setNotice(t('userRenamed', { email: renamed.email, name: renamed.name ?? t('none') }));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      {renaming && error !== null && <Alert>{errorText(error)}</Alert>}
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
              <td>
                {renaming?.id === u.id ? (
                  <form class="inline-form" onSubmit={(e) => rename(e, u)} noValidate>
                    <Field
                      id={`rename-${u.id}`}
                      label={t('nameOf', { email: u.email })}
                      value={renaming.name}
                      error={fields.name}
                      onInput={(e) => setRenaming({ id: u.id, name: e.currentTarget.value })}
                    />
                    <SaveBar onCancel={() => setRenaming(null)} />
                  </form>
                ) : (
                  <>
                    {u.name ?? t('none')}{' '}
                    <button
                      type="button"
                      aria-label={t('renameNamed', { email: u.email })}
                      onClick={() => {
                        setError(null);
                        setRenaming({ id: u.id, name: u.name ?? '' });
                      }}
                    >
                      {t('rename')}
                    </button>
                  </>
                )}
              </td>
              <td>{u.email}</td>
              <td>
                <SelectField
                  id={`role-${u.id}`}
                  label={t('roleOf', { email: u.email })}
                  labelHidden
                  value={u.role}
                  disabled={u.id === session.user.id}
                  options={[
                    ['owner', t('roleOwnerName')],
                    ['staff', t('roleStaffName')],
                  ]}
                  onChange={async (role) => {
                    await call('PATCH /api/v1/users/:id', { params: { id: u.id }, body: { role } }).catch(setError);
                    await load();
                  }}
                />
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
                      await call('DELETE /api/v1/users/:id', { params: { id: u.id } }).catch(setError);
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
        {!renaming && error !== null && <Alert>{errorText(error)}</Alert>}
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
        <SelectField
          id="user-role"
          label={t('role')}
          value={form.role}
          options={[
            ['staff', t('roleStaffName')],
            ['owner', t('roleOwnerName')],
          ]}
          onChange={(role) => setForm({ ...form, role })}
        />
        <SaveBar saveLabel={t('addUser')} />
      </form>
    </div>
  );
}

type Key = Answer<'POST /api/v1/api-keys'>;

export function ApiKeys() {
  const [keys, setKeys] = useState<Key[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => call('GET /api/v1/api-keys').then((r) => setKeys(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const k = await call('POST /api/v1/api-keys', { body: { name: name.trim() } });
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
                    await call('DELETE /api/v1/api-keys/:id', { params: { id: k.id } }).catch(setError);
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
        <SaveBar saveLabel={t('createKey')} />
      </form>
    </div>
  );
}
