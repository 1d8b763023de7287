// Settings → brands: the list, the edit form and the logo upload used by the portal editor too.
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.ts';
import { m } from '../messages.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';

export type Brand = {
  id: string;
  name: string;
  logoUrl: string | null;
  colors: { primary: string; background: string };
  defaultLanguage: string;
};

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

export function Brands() {
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
