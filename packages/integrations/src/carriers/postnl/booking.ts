// Booking a return with PostNL: a return is a shipment whose Sender (Customer.Address, AddressType
// 02) is the shopper and whose Receiver (Shipment.Addresses[AddressType 01]) is the merchant's
// return address (postnl/postnl-magento2 Webservices/Parser/Label/ReturnShipment.php).
//   1. GET /shipment/v2/status/reference/{reference}?customerCode&customerNumber — PostNL has no
//      idempotency key, so a retried booking first looks for a shipment already carrying our
//      reference (Shipment.Reference) and reuses its barcode;
//   2. otherwise GET /shipment/v1_1/barcode?CustomerCode&CustomerNumber&Type=3S&Range&Serie;
//   3. POST /shipment/v2_2/label?confirm=true (label and pre-announcement in one call). PostNL keys
//      a shipment by its barcode: labelling an existing barcode again gives that shipment's label,
//      never a second parcel.
// Request/answer fields: sdks-io/postnl-ecommerce-apis-js-sdk src/models/labellingRequest.ts,
// customer3.ts, message1.ts, shipment3.ts, address8.ts, contact1.ts, productOptions2.ts,
// labellingResponse.ts, responseShipment1.ts, label1.ts; barcodeResponse.ts.
import { createHash } from 'node:crypto';
import type { Booking, BookRequest, CarrierCredentials } from '../adapter.ts';
import { CarrierError } from '../adapter.ts';
import type { PartyAddress } from '../port.ts';
import { normalisePostalCode, toPostnlAddress } from './address.ts';
import type { PostnlClient } from './client.ts';
import { POSTNL_SERVICES, type PostnlLabel, printerTypeFor, SMART_RETURN_OPTION, SMART_RETURN_PRODUCTS, toDocument } from './products.ts';
import { formatPostnlTimestamp } from './time.ts';
import { type ShippingStatusResponse, shipmentsOf } from './tracking.ts';

type Credentials = CarrierCredentials['postnl'];

type LabellingResponse = {
  ResponseShipments?: {
    Barcode?: string;
    ProductCodeDelivery?: string;
    Labels?: PostnlLabel[];
    Warnings?: { Code?: string; Description?: string }[];
  }[];
};

export const trackingUrlFor = (barcode: string, to: PartyAddress): string =>
  `https://jouw.postnl.nl/track-and-trace/${encodeURIComponent(barcode)}-${to.country.toUpperCase()}-${encodeURIComponent(normalisePostalCode(to.postalCode))}`;

/** Barcode serie for a 3S barcode: 15 characters in all ('3S' + customer code + digits). */
export function serieFor(customerCode: string): string {
  const digits = Math.min(12, Math.max(7, 13 - customerCode.length));
  return `${'0'.repeat(digits)}-${'9'.repeat(digits)}`;
}

function contact(type: '01' | '02', party: PartyAddress): Record<string, string> | null {
  const out: Record<string, string> = { ContactType: type };
  const email = party.email?.trim();
  if (email) out.Email = email.slice(0, 50);
  const phone = party.phone?.replace(/[\s().-]/g, '');
  if (phone && phone.length >= 10 && phone.length <= 17) out.TelNr = phone;
  return Object.keys(out).length > 1 ? out : null;
}

/** The existing shipment's barcode when one already carries this reference. */
async function existingBarcode(client: PostnlClient, credentials: Credentials, reference: string): Promise<string | null> {
  const answer = await client.get<ShippingStatusResponse>(`/shipment/v2/status/reference/${encodeURIComponent(reference)}`, {
    customerCode: credentials.customerCode,
    customerNumber: credentials.customerNumber,
    detail: false,
  });
  const match = shipmentsOf(answer).find((s) => (s.Reference ?? reference) === reference && (s.Barcode || s.MainBarcode));
  return match ? (match.Barcode ?? match.MainBarcode ?? null) : null;
}

/** A fresh 3S barcode from the account's range (also proves key, customer code and number). */
export async function newBarcode(client: PostnlClient, credentials: Credentials): Promise<string> {
  const answer = await client.get<{ Barcode?: string }>('/shipment/v1_1/barcode', {
    CustomerCode: credentials.customerCode,
    CustomerNumber: credentials.customerNumber,
    Type: '3S',
    Range: credentials.customerCode,
    Serie: serieFor(credentials.customerCode),
  });
  if (!answer.Barcode) throw new CarrierError('carrier_unavailable', 'PostNL answered without a barcode; try again later.');
  return answer.Barcode;
}

export async function bookReturn(client: PostnlClient, credentials: Credentials, request: BookRequest, now: () => Date): Promise<Booking> {
  const service = POSTNL_SERVICES.find((s) => s.code === request.service);
  if (!service) {
    throw new CarrierError(
      'carrier_rejected',
      `PostNL product ${request.service} is not one Retour books returns with (3250, 2285 or 3285).`,
    );
  }
  if (!service.methods.includes(request.method)) {
    throw new CarrierError('carrier_rejected', `PostNL product ${service.code} is not for the ${request.method} return method.`);
  }
  const fromCountry = request.from.country.toUpperCase();
  if (!service.fromCountries.includes(fromCountry)) {
    throw new CarrierError(
      'carrier_rejected_address',
      `PostNL product ${service.code} only takes returns sent from ${service.fromCountries.join(' or ')}.`,
      {
        field: 'from.country',
      },
    );
  }
  const smart = SMART_RETURN_PRODUCTS.has(service.code);
  const barcode = (await existingBarcode(client, credentials, request.reference)) ?? (await newBarcode(client, credentials));

  const contacts = [contact('01', request.to), contact('02', request.from)].filter((c) => c !== null);
  const shipment: Record<string, unknown> = {
    Addresses: [toPostnlAddress(request.to, '01')],
    Barcode: barcode,
    Dimension: { Weight: Math.max(1, Math.round(request.weightGrams)) },
    ProductCodeDelivery: service.code,
    Reference: request.reference.slice(0, 35),
    ...(request.orderNumber ? { CustomerOrderNumber: request.orderNumber.slice(0, 35) } : {}),
    ...(contacts.length > 0 ? { Contacts: contacts } : {}),
    ...(smart ? { ProductOptions: [SMART_RETURN_OPTION] } : {}),
  };
  const body = {
    Customer: {
      CustomerCode: credentials.customerCode,
      CustomerNumber: credentials.customerNumber,
      ...(credentials.collectionLocation ? { CollectionLocation: credentials.collectionLocation } : {}),
      Address: toPostnlAddress(request.from, '02'),
    },
    Message: {
      MessageID: createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 12),
      MessageTimeStamp: formatPostnlTimestamp(now()),
      Printertype: smart ? 'GraphicFile|PDF' : printerTypeFor(request.labelFormat),
    },
    Shipments: [shipment],
  };
  const answer = await client.post<LabellingResponse>('/shipment/v2_2/label', { confirm: true }, body);
  const shipped = answer.ResponseShipments?.find((s) => s.Barcode === barcode) ?? answer.ResponseShipments?.[0];
  const documents = (shipped?.Labels ?? []).map(toDocument).filter((d) => d !== null);
  if (!shipped || documents.length === 0) {
    throw new CarrierError('carrier_unavailable', 'PostNL answered without a label; try again later (the same barcode is reused).');
  }
  const trackingNumber = shipped.Barcode ?? barcode;
  return {
    trackingNumber,
    trackingUrl: trackingUrlFor(trackingNumber, request.to),
    carrierShipmentId: trackingNumber,
    documents: smart ? [] : documents,
    labelless: smart ? { payload: trackingNumber, symbology: 'qrcode', image: documents[0] ?? null } : null,
    pickup: null,
    price: null,
  };
}
