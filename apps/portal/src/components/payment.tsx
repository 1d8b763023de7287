// Paying a return's up-front fee: the fee and a "Pay" button that sends the shopper to the payment
// provider's checkout. Back from it (the redirect carries ?payment=…) the page asks for the status
// until the payment is confirmed — the return opens and the label follows — or has failed, which
// shows "Try again".
import type { ReturnView } from '@retour/contracts/returns';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { statusErrors } from '../errors.ts';
import { formatMoney, t } from '../i18n.ts';
import { Button, Status } from './ui.tsx';

const POLL_MS = 1500;
const POLL_TRIES = 40;

const backFromCheckout = () => new URLSearchParams(window.location.search).has('payment');

/** True while the page waits for the provider to confirm a payment the shopper just made. */
function usePaymentPolling(slug: string, ret: ReturnView, access: string, onUpdate: (ret: ReturnView) => void): boolean {
  const waiting = ret.status === 'awaiting_payment' && backFromCheckout();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    let tries = 0;
    const timer = setInterval(async () => {
      tries += 1;
      if (tries > POLL_TRIES) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      try {
        const fresh = await api.getReturn(slug, ret.id, access);
        if (fresh.status !== 'awaiting_payment') {
          clearInterval(timer);
          onUpdate({ ...fresh, accessCode: ret.accessCode });
        }
      } catch {
        // Keep asking: the next answer may come through.
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [slug, ret.id, waiting, access]);
  return waiting && !gaveUp;
}

function paymentError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errorNetwork');
  if (error.code === 'payments_not_configured') return t('errorPaymentsNotConfigured');
  if (error.code === 'provider_error') return t('errorPaymentProvider');
  return statusErrors(error);
}

type Props = { slug: string; ret: ReturnView; access: string; onUpdate: (ret: ReturnView) => void };

export function PayFee({ slug, ret, access, onUpdate }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const checking = usePaymentPolling(slug, ret, access, onUpdate);
  if (ret.status !== 'awaiting_payment' && ret.status !== 'payment_failed') return null;
  if (checking) {
    return (
      <Status>
        <span class="spinner dark" aria-hidden="true" />
        {t('paymentChecking')}
      </Status>
    );
  }
  const amount = formatMoney(ret.amountDue ?? ret.fee);
  const failed = ret.status === 'payment_failed';
  // An instant exchange asks for a reservation of the new items' value, not a payment.
  const hold = ret.instantExchange != null;
  const pay = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const { checkoutUrl } = await api.pay(slug, ret.id, access);
      // The provider's checkout refuses to be framed: an embedded portal hands the whole window over.
      if (window.top !== window && document.documentElement.classList.contains('embed')) window.open(checkoutUrl, '_top');
      else window.location.assign(checkoutUrl);
    } catch (e) {
      setBusy(false);
      setError(paymentError(e));
    }
  };
  return (
    <section class="section" aria-labelledby="pay-heading">
      <h2 id="pay-heading">{hold ? t('holdTitle') : t('payTitle')}</h2>
      {failed && (
        <p class="notice" role="alert">
          {t('paymentFailed')}
        </p>
      )}
      <p>{hold ? t('instantHoldPending', { amount }) : t('payText', { amount })}</p>
      {error && (
        <p class="error-summary" role="alert">
          {error}
        </p>
      )}
      <Button onClick={pay} busy={busy}>
        {failed ? t('payRetry') : hold ? t('holdButton', { amount }) : t('payButton', { amount })}
      </Button>
    </section>
  );
}
