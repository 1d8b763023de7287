// Portal settings → instructions and appearance, with a live preview.
import { t } from '../i18n.ts';
import { CheckboxField, FieldGroup, SelectField } from '../form-kit.tsx';
import { Field } from '../ui.tsx';
import type { Brand } from '@retour/contracts/config';
import { uploadImage } from './settings-brands.tsx';
import type { PortalSectionProps } from './settings-portal-model.ts';
import { RichText } from './settings-portal-richtext.tsx';

export function PortalAppearanceSection({
  draft,
  set,
  f,
  brand,
  resets,
  setError,
}: PortalSectionProps & { brand: Brand | undefined; resets: number; setError: (error: unknown) => void }) {
  return (
    <FieldGroup legend={t('instructionsAppearance')}>
      <RichText
        key={resets}
        id="p-instructions"
        label={t('instructionsLabel')}
        value={draft.instructionsHtml ?? ''}
        error={f.instructionsHtml}
        onChange={(html) => set('instructionsHtml', html.trim() ? html : null)}
      />
      <div class="row">
        <SelectField
          id="p-layout"
          label={t('layout')}
          value={draft.appearance.layout}
          options={[
            ['standard', t('layoutStandard')],
            ['background', t('layoutBackground')],
          ]}
          onChange={(layout) => set('appearance', { ...draft.appearance, layout })}
        />
        <Field
          id="p-bg-url"
          label={t('backgroundImageUrl')}
          value={draft.appearance.backgroundImageUrl ?? ''}
          error={f['appearance.backgroundImageUrl']}
          onInput={(e) => set('appearance', { ...draft.appearance, backgroundImageUrl: e.currentTarget.value.trim() || null })}
        />
        <Field
          id="p-bg-file"
          label={t('uploadBackground')}
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
      <CheckboxField
        label={t('showHeader')}
        checked={draft.appearance.showHeader}
        onChange={(showHeader) => set('appearance', { ...draft.appearance, showHeader })}
      />
      <CheckboxField
        label={t('showFooter')}
        checked={draft.appearance.showFooter}
        onChange={(showFooter) => set('appearance', { ...draft.appearance, showFooter })}
      />
      <h3 id="preview-title">{t('livePreview')}</h3>
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
          <strong>{t('returns')}</strong>
          <div class="preview-instructions" dangerouslySetInnerHTML={{ __html: draft.instructionsHtml ?? '' }} />
          <span class="preview-button" style={{ background: brand?.colors.primary ?? '#1a56db' }}>
            {t('previewFindOrder')}
          </span>
        </div>
        {draft.appearance.showFooter && <div class="preview-footer">{brand?.name}</div>}
      </div>
    </FieldGroup>
  );
}
