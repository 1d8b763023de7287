// The carrier port: what Retour needs from any carrier, real or local.
import type { ReturnMethod } from '@retour/domain/fees';

export interface PartyAddress {
  name: string;
  company?: string | null;
  street: string;
  houseNumber?: string | null;
  addressLine2?: string | null;
  postalCode: string;
  city: string;
  country: string;
  email?: string | null;
  phone?: string | null;
}

export interface AnnounceRequest {
  reference: string;
  method: ReturnMethod;
  from: PartyAddress;
  to: PartyAddress;
  weightGrams: number;
  servicePointId?: string | null;
  pickupDate?: string | null;
}

export interface Announcement {
  trackingNumber: string;
  trackingUrl: string | null;
}

/** The return statuses a carrier scan can move a return to. */
export type TrackingStatus = 'in_transit' | 'delivered';

export interface CarrierInfo {
  code: string;
  name: string;
  methods: readonly ReturnMethod[];
  /** ISO country codes served, or ['*'] for every country. */
  countries: readonly string[];
  phoneRequired: boolean;
  /** Label price per shopper country in EUR cents; '*' is every other country. */
  prices: Readonly<Record<string, number>>;
  priceCurrency: string;
  /**
   * The carrier's own event codes and the status each moves a return to (null: kept on the
   * timeline, moves nothing). A code missing here is unknown: also kept, also moves nothing.
   */
  trackingCodes: Readonly<Record<string, TrackingStatus | null>>;
  /** True: the carrier pushes events to our webhook. False: we poll it (`Carrier.poll`). */
  webhooks: boolean;
}

/** A shipment to ask a polled carrier about. */
export interface PolledShipment {
  trackingNumber: string;
  /** When the return was booked with the carrier. */
  bookedAt: Date;
}

/** One event in the carrier's own words, as a webhook or a poll delivers it. */
export interface CarrierTrackingEvent {
  trackingNumber: string;
  code: string;
  /** ISO 8601 instant of the scan. */
  at: string;
  message?: string;
}

export interface Carrier {
  readonly info: CarrierInfo;
  /** Books the return with the carrier and returns its tracking number. */
  announce(request: AnnounceRequest): Promise<Announcement>;
  /** Carriers without webhooks: every event so far (at ≤ now) of these shipments. */
  poll?(shipments: PolledShipment[], now: Date): Promise<CarrierTrackingEvent[]>;
}

export function carrierServes(info: CarrierInfo, method: ReturnMethod, country: string): boolean {
  return info.methods.includes(method) && (info.countries.includes('*') || info.countries.includes(country));
}

export function carrierPrice(info: CarrierInfo, country: string): number {
  return info.prices[country] ?? info.prices['*'] ?? 0;
}

/** The status a carrier code moves a return to; null for a known code that moves nothing and for an unknown code. */
export function trackingStatusFor(info: CarrierInfo, code: string): TrackingStatus | null {
  return Object.hasOwn(info.trackingCodes, code) ? (info.trackingCodes[code] ?? null) : null;
}

/** Whether the carrier knows this code (an unknown code is still kept on the timeline). */
export function isKnownTrackingCode(info: CarrierInfo, code: string): boolean {
  return Object.hasOwn(info.trackingCodes, code);
}
