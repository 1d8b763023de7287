// Step 6: everything the shopper chose, each part changeable, then the one button that creates the
// return. For a withdrawal this is the explicit confirmation step ("Confirm withdrawal").
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { Actions, BackButton, Button, ErrorSummary, StepHeading } from '../components/ui.tsx';
import { createErrors } from '../errors.ts';
import { chosenOption, effectiveResolution, estimatedRefund, returnBody, selectedItems, type Step, stepsFor } from '../flow.ts';
import { currentLanguage, formatDay, formatMoney, type MessageKey, t } from '../i18n.ts';
import { ExchangeQuoteView } from '../components/exchange-picker.tsx';
import { feeText } from './method.tsx';
import type { StepProps } from './types.ts';

/** One key per distinct request: a repeat after a lost answer cannot create a second return. */
let lastAttempt: { body: string; key: string } | null = null;

function idempotencyKey(body: string): string {
  if (lastAttempt?.body !== body) {
    const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    lastAttempt = { body, key: `portal-${random}` };
  }
  return lastAttempt.key;
}

const METHOD_TITLES: Record<string, MessageKey> = {
  drop_off: 'methodDropOff',
  drop_off_labelless: 'methodLabelless',
  pickup: 'methodPickup',
  in_store: 'methodInStore',
};
const RESOLUTION_TITLES: Record<string, MessageKey> = {
  refund: 'resolutionRefund',
  store_credit: 'resolutionStoreCredit',
  exchange: 'resolutionExchange',
};

type SectionProps = { title: string; step: Step | null; go: (step: Step) => void; children: ComponentChildren };

function Section({ title, step, go, children }: SectionProps) {
  return (
    <section class="summary-section">
      <div class="summary-head">
        <h2>{title}</h2>
        {step && (
          <button type="button" class="button link" onClick={() => go(step)}>
            {t('change')}
            <span class="sr-only"> {title}</span>
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

export function ReviewStep({ slug, portal, draft, update, errors, setErrors, go, back }: StepProps) {
  const [busy, setBusy] = useState(false);
  const lookup = draft.lookup;
  if (!lookup) return null;
  const withdrawal = draft.mode === 'withdrawal';
  const option = chosenOption(draft);
  const resolution = effectiveResolution(draft);
  const refund = estimatedRefund(draft, portal);
  const reasons = new Map(portal.reasons.map((r) => [r.code, r.label]));
  const asksResolution = stepsFor(draft).includes('resolution');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const body = returnBody(draft, currentLanguage(), portal);
    setBusy(true);
    setErrors({});
    try {
      const created = await api.createReturn(slug, lookup.token, body, idempotencyKey(JSON.stringify(body)));
      lastAttempt = null;
      update({ created });
      go('done');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'idempotency_key_reused') lastAttempt = null;
      const placed = createErrors(error, draft);
      if (error.code === 'invalid_token') update({ lookup: null });
      if (placed.step === 'review') setErrors(placed.errors);
      else go(placed.step, placed.errors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" noValidate onSubmit={submit}>
      <StepHeading>{t(withdrawal ? 'reviewTitleWithdrawal' : 'reviewTitle')}</StepHeading>
      <ErrorSummary errors={errors} />
      {withdrawal && <p class="statement">{t('withdrawalStatement', { orderNumber: lookup.order.orderNumber })}</p>}
      <Section title={t('summaryItems')} step="items" go={go}>
        <ul class="summary-list">
          {selectedItems(draft).map(({ item, line }) => (
            <li key={item.id}>
              <strong>{t('quantityTimes', { count: line.quantity, name: item.name })}</strong>
              {item.variant && <span>{` · ${t('variant', { variant: item.variant })}`}</span>}
              <br />
              <span class="muted">{reasons.get(line.reason) ?? line.reason}</span>
              {line.comment.trim() && <span class="muted">{` – ${t('quoted', { text: line.comment.trim() })}`}</span>}
              {line.photos && line.photos.length > 0 && (
                <ul class="photo-list">
                  {line.photos.map((photo, index) => (
                    <li key={photo.id}>
                      <img
                        class="thumb"
                        src={photo.preview}
                        alt={t('photoAlt', { index: index + 1, name: item.name })}
                        width={48}
                        height={48}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('summaryMethod')} step="method" go={go}>
        {option && (
          <p>
            <strong>{t(METHOD_TITLES[option.method] ?? 'methodDropOff')}</strong>
            {option.carrier && ` · ${option.carrier.name}`}
            {` · ${feeText(option.carrier?.fee, portal)}`}
            {option.method === 'pickup' && draft.pickupDate && (
              <>
                <br />
                {t('pickupOn', { date: formatDay(draft.pickupDate, true) })}
              </>
            )}
            {draft.servicePoint && (
              <>
                <br />
                {t('dropOffAt', { name: draft.servicePoint.name })}
              </>
            )}
          </p>
        )}
      </Section>
      {!withdrawal && resolution && (
        <Section title={t('summaryResolution')} step={asksResolution ? 'resolution' : null} go={go}>
          <p>
            <strong>{t(RESOLUTION_TITLES[resolution] ?? 'resolutionRefund')}</strong>
            {resolution === 'refund' && refund && ` · ${t('estimatedRefund', { amount: formatMoney(refund) })}`}
            {resolution === 'exchange' && <ExchangeQuoteView slug={slug} portal={portal} draft={draft} />}
            {resolution === 'exchange' && portal.exchanges?.instantHoldDays && (
              <>
                <br />
                <span data-testid="instant-exchange-review">{t('instantHoldReview', { days: portal.exchanges.instantHoldDays })}</span>
              </>
            )}
            {resolution === 'exchange' && draft.exchangeNote.trim() && (
              <>
                <br />
                <span class="muted">{t('quoted', { text: draft.exchangeNote.trim() })}</span>
              </>
            )}
          </p>
        </Section>
      )}
      <Section title={t('summaryContact')} step="contact" go={go}>
        <p class="break">
          {draft.email.trim()}
          {draft.phone.trim() && (
            <>
              <br />
              {draft.phone.trim()}
            </>
          )}
        </p>
      </Section>
      {withdrawal && refund && <p>{t('withdrawalRefund', { amount: formatMoney(refund) })}</p>}
      <Actions>
        <Button busy={busy}>{busy ? t('sending') : t(withdrawal ? 'confirmWithdrawal' : 'confirmReturn')}</Button>
        <BackButton onClick={back} />
      </Actions>
    </form>
  );
}
