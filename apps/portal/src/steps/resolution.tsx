// Step 4: what the shopper would like instead of the items: a refund, store credit or an exchange
// (saying what they would like), as the portal offers.
import { ExchangePicker } from '../components/exchange-picker.tsx';
import { Actions, BackButton, Button, described, ErrorSummary, FieldError, focusFirstInvalid, StepHeading } from '../components/ui.tsx';
import { estimatedBonus, estimatedRefund, type Resolution } from '../flow.ts';
import { formatMoney, type MessageKey, t } from '../i18n.ts';
import { checkResolution } from '../validate.ts';
import type { StepProps } from './types.ts';

const TITLES: Record<Resolution, MessageKey> = {
  refund: 'resolutionRefund',
  store_credit: 'resolutionStoreCredit',
  exchange: 'resolutionExchange',
};
const TEXTS: Record<Resolution, MessageKey> = {
  refund: 'resolutionRefundText',
  store_credit: 'resolutionStoreCreditText',
  exchange: 'resolutionExchangeText',
};

export function ResolutionStep({ slug, portal, draft, update, errors, setErrors, next, back }: StepProps) {
  const offered = draft.lookup?.options.resolutions ?? [];
  const refund = estimatedRefund(draft, portal);
  const bonus = estimatedBonus(draft, portal);
  const submit = (event: Event) => {
    event.preventDefault();
    const problems = checkResolution(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    next();
  };
  return (
    <form class="form" noValidate onSubmit={submit}>
      <StepHeading>{t('resolutionTitle')}</StepHeading>
      <ErrorSummary errors={errors} targets={{ resolution: 'resolution-group', exchangeNote: 'exchange-note' }} />
      <fieldset class="options" id="resolution-group" tabIndex={-1} {...described('resolution', errors)}>
        <legend>{t('resolutionLegend')}</legend>
        {offered.map((resolution) => (
          <label key={resolution} class={`option${draft.resolution === resolution ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="resolution"
              value={resolution}
              checked={draft.resolution === resolution}
              onChange={() => update({ resolution })}
            />
            <span class="option-body">
              <span class="option-title">{t(TITLES[resolution])}</span>
              <span class="option-text">{t(TEXTS[resolution])}</span>
              {resolution === 'refund' && refund && (
                <span class="option-text">{t('estimatedRefund', { amount: formatMoney(refund) })}</span>
              )}
              {resolution === 'store_credit' && bonus && (
                <span class="option-text store-credit-bonus">{t('storeCreditBonus', { amount: formatMoney(bonus) })}</span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      <FieldError field="resolution" errors={errors} />
      {draft.resolution === 'exchange' && <ExchangePicker slug={slug} portal={portal} draft={draft} update={update} />}
      {draft.resolution === 'exchange' && Object.keys(draft.exchanges).length === 0 && (
        <div class="field">
          <label for="exchange-note">{t('exchangeNote')}</label>
          <p class="hint" id="exchange-note-hint">
            {t('exchangeNoteHint')}
          </p>
          <textarea
            id="exchange-note"
            class="input"
            rows={3}
            required
            maxLength={1000}
            value={draft.exchangeNote}
            onInput={(e) => update({ exchangeNote: e.currentTarget.value })}
            {...described('exchangeNote', errors, 'exchange-note-hint')}
          />
          <FieldError field="exchangeNote" errors={errors} />
        </div>
      )}
      <Actions>
        <Button>{t('continue')}</Button>
        <BackButton onClick={back} />
      </Actions>
    </form>
  );
}
