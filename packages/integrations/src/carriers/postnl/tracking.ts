// PostNL ShippingStatus API v2 (GET /shipment/v2/status/barcode/{barcode}?detail=true): the shipment's
// current `Status` and its `OldStatus` history, each {TimeStamp, StatusCode, StatusDescription,
// PhaseCode, PhaseDescription} (sdks-io/postnl-ecommerce-apis-js-sdk src/models/shipment1.ts,
// status.ts, oldStatus.ts). The code on our timeline is PostNL's StatusCode; the table is PostNL's
// "T&T status codes" reference (developer.postnl.nl/docs/#/http/reference-data/t-t-status-codes),
// as listed with the event codes behind each status in itsvic-dev/parcel-tracker's PostNL mapping.
import type { TrackedEvent } from '../adapter.ts';
import type { TrackingStatus } from '../port.ts';
import { parsePostnlTimestamp } from './time.ts';

/** PostNL StatusCode → our status (null: kept on the timeline, moves nothing). */
export const POSTNL_STATUS_CODES: Readonly<Record<string, TrackingStatus | null>> = {
  '1': null, // Zending voorgemeld (pre-announced: label made, nothing handed over yet)
  '2': 'in_transit', // Zending in ontvangst genomen (accepted by PostNL, e.g. at the drop-off point)
  '3': 'in_transit', // Zending afgehaald (collected)
  '4': null, // Zending niet afgehaald (collection failed)
  '5': 'in_transit', // Zending gesorteerd
  '6': null, // Zending niet gesorteerd
  '7': 'in_transit', // Zending in distributieproces (out for delivery)
  '8': null, // Zending niet afgeleverd (delivery failed)
  '9': 'in_transit', // Zending bij douane
  '11': 'delivered', // Zending afgeleverd
  '12': 'in_transit', // Zending beschikbaar op afhaallocatie (waiting at a pick-up point)
  '13': null, // Voorgemeld: nog niet aangenomen
  '14': null, // Voorgemeld: definitief niet aangenomen
  '15': null, // Manco collectie (missing at collection)
  '16': null, // Manco sortering
  '17': null, // Manco distributie
  '19': null, // Zending afgekeurd (refused)
  '20': 'in_transit', // Zending in inklaringsproces (customs clearance)
  '21': 'in_transit', // Zending in voorraad (in stock at PostNL)
  '22': 'delivered', // Zending afgehaald van Postkantoor (collected by the addressee at a post office)
  '23': 'in_transit', // Afhaalopdracht gecollecteerd (pick-up order collected)
  '27': null, // Retour Onbestelbaar (undeliverable, going back)
  '28': null, // Retour Foutieve aflevercode
  '31': 'in_transit', // Zending klaar voor transport naar land van bestemming
  '99': null, // Niet van toepassing
};

/** Codes after which a label has been used: the parcel is with PostNL (cancelling no longer possible). */
export const PRE_HANDOVER_CODES: ReadonlySet<string> = new Set(['1', '13', '14']);

export function statusForCode(code: string): TrackingStatus | null {
  return Object.hasOwn(POSTNL_STATUS_CODES, code) ? (POSTNL_STATUS_CODES[code] ?? null) : null;
}

export type PostnlStatus = {
  TimeStamp?: string;
  StatusCode?: string;
  StatusDescription?: string;
  PhaseCode?: string;
  PhaseDescription?: string;
};

export type PostnlStatusShipment = {
  MainBarcode?: string;
  Barcode?: string;
  Reference?: string;
  ProductCode?: string;
  Status?: PostnlStatus;
  OldStatus?: PostnlStatus[];
};

export type ShippingStatusResponse = {
  CurrentStatus?: { Shipment?: PostnlStatusShipment[] };
  CompleteStatus?: { Shipment?: PostnlStatusShipment[] };
  Warnings?: { Message?: string; Code?: string }[];
};

/** Shipments of either answer shape (CurrentStatus without detail, CompleteStatus with). */
export function shipmentsOf(response: ShippingStatusResponse): PostnlStatusShipment[] {
  return [...(response.CompleteStatus?.Shipment ?? []), ...(response.CurrentStatus?.Shipment ?? [])];
}

/** Every status of one shipment, oldest first, without repeats (the current one is also in OldStatus). */
export function eventsOf(shipment: PostnlStatusShipment, trackingNumber: string): TrackedEvent[] {
  const seen = new Set<string>();
  const events: TrackedEvent[] = [];
  for (const s of [...(shipment.OldStatus ?? []), ...(shipment.Status ? [shipment.Status] : [])]) {
    const code = s.StatusCode?.trim();
    const at = parsePostnlTimestamp(s.TimeStamp);
    if (!code || !at) continue;
    const key = `${code}|${at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push({
      trackingNumber,
      code,
      at,
      ...(s.StatusDescription ? { message: s.StatusDescription } : {}),
      status: statusForCode(code),
    });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
