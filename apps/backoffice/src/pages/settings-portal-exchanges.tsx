// Portal settings → exchanges (issue #14 item 2): whether the portal offers exchanges and for which
// of its reasons, the price band exchanged free, other products, the bonus credit for keeping the
// value with the shop, when the replacement order is made, and instant exchange (a Mollie hold). Saved with the rest of the portal
// (PATCH /api/v1/portals/:id, field `exchanges`); the server's errors show at their fields.
import { DEFAULT_INSTANT_HOLD_DAYS, MAX_INSTANT_EXCHANGE_DAYS } from '@retour/domain/instant-exchange';
import { reasonLabel } from '@retour/domain/reasons';
import { REPLACEMENT_TIMINGS } from '@retour/domain/replacement-order';
import { currentLanguage, t } from '../i18n.ts';
import { CheckboxField, FieldGroup, RadioField } from '../form-kit.tsx';
import { Field } from '../ui.tsx';
import { type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

type Exchanges = PortalSectionProps['draft']['exchanges'];
type Bonus = Exchanges['bonusCredit'];
type Timing = NonNullable<Exchanges['replacementTiming']>;
type Reason = PortalSectionProps['draft']['reasons'][number];

const DEFAULT_TIMING: Timing = 'on_receipt';

function timingText(timing: Timing): { label: string; hint: string } {
  switch (timing) {
    case 'on_request':
      return { label: t('exchReplacementOnRequest'), hint: t('exchReplacementOnRequestHint') };
    case 'on_drop_off':
      return { label: t('exchReplacementOnDropOff'), hint: t('exchReplacementOnDropOffHint') };
    default:
      return { label: t('exchReplacementOnReceipt'), hint: t('exchReplacementOnReceiptHint') };
  }
}

/** A number typed in a field: empty stays NaN, so the server names the field instead of saving 0. */
const typed = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

export function PortalExchangesSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  const ex = draft.exchanges;
  const put = (next: Partial<Exchanges>) => set('exchanges', { ...ex, ...next });
  const bonusKind = ex.bonusCredit?.kind ?? 'none';
  const currency = draft.returnFee?.amount.currency ?? 'EUR';
  const chooseBonus = (kind: 'none' | 'fixed' | 'percent') => {
    const next: Bonus =
      kind === 'fixed' ? { kind, amount: { value: '5.00', currency } } : kind === 'percent' ? { kind, percent: 10 } : null;
    put({ bonusCredit: next });
  };
  const timing = ex.replacementTiming ?? DEFAULT_TIMING;
  // Codes ticked here whose reason was just removed above: still listed, so they can be unticked.
  const orphans: Reason[] = ex.reasons.filter((code) => !draft.reasons.some((r) => r.code === code)).map((code) => ({ code, labels: {} }));

  return (
    <fieldset class="card" id="exchanges">
      <legend>{t('exchSettings')}</legend>
      <CheckboxField
        id="p-exch-offered"
        label={t('exchOffered')}
        hint={t('exchOfferedHint')}
        checked={ex.offered}
        error={issuesUnder('exchanges.offered')}
        onChange={(offered) => put({ offered })}
      />

      <FieldGroup
        id="p-exch-reasons"
        class="field"
        legend={t('exchReasons')}
        hint={draft.reasons.length > 0 ? t('exchReasonsHint') : t('exchReasonsNone')}
        error={issuesUnder('exchanges.reasons')}
      >
        {[...draft.reasons, ...orphans].map((r) => (
          <CheckboxField
            key={r.code}
            label={reasonLabel(r, currentLanguage(), draft.defaultLanguage)}
            checked={ex.reasons.includes(r.code)}
            onChange={(on) => put({ reasons: toggleIn(ex.reasons, r.code, on) })}
          />
        ))}
      </FieldGroup>

      <FieldGroup id="p-exch-band" class="field" legend={t('exchPriceBand')} hint={t('exchPriceBandHint')} error={f['exchanges.priceBand']}>
        <div class="row">
          <Field
            id="p-exch-band-lower"
            label={t('exchPriceBandLower')}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            value={Number.isNaN(ex.priceBand.lowerPercent) ? '' : String(ex.priceBand.lowerPercent)}
            error={f['exchanges.priceBand.lowerPercent']}
            onInput={(e) => put({ priceBand: { ...ex.priceBand, lowerPercent: typed(e.currentTarget.value) } })}
          />
          <Field
            id="p-exch-band-upper"
            label={t('exchPriceBandUpper')}
            type="number"
            inputMode="numeric"
            min={100}
            value={Number.isNaN(ex.priceBand.upperPercent) ? '' : String(ex.priceBand.upperPercent)}
            error={f['exchanges.priceBand.upperPercent']}
            onInput={(e) => put({ priceBand: { ...ex.priceBand, upperPercent: typed(e.currentTarget.value) } })}
          />
        </div>
      </FieldGroup>

      <CheckboxField
        id="p-exch-other-products"
        label={t('exchOtherProducts')}
        checked={ex.otherProducts}
        error={issuesUnder('exchanges.otherProducts')}
        onChange={(otherProducts) => put({ otherProducts })}
      />

      <FieldGroup id="p-exch-bonus" class="field" legend={t('exchBonus')} hint={t('exchBonusHint')}>
        <RadioField
          name="p-exch-bonus"
          value="none"
          label={t('exchBonusNone')}
          checked={bonusKind === 'none'}
          onSelect={() => chooseBonus('none')}
        />
        <RadioField
          name="p-exch-bonus"
          value="fixed"
          label={t('exchBonusFixed')}
          checked={bonusKind === 'fixed'}
          onSelect={() => chooseBonus('fixed')}
        />
        <RadioField
          name="p-exch-bonus"
          value="percent"
          label={t('exchBonusPercent')}
          checked={bonusKind === 'percent'}
          onSelect={() => chooseBonus('percent')}
        />
        {ex.bonusCredit?.kind === 'fixed' && (
          <div class="row">
            <Field
              id="p-exch-bonus-amount"
              label={t('exchBonusAmount', { currency: ex.bonusCredit.amount.currency })}
              inputMode="decimal"
              value={ex.bonusCredit.amount.value}
              error={issuesUnder('exchanges.bonusCredit.amount.value') ?? f['exchanges.bonusCredit.amount']}
              onInput={(e) =>
                ex.bonusCredit?.kind === 'fixed' &&
                put({ bonusCredit: { kind: 'fixed', amount: { ...ex.bonusCredit.amount, value: e.currentTarget.value } } })
              }
            />
            <Field
              id="p-exch-bonus-currency"
              label={t('currency')}
              size={4}
              value={ex.bonusCredit.amount.currency}
              error={f['exchanges.bonusCredit.amount.currency']}
              onInput={(e) =>
                ex.bonusCredit?.kind === 'fixed' &&
                put({
                  bonusCredit: { kind: 'fixed', amount: { ...ex.bonusCredit.amount, currency: e.currentTarget.value.toUpperCase() } },
                })
              }
            />
          </div>
        )}
        {ex.bonusCredit?.kind === 'percent' && (
          <Field
            id="p-exch-bonus-percent"
            label={t('exchBonusPercentValue')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={Number.isNaN(ex.bonusCredit.percent) ? '' : String(ex.bonusCredit.percent)}
            error={issuesUnder('exchanges.bonusCredit.percent')}
            onInput={(e) => put({ bonusCredit: { kind: 'percent', percent: typed(e.currentTarget.value) } })}
          />
        )}
      </FieldGroup>

      <FieldGroup id="p-exch-timing" class="field" legend={t('exchReplacementTiming')} error={issuesUnder('exchanges.replacementTiming')}>
        {REPLACEMENT_TIMINGS.map((choice) => {
          const text = timingText(choice);
          return (
            <RadioField
              key={choice}
              id={`p-exch-timing-${choice}`}
              name="p-exch-timing"
              value={choice}
              label={text.label}
              hint={text.hint}
              checked={timing === choice}
              onSelect={() => put({ replacementTiming: choice })}
            />
          );
        })}
      </FieldGroup>

      <CheckboxField
        id="p-exch-instant"
        label={t('exchInstant')}
        hint={t('exchInstantHint')}
        checked={ex.instant ?? false}
        error={issuesUnder('exchanges.instant')}
        onChange={(instant) => put({ instant })}
      />
      {ex.instant && (
        <Field
          id="p-exch-instant-days"
          label={t('exchInstantHoldDays')}
          hint={t('exchInstantHoldDaysHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_INSTANT_EXCHANGE_DAYS}
          value={Number.isNaN(ex.instantHoldDays) ? '' : String(ex.instantHoldDays ?? DEFAULT_INSTANT_HOLD_DAYS)}
          error={issuesUnder('exchanges.instantHoldDays')}
          onInput={(e) => put({ instantHoldDays: typed(e.currentTarget.value) })}
        />
      )}
    </fieldset>
  );
}
