// The `shop.exchange_shipment` job (queued by the shop webhooks, use-cases/exchanges/
// queue-exchange-shipments.ts): the replacement of an exchange was shipped; its carrier, tracking
// number and link go on the return's timeline once (deduplicated per tracking number), for staff
// and, as a localised line with the link, on the shopper's status page; the shopper gets the
// `exchange_shipped` email (carrier, number, link) once per tracking number, through the outbox.
import { exchangeShipmentKey, trackingLink } from '@retour/domain/exchange-shipments';
import type { Ctx } from '../context.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';

export async function noteExchangeShipment(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const carrier = String(payload.carrier ?? '').trim() || 'other';
  const trackingNumber = String(payload.trackingNumber ?? '').trim();
  if (!trackingNumber) return;
  const dedupeKey = exchangeShipmentKey(trackingNumber);
  const trackingUrl = trackingLink(payload.trackingUrl);
  await changeReturn(ctx, merchantId, returnId, 'system', (agg) => {
    if (agg.events.some((e) => e.dedupeKey === dedupeKey)) return null;
    return {
      event: { type: 'note' },
      timeline: [
        {
          type: 'exchange_shipped',
          message: `${carrier} ${trackingNumber}`,
          data: {
            provider: String(payload.provider ?? ''),
            orderNumber: String(payload.orderNumber ?? ''),
            carrier,
            trackingNumber,
            trackingUrl,
          },
          dedupeKey,
        },
      ],
      // The shopper hears of each parcel once, in their language, in the same write as the entry.
      jobs: [
        {
          topic: 'email.exchange_shipped',
          payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language, carrier, trackingNumber, trackingUrl },
          dedupeKey: `email:exchange_shipped:${returnId}:${dedupeKey}`,
        },
      ],
    };
  });
}
