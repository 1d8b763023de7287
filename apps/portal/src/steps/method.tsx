// Step 3: how the parcel goes back. Only the methods and carriers the lookup offers for the
// shopper's country, each with its fee (or "free"); a pickup date; the drop-off point finder.
import type { PublicPortal } from '@retour/contracts/portal';
import { ServicePointFinder } from '../components/service-points.tsx';
import { Actions, BackButton, Button, described, ErrorSummary, FieldError, focusFirstInvalid, StepHeading } from '../components/ui.tsx';
import { type CarrierOption, chosenOption, isFree, type Method, pickupDates } from '../flow.ts';
import { formatDay, formatMoney, type MessageKey, t } from '../i18n.ts';
import { checkMethod } from '../validate.ts';
import type { StepProps } from './types.ts';

const TITLES: Record<Method, MessageKey> = {
  drop_off: 'methodDropOff',
  drop_off_labelless: 'methodLabelless',
  pickup: 'methodPickup',
  in_store: 'methodInStore',
};
const TEXTS: Record<Method, MessageKey> = {
  drop_off: 'methodDropOffText',
  drop_off_labelless: 'methodLabellessText',
  pickup: 'methodPickupText',
  in_store: 'methodInStoreText',
};
const BADGES: Partial<Record<Method, MessageKey>> = { drop_off: 'badgePrintAtHome', drop_off_labelless: 'badgeNoPrinter' };

export function feeText(fee: { value: string; currency: string } | undefined, portal: PublicPortal): string {
  if (!fee || isFree(fee)) return t('free');
  return portal.fee?.payment === 'deduct_from_refund'
    ? t('feeDeducted', { fee: formatMoney(fee) })
    : t('feePaid', { fee: formatMoney(fee) });
}

type Choice = { value: string; method: Method; carrier: CarrierOption | null };

function Option({ choice, checked, portal, onChoose }: { choice: Choice; checked: boolean; portal: PublicPortal; onChoose: () => void }) {
  const badge = BADGES[choice.method];
  return (
    <label class={`option${checked ? ' chosen' : ''}`}>
      <input type="radio" name="method" value={choice.value} checked={checked} onChange={onChoose} />
      <span class="option-body">
        <span class="option-title">
          {t(TITLES[choice.method])}
          {badge && <span class="badge">{t(badge)}</span>}
        </span>
        <span class="option-text">{t(TEXTS[choice.method])}</span>
        <span class="option-text">
          {[choice.carrier && t('withCarrier', { carrier: choice.carrier.name }), feeText(choice.carrier?.fee, portal)]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {choice.carrier?.phoneRequired && <span class="option-text">{t('needsPhone')}</span>}
      </span>
    </label>
  );
}

export function MethodStep({ slug, portal, draft, update, errors, setErrors, next, back }: StepProps) {
  const lookup = draft.lookup;
  if (!lookup) return null;
  const choices = lookup.options.methods.flatMap<Choice>((m) =>
    m.carriers.length === 0
      ? [{ value: m.method, method: m.method, carrier: null }]
      : m.carriers.map((c) => ({ value: `${m.method}:${c.code}`, method: m.method, carrier: c })),
  );
  const chosen = chosenOption(draft);
  const submit = (event: Event) => {
    event.preventDefault();
    const problems = checkMethod(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    next();
  };
  return (
    <form class="form" noValidate onSubmit={submit}>
      <StepHeading>{t('methodTitle')}</StepHeading>
      <ErrorSummary errors={errors} targets={{ option: `method-0`, pickupDate: 'pickup-date' }} />
      {lookup.crossesCustomsBorder && <p class="notice">{t('customsNotice')}</p>}
      <fieldset class="options" id="method-0" tabIndex={-1} {...described('option', errors)}>
        <legend>{t('methodLegend')}</legend>
        {choices.map((choice) => (
          <Option
            key={choice.value}
            choice={choice}
            portal={portal}
            checked={draft.option === choice.value}
            onChoose={() => update({ option: choice.value, servicePoint: null })}
          />
        ))}
      </fieldset>
      <FieldError field="option" errors={errors} />
      {chosen?.method === 'pickup' && (
        <div class="field">
          <label for="pickup-date">{t('pickupDate')}</label>
          <select
            id="pickup-date"
            class="input"
            required
            value={draft.pickupDate}
            onChange={(e) => update({ pickupDate: e.currentTarget.value })}
            {...described('pickupDate', errors)}
          >
            <option value="">{t('choosePickupDate')}</option>
            {pickupDates().map((day) => (
              <option key={day} value={day}>
                {formatDay(day, true)}
              </option>
            ))}
          </select>
          <FieldError field="pickupDate" errors={errors} />
        </div>
      )}
      {chosen?.carrier && chosen.method.startsWith('drop_off') && (
        <ServicePointFinder key={chosen.carrier.code} slug={slug} draft={draft} carrier={chosen.carrier.code} update={update} />
      )}
      <Actions>
        <Button>{t('continue')}</Button>
        <BackButton onClick={back} />
      </Actions>
    </form>
  );
}
