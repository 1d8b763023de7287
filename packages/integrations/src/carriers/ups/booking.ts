// Booking, label recovery, pickups and voiding with UPS (UPS-API/api-documentation):
// - Shipping.yaml POST /shipments/{version}/ship → ShipmentResults.ShipmentIdentificationNumber,
//   PackageResults[].TrackingNumber and ShippingLabel{ImageFormat.Code, GraphicImage (base64)};
//   price from NegotiatedRateCharges.TotalCharge (contract rates, when the account has them) or
//   ShipmentCharges.TotalCharges (published rates).
// - Shipping.yaml POST /labels/{version}/recovery with ReferenceValues{ReferenceNumber.Value,
//   ShipperNumber}: UPS has no idempotency key, so before shipping we ask UPS for a label already
//   made with our reference. Found → that booking is returned, nothing new is shipped.
// - Pickup.yaml POST /pickupcreation/{version}/pickup → PRN (the same PRN comes back when a pickup
//   already exists for that address), DELETE /shipments/{version}/pickup/02 with header Prn to cancel.
// - Shipping.yaml DELETE /shipments/{version}/void/cancel/{shipmentidentificationnumber}.
import { parseMoneyValue } from '@retour/domain/money';
import { type BookRequest, type Booking, type CarrierDocument, CarrierError } from '../adapter.ts';
import type { UpsClient } from './client.ts';
import { addressLines, labelSpecification, shipmentRequest, UPS_SHIP_VERSION, upsPhone } from './shipment-request.ts';

const PICKUP_VERSION = 'v2409';
const RECOVERY_VERSION = 'v1';
/** The window we ask UPS to pick up in (shopper's local time, HHMM). */
export const PICKUP_READY = '0900';
export const PICKUP_CLOSE = '1700';

type Money = { CurrencyCode?: string; MonetaryValue?: string };
type LabelImage = { ImageFormat?: { Code?: string }; LabelImageFormat?: { Code?: string }; GraphicImage?: string };
type ShipAnswer = {
  ShipmentResponse?: {
    ShipmentResults?: {
      ShipmentIdentificationNumber?: string;
      ShipmentCharges?: { TotalCharges?: Money };
      NegotiatedRateCharges?: { TotalCharge?: Money };
      PackageResults?: { TrackingNumber?: string; ShippingLabel?: LabelImage }[] | { TrackingNumber?: string; ShippingLabel?: LabelImage };
    };
  };
};
type RecoveryAnswer = {
  LabelRecoveryResponse?: {
    ShipmentIdentificationNumber?: string;
    LabelResults?: { TrackingNumber?: string; LabelImage?: LabelImage }[] | { TrackingNumber?: string; LabelImage?: LabelImage };
  };
};
type PickupAnswer = { PickupCreationResponse?: { PRN?: string } };

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const trackingUrl = (trackingNumber: string) => `https://www.ups.com/track?tracknum=${encodeURIComponent(trackingNumber)}`;

/** Our carrierShipmentId: the 1Z shipment number, plus `#<PRN>` when a pickup was booked with it. */
export function splitShipmentId(carrierShipmentId: string): { shipmentId: string; prn: string | null } {
  const [shipmentId, prn] = carrierShipmentId.split('#');
  return { shipmentId: shipmentId ?? carrierShipmentId, prn: prn || null };
}

/** A UPS label image → our document, bytes untouched. */
export function toDocument(image: LabelImage | undefined): CarrierDocument | null {
  const code = (image?.ImageFormat?.Code ?? image?.LabelImageFormat?.Code ?? '').trim().toUpperCase();
  if (!image?.GraphicImage) return null;
  const bytes = new Uint8Array(Buffer.from(image.GraphicImage, 'base64'));
  if (code === 'ZPL') return { kind: 'label', format: 'zpl', mimeType: 'application/zpl', bytes };
  if (code === 'PDF') return { kind: 'label', format: '4x6', mimeType: 'application/pdf', bytes };
  if (code === 'PNG') return { kind: 'label', format: 'png', mimeType: 'image/png', bytes };
  if (code === 'GIF') return { kind: 'label', format: 'gif', mimeType: 'image/gif', bytes };
  throw new CarrierError('carrier_rejected', `UPS made the label as ${code || 'an unnamed format'}, which Retour cannot serve.`);
}

function price(results: NonNullable<NonNullable<ShipAnswer['ShipmentResponse']>['ShipmentResults']>): Booking['price'] {
  const money = results.NegotiatedRateCharges?.TotalCharge ?? results.ShipmentCharges?.TotalCharges;
  if (!money?.CurrencyCode || money.MonetaryValue === undefined) return null;
  const amountMinor = parseMoneyValue(money.MonetaryValue.trim(), money.CurrencyCode);
  return amountMinor === null ? null : { amountMinor, currency: money.CurrencyCode };
}

export async function ship(client: UpsClient, request: BookRequest): Promise<Booking> {
  const { body } = await client.call<ShipAnswer>({
    method: 'POST',
    path: `/api/shipments/${UPS_SHIP_VERSION}/ship`,
    body: shipmentRequest(request, client.accountNumber),
    what: 'booking the return label',
  });
  const results = body.ShipmentResponse?.ShipmentResults;
  const packages = asArray(results?.PackageResults);
  const trackingNumber = packages[0]?.TrackingNumber;
  const shipmentId = results?.ShipmentIdentificationNumber ?? trackingNumber;
  if (!results || !trackingNumber || !shipmentId)
    throw new CarrierError('carrier_unavailable', 'UPS answered the booking without a tracking number.');
  const documents = packages.map((p) => toDocument(p.ShippingLabel)).filter((d): d is CarrierDocument => d !== null);
  return { trackingNumber, trackingUrl: trackingUrl(trackingNumber), carrierShipmentId: shipmentId, documents, price: price(results) };
}

async function recover(client: UpsClient, by: { reference: string } | { trackingNumber: string }, format: BookRequest['labelFormat']) {
  const { status, body } = await client.call<RecoveryAnswer>(
    {
      method: 'POST',
      path: `/api/labels/${RECOVERY_VERSION}/recovery`,
      body: {
        LabelRecoveryRequest: {
          LabelSpecification: labelSpecification(format),
          ...('reference' in by
            ? { ReferenceValues: { ReferenceNumber: { Value: by.reference }, ShipperNumber: client.accountNumber } }
            : { TrackingNumber: by.trackingNumber }),
        },
      },
      what: 'looking up an earlier label',
    },
    [400, 404],
  );
  if (status !== 200) return null;
  const answer = body.LabelRecoveryResponse;
  const results = asArray(answer?.LabelResults);
  const trackingNumber = results[0]?.TrackingNumber;
  if (!trackingNumber) return null;
  const documents = results.map((r) => toDocument(r.LabelImage)).filter((d): d is CarrierDocument => d !== null);
  return { shipmentId: answer?.ShipmentIdentificationNumber ?? trackingNumber, trackingNumber, documents };
}

/** The booking UPS already holds for this reference (a retried booking), or null. Price is not in a recovery answer. */
export async function findByReference(client: UpsClient, request: BookRequest): Promise<Booking | null> {
  const found = await recover(client, { reference: request.reference }, request.labelFormat);
  if (!found) return null;
  return {
    trackingNumber: found.trackingNumber,
    trackingUrl: trackingUrl(found.trackingNumber),
    carrierShipmentId: found.shipmentId,
    documents: found.documents,
    price: null,
  };
}

export async function recoverDocuments(
  client: UpsClient,
  trackingNumber: string,
  format: BookRequest['labelFormat'],
): Promise<CarrierDocument[]> {
  const found = await recover(client, { trackingNumber }, format);
  if (!found)
    throw new CarrierError('carrier_rejected', `UPS has no label for ${trackingNumber} (voided, or older than UPS keeps labels).`);
  return found.documents;
}

const compactDate = (date: string) => date.replace(/-/g, '');
const clock = (hhmm: string) => `${hhmm.slice(0, 2)}:${hhmm.slice(2)}`;

export async function bookPickup(
  client: UpsClient,
  request: BookRequest,
  trackingNumber: string,
): Promise<{ prn: string; pickup: NonNullable<Booking['pickup']> }> {
  const date = request.pickupDate;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new CarrierError('carrier_rejected', 'A UPS pickup needs a pickup date (YYYY-MM-DD); ask the shopper for one.');
  }
  const from = request.from;
  const phone = upsPhone(from.phone);
  const { body } = await client.call<PickupAnswer>({
    method: 'POST',
    path: `/api/pickupcreation/${PICKUP_VERSION}/pickup`,
    body: {
      PickupCreationRequest: {
        Request: { TransactionReference: { CustomerContext: request.reference } },
        RatePickupIndicator: 'N',
        Shipper: { Account: { AccountNumber: client.accountNumber, AccountCountryCode: request.to.country.toUpperCase() } },
        PickupDateInfo: { CloseTime: PICKUP_CLOSE, ReadyTime: PICKUP_READY, PickupDate: compactDate(date) },
        PickupAddress: {
          CompanyName: (from.company || from.name).trim().slice(0, 27),
          ContactName: from.name.trim().slice(0, 22),
          AddressLine: addressLines(from, 73, 1),
          City: from.city,
          ...(from.postalCode ? { PostalCode: from.postalCode.trim() } : {}),
          CountryCode: from.country.toUpperCase(),
          ResidentialIndicator: from.company ? 'N' : 'Y',
          ...(phone ? { Phone: { Number: phone } } : {}),
        },
        AlternateAddressIndicator: 'Y',
        PickupPiece: [
          {
            ServiceCode: request.service.padStart(3, '0'),
            Quantity: '1',
            DestinationCountryCode: request.to.country.toUpperCase(),
            ContainerCode: '01',
          },
        ],
        TrackingData: [{ TrackingNumber: trackingNumber }],
        PaymentMethod: '01',
        ReferenceNumber: request.reference,
      },
    },
    what: 'booking the pickup',
  });
  const prn = body.PickupCreationResponse?.PRN;
  if (!prn) throw new CarrierError('carrier_unavailable', 'UPS answered the pickup request without a pickup request number (PRN).');
  return { prn, pickup: { date, from: clock(PICKUP_READY), to: clock(PICKUP_CLOSE) } };
}

type VoidAnswer = { VoidShipmentResponse?: { SummaryResult?: { Status?: { Code?: string; Description?: string } } } };

/** Voids the shipment (status 1 = "Voided or Already Voided"); any refusal means the label can no longer be voided. */
export async function voidShipment(client: UpsClient, shipmentId: string): Promise<void> {
  let answer: VoidAnswer;
  try {
    ({ body: answer } = await client.call<VoidAnswer>({
      method: 'DELETE',
      path: `/api/shipments/${UPS_SHIP_VERSION}/void/cancel/${encodeURIComponent(shipmentId)}`,
      what: 'voiding the label',
    }));
  } catch (error) {
    if (error instanceof CarrierError && (error.code === 'carrier_rejected' || error.code === 'carrier_rejected_address')) {
      throw new CarrierError('carrier_not_cancellable', error.carrierMessage, { status: error.opts.status });
    }
    throw error;
  }
  const status = answer.VoidShipmentResponse?.SummaryResult?.Status;
  if (status?.Code !== '1')
    throw new CarrierError('carrier_not_cancellable', `UPS did not void ${shipmentId}: ${status?.Description ?? 'no status'}.`);
}

export async function cancelPickup(client: UpsClient, prn: string): Promise<void> {
  await client.call({
    method: 'DELETE',
    path: `/api/shipments/${PICKUP_VERSION}/pickup/02`,
    headers: { Prn: prn },
    what: 'cancelling the pickup',
  });
}
