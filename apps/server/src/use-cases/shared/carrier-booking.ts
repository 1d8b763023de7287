// Booking a return on a merchant's carrier account, shared by the booking job and by creation
// (which books before committing when the return opens at once): the request the carrier gets,
// and what its answer writes — the return's booking columns, the carrier's documents byte for
// byte, the `carrier_booked` entry and the label email.
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { parcelWeightGrams } from '@retour/domain/parcel';
import type { Executor } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { insertCarrierDocuments } from '@retour/db/repos/carrier-accounts';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { enqueue } from '@retour/db/repos/outbox';
import type { NewReturnEvent, ReturnRecord } from '@retour/db/repos/returns';
import type { BookRequest, Booking, CarrierAdapter } from '@retour/integrations/carriers/adapter';
import type { PartyAddress } from '@retour/integrations/carriers/port';
import type { ChosenService } from '@retour/contracts/carrier-accounts';

/** The label format asked of carriers: A6 prints on label printers and (scaled) on A4. */
export const PREFERRED_LABEL_FORMAT = 'a6' as const;

export type BookingInput = {
  returnId: string;
  reference: string;
  method: string;
  service: string;
  from: PartyAddress;
  to: PartyAddress;
  order: OrderAggregate;
  lines: { orderItemId: string; name: string; quantity: number; unitPrice: number; sku: string }[];
  currency: string;
  servicePointId: string | null;
  pickupDate: string | null;
  crossesBorder: boolean;
};

export function bookRequestOf(input: BookingInput): BookRequest {
  const item = (id: string) => input.order.items.find((i) => i.id === id);
  return {
    reference: input.reference,
    // The return id: a retried booking (job retry, or creation retried) is the same booking.
    idempotencyKey: input.returnId,
    method: input.method as BookRequest['method'],
    service: input.service,
    from: input.from,
    to: input.to,
    weightGrams: parcelWeightGrams(
      input.lines.map((l) => ({ weightGrams: item(l.orderItemId)?.weightGrams ?? null, quantity: l.quantity })),
    ),
    servicePointId: input.servicePointId,
    pickupDate: input.pickupDate,
    labelFormat: PREFERRED_LABEL_FORMAT,
    orderNumber: input.order.order.orderNumber,
    customs: input.crossesBorder
      ? {
          invoiceNumber: input.reference,
          outboundTrackingNumber: input.order.shipments[0]?.trackingNumber ?? null,
          lines: input.lines.map((l) => ({
            description: l.name,
            quantity: l.quantity,
            weightGrams: item(l.orderItemId)?.weightGrams ?? 0,
            valueMinor: l.unitPrice,
            currency: input.currency,
            hsCode: item(l.orderItemId)?.hsCode ?? null,
            originCountry: item(l.orderItemId)?.originCountry ?? null,
            sku: l.sku,
          })),
        }
      : null,
  };
}

/** Books, and when the carrier makes the documents later, fetches them once; null documents = still pending. */
export async function bookAndFetch(adapter: CarrierAdapter, request: BookRequest): Promise<Booking & { pending: boolean }> {
  const booking = await adapter.book(request);
  if (!booking.documentsPending) return { ...booking, pending: false };
  const documents = adapter.fetchDocuments ? await adapter.fetchDocuments(booking.carrierShipmentId, request.labelFormat) : [];
  return { ...booking, documents, pending: documents.length === 0 && !booking.labelless };
}

/** The return's columns once booked; the price is the carrier's answer, else the service's contract price. */
export function bookedFields(booking: Booking, service: ChosenService | undefined, at: string): Partial<ReturnRecord> {
  const price = booking.price ?? service?.price ?? null;
  return {
    trackingNumber: booking.trackingNumber,
    trackingNorm: normaliseTrackingNumber(booking.trackingNumber),
    labelStatus: 'ready',
    bookedAt: at,
    labelCost: price?.amountMinor ?? null,
    labelCostCurrency: price?.currency ?? null,
    carrierShipmentId: booking.carrierShipmentId,
    labelError: null,
    labelless: booking.labelless ? toJson({ payload: booking.labelless.payload, symbology: booking.labelless.symbology }) : null,
    carrierFormats: toJson(documentsOf(booking).map((d) => ({ kind: d.kind, format: d.format }))),
    pickupWindow: booking.pickup
      ? toJson({ date: booking.pickup.date, from: booking.pickup.from ?? null, to: booking.pickup.to ?? null })
      : null,
  };
}

const documentsOf = (booking: Booking) => [...booking.documents, ...(booking.labelless?.image ? [booking.labelless.image] : [])];

/** Stores the carrier's documents (and its image of a label-less code) as it made them. */
export async function storeCarrierDocuments(
  db: Executor,
  merchantId: string,
  returnId: string,
  booking: Booking,
  at: string,
): Promise<void> {
  const docs = documentsOf(booking);
  await insertCarrierDocuments(
    db,
    docs.map((d) => ({
      merchantId,
      id: newId('cdo'),
      returnId,
      kind: d.kind,
      format: d.format,
      mimeType: d.mimeType,
      body: Buffer.from(d.bytes).toString('base64'),
      createdAt: at,
    })),
  );
}

export function bookedEvent(
  merchantId: string,
  returnId: string,
  carrier: { code: string; name: string },
  booking: Pick<Booking, 'trackingNumber' | 'trackingUrl'>,
  at: string,
): NewReturnEvent {
  return {
    merchantId,
    id: newId('evt'),
    returnId,
    at,
    recordedAt: at,
    type: 'carrier_booked',
    status: null,
    message: `${carrier.name}: ${booking.trackingNumber}`,
    actor: 'system',
    data: { carrier: carrier.code, trackingNumber: booking.trackingNumber, trackingUrl: booking.trackingUrl },
    dedupeKey: 'carrier_booked',
  };
}

type Recipient = { id: string; contactEmail: string; language: string };

export function labelEmailJob(merchantId: string, ret: Recipient, at: string) {
  return {
    merchantId,
    id: newId('job'),
    topic: 'email.label_created',
    payload: { returnId: ret.id, to: ret.contactEmail, language: ret.language },
    dedupeKey: `email:label_created:${ret.id}`,
    at,
  };
}

export async function enqueueLabelEmail(db: Executor, merchantId: string, ret: Recipient, at: string): Promise<void> {
  await enqueue(db, labelEmailJob(merchantId, ret, at));
}
