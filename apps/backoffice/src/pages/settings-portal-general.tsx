// Portal settings → general: slug, brand, addresses, the return window and approval.
import { t } from '../i18n.ts';
import { CheckboxField, FieldGroup, RadioField, SelectField } from '../form-kit.tsx';
import { Field } from '../ui.tsx';
import type { Address } from '@retour/contracts/config';
import type { Brand } from '@retour/contracts/config';
import type { PortalSectionProps } from './settings-portal-model.ts';

export function PortalGeneralSection({ draft, set, f, brands, addresses }: PortalSectionProps & { brands: Brand[]; addresses: Address[] }) {
  return (
    <>
      <FieldGroup legend={t('general')}>
        <div class="row">
          <Field id="p-slug" label={t('slug')} value={draft.slug} error={f.slug} onInput={(e) => set('slug', e.currentTarget.value)} />
          <SelectField
            id="p-brand"
            label={t('brand')}
            value={draft.brandId}
            options={brands.map((b) => [b.id, b.name] as const)}
            onChange={(brandId) => set('brandId', brandId)}
          />
          <SelectField
            id="p-return-address"
            label={t('returnAddress')}
            value={draft.returnAddressId ?? ''}
            error={f.returnAddressId}
            options={[['', t('none')], ...addresses.filter((a) => a.kind === 'return').map((a) => [a.id, `${a.name}, ${a.city}`] as const)]}
            onChange={(id) => set('returnAddressId', id || null)}
          />
        </div>
        <CheckboxField id="p-enabled" label={t('portalEnabled')} checked={draft.enabled} onChange={(on) => set('enabled', on)} />
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
      </FieldGroup>

      <FieldGroup legend={t('returnWindow')}>
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
        <CheckboxField
          label={t('allowWithoutShipment')}
          checked={draft.allowReturnsWithoutOutboundShipment}
          onChange={(on) => set('allowReturnsWithoutOutboundShipment', on)}
        />
        <CheckboxField
          label={t('withdrawalFunction')}
          checked={draft.withdrawalFunction}
          onChange={(on) => set('withdrawalFunction', on)}
        />
      </FieldGroup>

      <FieldGroup legend={t('approval')}>
        {(['automatic', 'manual'] as const).map((a) => (
          <RadioField
            key={a}
            name="approval"
            value={a}
            label={a === 'automatic' ? t('approveAutomatically') : t('staffApprove')}
            checked={draft.approval === a}
            onSelect={() => set('approval', a)}
          />
        ))}
      </FieldGroup>
    </>
  );
}
