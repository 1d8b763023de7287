// Settings → brands: the list, the edit form and the logo upload used by the portal editor too.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, type BodyOf, call } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import { SaveBar } from '../form-kit.tsx';

type Brand = Answer<'GET /api/v1/brands/:id'>;

/** Reads an image file and stores it through /api/v1/uploads; resolves to its URL. */
export async function uploadImage(file: File): Promise<string> {
  const data = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  const r = await call('POST /api/v1/uploads', {
    // Sent as the browser names it: the server refuses any other image type with a sentence to show.
    body: { contentType: file.type as BodyOf<'POST /api/v1/uploads'>['contentType'], dataBase64: data },
  });
  return new URL(r.url, location.origin).toString();
}

export function Brands() {
  const [brands, setBrands] = useState<Brand[]>([]);
  const [editing, setEditing] = useState<Partial<Brand> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = () => call('GET /api/v1/brands', { query: { limit: 100 } }).then((r) => setBrands(r.data), setError);
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
      if (editing.id) await call('PATCH /api/v1/brands/:id', { params: { id: editing.id }, body });
      else await call('POST /api/v1/brands', { body });
      setEditing(null);
      setNotice(t('saved'));
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
            <button type="button" onClick={() => setEditing(b)} aria-label={t('editNamed', { name: b.name })}>
              {t('edit')}
            </button>
          </li>
        ))}
      </ul>
      {!editing && (
        <button type="button" onClick={() => setEditing({ name: '', colors: { primary: '#1a56db', background: '#ffffff' } })}>
          {t('addBrand')}
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? t('editBrand', { name: editing.name ?? '' }) : t('addBrand')}</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <Field
            id="brand-name"
            label={t('name')}
            value={editing.name ?? ''}
            error={fields.name}
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
          <Field
            id="brand-logo"
            label={t('logoUrl')}
            value={editing.logoUrl ?? ''}
            error={fields.logoUrl}
            onInput={(e) => setEditing({ ...editing, logoUrl: e.currentTarget.value })}
          />
          <Field
            id="brand-logo-file"
            label={t('uploadLogo')}
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
          {editing.logoUrl && <img class="logo-preview" src={editing.logoUrl} alt={t('logoPreview')} />}
          <div class="row">
            <Field
              id="brand-primary"
              label={t('primaryColour')}
              type="color"
              value={editing.colors?.primary ?? '#1a56db'}
              error={fields['colors.primary']}
              onInput={(e) =>
                setEditing({ ...editing, colors: { background: editing.colors?.background ?? '#ffffff', primary: e.currentTarget.value } })
              }
            />
            <Field
              id="brand-background"
              label={t('backgroundColour')}
              type="color"
              value={editing.colors?.background ?? '#ffffff'}
              error={fields['colors.background']}
              onInput={(e) =>
                setEditing({ ...editing, colors: { primary: editing.colors?.primary ?? '#1a56db', background: e.currentTarget.value } })
              }
            />
          </div>
          <SaveBar onCancel={() => setEditing(null)} />
        </form>
      )}
    </div>
  );
}
