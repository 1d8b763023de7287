// Portal settings: every setting of one portal, a rich-text editor for the instructions, image
// upload with a live preview of the appearance, and the embed snippet with a copy button.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.ts';
import { languageName, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { SaveBar, SelectField } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors, Link } from '../ui.tsx';
import type { Address } from '@retour/contracts/config';
import type { Brand } from '@retour/contracts/config';
import { PortalAppearanceSection } from './settings-portal-appearance.tsx';
import { PortalEmbedSection } from './settings-portal-embed.tsx';
import { PortalExchangesSection } from './settings-portal-exchanges.tsx';
import { PortalFeeSection } from './settings-portal-fee.tsx';
import { PortalGeneralSection } from './settings-portal-general.tsx';
import { PortalLookupSection } from './settings-portal-lookup.tsx';
import { PortalExpirySection } from './settings-portal-expiry.tsx';
import { type Carrier, PortalMethodsSection } from './settings-portal-methods.tsx';
import type { Portal, PortalSectionProps } from './settings-portal-model.ts';
import { PortalReasonsSection } from './settings-portal-reasons.tsx';

export function PortalList() {
  const [portals, setPortals] = useState<Portal[]>([]);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [slug, setSlug] = useState('');
  const [brandId, setBrandId] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('GET /api/v1/portals', { query: { limit: 100 } }).then((r) => setPortals(r.data), setError);
    call('GET /api/v1/brands', { query: { limit: 100 } }).then((r) => {
      setBrands(r.data);
      setBrandId(r.data[0]?.id ?? '');
    }, setError);
  }, []);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await call('POST /api/v1/portals', { body: { slug: slug.trim(), brandId } });
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
              <strong>{p.slug}</strong> {!p.enabled && <span class="badge">{t('disabled')}</span>}
              <br />
              <span class="muted small">
                {t('portalSummary', {
                  days: p.returnWindowDays,
                  approval: p.approval,
                  languages: p.languages.map(languageName).join(', '),
                })}
              </span>
            </span>
            <Link to={`/settings/portals/${encodeURIComponent(p.id)}`} class="button">
              {t('edit')} <span class="sr-only">{p.slug}</span>
            </Link>
          </li>
        ))}
      </ul>
      <form class="card narrow" onSubmit={create} noValidate>
        <h3>{t('addPortal')}</h3>
        <Field
          id="new-portal-slug"
          label={t('slug')}
          hint={t('slugHint', { slug: '{slug}' })}
          value={slug}
          error={f.slug}
          onInput={(e) => setSlug(e.currentTarget.value)}
        />
        <SelectField
          id="new-portal-brand"
          label={t('brand')}
          value={brandId}
          options={brands.map((b) => [b.id, b.name] as const)}
          onChange={setBrandId}
        />
        <SaveBar saveLabel={t('addPortal')} />
      </form>
    </div>
  );
}

export function PortalEditor(props: { id: string }) {
  const [portal, setPortal] = useState<Portal | null>(null);
  const [draft, setDraft] = useState<Portal | null>(null);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [addresses, setAddresses] = useState<Address[]>([]);
  const [carriers, setCarriers] = useState<Carrier[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [resets, setResets] = useState(0);

  useEffect(() => {
    call('GET /api/v1/portals/:id', { params: { id: props.id } }).then((p) => {
      setPortal(p);
      setDraft(p);
    }, setError);
    call('GET /api/v1/brands', { query: { limit: 100 } }).then((r) => setBrands(r.data), setError);
    call('GET /api/v1/addresses', { query: { limit: 200 } }).then((r) => setAddresses(r.data), setError);
    call('GET /api/v1/carriers').then((r) => setCarriers(r.data), setError);
  }, [props.id]);

  if (!draft || !portal) return error !== null ? <Alert>{errorText(error)}</Alert> : <p class="muted">{t('loading')}</p>;
  const f = fieldErrors(error);
  const set = <K extends keyof Portal>(key: K, value: Portal[K]) => setDraft({ ...draft, [key]: value });
  const issuesUnder = (prefix: string) => f[prefix] ?? Object.entries(f).find(([k]) => k.startsWith(`${prefix}.`))?.[1];

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    // Only what changed: staff may edit most settings but not fees or carriers.
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(draft) as (keyof Portal)[]) {
      if (['id', 'url', 'embedSnippet', 'warnings', 'createdAt', 'updatedAt', 'deepLinks'].includes(key)) continue;
      if (JSON.stringify(draft[key]) !== JSON.stringify(portal[key])) body[key] = draft[key];
    }
    if (body.appearance) {
      const appearance = { ...draft.appearance };
      if (!appearance.backgroundImageUrl) delete appearance.backgroundImageUrl;
      body.appearance = appearance;
    }
    const id = draft.id;
    try {
      const saved = await call('PATCH /api/v1/portals/:id', { params: { id }, body });
      setPortal(saved);
      setDraft(saved);
      setResets((n) => n + 1);
      setNotice(t('saved'));
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };
  const brand = brands.find((b) => b.id === draft.brandId);
  const section: PortalSectionProps = { draft, set, f, issuesUnder };

  return (
    <form class="portal-form" onSubmit={save} noValidate>
      <p class="crumbs">
        <Link to="/settings/portals">← {t('portals')}</Link> · <strong>{portal.slug}</strong> ·{' '}
        <a href={portal.url} target="_blank" rel="noreferrer noopener">
          {t('openPortal')}
          <span class="sr-only"> {t('opensInNewTab')}</span>
        </a>
      </p>
      {portal.warnings.map((w) => (
        <Alert key={w.code} kind="info">
          {w.message}
        </Alert>
      ))}
      {error !== null && <Alert>{errorText(error)}</Alert>}

      <PortalGeneralSection {...section} brands={brands} addresses={addresses} />
      <PortalMethodsSection {...section} carriers={carriers} />
      <PortalFeeSection {...section} />
      <PortalExchangesSection {...section} />
      <PortalReasonsSection {...section} />
      <PortalAppearanceSection {...section} brand={brand} resets={resets} setError={setError} />
      <PortalEmbedSection {...section} embedSnippet={portal.embedSnippet} />
      <PortalLookupSection {...section} portalId={portal.id} deepLinks={portal.deepLinks.enabled} />
      <PortalExpirySection {...section} />

      <SaveBar
        class="sticky-actions"
        status={notice}
        onCancel={() => {
          setDraft(portal);
          setResets((n) => n + 1);
          setError(null);
        }}
      />
    </form>
  );
}
