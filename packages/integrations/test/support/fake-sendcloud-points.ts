// The fake Sendcloud's service-point locator, `GET /api/v3/service-points` as
// sendcloud-v3-service-points-openapi.yml (api-evangelist/sendcloud openapi/_original) publishes it:
// `country_code` required (ISO-2), exactly one of `carrier_code` or `use_integration_carriers`,
// reference point by `latitude`+`longitude` or an address (postal code geocoded from a small table),
// `general_shop_type` ∈ servicepoint|locker|post_office|carrier_depot, `limit` 1–200 (default 100);
// results nearest first with `distance` in metres; 400 answers in the spec's JSON:API shape.
import { haversineMeters } from '../../src/service-points/port.ts';

export type FakePoint = {
  id: number;
  name: string;
  carrier: string;
  general_shop_type: 'servicepoint' | 'locker' | 'post_office' | 'carrier_depot';
  address: { street: string; house_number: string; postal_code: string; city: string; country_code: string };
  position: { latitude: number; longitude: number };
  opening_times: Record<string, { start_time: string; end_time: string }[] | null>;
};

/** Where the fake geocoder puts a postal code (`address_postal_code`). */
export const POSTAL_CODE_CENTRES: Record<string, { latitude: number; longitude: number }> = {
  '5611 EM': { latitude: 51.4381, longitude: 5.4785 },
  '5611EM': { latitude: 51.4381, longitude: 5.4785 },
};

const SHOP_TYPES = ['servicepoint', 'locker', 'post_office', 'carrier_depot'];

function error(code: string, detail: string, parameter?: string) {
  return { errors: [{ status: '400', code, detail, ...(parameter ? { source: { parameter } } : {}) }] };
}

export function searchPoints(points: readonly FakePoint[], query: URLSearchParams): { results: unknown[] } | ReturnType<typeof error> {
  const country = query.get('country_code');
  if (!country) return error('required', 'Field required', 'country_code');
  if (!/^[A-Z]{2}$/.test(country)) return error('invalid_choice', `"${country}" is not a valid country code`, 'country_code');
  const carriers = query.getAll('carrier_code');
  const integration = query.get('use_integration_carriers');
  if (carriers.length > 0 && integration !== null)
    return error('validation_error', 'carrier_code and use_integration_carriers are mutually exclusive', 'carrier_code');
  if (carriers.length === 0 && integration === null)
    return error('validation_error', 'Provide either carrier_code or use_integration_carriers', 'carrier_code');
  if (integration !== null && !['true', 'false'].includes(integration))
    return error('invalid', 'Input should be a valid boolean', 'use_integration_carriers');
  const types = query.getAll('general_shop_type');
  if (types.some((type) => !SHOP_TYPES.includes(type))) {
    return error('invalid_choice', "Input should be 'servicepoint', 'locker', 'post_office' or 'carrier_depot'", 'general_shop_type');
  }
  const limit = Number(query.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return error('invalid', 'Input should be between 1 and 200', 'limit');
  let centre: { latitude: number; longitude: number } | null = null;
  const lat = query.get('latitude');
  const lng = query.get('longitude');
  if (lat !== null || lng !== null) {
    if (lat === null || lng === null || Number.isNaN(Number(lat)) || Number.isNaN(Number(lng))) {
      return error(
        'invalid',
        'Input should be a valid number, unable to parse string as a number',
        lat === null ? 'latitude' : 'longitude',
      );
    }
    centre = { latitude: Number(lat), longitude: Number(lng) };
  } else {
    const postal = query.get('address_postal_code');
    centre = postal ? (POSTAL_CODE_CENTRES[postal] ?? null) : null;
  }
  const results = points
    .filter((point) => point.address.country_code === country)
    .filter((point) => carriers.length === 0 || carriers.includes(point.carrier))
    .filter((point) => types.length === 0 || types.includes(point.general_shop_type))
    .map((point) => ({
      id: point.id,
      name: point.name,
      carrier: { code: point.carrier, name: point.carrier.toUpperCase(), logo_url: '', icon_url: '' },
      carrier_service_point_id: `${country}-${point.id}`,
      carrier_shop_type: point.general_shop_type,
      general_shop_type: point.general_shop_type,
      address: point.address,
      position: point.position,
      contact: { email: '', phone: '' },
      opening_times: point.opening_times,
      is_open_tomorrow: true,
      next_open_at: null,
      is_expired: false,
      distance: centre ? haversineMeters(centre, point.position) : null,
    }))
    .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
    .slice(0, limit);
  return { results };
}
