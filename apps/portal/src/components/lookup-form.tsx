// Find your order: order number (or tracking number, as the portal allows) plus postal code, or
// the other pairs a portal may take (lookup-pairs.tsx), or a signed deep link from the shop.
// Errors say what to check; a rate limit says when to try again.
import { useEffect, useState } from 'preact/hooks';
import type { LookupResult } from '@retour/contracts/returns';
import { ApiError, api } from '../api.ts';
import { lookupErrors } from '../errors.ts';
import type { Draft } from '../flow.ts';
import { t } from '../i18n.ts';
import type { StepProps } from '../steps/types.ts';
import { checkLookup } from '../validate.ts';
import {
  checkPair,
  deepLinkError,
  GiftCheckbox,
  PairFields,
  pairBody,
  pairErrors,
  pairTargets,
  takeDeepLink,
  usesPairForm,
} from './lookup-pairs.tsx';
import { Button, described, ErrorSummary, FieldError, focusFirstInvalid } from './ui.tsx';

const TARGETS = { number: 'lookup-number', postalCode: 'lookup-postal' };

/**
 * After a lookup: the same order again (its session had expired) keeps the shopper's choices where
 * they still hold; another order starts afresh.
 */
function keptChoices(draft: Draft, lookup: LookupResult): Partial<Draft> {
  const items = new Map(lookup.order.items.map((i) => [i.id, i]));
  const lines = Object.fromEntries(
    Object.entries(draft.lines).filter(([id, line]) => {
      const item = items.get(id);
      return item?.eligible && line.quantity <= item.returnableQuantity;
    }),
  );
  const same = Object.keys(lines).length > 0;
  const options = lookup.options.methods.flatMap((m) => [m.method, ...m.carriers.map((c) => `${m.method}:${c.code}`)]);
  return {
    lookup,
    lines,
    option: same && options.includes(draft.option) ? draft.option : '',
    pickupDate: same ? draft.pickupDate : '',
    servicePoint: same ? draft.servicePoint : null,
    resolution: same && draft.resolution && lookup.options.resolutions.includes(draft.resolution) ? draft.resolution : '',
    exchangeNote: same ? draft.exchangeNote : '',
    created: null,
  };
}

export function LookupForm({ slug, portal, draft, update, errors, setErrors, go }: StepProps) {
  const [busy, setBusy] = useState(false);
  const both = portal.lookup.byOrderNumber && portal.lookup.byTrackingNumber;
  const byOrder = draft.by === 'order';
  const pairForm = usesPairForm(portal);

  // Opened from the shop's signed deep link: find that order at once.
  useEffect(() => {
    const query = takeDeepLink();
    if (!query) return;
    setBusy(true);
    api
      .lookupLink(slug, query)
      .then((lookup) => {
        update(keptChoices(draft, lookup));
        go('items');
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) throw error;
        setErrors({ lookup: deepLinkError(error) });
      })
      .finally(() => setBusy(false));
    // Once, on the first render.
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems = pairForm ? checkPair(draft) : checkLookup(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    setBusy(true);
    try {
      const postalCode = draft.postalCode.trim();
      const number = draft.number.trim();
      const gift = draft.gift ? { gift: true } : {};
      const body = pairForm
        ? pairBody(draft)
        : byOrder
          ? { orderNumber: number, postalCode, ...gift }
          : { trackingNumber: number, postalCode, ...gift };
      const lookup = await api.lookup(slug, body);
      update(keptChoices(draft, lookup));
      go('items');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors((pairForm ? pairErrors(error, draft) : null) ?? lookupErrors(error, draft));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  if (pairForm) {
    return (
      <form class="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} targets={pairTargets(portal)} />
        <PairFields portal={portal} draft={draft} update={update} errors={errors} setErrors={setErrors} />
        <GiftCheckbox portal={portal} draft={draft} update={update} />
        <Button busy={busy}>{busy ? t('searching') : t('findOrder')}</Button>
      </form>
    );
  }

  return (
    <form class="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} targets={TARGETS} />
      {both && (
        <fieldset class="choice-inline">
          <legend>{t('lookupBy')}</legend>
          {(['order', 'tracking'] as const).map((by) => (
            <label key={by} class="inline-radio">
              <input
                type="radio"
                name="lookup-by"
                value={by}
                checked={draft.by === by}
                onChange={() => {
                  update({ by, number: '' });
                  setErrors({});
                }}
              />
              {t(by === 'order' ? 'orderNumber' : 'trackingNumber')}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for="lookup-number">{t(byOrder ? 'orderNumber' : 'trackingNumber')}</label>
        <p class="hint" id="lookup-number-hint">
          {t(byOrder ? 'orderNumberHint' : 'trackingNumberHint')}
        </p>
        <input
          id="lookup-number"
          name={byOrder ? 'orderNumber' : 'trackingNumber'}
          class="input"
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="characters"
          required
          maxLength={100}
          value={draft.number}
          onInput={(e) => update({ number: e.currentTarget.value })}
          {...described('number', errors, 'lookup-number-hint')}
        />
        <FieldError field="number" errors={errors} />
      </div>
      <div class="field">
        <label for="lookup-postal">{t('postalCode')}</label>
        <p class="hint" id="lookup-postal-hint">
          {t('postalCodeHint')}
        </p>
        <input
          id="lookup-postal"
          name="postalCode"
          class="input short"
          autoComplete="postal-code"
          autoCapitalize="characters"
          required
          maxLength={20}
          value={draft.postalCode}
          onInput={(e) => update({ postalCode: e.currentTarget.value })}
          {...described('postalCode', errors, 'lookup-postal-hint')}
        />
        <FieldError field="postalCode" errors={errors} />
      </div>
      <GiftCheckbox portal={portal} draft={draft} update={update} />
      <Button busy={busy}>{busy ? t('searching') : t('findOrder')}</Button>
    </form>
  );
}
