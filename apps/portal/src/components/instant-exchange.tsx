// An instant exchange's hold on the status page (issue #14 item 4): the amount reserved on the
// shopper's payment method, the last day the carrier's scan releases it, and how it ended (a
// release that first captured what the return owed says both amounts).
import type { Money } from '@retour/contracts/common';
import type { ReturnView } from '@retour/contracts/returns';
import { formatDay, formatMoney, t } from '../i18n.ts';

type Settled = { captured: Money | null; released: Money | null };

/** A hold released after capturing what the return owed anyway (a fee, a dearer exchange's difference). */
export function partlyCaptured<T extends Settled>(hold: T): hold is T & { captured: Money; released: Money } {
  return hold.captured !== null && hold.released !== null && Number(hold.captured.value) > 0;
}

export function InstantExchangeNote({ ret }: { ret: ReturnView }) {
  const hold = ret.instantExchange;
  if (!hold) return null;
  const amount = formatMoney(hold.amount);
  const date = hold.deadline ? formatDay(hold.deadline) : '';
  const text =
    hold.state === 'held'
      ? t('instantHoldHeld', { amount, date })
      : hold.state === 'released' && partlyCaptured(hold)
        ? t('instantHoldPartlyCaptured', { captured: formatMoney(hold.captured), released: formatMoney(hold.released) })
        : hold.state === 'released'
          ? t('instantHoldReleased', { amount })
          : hold.state === 'captured'
            ? t('instantHoldCaptured', { amount, date })
            : t('instantHoldPending', { amount });
  return (
    <p class={hold.state === 'held' ? 'deadline' : 'notice'} data-testid="instant-exchange" role="status">
      {hold.state === 'held' ? <strong>{text}</strong> : text}
    </p>
  );
}
