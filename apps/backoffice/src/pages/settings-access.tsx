// Settings → access (owners only): users with their roles, and API keys.
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get, post } from '../api.ts';
import { m } from '../messages.ts';
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
          User {created.email} created. One-time password (shown once): <code class="secret">{created.password}</code>
        </Alert>
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">{m.email}</th>
            <th scope="col">Role</th>
            <th scope="col">{m.created}</th>
            <th scope="col">
              <span class="sr-only">{m.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name ?? m.none}</td>
              <td>{u.email}</td>
              <td>
                <label class="sr-only" for={`role-${u.id}`}>{`Role of ${u.email}`}</label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  disabled={u.id === session.user.id}
                  onChange={async (e) => {
                    await api('PATCH', `/api/v1/users/${u.id}`, { role: e.currentTarget.value }).catch(setError);
                    await load();
                  }}
                >
                  <option value="owner">Owner</option>
                  <option value="staff">Staff</option>
                </select>
              </td>
              <td>{formatDate(u.createdAt, false)}</td>
              <td>
                {u.id !== session.user.id && (
                  <button
                    type="button"
                    class="danger"
                    aria-label={`${m.delete} ${u.email}`}
                    onClick={async () => {
                      if (!confirm(`Remove ${u.email}?`)) return;
                      await api('DELETE', `/api/v1/users/${u.id}`).catch(setError);
                      await load();
                    }}
                  >
                    {m.delete}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>{m.add} user</h3>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field
          id="user-email"
          label={m.email}
          type="email"
          value={form.email}
          error={fields.email}
          onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
        />
        <Field
          id="user-name"
          label="Name"
          value={form.name}
          error={fields.name}
          onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <div class="field">
          <label for="user-role">Role</label>
          <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value })}>
            <option value="staff">Staff</option>
            <option value="owner">Owner</option>
          </select>
        </div>
        <button type="submit" class="primary">
          {m.add} user
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
          Copy this key now, it is shown only once: <code class="secret">{secret}</code>
        </Alert>
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">{m.created}</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="sr-only">{m.actions}</span>
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
              <td>{formatDate(k.lastUsedAt) || m.none}</td>
              <td>
                <button
                  type="button"
                  class="danger"
                  aria-label={`Revoke ${k.name}`}
                  onClick={async () => {
                    if (!confirm(`Revoke ${k.name}?`)) return;
                    await api('DELETE', `/api/v1/api-keys/${k.id}`).catch(setError);
                    await load();
                  }}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card narrow" onSubmit={add} noValidate>
        <h3>Create API key</h3>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field id="key-name" label="Name" value={name} error={fieldErrors(error).name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
    </div>
  );
}
