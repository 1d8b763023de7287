// Booking a return through Sendcloud's v3 Returns API (Sendcloud's OpenAPI,
// api-evangelist/sendcloud openapi/_original/sendcloud-v3-returns-openapi.yml;
// toppynl/sendcloud-php-client docs/Api/ReturnsApi.md):
// `POST /returns/announce-synchronously` (the carrier announces before answering, so its refusals
// come back at once) → `{ return_id, parcel_id }`; `GET /returns/{id}` for the tracking number,
// `label_cost` and any announcement `errors[]`; the label from `GET /parcels/{id}/documents/label`
// (sendcloud-v3-parcel-documents-openapi.yml: `Accept` pdf/zpl/png, `paper_size` A4/A5/A6, `dpi`).
// Idempotency (our reference as `external_reference`, a refused retry finds its return): announce.ts.
// Pickups: `delivery_option: pickup`, and with a preferred date a carrier pickup at the shopper's
// address through `POST /pickups` (docs/Api/PickupsApi.md, docs/Model/BasePickupRequest.md).
import type { ReturnMethod } from '@retour/domain/fees';
import { type BookRequest, type Booking, type CarrierDocument, CarrierError, type DocumentFormat } from '../adapter.ts';
import type { PartyAddress } from '../port.ts';
import { type SendcloudClient, SendcloudHttpError } from './client.ts';
import { priceOf } from './money.ts';
import { announceOnce } from './announce.ts';
import type { SendcloudReturn } from './types.ts';

export const DELIVERY_OPTIONS: Record<Exclude<ReturnMethod, 'in_store'>, string> = {
  drop_off: 'drop_off_point',
  drop_off_labelless: 'drop_off_labelless',
  pickup: 'pickup',
};

function address(party: PartyAddress): Record<string, string> {
  const out: Record<string, string> = {
    name: party.name,
    address_line_1: party.street,
    postal_code: party.postalCode,
    city: party.city,
    country_code: party.country.toUpperCase(),
  };
  if (party.company) out.company_name = party.company;
  if (party.houseNumber) out.house_number = party.houseNumber;
  if (party.addressLine2) out.address_line_2 = party.addressLine2;
  if (party.email) out.email = party.email;
  if (party.phone) out.phone_number = party.phone;
  return out;
}

const kg = (grams: number) => Math.max(0.001, Math.round(grams) / 1000);
const money = (minor: number, currency: string) => ({ value: minor / 100, currency });

export function createReturnBody(request: BookRequest): Record<string, unknown> & { delivery_option: string } {
  if (request.method === 'in_store') {
    throw new CarrierError(
      'carrier_rejected',
      'In-store returns are not booked with a carrier: choose drop-off, label-less drop-off or pickup.',
    );
  }
  const customs = request.customs;
  return {
    from_address: address(request.from),
    to_address: address(request.to),
    ship_with: { type: 'shipping_option_code', shipping_option_code: request.service },
    weight: { value: kg(request.weightGrams), unit: 'kg' },
    collo_count: 1,
    external_reference: request.reference,
    ...(request.orderNumber ? { order_number: request.orderNumber } : {}),
    delivery_option: DELIVERY_OPTIONS[request.method],
    send_tracking_emails: false,
    ...(customs
      ? {
          customs_invoice_nr: customs.invoiceNumber,
          customs_information: {
            invoice_number: customs.invoiceNumber.slice(0, 40),
            export_reason: 'returned_goods',
            export_type: 'private',
          },
          parcel_items: customs.lines.map((line) => ({
            description: line.description,
            quantity: line.quantity,
            weight: { value: kg(line.weightGrams), unit: 'kg' },
            price: money(line.valueMinor, line.currency),
            ...(line.hsCode ? { hs_code: line.hsCode } : {}),
            ...(line.originCountry ? { origin_country: line.originCountry } : {}),
            ...(line.sku ? { sku: line.sku } : {}),
          })),
        }
      : {}),
  };
}

/** `12345:67880` (return id, parcel id); the parcel id may be missing for a recovered booking. */
export function shipmentId(returnId: number, parcelId: number | null): string {
  return parcelId ? `${returnId}:${parcelId}` : String(returnId);
}

export function parseShipmentId(id: string): { returnId: string; parcelId: string | null } {
  const [returnId = '', parcelId] = id.split(':');
  if (!/^\d+$/.test(returnId) || (parcelId !== undefined && !/^\d+$/.test(parcelId))) {
    throw new CarrierError('carrier_rejected', `"${id}" is not a Sendcloud return id.`);
  }
  return { returnId, parcelId: parcelId ?? null };
}

/** The parcel id inside a Return's label URL (`…/parcels/7/documents/label`). */
export function parcelIdOfReturn(ret: SendcloudReturn): number | null {
  const url = ret.label?.label_printer ?? ret.label_url ?? ret.label?.normal_printer?.[0] ?? '';
  const match = /\/parcels\/(\d+)\/documents\//.exec(url ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

const DOCUMENT_REQUEST: Record<DocumentFormat, { accept: string; paper_size?: string; dpi?: number; format: DocumentFormat }> = {
  a4: { accept: 'application/pdf', paper_size: 'A4', format: 'a4' },
  a6: { accept: 'application/pdf', paper_size: 'A6', format: 'a6' },
  '4x6': { accept: 'application/pdf', paper_size: 'A6', format: 'a6' },
  zpl: { accept: 'application/zpl', format: 'zpl' },
  png: { accept: 'image/png', dpi: 300, format: 'png' },
  gif: { accept: 'image/png', dpi: 300, format: 'png' },
};

const FORMAT_OF_MIME: Record<string, DocumentFormat> = { 'application/zpl': 'zpl', 'image/png': 'png' };

/** The label as Sendcloud makes it; null while the carrier has not made it yet (404). */
export async function fetchLabel(client: SendcloudClient, parcelId: string, wanted: DocumentFormat): Promise<CarrierDocument | null> {
  const spec = DOCUMENT_REQUEST[wanted];
  try {
    const { bytes, mimeType } = await client.bytes(`parcels/${parcelId}/documents/label`, {
      accept: spec.accept,
      query: { paper_size: spec.paper_size, dpi: spec.dpi },
    });
    // A carrier's native ZPL label stays ZPL whatever we asked for.
    return { kind: 'label', format: FORMAT_OF_MIME[mimeType] ?? spec.format, mimeType, bytes };
  } catch (error) {
    if (error instanceof SendcloudHttpError && error.opts.status === 404) return null;
    throw error;
  }
}

async function getReturn(client: SendcloudClient, returnId: string | number): Promise<SendcloudReturn> {
  return client.json<SendcloudReturn>('GET', `returns/${returnId}`);
}

/** Announcement errors Sendcloud keeps on the return (`errors[]`, JSON:API shape). */
function announcementError(ret: SendcloudReturn): CarrierError | null {
  const error = ret.errors?.[0];
  if (!error || ret.tracking_number) return null;
  const detail = error.detail ?? error.title ?? error.code ?? 'announcement failed';
  const pointer = error.source?.pointer ?? '';
  const match = /(from|to)_address\/([a-z_0-9]+)/.exec(pointer);
  const fields: Record<string, string> = {
    name: 'name',
    address_line_1: 'street',
    house_number: 'houseNumber',
    postal_code: 'postalCode',
    city: 'city',
    country_code: 'country',
    phone_number: 'phone',
    email: 'email',
  };
  if (match?.[1] && match[2]) {
    return new CarrierError('carrier_rejected_address', detail, { field: `${match[1]}.${fields[match[2]] ?? 'street'}` });
  }
  return new CarrierError('carrier_rejected', `The carrier refused the return: ${detail}`);
}

async function bookPickup(client: SendcloudClient, request: BookRequest): Promise<Booking['pickup']> {
  if (!request.pickupDate) return null;
  const carrier = request.service.split(':')[0] ?? '';
  const body: { data?: { time_slots?: { start_at?: string; end_at?: string }[] } } = await client.json('POST', 'pickups', {
    body: {
      carrier_code: carrier,
      address: address(request.from),
      time_slots: [{ start_at: `${request.pickupDate}T09:00:00Z`, end_at: `${request.pickupDate}T17:00:00Z` }],
      items: [{ quantity: 1, container_type: 'parcel', total_weight: { value: kg(request.weightGrams).toFixed(3), unit: 'kg' } }],
      reference: request.reference,
    },
  });
  const slot = body?.data?.time_slots?.[0];
  const start = slot?.start_at ? new Date(slot.start_at) : null;
  const end = slot?.end_at ? new Date(slot.end_at) : null;
  const hhmm = (date: Date | null) => (date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(11, 16) : null);
  return {
    date: start && !Number.isNaN(start.getTime()) ? start.toISOString().slice(0, 10) : request.pickupDate,
    from: hhmm(start),
    to: hhmm(end),
  };
}

export async function bookReturn(client: SendcloudClient, request: BookRequest, now: () => Date): Promise<Booking> {
  const body = createReturnBody(request);
  const announced = await announceOnce(client, request, body, now());
  const returnId = announced.returnId;
  let parcelId = announced.parcelId ?? (announced.existing ? parcelIdOfReturn(announced.existing) : null);
  const ret = await getReturn(client, returnId);
  const refused = announcementError(ret);
  if (refused) throw refused;
  parcelId ??= parcelIdOfReturn(ret);
  const label =
    ret.tracking_number && parcelId
      ? await fetchLabel(client, String(parcelId), request.method === 'drop_off_labelless' ? 'png' : request.labelFormat)
      : null;
  const booking: Booking = {
    trackingNumber: ret.tracking_number ?? '',
    trackingUrl: ret.tracking_url ?? null,
    carrierShipmentId: shipmentId(returnId, parcelId),
    documents: label && request.method !== 'drop_off_labelless' ? [label] : [],
    price: priceOf(ret.label_cost),
    documentsPending: !label,
  };
  if (request.method === 'drop_off_labelless') {
    // Sendcloud serves a label-less return's code as the parcel's label document (the carrier's QR
    // image); what the counter scans is the carrier's code for the parcel.
    booking.labelless = { payload: ret.tracking_number ?? '', symbology: 'qrcode', image: label ? { ...label, kind: 'qr' } : null };
  }
  if (request.method === 'pickup') booking.pickup = await bookPickup(client, request);
  return booking;
}

export async function cancelReturn(client: SendcloudClient, carrierShipmentId: string): Promise<void> {
  const { returnId } = parseShipmentId(carrierShipmentId);
  try {
    await client.json('PATCH', `returns/${returnId}/cancel`);
  } catch (error) {
    if (error instanceof SendcloudHttpError && error.opts.status === 409) {
      throw new CarrierError('carrier_not_cancellable', error.items[0]?.message || 'Return is not cancellable.', { status: 409 });
    }
    throw error;
  }
}

export async function returnDocuments(
  client: SendcloudClient,
  carrierShipmentId: string,
  format: DocumentFormat,
): Promise<CarrierDocument[]> {
  const { returnId, parcelId } = parseShipmentId(carrierShipmentId);
  const parcel = parcelId ?? String(parcelIdOfReturn(await getReturn(client, returnId)) ?? '');
  if (!parcel) return [];
  const label = await fetchLabel(client, parcel, format);
  return label ? [label] : [];
}

export { getReturn };
