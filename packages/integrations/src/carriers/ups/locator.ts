// UPS Access Points near the shopper (UPS-API/api-documentation, Locator.yaml):
// POST /locations/{version}/search/availabilities/64 (64 = search for UPS Access Point locations),
// LocatorRequest { Request.RequestAction "Locator", OriginAddress { AddressKeyFormat { PostcodePrimaryLow,
// CountryCode }, Geocode { Latitude, Longitude } }, Translate.Locale, UnitOfMeasurement KM,
// LocationSearchCriteria { AccessPointSearch.AccessPointStatus 01 (active-available), MaximumListSize
// 1–50 } }. Answer: SearchResults.DropLocation[] with AccessPointInformation.PublicAccessPointID,
// AddressKeyFormat, Geocode, Distance { Value, UnitOfMeasurement.Code }, OperatingHours.StandardHours[]
// { HoursType (10 = regular operating hours), DayOfWeek[] { Day 1=Sunday…7=Saturday, OpenHours,
// CloseHours (HHMM, "930" or "0" for midnight), ClosedIndicator, Open24HoursIndicator } }.
import type { ServicePoint, ServicePointQuery } from '../../service-points/port.ts';
import type { UpsClient } from './client.ts';

const LOCATOR_VERSION = 'v3';
const ACCESS_POINTS = '64';
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

type DayHours = { Day?: string; OpenHours?: string; CloseHours?: string; ClosedIndicator?: string; Open24HoursIndicator?: string };
type DropLocation = {
  LocationID?: string;
  AccessPointInformation?: { PublicAccessPointID?: string };
  AddressKeyFormat?: {
    ConsigneeName?: string;
    AddressLine?: string;
    PoliticalDivision2?: string;
    PostcodePrimaryLow?: string;
    CountryCode?: string;
  };
  Geocode?: { Latitude?: string; Longitude?: string };
  Distance?: { Value?: string; UnitOfMeasurement?: { Code?: string } };
  OperatingHours?: { StandardHours?: { HoursType?: string; DayOfWeek?: DayHours[] }[] };
};
type LocatorAnswer = { LocatorResponse?: { SearchResults?: { DropLocation?: DropLocation[] } } };

/** Locator.yaml's Geocode Latitude/Longitude are strings of exactly 15 characters. */
export function geocode15(value: number): string {
  const whole = Math.trunc(Math.abs(value)).toString().length + (value < 0 ? 1 : 0);
  return value.toFixed(Math.max(0, 15 - whole - 1)).slice(0, 15);
}

function hhmm(value: string | undefined): string | null {
  if (value === undefined || !/^\d{1,4}$/.test(value)) return null;
  const padded = value.padStart(4, '0');
  return `${padded.slice(0, 2)}:${padded.slice(2)}`;
}

export function openingHours(location: DropLocation): Record<string, string> {
  const ranges: Record<string, string[]> = {};
  const regular = (location.OperatingHours?.StandardHours ?? []).find((h) => h.HoursType === '10');
  for (const day of regular?.DayOfWeek ?? []) {
    const name = DAYS[Number(day.Day) - 1];
    if (!name) continue;
    const list = ranges[name] ?? [];
    ranges[name] = list;
    if (day.ClosedIndicator !== undefined) continue;
    if (day.Open24HoursIndicator !== undefined) {
      list.push('00:00-24:00');
      continue;
    }
    const open = hhmm(day.OpenHours);
    const close = hhmm(day.CloseHours);
    // Midnight comes as "0": as a closing time it is the end of the day.
    if (open && close) list.push(`${open}-${close === '00:00' ? '24:00' : close}`);
  }
  return Object.fromEntries(DAYS.map((day) => [day, ranges[day]?.length ? (ranges[day] as string[]).join(',') : 'closed']));
}

function meters(distance: DropLocation['Distance']): number | null {
  const value = Number(distance?.Value);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * (distance?.UnitOfMeasurement?.Code === 'MI' ? 1609.344 : 1000));
}

export async function searchAccessPoints(client: UpsClient, query: ServicePointQuery): Promise<ServicePoint[]> {
  if (query.types?.length && !query.types.includes('service_point')) return [];
  const hasPosition = query.latitude !== undefined && query.longitude !== undefined;
  const limit = String(Math.min(50, Math.max(1, query.limit)));
  const { body } = await client.call<LocatorAnswer>({
    method: 'POST',
    path: `/api/locations/${LOCATOR_VERSION}/search/availabilities/${ACCESS_POINTS}`,
    query: { Locale: 'en_US' },
    body: {
      LocatorRequest: {
        Request: { RequestAction: 'Locator' },
        OriginAddress: {
          ...(hasPosition
            ? { Geocode: { Latitude: geocode15(query.latitude as number), Longitude: geocode15(query.longitude as number) } }
            : {}),
          AddressKeyFormat: {
            ...(query.postalCode ? { PostcodePrimaryLow: query.postalCode } : {}),
            CountryCode: query.country.toUpperCase(),
          },
        },
        Translate: { Locale: 'en_US' },
        UnitOfMeasurement: { Code: 'KM' },
        LocationSearchCriteria: { AccessPointSearch: { AccessPointStatus: '01' }, MaximumListSize: limit },
      },
    },
    what: 'searching UPS Access Points',
  });
  const points: ServicePoint[] = [];
  for (const location of body.LocatorResponse?.SearchResults?.DropLocation ?? []) {
    const id = location.AccessPointInformation?.PublicAccessPointID ?? location.LocationID;
    const address = location.AddressKeyFormat;
    const latitude = Number(location.Geocode?.Latitude);
    const longitude = Number(location.Geocode?.Longitude);
    if (!id || !address || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    points.push({
      id,
      carrier: 'ups',
      type: 'service_point',
      name: address.ConsigneeName ?? 'UPS Access Point',
      street: (address.AddressLine ?? '').split('\n')[0] ?? '',
      houseNumber: '',
      postalCode: address.PostcodePrimaryLow ?? '',
      city: address.PoliticalDivision2 ?? '',
      country: address.CountryCode ?? query.country.toUpperCase(),
      latitude,
      longitude,
      openingHours: openingHours(location),
      distanceMeters: meters(location.Distance),
    });
  }
  return points
    .sort((a, b) => (a.distanceMeters ?? Number.MAX_SAFE_INTEGER) - (b.distanceMeters ?? Number.MAX_SAFE_INTEGER))
    .slice(0, query.limit);
}
