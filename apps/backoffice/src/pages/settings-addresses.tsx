// Settings → addresses: sender and return addresses and stores, per brand.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type BodyOf, call } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import { SaveBar, SelectField } from '../form-kit.tsx';
import type { Brand } from '@retour/contracts/config';

type Address = Answer<'GET /api/v1/addresses/:id'>;
type AddressBody = BodyOf<'POST /api/v1/addresses'>;
type TextField = Exclude<keyof AddressBody, 'kind' | 'brandId'>;

const ADDRESS_FIELDS: [TextField, MessageKey][] = [
  ['name', 'name'],
  ['company', 'company'],
  ['street', 'street'],
  ['houseNumber', 'houseNumber'],
  ['addressLine2', 'addressLine2'],
  ['postalCode', 'postalCode'],
  ['city', 'city'],
  ['region', 'region'],
  ['country', 'countryCode'],
  ['email', 'email'],
  ['phone', 'phone'],
];

export function Addresses() {
  const [list, setList] = useState<Address[]>([]);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [editing, setEditing] = useState<Partial<Address> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => call('GET /api/v1/addresses', { query: { limit: 200 } }).then((r) => setList(r.data), setError);
  useEffect(() => {
    void load();
    call('GET /api/v1/brands', { query: { limit: 100 } }).then((r) => setBrands(r.data), setError);
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    const text = (k: TextField) => String(editing[k] ?? '').trim();
    const optional = (k: TextField) => text(k) || null;
    const body: AddressBody = {
      kind: editing.kind ?? 'sender',
      brandId: editing.brandId || null,
      name: text('name'),
      company: optional('company'),
      street: text('street'),
      houseNumber: optional('houseNumber'),
      addressLine2: optional('addressLine2'),
      postalCode: text('postalCode'),
      city: text('city'),
      region: optional('region'),
      country: text('country'),
      email: optional('email'),
      phone: optional('phone'),
    };
    try {
      if (editing.id) await call('PATCH /api/v1/addresses/:id', { params: { id: editing.id }, body });
      else await call('POST /api/v1/addresses', { body });
      setEditing(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (a: Address) => {
    if (!confirm(t('deleteAddressConfirm', { name: a.name, city: a.city }))) return;
    try {
      await call('DELETE /api/v1/addresses/:id', { params: { id: a.id } });
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
                    <strong>{a.name}</strong> · {a.street} {a.houseNumber ?? ''}
                    {a.addressLine2 ? `, ${a.addressLine2}` : ''}, {a.postalCode} {a.city}
                    {a.region ? ` (${a.region})` : ''}, {a.country}
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
          <SelectField
            id="addr-kind"
            label={t('kind')}
            value={editing.kind ?? 'sender'}
            error={fields.kind}
            options={[
              ['sender', t('kindSender')],
              ['return', t('kindReturn')],
              ['store', t('kindStore')],
            ]}
            onChange={(kind) => setEditing({ ...editing, kind })}
          />
          <SelectField
            id="addr-brand"
            label={t('brand')}
            value={editing.brandId ?? ''}
            error={fields.brandId}
            options={[['', t('allBrands')], ...brands.map((b) => [b.id, b.name] as const)]}
            onChange={(brandId) => setEditing({ ...editing, brandId: brandId || null })}
          />
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
          <SaveBar onCancel={() => setEditing(null)} />
        </form>
      )}
    </div>
  );
}
