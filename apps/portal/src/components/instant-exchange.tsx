// An instant exchange's hold on the status page (issue #14 item 4): the amount reserved on the
// shopper's payment method, the last day the carrier's scan releases it, and how it ended.
import type { ReturnView } from '@retour/contracts/returns';
import { formatDay, formatMoney, t } from '../i18n.ts';

export function InstantExchangeNote({ ret }: { ret: ReturnView }) {
  const hold = ret.instantExchange;
  if (!hold) return null;
  const amount = formatMoney(hold.amount);
  const date = hold.deadline ? formatDay(hold.deadline) : '';
  const text =
    hold.state === 'held'
      ? t('instantHoldHeld', { amount, date })
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
