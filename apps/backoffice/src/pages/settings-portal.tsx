// Portal settings: every setting of one portal, a rich-text editor for the instructions, image
// upload with a live preview of the appearance, and the embed snippet with a copy button.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get, type Money, post } from '../api.ts';
import { m, methodLabel, resolutionLabel } from '../messages.ts';
import { navigate } from '../router.ts';
import { Alert, describedBy, Field, FieldError, errorText, fieldErrors, Link } from '../ui.tsx';
import { type Address, type Brand, uploadImage } from './settings.tsx';

const LANGUAGES = ['en', 'nl', 'fr', 'de', 'it'] as const;
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', nl: 'Dutch', fr: 'French', de: 'German', it: 'Italian' };
const REASON_WARNING = 7;

export type Portal = {
  id: string;
  slug: string;
  url: string;
  embedSnippet: string;
  warnings: { code: string; message: string }[];
  brandId: string;
  enabled: boolean;
  returnAddressId: string | null;
  returnWindowDays: number;
  transitAllowanceDays: number;
  timezone: string;
  allowReturnsWithoutOutboundShipment: boolean;
  approval: 'automatic' | 'manual';
  methods: string[];
  carriers: Record<string, string[]>;
  returnFee: { amount: Money; payment: 'upfront' | 'deduct_from_refund' } | null;
  resolutions: string[];
  reasons: { code: string; labels: Record<string, string> }[];
  notificationEmail: string | null;
  policyUrl: string | null;
  instructionsHtml: string | null;
  appearance: { layout: 'standard' | 'background'; backgroundImageUrl?: string | null; showHeader: boolean; showFooter: boolean };
  languages: string[];
  defaultLanguage: string;
  withdrawalFunction: boolean;
  allowedFrameAncestors: string[];
};

export function PortalList() {
  const [portals, setPortals] = useState<Portal[]>([]);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [slug, setSlug] = useState('');
  const [brandId, setBrandId] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<{ data: Portal[] }>('/api/v1/portals?limit=100').then((r) => setPortals(r.data), setError);
    get<{ data: Brand[] }>('/api/v1/brands?limit=100').then((r) => {
      setBrands(r.data);
      setBrandId(r.data[0]?.id ?? '');
    }, setError);
  }, []);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await post<Portal>('/api/v1/portals', { slug: slug.trim(), brandId });
      navigate(`/settings/portals/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(err);
    }
  };
  const f = fieldErrors(error);
  return (
    <div>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <ul class="cards">
        {portals.map((p) => (
          <li key={p.id} class="card row-between">
            <span>
              <strong>{p.slug}</strong> {!p.enabled && <span class="badge">Disabled</span>}
              <br />
              <span class="muted small">
                {p.returnWindowDays} days · {p.approval === 'manual' ? 'Manual approval' : 'Automatic approval'} · {p.languages.join(', ')}
              </span>
            </span>
            <Link to={`/settings/portals/${encodeURIComponent(p.id)}`} class="button">
              {m.edit} <span class="sr-only">{p.slug}</span>
            </Link>
          </li>
        ))}
      </ul>
      <form class="card narrow" onSubmit={create} noValidate>
        <h3>{m.add} portal</h3>
        <Field
          id="new-portal-slug"
          label="Address (slug)"
          hint="Lowercase letters, digits and hyphens; the portal opens at /r/{slug}."
          value={slug}
          error={f.slug}
          onInput={(e) => setSlug(e.currentTarget.value)}
        />
        <div class="field">
          <label for="new-portal-brand">Brand</label>
          <select id="new-portal-brand" value={brandId} onChange={(e) => setBrandId(e.currentTarget.value)}>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          {m.add} portal
        </button>
      </form>
    </div>
  );
}

const TOOLS: { cmd: string; label: string; text: string }[] = [
  { cmd: 'bold', label: 'Bold', text: 'B' },
  { cmd: 'italic', label: 'Italic', text: 'I' },
  { cmd: 'underline', label: 'Underline', text: 'U' },
  { cmd: 'insertUnorderedList', label: 'Bulleted list', text: '• List' },
  { cmd: 'insertOrderedList', label: 'Numbered list', text: '1. List' },
  { cmd: 'createLink', label: 'Link', text: 'Link' },
];

/** A small contenteditable editor; the server sanitises what is saved. */
export function RichText(props: {
  id: string;
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== props.value) ref.current.innerHTML = props.value;
  }, []);
  const exec = (cmd: string) => {
    ref.current?.focus();
    if (cmd === 'createLink') {
      const url = prompt('Link address (https://…)');
      if (!url) return;
      document.execCommand(cmd, false, url);
    } else document.execCommand(cmd);
    props.onChange(ref.current?.innerHTML ?? '');
  };
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <span class="label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div class="rte">
        <div class="rte-tools" role="toolbar" aria-label={`${props.label}: formatting`} aria-controls={props.id}>
          {TOOLS.map((t) => (
            <button
              key={t.cmd}
              type="button"
              aria-label={t.label}
              title={t.label}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => exec(t.cmd)}
            >
              <span aria-hidden="true" class={`tool-${t.cmd}`}>
                {t.text}
              </span>
            </button>
          ))}
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editor needs contenteditable */}
        <div
          id={props.id}
          ref={ref}
          class="rte-area"
          contentEditable
          role="textbox"
          tabIndex={0}
          aria-multiline="true"
          aria-labelledby={`${props.id}-label`}
          {...describedBy(props.id, props.error)}
          onInput={() => props.onChange(ref.current?.innerHTML ?? '')}
        />
      </div>
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

type Carrier = { code: string; name: string };

export function PortalEditor(props: { id: string }) {
  const [portal, setPortal] = useState<Portal | null>(null);
  const [draft, setDraft] = useState<Portal | null>(null);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [addresses, setAddresses] = useState<Address[]>([]);
  const [carriers, setCarriers] = useState<Carrier[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [copied, setCopied] = useState(false);
  const [newCountry, setNewCountry] = useState('');
  const [resets, setResets] = useState(0);

  useEffect(() => {
    get<Portal>(`/api/v1/portals/${encodeURIComponent(props.id)}`).then((p) => {
      setPortal(p);
      setDraft(p);
    }, setError);
    get<{ data: Brand[] }>('/api/v1/brands?limit=100').then((r) => setBrands(r.data), setError);
    get<{ data: Address[] }>('/api/v1/addresses?limit=200').then((r) => setAddresses(r.data), setError);
    get<{ data: Carrier[] }>('/api/v1/carriers').then((r) => setCarriers(r.data), setError);
  }, [props.id]);

  if (!draft || !portal) return error !== null ? <Alert>{errorText(error)}</Alert> : <p class="muted">{m.loading}</p>;
  const f = fieldErrors(error);
  const set = <K extends keyof Portal>(key: K, value: Portal[K]) => setDraft({ ...draft, [key]: value });
  const toggleIn = (list: string[], value: string, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
  const issuesUnder = (prefix: string) => f[prefix] ?? Object.entries(f).find(([k]) => k.startsWith(`${prefix}.`))?.[1];

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    // Only what changed: staff may edit most settings but not fees or carriers.
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(draft) as (keyof Portal)[]) {
      if (['id', 'url', 'embedSnippet', 'warnings', 'createdAt', 'updatedAt'].includes(key)) continue;
      if (JSON.stringify(draft[key]) !== JSON.stringify(portal[key])) body[key] = draft[key];
    }
    if (body.appearance) {
      const appearance = { ...draft.appearance };
      if (!appearance.backgroundImageUrl) delete appearance.backgroundImageUrl;
      body.appearance = appearance;
    }
    const id = draft.id;
    try {
      const saved = await api<Portal>('PATCH', `/api/v1/portals/${encodeURIComponent(id)}`, body);
      setPortal(saved);
      setDraft(saved);
      setResets((n) => n + 1);
      setNotice(m.saved);
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };
  const brand = brands.find((b) => b.id === draft.brandId);
  const countries = Object.keys(draft.carriers);

  return (
    <form class="portal-form" onSubmit={save} noValidate>
      <p class="crumbs">
        <Link to="/settings/portals">← {m.portals}</Link> · <strong>{portal.slug}</strong> ·{' '}
        <a href={portal.url} target="_blank" rel="noreferrer noopener">
          Open portal<span class="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
      {portal.warnings.map((w) => (
        <Alert key={w.code} kind="info">
          {w.message}
        </Alert>
      ))}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>

      <fieldset class="card">
        <legend>General</legend>
        <div class="row">
          <Field id="p-slug" label="Address (slug)" value={draft.slug} error={f.slug} onInput={(e) => set('slug', e.currentTarget.value)} />
          <div class="field">
            <label for="p-brand">Brand</label>
            <select id="p-brand" value={draft.brandId} onChange={(e) => set('brandId', e.currentTarget.value)}>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="p-return-address">Return address</label>
            <select
              id="p-return-address"
              value={draft.returnAddressId ?? ''}
              {...describedBy('p-return-address', f.returnAddressId)}
              onChange={(e) => set('returnAddressId', e.currentTarget.value || null)}
            >
              <option value="">{m.none}</option>
              {addresses
                .filter((a) => a.kind === 'return')
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}, {a.city}
                  </option>
                ))}
            </select>
            <FieldError id="p-return-address" error={f.returnAddressId} />
          </div>
        </div>
        <label class="check-label">
          <input id="p-enabled" type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} /> Portal
          is enabled
        </label>
        <div class="row">
          <Field
            id="p-notification"
            label="Notification email"
            type="email"
            value={draft.notificationEmail ?? ''}
            error={f.notificationEmail}
            onInput={(e) => set('notificationEmail', e.currentTarget.value.trim() || null)}
          />
          <Field
            id="p-policy"
            label="Return policy URL"
            value={draft.policyUrl ?? ''}
            error={f.policyUrl}
            onInput={(e) => set('policyUrl', e.currentTarget.value.trim() || null)}
          />
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>Return window</legend>
        <div class="row">
          <Field
            id="p-window"
            label="Return window (days)"
            type="number"
            inputMode="numeric"
            value={String(draft.returnWindowDays)}
            error={f.returnWindowDays}
            onInput={(e) => set('returnWindowDays', Number(e.currentTarget.value))}
          />
          <Field
            id="p-allowance"
            label="Transit allowance (days)"
            type="number"
            inputMode="numeric"
            value={String(draft.transitAllowanceDays)}
            error={f.transitAllowanceDays}
            onInput={(e) => set('transitAllowanceDays', Number(e.currentTarget.value))}
          />
          <Field
            id="p-timezone"
            label="Time zone"
            value={draft.timezone}
            error={f.timezone}
            onInput={(e) => set('timezone', e.currentTarget.value)}
          />
        </div>
        <label class="check-label">
          <input
            type="checkbox"
            checked={draft.allowReturnsWithoutOutboundShipment}
            onChange={(e) => set('allowReturnsWithoutOutboundShipment', e.currentTarget.checked)}
          />{' '}
          Allow returns for orders without a shipment
        </label>
        <label class="check-label">
          <input type="checkbox" checked={draft.withdrawalFunction} onChange={(e) => set('withdrawalFunction', e.currentTarget.checked)} />{' '}
          Offer the withdrawal function
        </label>
      </fieldset>

      <fieldset class="card">
        <legend>Approval</legend>
        {(['automatic', 'manual'] as const).map((a) => (
          <label key={a} class="check-label">
            <input type="radio" name="approval" value={a} checked={draft.approval === a} onChange={() => set('approval', a)} />{' '}
            {a === 'automatic' ? 'Approve requests automatically' : 'Staff approve each request'}
          </label>
        ))}
      </fieldset>

      <fieldset class="card" {...describedBy('p-methods', issuesUnder('methods'))}>
        <legend>Return methods</legend>
        {Object.entries(methodLabel).map(([k, v]) => (
          <label key={k} class="check-label">
            <input
              type="checkbox"
              checked={draft.methods.includes(k)}
              onChange={(e) => set('methods', toggleIn(draft.methods, k, e.currentTarget.checked))}
            />{' '}
            {v}
          </label>
        ))}
        <FieldError id="p-methods" error={issuesUnder('methods')} />
      </fieldset>

      <fieldset class="card" {...describedBy('p-carriers', issuesUnder('carriers'))}>
        <legend>Carriers per country</legend>
        <p class="hint">“*” applies to every other country.</p>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{m.country}</th>
              {carriers.map((c) => (
                <th key={c.code} scope="col">
                  {c.name}
                </th>
              ))}
              <th scope="col">
                <span class="sr-only">{m.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {countries.map((country) => (
              <tr key={country}>
                <th scope="row">{country}</th>
                {carriers.map((c) => (
                  <td key={c.code}>
                    <input
                      type="checkbox"
                      aria-label={`${c.name} in ${country}`}
                      checked={(draft.carriers[country] ?? []).includes(c.code)}
                      onChange={(e) =>
                        set('carriers', {
                          ...draft.carriers,
                          [country]: toggleIn(draft.carriers[country] ?? [], c.code, e.currentTarget.checked),
                        })
                      }
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${country}`}
                    onClick={() => {
                      const next = { ...draft.carriers };
                      delete next[country];
                      set('carriers', next);
                    }}
                  >
                    {m.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="row">
          <Field
            id="p-new-country"
            label="Add country"
            value={newCountry}
            size={4}
            maxLength={2}
            onInput={(e) => setNewCountry(e.currentTarget.value.toUpperCase())}
          />
          <div class="field">
            <span class="label">&nbsp;</span>
            <button
              type="button"
              onClick={() => {
                if (newCountry && !(newCountry in draft.carriers)) set('carriers', { ...draft.carriers, [newCountry]: [] });
                setNewCountry('');
              }}
            >
              {m.add}
            </button>
          </div>
        </div>
        <FieldError id="p-carriers" error={issuesUnder('carriers')} />
      </fieldset>

      <fieldset class="card">
        <legend>Return fee</legend>
        <label class="check-label">
          <input
            type="checkbox"
            checked={draft.returnFee !== null}
            onChange={(e) =>
              set(
                'returnFee',
                e.currentTarget.checked ? { amount: { value: '4.95', currency: 'EUR' }, payment: 'deduct_from_refund' } : null,
              )
            }
          />{' '}
          Charge a return fee
        </label>
        {draft.returnFee && (
          <div class="row">
            <Field
              id="p-fee"
              label="Fee amount"
              inputMode="decimal"
              value={draft.returnFee.amount.value}
              error={issuesUnder('returnFee.amount')}
              onInput={(e) =>
                draft.returnFee &&
                set('returnFee', { ...draft.returnFee, amount: { ...draft.returnFee.amount, value: e.currentTarget.value } })
              }
            />
            <Field
              id="p-fee-currency"
              label="Currency"
              size={4}
              value={draft.returnFee.amount.currency}
              onInput={(e) =>
                draft.returnFee &&
                set('returnFee', {
                  ...draft.returnFee,
                  amount: { ...draft.returnFee.amount, currency: e.currentTarget.value.toUpperCase() },
                })
              }
            />
            <div class="field">
              <label for="p-fee-payment">Payment</label>
              <select
                id="p-fee-payment"
                value={draft.returnFee.payment}
                onChange={(e) =>
                  draft.returnFee &&
                  set('returnFee', { ...draft.returnFee, payment: e.currentTarget.value as 'upfront' | 'deduct_from_refund' })
                }
              >
                <option value="deduct_from_refund">Deduct from the refund</option>
                <option value="upfront">Pay upfront</option>
              </select>
            </div>
          </div>
        )}
        <FieldError id="p-fee" error={draft.returnFee ? undefined : f.returnFee} />
      </fieldset>

      <fieldset class="card" {...describedBy('p-resolutions', issuesUnder('resolutions'))}>
        <legend>Resolutions</legend>
        {Object.entries(resolutionLabel).map(([k, v]) => (
          <label key={k} class="check-label">
            <input
              type="checkbox"
              checked={draft.resolutions.includes(k)}
              onChange={(e) => set('resolutions', toggleIn(draft.resolutions, k, e.currentTarget.checked))}
            />{' '}
            {v}
          </label>
        ))}
        <FieldError id="p-resolutions" error={issuesUnder('resolutions')} />
      </fieldset>

      <fieldset class="card">
        <legend>Return reasons</legend>
        {draft.reasons.length > REASON_WARNING && (
          <Alert kind="info">
            {draft.reasons.length} reasons: shoppers choose more reliably from at most {REASON_WARNING}. Consider merging some.
          </Alert>
        )}
        <FieldError id="p-reasons" error={f.reasons} />
        <div class="table-wrap">
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">Code</th>
                {draft.languages.map((l) => (
                  <th key={l} scope="col">
                    {LANGUAGE_NAMES[l]}
                  </th>
                ))}
                <th scope="col">
                  <span class="sr-only">{m.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.reasons.map((r, i) => {
                const update = (patch: Partial<typeof r>) =>
                  set(
                    'reasons',
                    draft.reasons.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                const codeError = f[`reasons.${i}.code`];
                return (
                  <tr key={i}>
                    <td>
                      <input
                        id={`reason-${i}-code`}
                        aria-label={`Reason ${i + 1} code`}
                        value={r.code}
                        size={14}
                        {...describedBy(`reason-${i}-code`, codeError)}
                        onInput={(e) => update({ code: e.currentTarget.value })}
                      />
                      <FieldError id={`reason-${i}-code`} error={codeError} />
                    </td>
                    {draft.languages.map((l) => (
                      <td key={l}>
                        <input
                          aria-label={`Reason ${i + 1} in ${LANGUAGE_NAMES[l]}`}
                          value={r.labels[l] ?? ''}
                          onInput={(e) => {
                            const labels = { ...r.labels, [l]: e.currentTarget.value };
                            if (!labels[l]) delete labels[l];
                            update({ labels });
                          }}
                        />
                      </td>
                    ))}
                    <td>
                      <button
                        type="button"
                        aria-label={`Remove reason ${r.code}`}
                        onClick={() =>
                          set(
                            'reasons',
                            draft.reasons.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {m.delete}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" onClick={() => set('reasons', [...draft.reasons, { code: '', labels: {} }])}>
          {m.add} reason
        </button>
      </fieldset>

      <fieldset class="card">
        <legend>Languages</legend>
        {LANGUAGES.map((l) => (
          <label key={l} class="check-label">
            <input
              type="checkbox"
              checked={draft.languages.includes(l)}
              onChange={(e) => set('languages', toggleIn(draft.languages, l, e.currentTarget.checked))}
            />{' '}
            {LANGUAGE_NAMES[l]}
          </label>
        ))}
        <FieldError id="p-languages" error={issuesUnder('languages')} />
        <div class="field">
          <label for="p-default-language">Default language</label>
          <select
            id="p-default-language"
            value={draft.defaultLanguage}
            {...describedBy('p-default-language', f.defaultLanguage)}
            onChange={(e) => set('defaultLanguage', e.currentTarget.value)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <FieldError id="p-default-language" error={f.defaultLanguage} />
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>Instructions and appearance</legend>
        <RichText
          key={resets}
          id="p-instructions"
          label="Instructions shown in the portal"
          value={draft.instructionsHtml ?? ''}
          error={f.instructionsHtml}
          onChange={(html) => set('instructionsHtml', html.trim() ? html : null)}
        />
        <div class="row">
          <div class="field">
            <label for="p-layout">Layout</label>
            <select
              id="p-layout"
              value={draft.appearance.layout}
              onChange={(e) => set('appearance', { ...draft.appearance, layout: e.currentTarget.value as 'standard' | 'background' })}
            >
              <option value="standard">Standard</option>
              <option value="background">Background image</option>
            </select>
          </div>
          <Field
            id="p-bg-url"
            label="Background image URL"
            value={draft.appearance.backgroundImageUrl ?? ''}
            error={f['appearance.backgroundImageUrl']}
            onInput={(e) => set('appearance', { ...draft.appearance, backgroundImageUrl: e.currentTarget.value.trim() || null })}
          />
          <div class="field">
            <label for="p-bg-file">Upload background image</label>
            <input
              id="p-bg-file"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                try {
                  set('appearance', { ...draft.appearance, layout: 'background', backgroundImageUrl: await uploadImage(file) });
                } catch (err) {
                  setError(err);
                }
              }}
            />
          </div>
        </div>
        <label class="check-label">
          <input
            type="checkbox"
            checked={draft.appearance.showHeader}
            onChange={(e) => set('appearance', { ...draft.appearance, showHeader: e.currentTarget.checked })}
          />{' '}
          Show header
        </label>
        <label class="check-label">
          <input
            type="checkbox"
            checked={draft.appearance.showFooter}
            onChange={(e) => set('appearance', { ...draft.appearance, showFooter: e.currentTarget.checked })}
          />{' '}
          Show footer
        </label>
        <h3 id="preview-title">Live preview</h3>
        <div
          class="preview"
          role="img"
          aria-labelledby="preview-title"
          style={{
            background:
              draft.appearance.layout === 'background' && draft.appearance.backgroundImageUrl
                ? `center / cover url("${encodeURI(draft.appearance.backgroundImageUrl)}")`
                : (brand?.colors.background ?? '#ffffff'),
          }}
        >
          {draft.appearance.showHeader && (
            <div class="preview-header">
              {brand?.logoUrl ? <img src={brand.logoUrl} alt="" height={24} /> : <strong>{brand?.name}</strong>}
            </div>
          )}
          <div class="preview-card">
            <strong>Returns</strong>
            <div class="preview-instructions" dangerouslySetInnerHTML={{ __html: draft.instructionsHtml ?? '' }} />
            <span class="preview-button" style={{ background: brand?.colors.primary ?? '#1a56db' }}>
              Find my order
            </span>
          </div>
          {draft.appearance.showFooter && <div class="preview-footer">{brand?.name}</div>}
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>Embedding</legend>
        <div class="field">
          <label for="p-frames">Sites allowed to embed the portal (one origin per line)</label>
          <textarea
            id="p-frames"
            rows={3}
            value={draft.allowedFrameAncestors.join('\n')}
            {...describedBy('p-frames', issuesUnder('allowedFrameAncestors'))}
            onInput={(e) =>
              set(
                'allowedFrameAncestors',
                e.currentTarget.value
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
              )
            }
          />
          <FieldError id="p-frames" error={issuesUnder('allowedFrameAncestors')} />
        </div>
        <div class="field">
          <label for="p-snippet">Embed snippet</label>
          <textarea id="p-snippet" rows={3} readOnly value={portal.embedSnippet} />
        </div>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(portal.embedSnippet).catch(() => undefined);
            setCopied(true);
          }}
        >
          Copy snippet
        </button>{' '}
        <span role="status">{copied ? 'Copied.' : ''}</span>
      </fieldset>

      <div class="sticky-actions">
        <button type="submit" class="primary">
          {m.save}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(portal);
            setResets((n) => n + 1);
            setError(null);
          }}
        >
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
