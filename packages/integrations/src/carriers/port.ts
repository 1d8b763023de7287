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
}

export interface Carrier {
  readonly info: CarrierInfo;
  /** Books the return with the carrier and returns its tracking number. */
  announce(request: AnnounceRequest): Promise<Announcement>;
}

export function carrierServes(info: CarrierInfo, method: ReturnMethod, country: string): boolean {
  return info.methods.includes(method) && (info.countries.includes('*') || info.countries.includes(country));
}

export function carrierPrice(info: CarrierInfo, country: string): number {
  return info.prices[country] ?? info.prices['*'] ?? 0;
}
