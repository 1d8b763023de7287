// Settings → addresses: sender and return addresses and stores, per brand.
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import type { Brand } from './settings-brands.tsx';

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

const ADDRESS_FIELDS: [keyof Address, MessageKey][] = [
  ['name', 'name'],
  ['company', 'company'],
  ['street', 'street'],
  ['houseNumber', 'houseNumber'],
  ['postalCode', 'postalCode'],
  ['city', 'city'],
  ['country', 'countryCode'],
  ['email', 'email'],
  ['phone', 'phone'],
];

export function Addresses() {
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
    if (!confirm(t('deleteAddressConfirm', { name: a.name, city: a.city }))) return;
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
          <h3 id={`addr-${kind}`}>{t(kind === 'sender' ? 'senderAddresses' : kind === 'return' ? 'returnAddresses' : 'stores')}</h3>
          <ul class="cards">
            {list
              .filter((a) => a.kind === kind)
              .map((a) => (
                <li key={a.id} class="card row-between">
                  <span>
                    <strong>{a.name}</strong> · {a.street} {a.houseNumber ?? ''}, {a.postalCode} {a.city}, {a.country}
                  </span>
                  <span class="actions">
                    <button type="button" onClick={() => setEditing(a)} aria-label={t('editNamed', { name: a.name })}>
                      {t('edit')}
                    </button>
                    <button type="button" class="danger" onClick={() => remove(a)} aria-label={t('deleteNamed', { name: a.name })}>
                      {t('delete')}
                    </button>
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {!editing && (
        <button type="button" onClick={() => setEditing({ kind: 'sender', country: 'NL' })}>
          {t('addAddress')}
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? t('editAddress') : t('addAddress')}</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <div class="field">
            <label for="addr-kind">{t('kind')}</label>
            <select
              id="addr-kind"
              value={editing.kind}
              onChange={(e) => setEditing({ ...editing, kind: e.currentTarget.value as Address['kind'] })}
            >
              <option value="sender">{t('kindSender')}</option>
              <option value="return">{t('kindReturn')}</option>
              <option value="store">{t('kindStore')}</option>
            </select>
          </div>
          <div class="field">
            <label for="addr-brand">{t('brand')}</label>
            <select
              id="addr-brand"
              value={editing.brandId ?? ''}
              onChange={(e) => setEditing({ ...editing, brandId: e.currentTarget.value || null })}
            >
              <option value="">{t('allBrands')}</option>
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
              label={t(label)}
              value={String(editing[k] ?? '')}
              error={fields[k]}
              onInput={(e) => setEditing({ ...editing, [k]: e.currentTarget.value })}
            />
          ))}
          <div class="actions">
            <button type="submit" class="primary">
              {t('save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
