// Service points: the bundled dataset and the search over it (by position, by postal code, filters).
import { describe, expect, it } from 'vitest';
import { bundledServicePoints, createBundledServicePointProvider, postalKey } from '../src/service-points/bundled-provider.ts';
import { haversineMeters, type ServicePoint } from '../src/service-points/port.ts';
import { createServicePointProvider } from '../src/service-points/registry.ts';

const provider = createServicePointProvider();
const ids = (points: ServicePoint[]) => points.map((p) => p.id);
const isAscending = (values: number[]) => values.every((v, i) => i === 0 || (values[i - 1] as number) <= v);

/** Rough bounding boxes (lat min, lat max, lon min, lon max) of the countries in the dataset. */
const BOXES: Record<string, [number, number, number, number]> = {
  NL: [50.7, 53.6, 3.3, 7.3],
  BE: [49.5, 51.6, 2.5, 6.5],
  DE: [47.2, 55.1, 5.8, 15.1],
  FR: [42.3, 51.1, -4.8, 8.3],
  IT: [36.6, 47.1, 6.6, 18.6],
  ES: [36.0, 43.8, -9.4, 3.4],
  AT: [46.3, 49.1, 9.5, 17.2],
  LU: [49.4, 50.2, 5.7, 6.6],
};
const POSTAL: Record<string, RegExp> = {
  NL: /^\d{4} [A-Z]{2}$/,
  BE: /^\d{4}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  IT: /^\d{5}$/,
  ES: /^\d{5}$/,
  AT: /^\d{4}$/,
  LU: /^L-\d{4}$/,
};
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

describe('the bundled dataset', () => {
  const points = bundledServicePoints();

  it('has about 60 points in NL, BE, DE, FR, IT, ES, AT and LU, each id once', () => {
    expect(points.length).toBeGreaterThanOrEqual(55);
    expect(points.length).toBeLessThanOrEqual(80);
    expect(new Set(points.map((p) => p.country))).toEqual(new Set(Object.keys(BOXES)));
    expect(new Set(points.map((p) => p.id)).size).toBe(points.length);
  });

  it('mixes types and carriers, in every country', () => {
    expect(new Set(points.map((p) => p.type))).toEqual(new Set(['service_point', 'locker', 'post_office']));
    for (const country of Object.keys(BOXES)) {
      const here = points.filter((p) => p.country === country);
      expect(new Set(here.map((p) => p.carrier)), country).toEqual(new Set(['sandbox', 'sandbox_courier']));
      expect(new Set(here.map((p) => p.type)).size, country).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(Object.keys(BOXES))('points in %s lie in the country, with its postal code format and full opening hours', (country) => {
    const [latMin, latMax, lonMin, lonMax] = BOXES[country]!;
    for (const p of bundledServicePoints().filter((q) => q.country === country)) {
      expect(p.latitude, p.id).toBeGreaterThanOrEqual(latMin);
      expect(p.latitude, p.id).toBeLessThanOrEqual(latMax);
      expect(p.longitude, p.id).toBeGreaterThanOrEqual(lonMin);
      expect(p.longitude, p.id).toBeLessThanOrEqual(lonMax);
      expect(p.postalCode, p.id).toMatch(POSTAL[country]!);
      expect(Object.keys(p.openingHours), p.id).toEqual(DAYS);
      for (const hours of Object.values(p.openingHours)) expect(hours, p.id).toMatch(/^(\d\d:\d\d-\d\d:\d\d|closed)$/);
      expect(p.name, p.id).toMatch(/^Sandbox /);
      expect(p.street.length * p.city.length * p.houseNumber.length, p.id).toBeGreaterThan(0);
    }
  });
});

describe('haversine distance', () => {
  it.each([
    [{ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }, 111_195],
    [{ latitude: 52.3791, longitude: 4.9003 }, { latitude: 52.3791, longitude: 4.9003 }, 0],
    // Amsterdam Centraal → Paris Gare du Nord, about 430 km as the crow flies
    [{ latitude: 52.3791, longitude: 4.9003 }, { latitude: 48.8809, longitude: 2.3553 }, 430_000],
  ])('%j → %j is about %i m', (a, b, metres) => {
    expect(Math.abs(haversineMeters(a, b) - metres)).toBeLessThanOrEqual(metres === 430_000 ? 5_000 : 1);
    expect(haversineMeters(b, a)).toBe(haversineMeters(a, b));
  });
});

describe('search by position', () => {
  it('answers the points of the country nearest first, with distances', async () => {
    const found = await provider.search({ country: 'NL', latitude: 52.3791, longitude: 4.9003, limit: 50 });
    expect(found).toHaveLength(bundledServicePoints().filter((p) => p.country === 'NL').length);
    expect(found.every((p) => p.country === 'NL')).toBe(true);
    expect(found[0]).toMatchObject({ name: 'Sandbox Point Amsterdam Centraal', postalCode: '1012 AB' });
    expect(found[0]!.distanceMeters).toBeLessThan(200);
    expect(isAscending(found.map((p) => p.distanceMeters!))).toBe(true);
    expect(found.at(-1)?.city).toBe('Maastricht');
    for (const p of found) expect(p.distanceMeters).toBe(haversineMeters({ latitude: 52.3791, longitude: 4.9003 }, p));
  });

  it('stays inside the country asked for, even at a border', async () => {
    // Maastricht: Liège (BE) is nearer than most Dutch points, but the shopper's country counts.
    const nl = await provider.search({ country: 'NL', latitude: 50.8514, longitude: 5.691, limit: 5 });
    expect(nl.every((p) => p.country === 'NL')).toBe(true);
    const be = await provider.search({ country: 'be', latitude: 50.8514, longitude: 5.691, limit: 1 });
    expect(be[0]?.city).toBe('Liège');
  });

  it('filters by carrier and by type, and keeps to the limit', async () => {
    const origin = { country: 'DE', latitude: 52.52, longitude: 13.405 };
    const courier = await provider.search({ ...origin, carrier: 'sandbox_courier', limit: 50 });
    expect(courier.length).toBeGreaterThan(0);
    expect(courier.every((p) => p.carrier === 'sandbox_courier')).toBe(true);
    const lockers = await provider.search({ ...origin, types: ['locker'], limit: 50 });
    expect(lockers.length).toBeGreaterThan(0);
    expect(lockers.every((p) => p.type === 'locker')).toBe(true);
    const two = await provider.search({ ...origin, types: ['locker', 'post_office'], limit: 50 });
    expect(new Set(two.map((p) => p.type))).toEqual(new Set(['locker', 'post_office']));
    const all = await provider.search({ ...origin, limit: 50 });
    expect(await provider.search({ ...origin, limit: 3 })).toEqual(all.slice(0, 3));
    expect(await provider.search({ ...origin, types: [], limit: 50 })).toEqual(all);
    expect(await provider.search({ ...origin, carrier: 'nobody', limit: 50 })).toEqual([]);
  });

  it('never answers more than 50, nor fewer than 1 when there are points', async () => {
    const many = createBundledServicePointProvider(
      Array.from({ length: 80 }, (_, i) => ({ ...bundledServicePoints()[0]!, id: `P${i}`, latitude: 52 + i / 1000 })),
    );
    expect(await many.search({ country: 'NL', latitude: 52, longitude: 4.9, limit: 500 })).toHaveLength(50);
    expect(await many.search({ country: 'NL', latitude: 52, longitude: 4.9, limit: 0 })).toHaveLength(1);
    expect(await many.search({ country: 'FR', latitude: 52, longitude: 4.9, limit: 10 })).toEqual([]);
  });
});

describe('search by postal code', () => {
  it('ranks the same region first, then by postal-code distance, measuring from the closest point', async () => {
    const found = await provider.search({ country: 'NL', postalCode: '1012 ab', limit: 50 });
    // 1012 TL before 1012 PH: equally close codes, and TL is the nearer point
    expect(found.map((p) => p.postalCode)).toEqual([
      '1012 AB',
      '1012 TL',
      '1012 PH',
      '1025 EW',
      '1056 EG',
      '1077 XW',
      '1093 EK',
      '1181 ZM',
      '2011 RD',
      '2595 AA',
      '3011 AD',
      '3013 AJ',
      '3511 ED',
      '5611 AC',
      '6211 CL',
      '9711 LV',
    ]);
    const anchor = found[0]!;
    expect(anchor.distanceMeters).toBe(0);
    for (const p of found) expect(p.distanceMeters).toBe(haversineMeters(anchor, p));
  });

  it('ranks a region first even when another region is numerically nearer', async () => {
    // 1099 is in region 10 (Amsterdam): 1012 (87 away) comes before 1181 (82 away).
    const found = await provider.search({ country: 'NL', postalCode: '1099', limit: 50 });
    expect(found.slice(0, 6).map((p) => p.postalCode.slice(0, 2))).toEqual(['10', '10', '10', '10', '10', '10']);
    expect(found[0]?.postalCode).toBe('1093 EK');
  });

  it('filters by carrier and type; distances stay those of the postal code’s area', async () => {
    const lockers = await provider.search({ country: 'NL', postalCode: '1012AB', types: ['locker'], limit: 50 });
    expect(lockers.every((p) => p.type === 'locker')).toBe(true);
    expect(lockers[0]).toMatchObject({ postalCode: '1012 TL', carrier: 'sandbox_courier' });
    expect(lockers[0]!.distanceMeters).toBeGreaterThan(0);
    expect(lockers[0]!.distanceMeters).toBeLessThan(1000);
    const post = await provider.search({ country: 'NL', postalCode: '1012AB', carrier: 'sandbox', limit: 2 });
    expect(ids(post)).toEqual(['SBP-NL-001', 'SBP-NL-002']);
  });

  it('reads Luxembourg codes with or without the L- prefix', async () => {
    for (const code of ['L-1616', '1616', 'l 1616']) {
      const [first] = await provider.search({ country: 'LU', postalCode: code, limit: 1 });
      expect(first).toMatchObject({ postalCode: 'L-1616', distanceMeters: 0 });
    }
    expect(postalKey('L-1616')).toBe('1616');
    expect(postalKey(' 1012 ab ')).toBe('1012AB');
  });

  it('gives no distance when no point shares the postal code’s region, but still ranks by closeness', async () => {
    const found = await provider.search({ country: 'NL', postalCode: '4000', limit: 3 });
    expect(found.map((p) => p.postalCode)).toEqual(['3511 ED', '3013 AJ', '3011 AD']);
    expect(found.every((p) => p.distanceMeters === null)).toBe(true);
  });

  it('answers nothing without a postal code or a position, and nothing in a country without points', async () => {
    expect(await provider.search({ country: 'NL', limit: 10 })).toEqual([]);
    expect(await provider.search({ country: 'NL', latitude: 52, limit: 10 })).toEqual([]);
    expect(await provider.search({ country: 'PL', postalCode: '00-001', limit: 10 })).toEqual([]);
  });
});
