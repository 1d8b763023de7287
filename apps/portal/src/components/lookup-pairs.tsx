// Finding an order in a portal that takes other pairs of fields (lookup.pairs: any two of order
// number, email, postal code and tracking number), the gift checkbox, and opening a signed deep
// link from the shop's email. The classic form (number + postal code) lives in lookup-form.tsx.
import type { PublicPortal } from '@retour/contracts/portal';
import type { LookupBody } from '@retour/contracts/returns';
import type { ApiError } from '../api.ts';
import type { Draft, Errors } from '../flow.ts';
import { type MessageKey, t } from '../i18n.ts';
import { described, FieldError } from './ui.tsx';

type Field = PublicPortal['lookup']['pairs'][number][number];
type Spec = { label: 'orderNumber' | 'email' | 'postalCode' | 'trackingNumber'; hint: MessageKey; body: keyof LookupBody };
const SPEC: Record<Field, Spec> = {
  order_number: { label: 'orderNumber', hint: 'orderNumberHint', body: 'orderNumber' },
  email: { label: 'email', hint: 'lookupEmailHint', body: 'email' },
  postal_code: { label: 'postalCode', hint: 'postalCodeHint', body: 'postalCode' },
  tracking_number: { label: 'trackingNumber', hint: 'trackingNumberHint', body: 'trackingNumber' },
};
const AUTOCOMPLETE: Record<Field, string> = { order_number: 'off', email: 'email', postal_code: 'postal-code', tracking_number: 'off' };

/** Today's two pairs (a number with the postal code) keep the classic form. */
export function usesPairForm(portal: PublicPortal): boolean {
  return portal.lookup.pairs.some((p) => !p.includes('postal_code') || p.includes('email'));
}

export const pairTargets = (portal: PublicPortal): Record<string, string> =>
  Object.fromEntries(portal.lookup.pairs.flat().map((f) => [`lookup-${f}`, `lookup-${f}`]));

function fieldsOf(draft: Draft): Field[] {
  return draft.pair.split('+').filter(Boolean) as Field[];
}

export function pairBody(draft: Draft): LookupBody {
  const body: Record<string, string | boolean> = {};
  for (const f of fieldsOf(draft)) body[SPEC[f].body] = (draft.values[f] ?? '').trim();
  if (draft.gift) body.gift = true;
  return body as LookupBody;
}

export function checkPair(draft: Draft): Errors {
  const errors: Errors = {};
  for (const f of fieldsOf(draft))
    if (!(draft.values[f] ?? '').trim()) errors[`lookup-${f}`] = t('errorLookupFieldMissing', { field: t(SPEC[f].label) });
  return errors;
}

/** A miss names both fields; a field the server refused is named on its own. */
export function pairErrors(error: ApiError, draft: Draft): Errors | null {
  const fields = fieldsOf(draft);
  if (error.code === 'order_not_found') return Object.fromEntries(fields.map((f) => [`lookup-${f}`, t('errorPairNotFound')]));
  if (error.code !== 'validation_error') return null;
  const errors: Errors = {};
  const issues = (error.details.issues ?? []) as { path?: unknown[] }[];
  for (const f of fields) if (issues.some((i) => i.path?.[0] === SPEC[f].body)) errors[`lookup-${f}`] = t('errorNumberInvalid');
  return Object.keys(errors).length > 0 ? errors : null;
}

type Props = {
  portal: PublicPortal;
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  errors: Errors;
  setErrors: (e: Errors) => void;
};

export function PairFields({ portal, draft, update, errors, setErrors }: Props) {
  const pairs = portal.lookup.pairs;
  return (
    <>
      {pairs.length > 1 && (
        <fieldset class="choice-inline">
          <legend>{t('lookupBy')}</legend>
          {(pairs as [Field, Field][]).map(([a, b]) => (
            <label key={`${a}+${b}`} class="inline-radio">
              <input
                type="radio"
                name="lookup-pair"
                value={`${a}+${b}`}
                checked={draft.pair === `${a}+${b}`}
                onChange={() => {
                  update({ pair: `${a}+${b}` });
                  setErrors({});
                }}
              />
              {t('lookupPair', { first: t(SPEC[a].label), second: t(SPEC[b].label) })}
            </label>
          ))}
        </fieldset>
      )}
      {fieldsOf(draft).map((f) => (
        <div class="field" key={f}>
          <label for={`lookup-${f}`}>{t(SPEC[f].label)}</label>
          <p class="hint" id={`lookup-${f}-hint`}>
            {t(SPEC[f].hint)}
          </p>
          <input
            id={`lookup-${f}`}
            name={SPEC[f].body}
            class={f === 'postal_code' ? 'input short' : 'input'}
            inputMode={f === 'email' ? 'email' : 'text'}
            autoComplete={AUTOCOMPLETE[f]}
            spellcheck={false}
            required
            maxLength={f === 'email' ? 254 : f === 'postal_code' ? 20 : 100}
            value={draft.values[f] ?? ''}
            onInput={(e) => update({ values: { ...draft.values, [f]: e.currentTarget.value } })}
            {...described(`lookup-${f}`, errors, `lookup-${f}-hint`)}
          />
          <FieldError field={`lookup-${f}`} errors={errors} />
        </div>
      ))}
    </>
  );
}

export function GiftCheckbox({ portal, draft, update }: Pick<Props, 'portal' | 'draft' | 'update'>) {
  if (!portal.lookup.giftReturns) return null;
  return (
    <div class="field">
      <label class="inline-radio">
        <input type="checkbox" name="gift" checked={draft.gift} onChange={(e) => update({ gift: e.currentTarget.checked })} />
        {t('giftCheckbox')}
      </label>
      <p class="hint">{t('giftHint')}</p>
    </div>
  );
}

/** The signed deep link's query, if the page was opened from one (then removed from the address bar). */
export function takeDeepLink(): string | null {
  const url = new URL(location.href);
  if (!url.searchParams.has('sig')) return null;
  const query = url.search;
  const kept = new URLSearchParams();
  for (const k of ['lang', 'embed']) {
    const v = url.searchParams.get(k);
    if (v !== null) kept.set(k, v);
  }
  history.replaceState(history.state, '', `${url.pathname}${kept.size > 0 ? `?${kept}` : ''}`);
  return query;
}

export function deepLinkError(error: ApiError): string {
  return error.code === 'link_expired' ? t('errorLinkExpired') : t('errorLinkInvalid');
}
