// An instant exchange's hold on the return page (issue #14 item 4): the amount, its deadline and
// how it ended — a release that first captured what the return owed says both amounts.
import { formatDay, formatMoney, t } from '../i18n.ts';
import type { MerchantReturn } from './return-model.ts';

type Money = { value: string; currency: string };
type Settled = { captured?: Money | null | undefined; released?: Money | null | undefined };

/** A hold released after capturing what the return owed anyway (a fee, a dearer exchange's difference). */
export function partlyCaptured(hold: Settled): hold is { captured: Money; released: Money } {
  return hold.captured != null && hold.released != null && Number(hold.captured.value) > 0;
}

/** The hold's outcome in words, for the facts list. */
export function holdText(hold: NonNullable<MerchantReturn['instantExchange']>): string {
  const amount = formatMoney(hold.amount);
  const date = hold.deadline ? formatDay(hold.deadline) : '';
  if (hold.state === 'released' && partlyCaptured(hold))
    return t('holdPartlyCaptured', { captured: formatMoney(hold.captured), released: formatMoney(hold.released) });
  if (hold.state === 'released') return t('holdStateReleased', { amount });
  if (hold.state === 'captured') return t('holdStateCaptured', { amount, date });
  if (hold.state === 'held') return t('holdStateHeld', { amount, date });
  return t('holdStatePending', { amount });
}

export function ReturnHold({ ret }: { ret: MerchantReturn }) {
  if (!ret.instantExchange) return null;
  return (
    <>
      <dt>{t('instantExchangeHold')}</dt>
      <dd data-testid="instant-exchange-hold">{holdText(ret.instantExchange)}</dd>
    </>
  );
}
