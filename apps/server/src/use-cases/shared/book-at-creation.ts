// Creation of a return on a merchant's carrier account that opens at once (automatic approval, no
// fee to pay first): the carrier is asked BEFORE anything is written. We chose this over
// "validate first" because no carrier API offers a dry run that checks what booking checks.
// - refused address/request → the shopper's 422 (`carrier_rejected_address` with details.field
//   and the carrier's message, or `carrier_rejected`): nothing was written;
// - carrier down, slow, credentials refused, documents still being made → the return is accepted
//   with the label `pending` and the reason; the booking job follows (same idempotency key);
// - booked, then the write fails → the label is voided (best effort) and the error stands.
// Sandbox carriers and merchants without carrier services never get here (creation stays cheap).
import { getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import type { AddressesTable } from '@retour/db/schema';
import { type Booking, CarrierError } from '@retour/integrations/carriers/adapter';
import type { PartyAddress } from '@retour/integrations/carriers/port';
import type { ChosenService } from '@retour/contracts/carrier-accounts';
import type { OrderAggregate } from '@retour/db/repos/orders';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type AccountCarrier, adapterOf, markAuthFailed, PROVIDER_NAMES } from './carrier-accounts.ts';
import { bookAndFetch, bookRequestOf } from './carrier-booking.ts';
import { type RuleDecision, shippedLines } from '../rules/enforce-rules.ts';
import type { CheckedReturn, ReturnChoice } from './validate-return.ts';

export type PendingReason = { code: string; message: string; retryAfterMs?: number };

export type EarlyBooking = {
  accountId: string;
  booking: Booking | null;
  pendingReason: PendingReason | null;
  void(): Promise<void>;
};

/** What creation decided (from `prepareReturn` in create-return.ts), as far as booking needs it. */
type Prepared = {
  order: OrderAggregate;
  returnAddress: AddressesTable | undefined;
  phone: string | null;
  email: string;
  checked: CheckedReturn;
  submitted: { status: string };
  account: AccountCarrier | undefined;
  service: ChosenService | undefined;
  /** The return rules' decision: items it lets the shopper keep are not booked. */
  rules: RuleDecision;
};

type Input = { merchantId: string; choice: ReturnChoice };

/** The carrier's message as a sentence of ours (many carriers end theirs without a full stop). */
const sentence = (message: string) => (/[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`);

const pending = (accountId: string, reason: PendingReason): EarlyBooking => ({
  accountId,
  booking: null,
  pendingReason: reason,
  void: async () => {},
});

export async function bookBeforeCommit(
  ctx: Ctx,
  input: Input,
  accounts: readonly AccountCarrier[],
  ids: { returnId: string; reference: string },
  prepare: () => Promise<Prepared>,
  snapshot: (address: AddressesTable) => unknown,
): Promise<EarlyBooking | null> {
  if (!accounts.some((a) => a.services.length > 0)) return null;
  const p = await prepare();
  if (p.submitted.status !== 'open' || !p.account || !p.service || !p.returnAddress) return null;
  const row = await getCarrierAccount(ctx.db, input.merchantId, p.account.accountId);
  if (!row || row.status === 'auth_failed') return null;
  const name = PROVIDER_NAMES[p.account.provider];
  const request = bookRequestOf({
    returnId: ids.returnId,
    reference: ids.reference,
    method: input.choice.method,
    service: p.service.service,
    from: { ...p.order.order.shippingAddress, email: p.email, phone: p.phone },
    to: snapshot(p.returnAddress) as PartyAddress,
    order: p.order,
    lines: shippedLines(p.checked.lines, p.rules).map((l) => ({
      orderItemId: l.item.id,
      name: l.item.name,
      quantity: l.quantity,
      unitPrice: l.item.unitPrice,
      sku: l.item.sku,
    })),
    currency: p.order.order.currency,
    servicePointId: input.choice.servicePointId ?? null,
    pickupDate: input.choice.pickup?.date ?? null,
    crossesBorder: p.checked.crossesBorder,
  });
  try {
    const adapter = adapterOf(ctx, row);
    const booking = await bookAndFetch(adapter, request);
    if (booking.pending)
      return pending(row.id, {
        code: 'carrier_documents_pending',
        message: 'The carrier accepted the return and is still making the label.',
      });
    return {
      accountId: row.id,
      booking,
      pendingReason: null,
      void: () => adapter.cancel(booking.carrierShipmentId).catch(() => undefined),
    };
  } catch (error) {
    if (error instanceof AppError) return pending(row.id, { code: error.code, message: error.message });
    if (!(error instanceof CarrierError)) throw error;
    switch (error.code) {
      case 'carrier_rejected_address':
        throw new AppError(
          'carrier_rejected_address',
          `${name} cannot deliver from or to this address: ${sentence(error.carrierMessage)} Check the address with the shop.`,
          {
            field: error.opts.field ?? null,
            carrierMessage: error.carrierMessage,
          },
        );
      case 'carrier_rejected':
        throw new AppError('carrier_rejected', `${name} refused this return: ${error.carrierMessage}`, {
          carrierMessage: error.carrierMessage,
        });
      case 'carrier_auth_failed':
        await markAuthFailed(ctx, row, error.carrierMessage);
        return pending(row.id, {
          code: error.code,
          message: `${name} refused the shop's carrier credentials; the label follows once the shop reconnects them.`,
        });
      default:
        return pending(row.id, {
          code: 'carrier_unavailable',
          message: `${name} did not answer in time: ${error.carrierMessage}`,
          ...(error.opts.retryAfterMs ? { retryAfterMs: error.opts.retryAfterMs } : {}),
        });
    }
  }
}
