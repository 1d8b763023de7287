// Service points from a small dataset bundled with Retour (service-points.json): enough for the
// sandbox carriers in the countries Retour is tried in first, with no network and no API key.
// Search near a position: by great-circle distance. Search by postal code: points of that country
// ranked by postal-code closeness (same region prefix first, then numeric distance), with
// distances from the closest point in that region, which stands in for the postal code's position.
import { readFileSync } from 'node:fs';
import { haversineMeters, MAX_SERVICE_POINTS, type ServicePoint, type ServicePointProvider, type ServicePointQuery } from './port.ts';

export type BundledPoint = Omit<ServicePoint, 'distanceMeters'>;

/** Leading characters of a postal code that name its region (NL, DE, FR, IT, ES: province or area). */
const REGION_PREFIX_LENGTH = 2;

let bundled: BundledPoint[] | undefined;

/** The bundled dataset, read once. */
export function bundledServicePoints(): BundledPoint[] {
  bundled ??= JSON.parse(readFileSync(new URL('./service-points.json', import.meta.url), 'utf8')) as BundledPoint[];
  return bundled;
}

/** Uppercase, without spaces, hyphens or a leading country prefix: `L-1616` → `1616`, `1012 ab` → `1012AB`. */
export function postalKey(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/^[A-Z]+(?=\d)/, '');
}

/** How far apart two postal codes are as numbers, over the digits the point's code has. */
function numericDistance(query: string, point: string): number {
  const q = /^\d+/.exec(query)?.[0];
  const p = /^\d+/.exec(point)?.[0];
  if (!q || !p) return Number.POSITIVE_INFINITY;
  return Math.abs(Number(q.slice(0, p.length).padEnd(p.length, '0')) - Number(p));
}

function sharedPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

type Ranked = { point: BundledPoint; sameRegion: boolean; numeric: number; shared: number };

/**
 * Same region first, then the nearest number, then the longest shared prefix (`1012AB` before
 * `1012PH`), then (when known) the nearer point.
 */
function byPostalCloseness(a: Ranked, b: Ranked, nearer = 0): number {
  if (a.sameRegion !== b.sameRegion) return a.sameRegion ? -1 : 1;
  return a.numeric - b.numeric || b.shared - a.shared || nearer || a.point.id.localeCompare(b.point.id);
}

function withDistance(point: BundledPoint, distanceMeters: number | null): ServicePoint {
  return { ...point, openingHours: { ...point.openingHours }, distanceMeters };
}

export function createBundledServicePointProvider(points: readonly BundledPoint[] = bundledServicePoints()): ServicePointProvider {
  return {
    async search(query: ServicePointQuery): Promise<ServicePoint[]> {
      const limit = Math.max(1, Math.min(MAX_SERVICE_POINTS, Math.floor(query.limit)));
      const country = query.country.toUpperCase();
      const inCountry = points.filter((p) => p.country === country);
      const wanted = (p: BundledPoint) =>
        (query.carrier === undefined || p.carrier === query.carrier) &&
        (query.types === undefined || query.types.length === 0 || query.types.includes(p.type));

      if (query.latitude !== undefined && query.longitude !== undefined) {
        const origin = { latitude: query.latitude, longitude: query.longitude };
        return inCountry
          .filter(wanted)
          .map((p) => withDistance(p, haversineMeters(origin, p)))
          .sort((a, b) => (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) || a.id.localeCompare(b.id))
          .slice(0, limit);
      }
      if (query.postalCode === undefined) return [];

      const key = postalKey(query.postalCode);
      const region = key.slice(0, REGION_PREFIX_LENGTH);
      const rank = (p: BundledPoint): Ranked => {
        const pointKey = postalKey(p.postalCode);
        return {
          point: p,
          sameRegion: region.length === REGION_PREFIX_LENGTH && pointKey.startsWith(region),
          numeric: numericDistance(key, pointKey),
          shared: sharedPrefixLength(key, pointKey),
        };
      };
      // The area of the postal code: the closest point of any carrier or type in its region.
      const anchor = inCountry.map(rank).sort(byPostalCloseness)[0];
      const origin = anchor?.sameRegion ? anchor.point : null;
      const distanceOf = (p: BundledPoint) => (origin ? haversineMeters(origin, p) : null);
      return inCountry
        .filter(wanted)
        .map(rank)
        .sort((a, b) => byPostalCloseness(a, b, (distanceOf(a.point) ?? 0) - (distanceOf(b.point) ?? 0)))
        .slice(0, limit)
        .map((r) => withDistance(r.point, distanceOf(r.point)));
    },
  };
}
