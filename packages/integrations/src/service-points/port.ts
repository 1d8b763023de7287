// The service-point port: where a shopper can drop off a return (a shop counter, a parcel locker,
// a post office). Providers answer searches near a postal code or a position.

export const SERVICE_POINT_TYPES = ['service_point', 'locker', 'post_office'] as const;
export type ServicePointType = (typeof SERVICE_POINT_TYPES)[number];

export interface ServicePointQuery {
  /** ISO country code; points are searched in this country only. */
  country: string;
  postalCode?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** Only this carrier's points. */
  carrier?: string | undefined;
  /** Only points of these types (none or empty: every type). */
  types?: readonly ServicePointType[] | undefined;
  /** At most this many points (1–50). */
  limit: number;
}

export interface ServicePoint {
  id: string;
  carrier: string;
  type: ServicePointType;
  name: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  /** By lowercase English day name (`monday` … `sunday`): e.g. `"08:00-20:00"` or `"closed"`. */
  openingHours: Readonly<Record<string, string>>;
  /** From the searched position (or the searched postal code's area); null when unknown. */
  distanceMeters: number | null;
}

export interface ServicePointProvider {
  /** Points nearest first; give `postalCode`, or `latitude` and `longitude`. */
  search(query: ServicePointQuery): Promise<ServicePoint[]>;
}

export const MAX_SERVICE_POINTS = 50;

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in whole metres (haversine). */
export function haversineMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}
