// Job `carrier.announce`: books an open return with its carrier and records the tracking number.
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { newId } from '@retour/db/ids';
import { getRow } from '@retour/db/repos/config';
import { getOrder } from '@retour/db/repos/orders';
import { enqueue } from '@retour/db/repos/outbox';
import { appendEvents, getReturn, getReturnRow, updateReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { portalSettingsOf } from '../use-cases/shared/load-portal.ts';

export async function announceReturn(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg || agg.ret.trackingNumber || agg.ret.status !== 'open' || !agg.ret.carrier) return;
  const carrier = ctx.carriers.get(agg.ret.carrier);
  if (!carrier) throw new Error(`carrier ${agg.ret.carrier} is not configured`);
  const order = await getOrder(ctx.db, merchantId, agg.ret.orderId);
  const portal = agg.ret.portalId ? await getRow(ctx.db, 'portals', merchantId, agg.ret.portalId) : undefined;
  const settings = portal ? portalSettingsOf(portal) : null;
  const to = settings?.returnAddressId ? await getRow(ctx.db, 'addresses', merchantId, settings.returnAddressId) : undefined;
  if (!order || !to) throw new Error('the return has no order or no return address');
  const weight = agg.items.reduce((sum, line) => {
    const item = order.items.find((i) => i.id === line.orderItemId);
    return sum + (item?.weightGrams ?? 500) * line.quantity;
  }, 0);
  const booking = await carrier.announce({
    reference: agg.ret.reference,
    method: agg.ret.method as never,
    from: { ...order.order.shippingAddress, email: agg.ret.contactEmail, phone: agg.ret.contactPhone },
    to,
    weightGrams: weight,
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
      labelStatus: 'pending',
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
