// DHL Parcel track & trace (`GET /track-trace?key=<barcode>[,<barcode>…]`, no token): an array of
// pieces `{ barcode, events: [{ category, status, timestamp, localTimestamp, type, leg }], deliveredAt? }`,
// events oldest first; barcodes DHL does not know are left out (all unknown: 404, plain text).
// Shape from DHL's own `dhlparcel/dhl-api-wrapper` (examples/trackAndTrace.php,
// src/Dhl/resources/generated/getTrackAndTrace.php) and `mvdnbrk/dhlparcel-php-api`
// (src/Endpoints/TrackTrace.php, Resources/TrackTrace.php: delivered = has `deliveredAt`).
// Event `status` codes: the ECOMMERCE vocabulary as observed on the gateway (third-party tracker
// code; DHL publishes no list). The event code kept on our timeline is DHL's `status`.
import type { TrackingStatus } from '../port.ts';

/** Codes that move a return: the parcel was handed to DHL and travels, or reached the shop. */
export const DHL_PARCEL_TRACKING_CODES: Readonly<Record<string, TrackingStatus | null>> = {
  // Label made / data announced: nothing has moved yet.
  PRENOTIFICATION_RECEIVED: null,
  DATA_RECEIVED_WITH_PREFIX_LABEL: null,
  LEG_CREATED: null,
  // Handed in at a DHL ServicePoint or collected: the return is on its way.
  SHIPMENT_ACCEPTANCE_PARCELSHOP: 'in_transit',
  SHIPMENT_ACCEPTANCE: 'in_transit',
  PARCEL_PICKED_UP_AT_PARCELSHOP: 'in_transit',
  PARCEL_SORTED_AT_HUB: 'in_transit',
  PARCEL_ARRIVED_AT_LOCAL_DEPOT: 'in_transit',
  OUT_FOR_DELIVERY: 'in_transit',
  LOAD_VEHICLE: 'in_transit',
  PARCEL_WILL_BE_DELIVERED_SOON: 'in_transit',
  // Delivered at the shop's return address.
  DELIVERED: 'delivered',
  DELIVERED_AT_NEIGHBOURS: 'delivered',
  DELIVERED_AT_SAFEPLACE: 'delivered',
  DELIVERED_IN_MAILBOX: 'delivered',
  DELIVERED_DAMAGED: 'delivered',
  DELIVERED_NOT_IN_TIME: 'delivered',
  // Problems and the way back to the shopper: kept on the timeline, move nothing.
  ADDRESS_UNKNOWN: null,
  REFUSED_BY_RECEIVER: null,
  DELIVERED_AT_SHIPPER: null,
  RETURNED_TO_SHIPPER: null,
  NOT_HOME_RETURN_TO_SHIPPER: null,
};

/** Event categories: a code we have not listed still moves the return when its category says so. */
const CATEGORIES: Readonly<Record<string, TrackingStatus | null>> = {
  DATA_RECEIVED: null,
  LEG: null,
  UNDERWAY: 'in_transit',
  IN_DELIVERY: 'in_transit',
  CUSTOMS: 'in_transit',
  DELIVERED: 'delivered',
  PROBLEM: null,
  INTERVENTION: null,
  EXCEPTION: null,
};

export function dhlTrackingStatus(status: string, category: string | null): TrackingStatus | null {
  if (Object.hasOwn(DHL_PARCEL_TRACKING_CODES, status)) return DHL_PARCEL_TRACKING_CODES[status] ?? null;
  if (category && Object.hasOwn(CATEGORIES, category)) return CATEGORIES[category] ?? null;
  return null;
}

export type DhlEvent = { category?: string; status?: string; timestamp?: string; localTimestamp?: string; type?: string };
export type DhlPiece = { barcode?: string; events?: DhlEvent[]; deliveredAt?: string | null };

export function readPieces(json: unknown): DhlPiece[] {
  return Array.isArray(json) ? (json.filter((item) => item && typeof item === 'object') as DhlPiece[]) : [];
}

/** Whether DHL has scanned the parcel (any event beyond the data announcement). */
export function isUsed(piece: DhlPiece): boolean {
  if (piece.deliveredAt) return true;
  return (piece.events ?? []).some((event) => event.category !== 'DATA_RECEIVED' && event.category !== 'LEG');
}
