// Job `payment.settle_hold` (issue #14 item 4): an instant exchange's authorisation is released or
// captured, once. Run after the deadline day (scheduled on authorisation), and at once when the
// return moves on — the carrier's scan, or a cancellation — (settle-hold-listener in composition).
// The use case gathers the facts; the decision is domain/instant-exchange.ts: scanned by the deadline → what the return owes
// anyway (fee, a dearer exchange's difference) is captured and the rest released; not scanned →
// all captured; cancelled before a scan, or a hold that backs no return → released. Too early to
// tell → nothing now (the deadline's job decides). Mollie is called first, with our payment id in
// the capture's Idempotency-Key, and the row claimed after: a second run finds it settled.
import { getRow } from '@retour/db/repos/config';
import { getPayment, type PaymentRow, updatePayment } from '@retour/db/repos/payments';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import { localDate } from '@retour/domain/calendar';
import { firstScanAt, type HoldFacts, holdCapture, settleHold } from '@retour/domain/instant-exchange';
import { formatMoneyValue } from '@retour/domain/money';
import type { InstantExchangeOutcome } from '@retour/domain/replacement-order';
import { type PaymentProvider, PaymentProviderError } from '@retour/integrations/payments/port';
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';
import { holdOwed } from './instant-hold.ts';
import { HELD, isLatest, RELEASED } from './payment-rows.ts';
import { findMollie } from './payment-provider.ts';

type Decision = { outcome: InstantExchangeOutcome; capture: number; deadline: string | null; scannedOn: string | null };

async function decide(ctx: Ctx, row: PaymentRow, agg: ReturnAggregate): Promise<Decision> {
  const { ret } = agg;
  const portal = ret.portalId ? await getRow(ctx.db, 'portals', ret.merchantId, ret.portalId) : undefined;
  const backs = ret.holdDeadline && ret.holdAmount === row.amount && portal && (await isLatest(ctx.db, row));
  if (!backs || !ret.holdDeadline || !portal) return { outcome: 'release', capture: 0, deadline: null, scannedOn: null };
  const timezone = portalSettingsOf(portal).timezone;
  const scan = firstScanAt(agg.events);
  const facts: HoldFacts = {
    deadline: ret.holdDeadline,
    scannedOn: scan ? localDate(new Date(scan), timezone) : null,
    today: localDate(ctx.now(), timezone),
    status: ret.status,
  };
  const outcome = settleHold(facts);
  const capture = holdCapture({ outcome, hold: row.amount, owed: holdOwed(ret), facts });
  return { outcome, capture, deadline: ret.holdDeadline, scannedOn: facts.scannedOn };
}

async function release(mollie: PaymentProvider, providerPaymentId: string): Promise<void> {
  try {
    await mollie.releaseAuthorization(providerPaymentId);
  } catch (error) {
    // Refused because it is no longer authorised (a run before us released it): fine once it is not.
    if (!(error instanceof PaymentProviderError) || error.kind !== 'rejected') throw error;
    const payment = await mollie.getPayment(providerPaymentId);
    if (!payment || payment.status === 'authorized') throw error;
  }
}

export async function settleInstantHold(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const row = await getPayment(ctx.db, merchantId, String(payload.paymentId));
  if (!row || row.status !== HELD || !row.providerPaymentId) return;
  const agg = await getReturn(ctx.db, merchantId, row.returnId);
  if (!agg) return;
  const decision = await decide(ctx, row, agg);
  if (decision.outcome === 'hold') return;
  const mollie = await findMollie(ctx, merchantId);
  if (!mollie) throw new Error('No Mollie account is connected, so the instant exchange hold cannot be settled. Connect Mollie again.');
  const money = (minor: number) => `${formatMoneyValue(minor, row.currency)} ${row.currency}`;
  if (decision.capture > 0) {
    await mollie.createCapture(row.providerPaymentId, {
      amount: decision.capture,
      currency: row.currency,
      description: `Return ${agg.ret.reference}: ${decision.outcome === 'capture' ? 'parcel not handed in by the deadline' : 'return fee and exchange difference'}`,
      idempotencyKey: `capture:${row.id}`,
    });
  }
  if (decision.outcome === 'release') await release(mollie, row.providerPaymentId);
  await changeReturn(ctx, merchantId, row.returnId, 'system', async (_agg, tx) => {
    const fresh = await getPayment(tx, merchantId, row.id);
    if (fresh?.status !== HELD) return null;
    const at = ctx.now().toISOString();
    await updatePayment(tx, merchantId, row.id, { status: decision.outcome === 'capture' ? 'paid' : RELEASED, updatedAt: at });
    const released = row.amount - decision.capture;
    return {
      event: { type: 'note' },
      timeline: [
        {
          type: decision.outcome === 'capture' ? 'hold_captured' : 'hold_released',
          message:
            decision.outcome === 'capture'
              ? `Instant exchange: the parcel was not scanned by ${decision.deadline}, so ${money(decision.capture)} was captured.`
              : decision.capture > 0
                ? `Instant exchange: ${money(decision.capture)} captured for what the return owes, the rest (${money(released)}) released.`
                : `Instant exchange: ${money(released)} released.`,
          data: {
            paymentId: row.id,
            providerPaymentId: row.providerPaymentId,
            captured: formatMoneyValue(decision.capture, row.currency),
            released: formatMoneyValue(released, row.currency),
            currency: row.currency,
            deadline: decision.deadline,
            scannedOn: decision.scannedOn,
          },
          dedupeKey: `hold_settled:${row.id}`,
        },
      ],
    };
  });
}
