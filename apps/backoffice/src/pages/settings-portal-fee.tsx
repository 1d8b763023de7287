// Portal settings → the return fee and the resolutions shoppers may choose.
import { t } from '../i18n.ts';
import { RESOLUTIONS, resolutionName } from '../labels.ts';
import { CheckboxField, FieldGroup, SelectField } from '../form-kit.tsx';
import { Field, FieldError } from '../ui.tsx';
import { type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

export function PortalFeeSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  return (
    <>
      <FieldGroup legend={t('returnFee')}>
        <CheckboxField
          label={t('chargeFee')}
          checked={draft.returnFee !== null}
          onChange={(on) => set('returnFee', on ? { amount: { value: '4.95', currency: 'EUR' }, payment: 'deduct_from_refund' } : null)}
        />
        {draft.returnFee && (
          <div class="row">
            <Field
              id="p-fee"
              label={t('feeAmount')}
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
              label={t('currency')}
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
            <SelectField
              id="p-fee-payment"
              label={t('payment')}
              hint={t('payUpfrontHint')}
              value={draft.returnFee.payment}
              options={[
                ['deduct_from_refund', t('deductFromRefund')],
                ['upfront', t('payUpfront')],
              ]}
              onChange={(payment) => draft.returnFee && set('returnFee', { ...draft.returnFee, payment })}
            />
          </div>
        )}
        <FieldError id="p-fee" error={draft.returnFee ? undefined : f.returnFee} />
      </FieldGroup>

      <FieldGroup id="p-resolutions" legend={t('resolutions')} error={issuesUnder('resolutions')}>
        {RESOLUTIONS.map((k) => (
          <CheckboxField
            key={k}
            label={resolutionName(k)}
            checked={draft.resolutions.includes(k)}
            onChange={(on) => set('resolutions', toggleIn(draft.resolutions, k, on))}
          />
        ))}
      </FieldGroup>
    </>
  );
}
