// Portal settings → the return fee and the resolutions shoppers may choose.
import { resolutionLabel } from '../messages.ts';
import { describedBy, Field, FieldError } from '../ui.tsx';
import { type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

export function PortalFeeSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  return (
    <>
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
                aria-describedby="p-fee-payment-hint"
                value={draft.returnFee.payment}
                onChange={(e) =>
                  draft.returnFee &&
                  set('returnFee', { ...draft.returnFee, payment: e.currentTarget.value as 'upfront' | 'deduct_from_refund' })
                }
              >
                <option value="deduct_from_refund">Deduct from the refund</option>
                <option value="upfront">Pay upfront</option>
              </select>
              <p class="hint" id="p-fee-payment-hint">
                Paying upfront goes through Mollie: connect it first under Settings → Payments.
              </p>
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
    </>
  );
}
