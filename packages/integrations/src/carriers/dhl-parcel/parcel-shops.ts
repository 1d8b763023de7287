// DHL Parcel's parcel shop finder: `GET /parcel-shop-locations/{countryCode}` with `zipCode` or
// `latitude`+`longitude` (+ `radius` in metres), `limit`, `showUnavailable`; no token. Answer: an
// array of `{ id, name, keyword, shopType (parcelShop | packStation | …), address { countryCode,
// postalCode, city, street, number, addition }, geoLocation { latitude, longitude }, distance
// (metres), openingTimes [{ weekDay 1 = Monday … 7 = Sunday, timeFrom "07:30:00.000", timeTo }],
// closurePeriods }`. From DHL's own `dhlparcel/dhl-api-wrapper`
// (src/Dhl/resources/generated/findParcelShopLocations.php, examples/findParcelShopLocations.php)
// and `dhlparcel/plugin-magento2-release` (Model/Service/ServicePoint.php: packStation without a
// name shows its keyword).
import type { ServicePoint, ServicePointQuery, ServicePointType } from '../../service-points/port.ts';
import { haversineMeters } from '../../service-points/port.ts';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

type DhlShop = {
  id?: string;
  name?: string;
  keyword?: string;
  shopType?: string;
  address?: {
    countryCode?: string;
    postalCode?: string;
    zipCode?: string;
    city?: string;
    street?: string;
    number?: string;
    addition?: string;
  };
  geoLocation?: { latitude?: number; longitude?: number };
  distance?: number;
  openingTimes?: { weekDay?: number; timeFrom?: string; timeTo?: string }[];
};

export function parcelShopQuery(query: ServicePointQuery): string {
  const params = new URLSearchParams({ limit: String(Math.max(1, Math.min(50, query.limit))), showUnavailable: 'false' });
  if (query.latitude !== undefined && query.longitude !== undefined) {
    params.set('latitude', String(query.latitude));
    params.set('longitude', String(query.longitude));
  } else if (query.postalCode) {
    params.set('zipCode', query.postalCode.replace(/\s+/g, '').toUpperCase());
  }
  return `/parcel-shop-locations/${encodeURIComponent(query.country.toUpperCase())}?${params}`;
}

const hhmm = (time: string | undefined) => (time ?? '').slice(0, 5);

/** `{ monday: "08:00-12:00,13:00-18:00", …, sunday: "closed" }`. */
export function openingHours(times: DhlShop['openingTimes']): Record<string, string> {
  const hours: Record<string, string> = {};
  DAYS.forEach((day, index) => {
    const ranges = (times ?? [])
      .filter((time) => time.weekDay === index + 1 && /^\d{2}:\d{2}/.test(time.timeFrom ?? '') && /^\d{2}:\d{2}/.test(time.timeTo ?? ''))
      .map((time) => `${hhmm(time.timeFrom)}-${hhmm(time.timeTo)}`)
      .sort();
    hours[day] = ranges.length ? ranges.join(',') : 'closed';
  });
  return hours;
}

function typeOf(shopType: string | undefined): ServicePointType {
  if (shopType === 'packStation' || shopType === 'parcelStation' || shopType === 'locker') return 'locker';
  if (shopType === 'postOffice') return 'post_office';
  return 'service_point';
}

export function toServicePoints(json: unknown, query: ServicePointQuery): ServicePoint[] {
  const shops = Array.isArray(json) ? (json as DhlShop[]) : [];
  const points: ServicePoint[] = [];
  for (const shop of shops) {
    const latitude = shop.geoLocation?.latitude;
    const longitude = shop.geoLocation?.longitude;
    if (!shop.id || typeof latitude !== 'number' || typeof longitude !== 'number') continue;
    const type = typeOf(shop.shopType);
    if (query.types?.length && !query.types.includes(type)) continue;
    const address = shop.address ?? {};
    const searchedAt =
      query.latitude !== undefined && query.longitude !== undefined ? { latitude: query.latitude, longitude: query.longitude } : null;
    points.push({
      id: shop.id,
      carrier: 'dhl',
      type,
      name: shop.name || shop.keyword || 'DHL ServicePoint',
      street: address.street ?? '',
      houseNumber: `${address.number ?? ''}${address.addition ?? ''}`.trim(),
      postalCode: address.postalCode ?? address.zipCode ?? '',
      city: address.city ?? '',
      country: (address.countryCode ?? query.country).toUpperCase(),
      latitude,
      longitude,
      openingHours: openingHours(shop.openingTimes),
      distanceMeters:
        typeof shop.distance === 'number'
          ? Math.round(shop.distance)
          : searchedAt
            ? haversineMeters(searchedAt, { latitude, longitude })
            : null,
    });
  }
  return points
    .sort((a, b) => (a.distanceMeters ?? Number.MAX_SAFE_INTEGER) - (b.distanceMeters ?? Number.MAX_SAFE_INTEGER))
    .slice(0, query.limit);
}
