// Instant exchange (issue #14 item 4), the shared steps: how much a new return on an instant
// portal authorises, and what the return owes anyway (captured whatever the outcome).
import type { PortalSettings } from '@retour/contracts/config';
import type { Executor } from '@retour/db/database';
import { getPaymentAccount } from '@retour/db/repos/payments';
import { amountDueUpfront } from '@retour/domain/exchanges';
import { DEFAULT_INSTANT_HOLD_DAYS, instantHoldAmount } from '@retour/domain/instant-exchange';
import { fail } from '../../errors.ts';
import type { ExchangePlan } from '../catalogue/plan-exchanges.ts';
import type { CheckedReturn } from '../shared/validate-return.ts';

/** The outbox topic that releases or captures an instant exchange's hold (jobs/settle-hold.ts). */
export const SETTLE_HOLD_TOPIC = 'payment.settle_hold';

/** The amount to authorise for a new return, or null when it is no instant exchange (no exchange, nothing shipped). */
export async function instantHold(
  db: Executor,
  merchantId: string,
  checked: CheckedReturn,
  settings: PortalSettings,
  plan: ExchangePlan,
): Promise<number | null> {
  if (!settings.exchanges?.instant || plan.exchanges.length === 0 || checked.lines.length === 0) return null;
  if (!checked.carrier && !checked.storeAddressId) return null;
  if (!(await getPaymentAccount(db, merchantId, 'mollie'))) {
    fail(
      'payments_not_configured',
      'This shop offers instant exchanges but cannot take payments online yet; choose a refund, or contact the shop.',
    );
  }
  const owed = amountDueUpfront({
    fee: checked.fee,
    feePayment: checked.paymentRequired ? 'upfront' : null,
    exchangeBalance: plan.balance,
  });
  return instantHoldAmount(
    plan.exchanges.map((e) => ({ unitPrice: e.unitPriceMinor, quantity: e.quantity })),
    owed,
  );
}

/** What the return owes whatever happens to the hold: the fee paid up front and a dearer exchange's difference. */
export const holdOwed = (ret: { feeAmount: number; feePayment: string | null; exchangeBalance?: number | null }) =>
  amountDueUpfront({ fee: ret.feeAmount, feePayment: ret.feePayment, exchangeBalance: ret.exchangeBalance ?? 0 });

/** Days the shopper has to hand in the parcel on this portal. */
export const holdDaysOf = (settings: PortalSettings) => settings.exchanges?.instantHoldDays ?? DEFAULT_INSTANT_HOLD_DAYS;
