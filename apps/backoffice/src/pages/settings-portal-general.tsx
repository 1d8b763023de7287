// Portal settings → general: slug, brand, addresses, the return window and approval.
import { t } from '../i18n.ts';
import { describedBy, Field, FieldError } from '../ui.tsx';
import type { Address } from '@retour/contracts/config';
import type { Brand } from '@retour/contracts/config';
import type { PortalSectionProps } from './settings-portal-model.ts';

export function PortalGeneralSection({ draft, set, f, brands, addresses }: PortalSectionProps & { brands: Brand[]; addresses: Address[] }) {
  return (
    <>
      <fieldset class="card">
        <legend>{t('general')}</legend>
        <div class="row">
          <Field id="p-slug" label={t('slug')} value={draft.slug} error={f.slug} onInput={(e) => set('slug', e.currentTarget.value)} />
          <div class="field">
            <label for="p-brand">{t('brand')}</label>
            <select id="p-brand" value={draft.brandId} onChange={(e) => set('brandId', e.currentTarget.value)}>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="p-return-address">{t('returnAddress')}</label>
            <select
              id="p-return-address"
              value={draft.returnAddressId ?? ''}
              {...describedBy('p-return-address', f.returnAddressId)}
              onChange={(e) => set('returnAddressId', e.currentTarget.value || null)}
            >
              <option value="">{t('none')}</option>
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
          <input id="p-enabled" type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />{' '}
          {t('portalEnabled')}
        </label>
        <div class="row">
          <Field
            id="p-notification"
            label={t('notificationEmail')}
            type="email"
            value={draft.notificationEmail ?? ''}
            error={f.notificationEmail}
            onInput={(e) => set('notificationEmail', e.currentTarget.value.trim() || null)}
          />
          <Field
            id="p-policy"
            label={t('policyUrl')}
            value={draft.policyUrl ?? ''}
            error={f.policyUrl}
            onInput={(e) => set('policyUrl', e.currentTarget.value.trim() || null)}
          />
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>{t('returnWindow')}</legend>
        <div class="row">
          <Field
            id="p-window"
            label={t('returnWindowDays')}
            type="number"
            inputMode="numeric"
            value={String(draft.returnWindowDays)}
            error={f.returnWindowDays}
            onInput={(e) => set('returnWindowDays', Number(e.currentTarget.value))}
          />
          <Field
            id="p-allowance"
            label={t('transitAllowanceDays')}
            type="number"
            inputMode="numeric"
            value={String(draft.transitAllowanceDays)}
            error={f.transitAllowanceDays}
            onInput={(e) => set('transitAllowanceDays', Number(e.currentTarget.value))}
          />
          <Field
            id="p-timezone"
            label={t('timezone')}
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
          {t('allowWithoutShipment')}
        </label>
        <label class="check-label">
          <input type="checkbox" checked={draft.withdrawalFunction} onChange={(e) => set('withdrawalFunction', e.currentTarget.checked)} />{' '}
          {t('withdrawalFunction')}
        </label>
      </fieldset>

      <fieldset class="card">
        <legend>{t('approval')}</legend>
        {(['automatic', 'manual'] as const).map((a) => (
          <label key={a} class="check-label">
            <input type="radio" name="approval" value={a} checked={draft.approval === a} onChange={() => set('approval', a)} />{' '}
            {a === 'automatic' ? t('approveAutomatically') : t('staffApprove')}
          </label>
        ))}
      </fieldset>
    </>
  );
}
