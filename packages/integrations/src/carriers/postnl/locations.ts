// PostNL Location webservice v2_1: GET /shipment/v2_1/locations/nearest (CountryCode NL|BE,
// PostalCode `^[0-9]{4}([A-Z]{2})?$`) and /nearest/geocode (Latitude, Longitude, CountryCode), both
// with DeliveryOptions PG (retail points and lockers, the default) | PA (parcel lockers only) |
// PG_EX (no lockers). Answer {GetLocationsResult:{ResponseLocation:[{LocationCode, Name, Distance
// (metres), Latitude, Longitude, Address{Street, HouseNr, HouseNrExt, Zipcode, City, Countrycode},
// DeliveryOptions{string:[…]}, OpeningHours{Monday:{string:"08:00-20:00"}, …}}]}}
// (sdks-io/postnl-ecommerce-apis-js-sdk doc/controllers/locations.md, src/models/location1.ts,
// openingHours1.ts; postnl/postnl-ecommerce-sdk-php doc/models/locations-address.md).
import { haversineMeters, type ServicePoint, type ServicePointQuery } from '../../service-points/port.ts';
import type { PostnlClient } from './client.ts';
import { normalisePostalCode } from './address.ts';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const COUNTRIES = new Set(['NL', 'BE']);

type DayHours = { string?: string | string[] } | string | string[] | null | undefined;

type ResponseLocation = {
  LocationCode?: number | string;
  Name?: string;
  Distance?: number;
  Latitude?: number;
  Longitude?: number;
  Address?: { Street?: string; HouseNr?: number | string; HouseNrExt?: string; Zipcode?: string; City?: string; Countrycode?: string };
  DeliveryOptions?: { string?: string[] | string };
  OpeningHours?: Record<string, DayHours>;
};

type LocationsResponse = { GetLocationsResult?: { ResponseLocation?: ResponseLocation[] | ResponseLocation } };

const hhmm = (t: string): string | null => {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t.trim());
  return m ? `${m[1]?.padStart(2, '0')}:${m[2]}` : null;
};

/** One day's PostNL hours (`"08:00-12:00"`, `["08:00-12:00","13:00-18:00"]`, or nothing) as `"08:00-12:00,13:00-18:00"` or `"closed"`. */
export function normaliseHours(day: DayHours): string {
  const raw = day && typeof day === 'object' && !Array.isArray(day) ? day.string : day;
  const ranges = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;]/) : [])
    .map((range) => {
      const [from, to] = range.split('-');
      const a = from === undefined ? null : hhmm(from);
      const b = to === undefined ? null : hhmm(to);
      return a && b ? `${a}-${b}` : null;
    })
    .filter((r): r is string => r !== null);
  return ranges.length > 0 ? ranges.join(',') : 'closed';
}

function deliveryOptionsFor(types: ServicePointQuery['types']): string | undefined {
  if (!types || types.length === 0) return undefined;
  const locker = types.includes('locker');
  const counter = types.includes('service_point') || types.includes('post_office');
  if (locker && !counter) return 'PA';
  if (counter && !locker) return 'PG_EX';
  return undefined;
}

function toServicePoint(location: ResponseLocation, origin: { latitude: number; longitude: number } | null): ServicePoint | null {
  const a = location.Address ?? {};
  if (location.LocationCode === undefined || typeof location.Latitude !== 'number' || typeof location.Longitude !== 'number') return null;
  const options = location.DeliveryOptions?.string;
  const optionList = Array.isArray(options) ? options : typeof options === 'string' ? [options] : [];
  const hours: Record<string, string> = {};
  for (const day of DAYS) {
    const key = `${day[0]?.toUpperCase()}${day.slice(1)}`;
    hours[day] = normaliseHours(location.OpeningHours?.[key]);
  }
  const distance =
    typeof location.Distance === 'number'
      ? Math.round(location.Distance)
      : origin
        ? haversineMeters(origin, { latitude: location.Latitude, longitude: location.Longitude })
        : null;
  return {
    id: String(location.LocationCode),
    carrier: 'postnl',
    type: optionList.includes('PA') ? 'locker' : 'service_point',
    name: location.Name ?? '',
    street: a.Street ?? '',
    houseNumber: `${a.HouseNr ?? ''}${a.HouseNrExt ?? ''}`.trim(),
    postalCode: a.Zipcode ?? '',
    city: a.City ?? '',
    country: a.Countrycode ?? '',
    latitude: location.Latitude,
    longitude: location.Longitude,
    openingHours: hours,
    distanceMeters: distance,
  };
}

/** PostNL points near a postal code or a position (PostNL's locator covers NL and BE only: elsewhere none). */
export async function searchLocations(client: PostnlClient, query: ServicePointQuery): Promise<ServicePoint[]> {
  const country = query.country.toUpperCase();
  if (!COUNTRIES.has(country)) return [];
  if (query.carrier && query.carrier !== 'postnl') return [];
  const deliveryOptions = deliveryOptionsFor(query.types);
  const hasPosition = typeof query.latitude === 'number' && typeof query.longitude === 'number';
  const origin = hasPosition ? { latitude: query.latitude as number, longitude: query.longitude as number } : null;
  let response: LocationsResponse;
  if (origin) {
    response = await client.get<LocationsResponse>('/shipment/v2_1/locations/nearest/geocode', {
      Latitude: origin.latitude,
      Longitude: origin.longitude,
      CountryCode: country,
      DeliveryOptions: deliveryOptions,
    });
  } else if (query.postalCode) {
    response = await client.get<LocationsResponse>('/shipment/v2_1/locations/nearest', {
      CountryCode: country,
      PostalCode: normalisePostalCode(query.postalCode),
      DeliveryOptions: deliveryOptions,
    });
  } else {
    return [];
  }
  const raw = response.GetLocationsResult?.ResponseLocation;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const wanted = query.types && query.types.length > 0 ? new Set(query.types) : null;
  return list
    .map((l) => toServicePoint(l, origin))
    .filter((p): p is ServicePoint => p !== null && (!wanted || wanted.has(p.type)))
    .sort((a, b) => (a.distanceMeters ?? Number.POSITIVE_INFINITY) - (b.distanceMeters ?? Number.POSITIVE_INFINITY))
    .slice(0, Math.max(1, Math.min(50, query.limit)));
}
