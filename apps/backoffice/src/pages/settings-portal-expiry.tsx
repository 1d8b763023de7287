// Portal settings → unused labels (issue #15 item 5): whether a return whose label stays unused
// expires (and after how many days from the label), and the drop-off reminder before that day.
// The label-unused reminder itself sits with the other shopper emails in the lookup section.
import { DEFAULT_DROP_OFF_REMINDER_DAYS, DEFAULT_EXPIRY_DAYS } from '@retour/domain/reminders';
import { t } from '../i18n.ts';
import { CheckboxField } from '../form-kit.tsx';
import { Field } from '../ui.tsx';
import type { PortalSectionProps } from './settings-portal-model.ts';

export function PortalExpirySection({ draft, set, issuesUnder }: PortalSectionProps) {
  const expires = draft.expiryDays != null;
  return (
    <fieldset class="card">
      <legend>{t('unusedLabels')}</legend>
      <CheckboxField
        id="p-expiry-on"
        label={t('expiryOn')}
        checked={expires}
        error={expires ? undefined : issuesUnder('expiryDays')}
        onChange={(checked) => set('expiryDays', checked ? DEFAULT_EXPIRY_DAYS : null)}
      />
      {expires && (
        <>
          <Field
            id="p-expiry-days"
            label={t('expiryDays')}
            hint={t('expiryDaysHint')}
            type="number"
            inputMode="numeric"
            min={2}
            max={365}
            value={String(draft.expiryDays)}
            error={issuesUnder('expiryDays')}
            onInput={(e) => set('expiryDays', Number(e.currentTarget.value))}
          />
          <Field
            id="p-drop-off-reminder-days"
            label={t('dropOffReminderDays')}
            hint={t('dropOffReminderDaysHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={draft.dropOffReminderDays === null ? '' : String(draft.dropOffReminderDays ?? DEFAULT_DROP_OFF_REMINDER_DAYS)}
            error={issuesUnder('dropOffReminderDays')}
            onInput={(e) => set('dropOffReminderDays', e.currentTarget.value.trim() === '' ? null : Number(e.currentTarget.value))}
          />
        </>
      )}
    </fieldset>
  );
}
