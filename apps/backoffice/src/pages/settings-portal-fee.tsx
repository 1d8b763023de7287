// Portal settings → the return fee and the resolutions shoppers may choose.
import { t } from '../i18n.ts';
import { RESOLUTIONS, resolutionName } from '../labels.ts';
import { describedBy, Field, FieldError } from '../ui.tsx';
import { type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

export function PortalFeeSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  return (
    <>
      <fieldset class="card">
        <legend>{t('returnFee')}</legend>
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
          {t('chargeFee')}
        </label>
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
            <div class="field">
              <label for="p-fee-payment">{t('payment')}</label>
              <select
                id="p-fee-payment"
                aria-describedby="p-fee-payment-hint"
                value={draft.returnFee.payment}
                onChange={(e) =>
                  draft.returnFee &&
                  set('returnFee', { ...draft.returnFee, payment: e.currentTarget.value as 'upfront' | 'deduct_from_refund' })
                }
              >
                <option value="deduct_from_refund">{t('deductFromRefund')}</option>
                <option value="upfront">{t('payUpfront')}</option>
              </select>
              <p class="hint" id="p-fee-payment-hint">
                {t('payUpfrontHint')}
              </p>
            </div>
          </div>
        )}
        <FieldError id="p-fee" error={draft.returnFee ? undefined : f.returnFee} />
      </fieldset>

      <fieldset class="card" {...describedBy('p-resolutions', issuesUnder('resolutions'))}>
        <legend>{t('resolutions')}</legend>
        {RESOLUTIONS.map((k) => [k, resolutionName(k)] as const).map(([k, v]) => (
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
    </>
  );
}
