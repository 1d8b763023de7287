// Job `carrier.announce`: books an open return with its carrier and records the tracking number.
// Returns on a merchant's carrier account go through its adapter (book-on-account.ts); the
// sandbox carriers answer at once and their labels are drawn on request (nothing is stored, so
// creating a return stays cheap).
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { newId } from '@retour/db/ids';
import { getOrder } from '@retour/db/repos/orders';
import { enqueue } from '@retour/db/repos/outbox';
import { appendEvents, getReturn, getReturnRow, updateReturn } from '@retour/db/repos/returns';
import { carrierPrice } from '@retour/integrations/carriers/port';
import type { Ctx } from '../context.ts';
import { bookOnAccount } from './book-on-account.ts';
import { returnAddressOf, returnWeightGrams, shopperOf } from '../use-cases/shared/return-parties.ts';

export async function announceReturn(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg || agg.ret.trackingNumber || agg.ret.status !== 'open' || !agg.ret.carrier) return;
  if (agg.ret.carrierAccountId) return bookOnAccount(ctx, merchantId, agg);
  const carrier = ctx.carriers.get(agg.ret.carrier);
  if (!carrier) throw new Error(`carrier ${agg.ret.carrier} is not configured`);
  const order = await getOrder(ctx.db, merchantId, agg.ret.orderId);
  const to = await returnAddressOf(ctx.db, agg);
  if (!order || !to) throw new Error('the return has no order or no return address');
  const from = shopperOf(agg, order);
  const booking = await carrier.announce({
    reference: agg.ret.reference,
    method: agg.ret.method as never,
    from,
    to,
    weightGrams: returnWeightGrams(agg, order),
    servicePointId: agg.ret.servicePointId,
    pickupDate: agg.ret.pickup ? (JSON.parse(agg.ret.pickup) as { date: string }).date : null,
  });
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    // Another change (a staff note, say) may have bumped the version while the carrier was
    // booking. Record the booking on the current row if it is still open and unbooked, rather
    // than dropping it and booking the return with the carrier a second time on the retry.
    const current = await getReturnRow(tx, merchantId, returnId);
    if (!current || current.trackingNumber || current.status !== 'open')
      throw new Error('the return changed while it was being announced; retrying');
    const stored = await updateReturn(tx, merchantId, returnId, current.version, {
      trackingNumber: booking.trackingNumber,
      trackingNorm: normaliseTrackingNumber(booking.trackingNumber),
      labelStatus: 'ready',
      bookedAt: at,
      // The label's price for the shopper's country, from the carrier's price list.
      labelCost: carrierPrice(carrier.info, from.country),
      labelCostCurrency: carrier.info.priceCurrency,
      updatedAt: at,
    });
    if (!stored) throw new Error('the return changed while it was being announced; retrying');
    await appendEvents(tx, [
      {
        merchantId,
        id: newId('evt'),
        returnId,
        at,
        recordedAt: at,
        type: 'carrier_booked',
        status: null,
        message: `${carrier.info.name}: ${booking.trackingNumber}`,
        actor: 'system',
        data: { carrier: carrier.info.code, trackingNumber: booking.trackingNumber, trackingUrl: booking.trackingUrl },
        dedupeKey: 'carrier_booked',
      },
    ]);
    await enqueue(tx, {
      merchantId,
      id: newId('job'),
      topic: 'email.label_created',
      payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language },
      dedupeKey: `email:label_created:${returnId}`,
      at,
    });
  });
}
