// Job `carrier.announce` for a return on a merchant's carrier account: books it through the
// account's adapter (the service chosen for the shopper's country and method, our reference, the
// return id as idempotency key, so a retry never makes a second label) and records the carrier's
// documents, price, label-less code, pickup window and shipment id. Failures:
// - carrier down/slow: the label stays `pending` with the reason; retried (Retry-After honoured);
// - credentials refused: the account is marked `auth_failed`; the job waits for a reconnect;
// - address or request refused: the label is `failed` with the carrier's message (no retry).
import { fromJson, toJson } from '@retour/db/json';
import { getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import { getOrder } from '@retour/db/repos/orders';
import { appendEvents, getReturnRow, type ReturnAggregate, updateReturn } from '@retour/db/repos/returns';
import { newId } from '@retour/db/ids';
import { CarrierError, type CarrierProvider } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import {
  bookAndFetch,
  bookedEvent,
  bookedFields,
  bookRequestOf,
  enqueueLabelEmail,
  storeCarrierDocuments,
} from '../use-cases/shared/carrier-booking.ts';
import { adapterOf, markAuthFailed, PROVIDER_NAMES, serviceFor, settingsOf } from '../use-cases/shared/carrier-accounts.ts';
import { returnAddressOf, shopperOf } from '../use-cases/shared/return-parties.ts';
import { RetryLater } from './retry-later.ts';

/** How long a booking waits for the merchant to reconnect an account whose credentials were refused. */
export const AUTH_FAILED_RETRY_MS = 30 * 60_000;
/** A carrier still making the documents of an accepted booking. */
const DOCUMENTS_PENDING_RETRY_MS = 30_000;

export type LabelError = { code: string; message: string; field?: string | null; at: string };

async function noteLabelError(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  error: Omit<LabelError, 'at'>,
  failed: boolean,
): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const ret = await getReturnRow(tx, merchantId, returnId);
    if (!ret || ret.trackingNumber) return;
    const previous = fromJson<LabelError>(ret.labelError ?? null);
    if (!failed && previous?.code === error.code && previous.message === error.message) return;
    const stored = await updateReturn(tx, merchantId, returnId, ret.version, {
      labelError: toJson({ ...error, at }),
      ...(failed ? { labelStatus: 'failed' } : {}),
      updatedAt: at,
    });
    if (!stored || !failed) return;
    await appendEvents(tx, [
      {
        merchantId,
        id: newId('evt'),
        returnId,
        at,
        recordedAt: at,
        type: 'label_failed',
        status: null,
        message: `The carrier did not accept the return: ${error.message}`,
        actor: 'system',
        data: { code: error.code, field: error.field ?? null, carrierMessage: error.message },
        dedupeKey: null,
      },
    ]);
  });
}

export async function bookOnAccount(ctx: Ctx, merchantId: string, agg: ReturnAggregate): Promise<void> {
  const { ret } = agg;
  const account = await getCarrierAccount(ctx.db, merchantId, ret.carrierAccountId as string);
  if (!account) {
    await noteLabelError(
      ctx,
      merchantId,
      ret.id,
      {
        code: 'carrier_account_not_found',
        message: 'The carrier account of this return was disconnected; book the label by hand or reconnect it.',
      },
      true,
    );
    return;
  }
  const provider = account.provider as CarrierProvider;
  if (account.status === 'auth_failed') {
    await noteLabelError(
      ctx,
      merchantId,
      ret.id,
      {
        code: 'carrier_auth_failed',
        message: `${PROVIDER_NAMES[provider]} refused the account's credentials; the label follows once the account is reconnected.`,
      },
      false,
    );
    throw new RetryLater(`carrier account ${account.code} needs new credentials`, AUTH_FAILED_RETRY_MS);
  }
  const order = await getOrder(ctx.db, merchantId, ret.orderId);
  const to = await returnAddressOf(ctx.db, agg);
  if (!order || !to) throw new Error('the return has no order or no return address');
  const from = shopperOf(agg, order);
  const chosen = serviceFor(settingsOf(account), from.country, ret.method);
  const service = ret.carrierService ?? chosen?.service;
  if (!service) {
    await noteLabelError(
      ctx,
      merchantId,
      ret.id,
      {
        code: 'carrier_service_not_available',
        message: `No ${PROVIDER_NAMES[provider]} service is chosen for ${ret.method} returns from ${from.country}.`,
      },
      true,
    );
    return;
  }
  let booking: Awaited<ReturnType<typeof bookAndFetch>>;
  try {
    booking = await bookAndFetch(
      adapterOf(ctx, account),
      bookRequestOf({
        returnId: ret.id,
        reference: ret.reference,
        method: ret.method,
        service,
        from,
        to,
        order,
        lines: agg.items.filter((i) => i.kept !== 1), // kept items are not in the parcel
        currency: ret.currency,
        servicePointId: ret.servicePointId,
        pickupDate: ret.pickup ? (JSON.parse(ret.pickup) as { date: string }).date : null,
        crossesBorder: ret.customsRequired === 1,
      }),
    );
  } catch (error) {
    if (error instanceof AppError) {
      await noteLabelError(ctx, merchantId, ret.id, { code: error.code, message: error.message }, error.code !== 'carrier_unavailable');
      throw error;
    }
    if (!(error instanceof CarrierError)) throw error;
    const note = { code: error.code, message: error.carrierMessage, field: error.opts.field ?? null };
    if (error.code === 'carrier_unavailable') {
      await noteLabelError(ctx, merchantId, ret.id, note, false);
      if (error.opts.retryAfterMs) throw new RetryLater(error.message, error.opts.retryAfterMs);
      throw error;
    }
    if (error.code === 'carrier_auth_failed') {
      await markAuthFailed(ctx, account, error.carrierMessage);
      await noteLabelError(ctx, merchantId, ret.id, note, false);
      throw new RetryLater(error.message, AUTH_FAILED_RETRY_MS);
    }
    await noteLabelError(ctx, merchantId, ret.id, note, true);
    return;
  }
  if (booking.pending) {
    await noteLabelError(
      ctx,
      merchantId,
      ret.id,
      { code: 'carrier_documents_pending', message: 'The carrier accepted the return and is still making the label.' },
      false,
    );
    throw new RetryLater('the carrier is still making the label', DOCUMENTS_PENDING_RETRY_MS);
  }
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    // The booking is idempotent on the return id: a retry after a lost write books the same shipment.
    const current = await getReturnRow(tx, merchantId, ret.id);
    if (!current || current.trackingNumber || current.status !== 'open')
      throw new Error('the return changed while it was being booked; retrying');
    const stored = await updateReturn(tx, merchantId, ret.id, current.version, {
      ...bookedFields(booking, chosen, at),
      carrierService: service,
      updatedAt: at,
    });
    if (!stored) throw new Error('the return changed while it was being booked; retrying');
    await storeCarrierDocuments(tx, merchantId, ret.id, booking, at);
    await appendEvents(tx, [bookedEvent(merchantId, ret.id, { code: account.code, name: account.name }, booking, at)]);
    await enqueueLabelEmail(tx, merchantId, current, at);
  });
}
