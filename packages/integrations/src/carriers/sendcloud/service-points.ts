// Service points from Sendcloud's v3 locator: `GET /api/v3/service-points` (Sendcloud's v3
// Service Points OpenAPI, api-evangelist/sendcloud openapi/_original/sendcloud-v3-service-points-openapi.yml).
// `country_code` is required; exactly one of `carrier_code` or `use_integration_carriers`; the
// reference point is a postal code or a latitude/longitude; `general_shop_type` filters the kind of
// point; `limit` is 1–200. Each result carries `opening_times` per day (a list of
// `{start_time, end_time}`, or null when closed) and `distance` in metres from the reference point.
import type { ServicePoint, ServicePointQuery, ServicePointType } from '../../service-points/port.ts';
import type { SendcloudClient } from './client.ts';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const OUR_TYPE: Record<string, ServicePointType> = {
  servicepoint: 'service_point',
  locker: 'locker',
  post_office: 'post_office',
  carrier_depot: 'service_point',
};
const THEIR_TYPE: Record<ServicePointType, string> = { service_point: 'servicepoint', locker: 'locker', post_office: 'post_office' };

type OpeningTime = { start_time?: string | null; end_time?: string | null };
export type SendcloudServicePoint = {
  id: number | string;
  name?: string | null;
  carrier?: { code?: string | null } | null;
  carrier_service_point_id?: string | null;
  general_shop_type?: string | null;
  address?: {
    street?: string | null;
    house_number?: string | null;
    postal_code?: string | null;
    city?: string | null;
    country_code?: string | null;
  } | null;
  position?: { latitude?: number | null; longitude?: number | null } | null;
  opening_times?: Record<string, OpeningTime[] | null> | null;
  distance?: number | null;
};

/** `[{09:00,12:00},{13:00,17:00}]` → `"09:00-12:00,13:00-17:00"`; none → `"closed"`. */
export function openingHoursOf(times: Record<string, OpeningTime[] | null> | null | undefined): Record<string, string> {
  const hours: Record<string, string> = {};
  for (const day of DAYS) {
    const ranges = (times?.[day] ?? [])
      .filter((range) => range.start_time && range.end_time)
      .map((range) => `${String(range.start_time).slice(0, 5)}-${String(range.end_time).slice(0, 5)}`);
    hours[day] = ranges.length > 0 ? ranges.join(',') : 'closed';
  }
  return hours;
}

export function toServicePoint(point: SendcloudServicePoint): ServicePoint {
  return {
    id: String(point.id),
    carrier: point.carrier?.code ?? '',
    type: OUR_TYPE[point.general_shop_type ?? ''] ?? 'service_point',
    name: point.name ?? '',
    street: point.address?.street ?? '',
    houseNumber: point.address?.house_number ?? '',
    postalCode: point.address?.postal_code ?? '',
    city: point.address?.city ?? '',
    country: point.address?.country_code ?? '',
    latitude: Number(point.position?.latitude ?? 0),
    longitude: Number(point.position?.longitude ?? 0),
    openingHours: openingHoursOf(point.opening_times),
    distanceMeters: typeof point.distance === 'number' && Number.isFinite(point.distance) ? Math.round(point.distance) : null,
  };
}

export async function searchServicePoints(client: SendcloudClient, query: ServicePointQuery): Promise<ServicePoint[]> {
  const types = (query.types ?? []).map((type) => THEIR_TYPE[type]);
  const byPosition = query.latitude !== undefined && query.longitude !== undefined;
  const body = await client.json<{ data?: { results?: SendcloudServicePoint[] } }>('GET', 'service-points', {
    query: {
      country_code: query.country.toUpperCase(),
      ...(query.carrier ? { carrier_code: [query.carrier] } : { use_integration_carriers: true }),
      ...(byPosition ? { latitude: query.latitude, longitude: query.longitude } : { address_postal_code: query.postalCode }),
      ...(types.length > 0 ? { general_shop_type: [...new Set(types)] } : {}),
      limit: Math.max(1, Math.min(50, Math.trunc(query.limit))),
    },
  });
  const points = (body?.data?.results ?? []).map(toServicePoint);
  return points.sort((a, b) => (a.distanceMeters ?? Number.POSITIVE_INFINITY) - (b.distanceMeters ?? Number.POSITIVE_INFINITY));
}
