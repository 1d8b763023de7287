// GET /api/portal/{slug}/service-points: drop-off points near a postal code or a position, for a
// carrier the portal offers for drop-off in the shopper's country.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let shop: Shop;
beforeAll(async () => {
  h = await startHarness();
  // default portal: drop_off, drop_off_labelless and pickup; NL: sandbox and sandbox_courier; elsewhere sandbox
  shop = await setupShop(h);
});
afterAll(async () => h.close());

const search = (query: string, slug = shop.slug, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url: `/api/portal/${slug}/service-points?${query}`, headers });

async function points(query: string, slug = shop.slug) {
  const res = await search(query, slug);
  expect(res.statusCode, res.body).toBe(200);
  expect(Object.keys(json(res))).toEqual(['data']);
  return json(res).data as any[];
}

const isAscending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1]! <= v);

describe('GET /api/portal/{slug}/service-points', () => {
  it('finds points by postal code: the closest first, at most 10 by default, with full details', async () => {
    const found = await points('carrier=sandbox&country=NL&postalCode=1012%20ab');
    expect(found).toHaveLength(10);
    expect(found[0]).toEqual({
      id: 'SBP-NL-001',
      carrier: 'sandbox',
      type: 'service_point',
      name: 'Sandbox Point Amsterdam Centraal',
      street: 'Stationsplein',
      houseNumber: '15',
      postalCode: '1012 AB',
      city: 'Amsterdam',
      country: 'NL',
      latitude: 52.3784,
      longitude: 4.9001,
      openingHours: {
        monday: '08:00-20:00',
        tuesday: '08:00-20:00',
        wednesday: '08:00-20:00',
        thursday: '08:00-20:00',
        friday: '08:00-20:00',
        saturday: '08:00-20:00',
        sunday: '12:00-17:00',
      },
      distanceMeters: 0,
    });
    expect(found.every((p) => p.carrier === 'sandbox' && p.country === 'NL')).toBe(true);
    // Amsterdam (region 10) first, then by postal code
    expect(found.slice(0, 5).map((p) => p.postalCode)).toEqual(['1012 AB', '1012 PH', '1025 EW', '1056 EG', '1077 XW']);
    expect(found.slice(0, 5).every((p) => p.distanceMeters < 10_000)).toBe(true);
  });

  it('finds points by position, nearest first', async () => {
    // Rotterdam Centraal
    const found = await points('carrier=sandbox&country=nl&latitude=51.9244&longitude=4.4690&limit=50');
    expect(found[0]).toMatchObject({ name: 'Sandbox Point Rotterdam Centraal', distanceMeters: 0 });
    expect(found[1]).toMatchObject({ city: 'Rotterdam' });
    expect(isAscending(found.map((p) => p.distanceMeters))).toBe(true);
    expect(found.every((p) => p.carrier === 'sandbox' && p.country === 'NL')).toBe(true);
    // Berlin, for a shopper in DE
    const berlin = await points('carrier=sandbox&country=DE&latitude=52.52&longitude=13.405&limit=3');
    expect(berlin.map((p) => p.city)).toEqual(['Berlin', 'Berlin', 'Hamburg']);
    expect(berlin[0].name).toBe('Sandbox Post Office Berlin Alexanderplatz');
  });

  it('filters by type (one or several) and by carrier, and keeps to the limit', async () => {
    const lockers = await points('carrier=sandbox&country=NL&postalCode=1012AB&type=locker&limit=50');
    expect(lockers.length).toBeGreaterThan(0);
    expect(lockers.every((p) => p.type === 'locker')).toBe(true);
    const two = await points('carrier=sandbox&country=NL&postalCode=1012AB&type=locker,post_office&limit=50');
    expect(new Set(two.map((p) => p.type))).toEqual(new Set(['locker', 'post_office']));
    const courier = await points('carrier=sandbox_courier&country=NL&postalCode=1012AB&limit=50');
    expect(courier.length).toBeGreaterThan(0);
    expect(courier.every((p) => p.carrier === 'sandbox_courier')).toBe(true);
    expect(courier[0]).toMatchObject({ postalCode: '1012 TL', type: 'locker' });
    const all = await points('carrier=sandbox&country=NL&postalCode=1012AB&limit=50');
    expect(await points('carrier=sandbox&country=NL&postalCode=1012AB&limit=3')).toEqual(all.slice(0, 3));
    expect(await points('carrier=sandbox&country=NL&postalCode=1012AB&limit=1')).toEqual(all.slice(0, 1));
    // a country where the portal offers the carrier but no point exists
    expect(await points('carrier=sandbox&country=PL&postalCode=00-001')).toEqual([]);
  });

  it.each([
    ['country=NL&postalCode=1012AB', ['carrier']],
    ['carrier=sandbox&postalCode=1012AB', ['country']],
    ['carrier=sandbox&country=NLD&postalCode=1012AB', ['country']],
    ['carrier=sandbox&country=NL', ['postalCode']],
    ['carrier=sandbox&country=NL&postalCode=', ['postalCode']],
    ['carrier=sandbox&country=NL&latitude=52.37', ['longitude']],
    ['carrier=sandbox&country=NL&longitude=4.9', ['latitude']],
    ['carrier=sandbox&country=NL&latitude=91&longitude=4.9', ['latitude']],
    ['carrier=sandbox&country=NL&latitude=52&longitude=-180.5', ['longitude']],
    ['carrier=sandbox&country=NL&latitude=north&longitude=4.9', ['latitude']],
    ['carrier=sandbox&country=NL&latitude=&longitude=', ['latitude']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&type=shop', ['type']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&type=locker,', ['type']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&limit=0', ['limit']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&limit=51', ['limit']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&limit=2.5', ['limit']],
    ['carrier=sandbox&country=NL&postalCode=1012AB&lang=xx', ['lang']],
    [`carrier=sandbox&country=NL&postalCode=${'1'.repeat(21)}`, ['postalCode']],
  ])('refuses %s with 400 at %j', async (query, path) => {
    expectIssue(await search(query), path);
  });

  it('refuses a carrier the portal does not offer for drop-off in that country (422 method_not_available)', async () => {
    // sandbox_courier is offered in NL only; dhl nowhere
    const other = expectError(await search('carrier=sandbox_courier&country=BE&postalCode=1000'), 422, 'method_not_available');
    expect(other.details).toEqual({ carrier: 'sandbox_courier', available: ['sandbox'] });
    expectError(await search('carrier=dhl&country=NL&postalCode=1012AB'), 422, 'method_not_available');
    // a portal that offers pickups only has no drop-off carriers at all
    const pickupOnly = await setupShop(h, { methods: ['pickup'] });
    const none = expectError(await search('carrier=sandbox&country=NL&postalCode=1012AB', pickupOnly.slug), 422, 'method_not_available');
    expect(none.details).toEqual({ carrier: 'sandbox', available: [] });
    // labelless drop-off only: sandbox_courier cannot do it, sandbox can
    const labelless = await setupShop(h, { methods: ['drop_off_labelless', 'pickup'] });
    expectError(await search('carrier=sandbox_courier&country=NL&postalCode=1012AB', labelless.slug), 422, 'method_not_available');
    expect((await points('carrier=sandbox&country=NL&postalCode=1012AB', labelless.slug)).length).toBeGreaterThan(0);
    // the shopper's language
    const nl = expectError(await search('carrier=dhl&country=NL&postalCode=1012AB&lang=nl'), 422, 'method_not_available');
    const en = expectError(await search('carrier=dhl&country=NL&postalCode=1012AB&lang=en'), 422, 'method_not_available');
    expect(nl.message).not.toBe(en.message);
  });

  it('answers 404 portal_not_found for an unknown or disabled portal', async () => {
    expectError(await search('carrier=sandbox&country=NL&postalCode=1012AB', 'no-such-portal'), 404, 'portal_not_found');
    const disabled = await setupShop(h);
    const off = await disabled.merchant.call('PATCH', `/api/v1/portals/${disabled.portal.id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expectError(await search('carrier=sandbox&country=NL&postalCode=1012AB', disabled.slug), 404, 'portal_not_found');
  });

  it('is in the OpenAPI document', async () => {
    const spec = json(await h.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(Object.keys(spec.paths)).toContain('/api/portal/{slug}/service-points');
  });
});
