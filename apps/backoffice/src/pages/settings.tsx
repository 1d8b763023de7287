// Settings (loaded on demand): brands, addresses, portals, shipping rules, users, API keys and
// email templates. Users and API keys are for owners only; staff see a clear refusal.
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get, post } from '../api.ts';
import { m } from '../messages.ts';
import { useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { Alert, describedBy, Field, FieldError, Forbidden, errorText, fieldErrors, Link, PageTitle } from '../ui.tsx';
import { EmailTemplates } from './settings-emails.tsx';
import { PortalEditor, PortalList } from './settings-portal.tsx';

export type Brand = {
  id: string;
  name: string;
  logoUrl: string | null;
  colors: { primary: string; background: string };
  defaultLanguage: string;
};
export type Address = {
  id: string;
  kind: 'sender' | 'return' | 'store';
  brandId: string | null;
  name: string;
  company: string | null;
  street: string;
  houseNumber: string | null;
  postalCode: string;
  city: string;
  country: string;
  email: string | null;
  phone: string | null;
};

const SECTIONS: [string, string, boolean][] = [
  ['brands', m.brands, false],
  ['addresses', m.addresses, false],
  ['portals', m.portals, false],
  ['shipping-rules', m.shippingRules, false],
  ['email-templates', m.emailTemplates, false],
  ['users', m.users, true],
  ['api-keys', m.apiKeys, true],
];

/** Reads an image file and stores it through /api/v1/uploads; resolves to its URL. */
export async function uploadImage(file: File): Promise<string> {
  const data = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  const r = await post<{ id: string; url: string }>('/api/v1/uploads', { contentType: file.type, dataBase64: data });
  return new URL(r.url, location.origin).toString();
}

function Brands() {
  const [brands, setBrands] = useState<Brand[]>([]);
  const [editing, setEditing] = useState<Partial<Brand> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = () => get<{ data: Brand[] }>('/api/v1/brands?limit=100').then((r) => setBrands(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    const body = {
      name: editing.name ?? '',
      logoUrl: editing.logoUrl || null,
      colors: editing.colors,
      defaultLanguage: editing.defaultLanguage,
    };
    try {
      if (editing.id) await api('PATCH', `/api/v1/brands/${editing.id}`, body);
      else await post('/api/v1/brands', body);
      setEditing(null);
      setNotice(m.saved);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      <ul class="cards">
        {brands.map((b) => (
          <li key={b.id} class="card row-between">
            <span class="brand-line">
              {b.logoUrl && <img src={b.logoUrl} alt="" width={32} height={32} />}
              <strong>{b.name}</strong>
              <span class="swatch" style={{ background: b.colors.primary }} aria-hidden="true" />
              <span class="muted small">{b.colors.primary}</span>
            </span>
            <button type="button" onClick={() => setEditing(b)} aria-label={`${m.edit} ${b.name}`}>
              {m.edit}
            </button>
          </li>
        ))}
      </ul>
      {!editing && (
        <button type="button" onClick={() => setEditing({ name: '', colors: { primary: '#1a56db', background: '#ffffff' } })}>
          {m.add} brand
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? `${m.edit} ${editing.name}` : `${m.add} brand`}</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <Field
            id="brand-name"
            label="Name"
            value={editing.name ?? ''}
            error={fields.name}
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
          <Field
            id="brand-logo"
            label="Logo URL"
            value={editing.logoUrl ?? ''}
            error={fields.logoUrl}
            onInput={(e) => setEditing({ ...editing, logoUrl: e.currentTarget.value })}
          />
          <div class="field">
            <label for="brand-logo-file">Upload logo (PNG, JPEG or WebP, up to 2 MB)</label>
            <input
              id="brand-logo-file"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                try {
                  setEditing({ ...editing, logoUrl: await uploadImage(file) });
                } catch (err) {
                  setError(err);
                }
              }}
            />
          </div>
          {editing.logoUrl && <img class="logo-preview" src={editing.logoUrl} alt="Logo preview" />}
          <div class="row">
            <Field
              id="brand-primary"
              label="Primary colour"
              type="color"
              value={editing.colors?.primary ?? '#1a56db'}
              error={fields['colors.primary']}
              onInput={(e) =>
                setEditing({ ...editing, colors: { background: editing.colors?.background ?? '#ffffff', primary: e.currentTarget.value } })
              }
            />
            <Field
              id="brand-background"
              label="Background colour"
              type="color"
              value={editing.colors?.background ?? '#ffffff'}
              error={fields['colors.background']}
              onInput={(e) =>
                setEditing({ ...editing, colors: { primary: editing.colors?.primary ?? '#1a56db', background: e.currentTarget.value } })
              }
            />
          </div>
          <div class="actions">
            <button type="submit" class="primary">
              {m.save}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {m.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

const ADDRESS_FIELDS: [keyof Address, string][] = [
  ['name', 'Name'],
  ['company', 'Company'],
  ['street', 'Street'],
  ['houseNumber', 'House number'],
  ['postalCode', 'Postal code'],
  ['city', 'City'],
  ['country', 'Country (two letters)'],
  ['email', 'Email'],
  ['phone', 'Phone'],
];

function Addresses() {
  const [list, setList] = useState<Address[]>([]);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [editing, setEditing] = useState<Partial<Address> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ data: Address[] }>('/api/v1/addresses?limit=200').then((r) => setList(r.data), setError);
  useEffect(() => {
    void load();
    get<{ data: Brand[] }>('/api/v1/brands?limit=100').then((r) => setBrands(r.data), setError);
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    const body: Record<string, unknown> = { kind: editing.kind ?? 'sender', brandId: editing.brandId || null };
    for (const [k] of ADDRESS_FIELDS) {
      const v = String(editing[k] ?? '').trim();
      body[k] = v === '' && !['name', 'street', 'postalCode', 'city', 'country'].includes(k) ? null : v;
    }
    try {
      if (editing.id) await api('PATCH', `/api/v1/addresses/${editing.id}`, body);
      else await post('/api/v1/addresses', body);
      setEditing(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (a: Address) => {
    if (!confirm(`Delete ${a.name}, ${a.city}?`)) return;
    try {
      await api('DELETE', `/api/v1/addresses/${a.id}`);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {error !== null && !editing && <Alert>{errorText(error)}</Alert>}
      {(['sender', 'return', 'store'] as const).map((kind) => (
        <section key={kind} aria-labelledby={`addr-${kind}`}>
          <h3 id={`addr-${kind}`}>{kind === 'sender' ? 'Sender addresses' : kind === 'return' ? 'Return addresses' : 'Stores'}</h3>
          <ul class="cards">
            {list
              .filter((a) => a.kind === kind)
              .map((a) => (
                <li key={a.id} class="card row-between">
                  <span>
                    <strong>{a.name}</strong> · {a.street} {a.houseNumber ?? ''}, {a.postalCode} {a.city}, {a.country}
                  </span>
                  <span class="actions">
                    <button type="button" onClick={() => setEditing(a)} aria-label={`${m.edit} ${a.name}`}>
                      {m.edit}
                    </button>
                    <button type="button" class="danger" onClick={() => remove(a)} aria-label={`${m.delete} ${a.name}`}>
                      {m.delete}
                    </button>
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {!editing && (
        <button type="button" onClick={() => setEditing({ kind: 'sender', country: 'NL' })}>
          {m.add} address
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? m.edit : m.add} address</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <div class="field">
            <label for="addr-kind">Kind</label>
            <select
              id="addr-kind"
              value={editing.kind}
              onChange={(e) => setEditing({ ...editing, kind: e.currentTarget.value as Address['kind'] })}
            >
              <option value="sender">Sender</option>
              <option value="return">Return</option>
              <option value="store">Store</option>
            </select>
          </div>
          <div class="field">
            <label for="addr-brand">Brand</label>
            <select
              id="addr-brand"
              value={editing.brandId ?? ''}
              onChange={(e) => setEditing({ ...editing, brandId: e.currentTarget.value || null })}
            >
              <option value="">All brands</option>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          {ADDRESS_FIELDS.map(([k, label]) => (
            <Field
              key={k}
              id={`addr-${k}`}
              label={label}
              value={String(editing[k] ?? '')}
              error={fields[k]}
              onInput={(e) => setEditing({ ...editing, [k]: e.currentTarget.value })}
            />
          ))}
          <div class="actions">
            <button type="submit" class="primary">
              {m.save}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {m.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

type Rule = {
  id: string;
  name: string;
  position: number;
  conditions: { field: string; op: 'eq' | 'in'; value: string | string[] }[];
  action: { senderAddressId: string };
};

function ShippingRules() {
  const [rules, setRules] = useState<Rule[]>([]);
  const [addresses, setAddresses] = useState<Address[]>([]);
  const [editing, setEditing] = useState<{
    id?: string;
    name: string;
    position: number;
    conditions: string;
    senderAddressId: string;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [test, setTest] = useState({ integration: 'demo', country: 'NL', tags: '', skus: '' });
  const [result, setResult] = useState<string>('');
  const load = () =>
    get<{ data: Rule[] }>('/api/v1/shipping-rules?limit=200').then(
      (r) => setRules([...r.data].sort((a, b) => a.position - b.position)),
      setError,
    );
  useEffect(() => {
    void load();
    get<{ data: Address[] }>('/api/v1/addresses?limit=200').then((r) => setAddresses(r.data.filter((a) => a.kind === 'sender')), setError);
  }, []);
  const addrName = (id: string | undefined) => {
    const a = addresses.find((x) => x.id === id);
    return a ? `${a.name}, ${a.city}` : (id ?? m.none);
  };
  const describe = (c: Rule['conditions'][number]) =>
    `${c.field} ${c.op === 'eq' ? '=' : 'in'} ${Array.isArray(c.value) ? c.value.join(', ') : c.value}`;
  const parseConditions = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [field = '', ...rest] = l.split(/[=:]/);
        const values = rest
          .join('=')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
        return values.length > 1
          ? { field: field.trim(), op: 'in', value: values }
          : { field: field.trim(), op: 'eq', value: values[0] ?? '' };
      });
  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    const body = {
      name: editing.name,
      position: editing.position,
      conditions: parseConditions(editing.conditions),
      action: { senderAddressId: editing.senderAddressId },
    };
    try {
      if (editing.id) await api('PATCH', `/api/v1/shipping-rules/${editing.id}`, body);
      else await post('/api/v1/shipping-rules', body);
      setEditing(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const move = async (index: number, delta: number) => {
    const a = rules[index];
    const b = rules[index + delta];
    if (!a || !b) return;
    try {
      await api('PATCH', `/api/v1/shipping-rules/${a.id}`, { position: b.position === a.position ? a.position + delta : b.position });
      await api('PATCH', `/api/v1/shipping-rules/${b.id}`, { position: a.position });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const runTest = async (e: Event) => {
    e.preventDefault();
    setResult('');
    try {
      const split = (s: string) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
      const r = await post<{ rule: { name: string } | null; senderAddress: Address | null }>('/api/v1/shipping-rules/test', {
        integration: test.integration,
        country: test.country,
        tags: split(test.tags),
        skus: split(test.skus),
      });
      setResult(
        r.senderAddress
          ? `This order would get sender address ${r.senderAddress.name}, ${r.senderAddress.city}${r.rule ? ` (rule “${r.rule.name}”)` : ' (default)'}.`
          : 'No rule matches; the default sender address is used.',
      );
    } catch (err) {
      setResult(errorText(err));
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {error !== null && !editing && <Alert>{errorText(error)}</Alert>}
      <p class="muted">Rules are checked from top to bottom; the first match decides the sender address.</p>
      {rules.length === 0 && <p class="empty">No rules yet: every order gets the default sender address.</p>}
      <ol class="cards">
        {rules.map((r, i) => (
          <li key={r.id} class="card row-between">
            <span>
              <strong>
                {i + 1}. {r.name}
              </strong>{' '}
              → {addrName(r.action.senderAddressId)}
              <br />
              <span class="muted small">{r.conditions.map(describe).join(' and ') || 'Always'}</span>
            </span>
            <span class="actions">
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${r.name} up`}>
                ↑
              </button>
              <button type="button" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${r.name} down`}>
                ↓
              </button>
              <button
                type="button"
                onClick={() =>
                  setEditing({
                    id: r.id,
                    name: r.name,
                    position: r.position,
                    conditions: r.conditions.map((c) => `${c.field}=${Array.isArray(c.value) ? c.value.join(',') : c.value}`).join('\n'),
                    senderAddressId: r.action.senderAddressId,
                  })
                }
                aria-label={`${m.edit} ${r.name}`}
              >
                {m.edit}
              </button>
              <button
                type="button"
                class="danger"
                aria-label={`${m.delete} ${r.name}`}
                onClick={async () => {
                  if (!confirm(`Delete rule ${r.name}?`)) return;
                  await api('DELETE', `/api/v1/shipping-rules/${r.id}`).catch(setError);
                  await load();
                }}
              >
                {m.delete}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {!editing && (
        <button
          type="button"
          onClick={() =>
            setEditing({ name: '', position: (rules.at(-1)?.position ?? 0) + 10, conditions: '', senderAddressId: addresses[0]?.id ?? '' })
          }
        >
          {m.add} rule
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? m.edit : m.add} rule</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <Field
            id="rule-name"
            label="Name"
            value={editing.name}
            error={fields.name}
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
          <div class="field">
            <label for="rule-conditions">Conditions</label>
            <p class="hint" id="rule-conditions-hint">
              One per line: field=value, or field=a,b,c for a list. Fields: integration, country, tag, sku.
            </p>
            <textarea
              id="rule-conditions"
              rows={4}
              value={editing.conditions}
              aria-describedby={`rule-conditions-hint${fields.conditions ? ' rule-conditions-error' : ''}`}
              onInput={(e) => setEditing({ ...editing, conditions: e.currentTarget.value })}
            />
            <FieldError
              id="rule-conditions"
              error={fields.conditions ?? Object.entries(fields).find(([k]) => k.startsWith('conditions'))?.[1]}
            />
          </div>
          <div class="field">
            <label for="rule-sender">Sender address</label>
            <select
              id="rule-sender"
              value={editing.senderAddressId}
              {...describedBy('rule-sender', fields['action.senderAddressId'])}
              onChange={(e) => setEditing({ ...editing, senderAddressId: e.currentTarget.value })}
            >
              {addresses.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}, {a.city}
                </option>
              ))}
            </select>
            <FieldError id="rule-sender" error={fields['action.senderAddressId']} />
          </div>
          <div class="actions">
            <button type="submit" class="primary">
              {m.save}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {m.cancel}
            </button>
          </div>
        </form>
      )}
      <form class="card narrow" onSubmit={runTest}>
        <h3>Test the rules</h3>
        <div class="row">
          <Field
            id="test-integration"
            label="Integration"
            value={test.integration}
            onInput={(e) => setTest({ ...test, integration: e.currentTarget.value })}
          />
          <Field
            id="test-country"
            label={m.country}
            value={test.country}
            size={4}
            onInput={(e) => setTest({ ...test, country: e.currentTarget.value })}
          />
        </div>
        <Field
          id="test-tags"
          label="Tags (comma separated)"
          value={test.tags}
          onInput={(e) => setTest({ ...test, tags: e.currentTarget.value })}
        />
        <Field
          id="test-skus"
          label="SKUs (comma separated)"
          value={test.skus}
          onInput={(e) => setTest({ ...test, skus: e.currentTarget.value })}
        />
        <button type="submit">Test</button>
        <p role="status" class="result">
          {result}
        </p>
      </form>
    </div>
  );
}

type User = { id: string; email: string; name: string | null; role: 'owner' | 'staff'; createdAt: string };

function Users() {
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

function ApiKeys() {
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

export default function SettingsPage() {
  const session = useSession();
  const { path } = useRoute();
  const parts = path.split('/').filter(Boolean);
  const section = parts[1] ?? 'portals';
  const sub = parts[2];
  const entry = SECTIONS.find(([key]) => key === section);
  const ownerOnly = entry?.[2] ?? false;
  const refused = ownerOnly && session.user.role !== 'owner';
  return (
    <section>
      {refused ? (
        <Forbidden />
      ) : (
        <PageTitle>{sub && section === 'portals' ? 'Portal settings' : `${m.settingsTitle}: ${entry?.[1] ?? ''}`}</PageTitle>
      )}
      <nav aria-label={m.settingsTitle} class="tabs">
        <ul>
          {SECTIONS.filter(([, , owner]) => !owner || session.user.role === 'owner').map(([key, label]) => (
            <li key={key}>
              <Link to={`/settings/${key}`} current={key === section}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!refused && section === 'brands' && <Brands />}
      {!refused && section === 'addresses' && <Addresses />}
      {!refused && section === 'portals' && (sub ? <PortalEditor key={sub} id={decodeURIComponent(sub)} /> : <PortalList />)}
      {!refused && section === 'shipping-rules' && <ShippingRules />}
      {!refused && section === 'email-templates' && <EmailTemplates />}
      {!refused && section === 'users' && <Users />}
      {!refused && section === 'api-keys' && <ApiKeys />}
    </section>
  );
}
