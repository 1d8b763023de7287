// The DHL Parcel adapter against a fake DHL gateway over real HTTP (test/support/fake-dhl-parcel.ts,
// which names the DHL references each rule follows).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeTyped, rasterise } from '../../documents/test/scan.ts';
import { type BookRequest, type CarrierAdapter, CarrierError } from '../src/carriers/adapter.ts';
import { clearDhlTokenCache } from '../src/carriers/dhl-parcel/client.ts';
import { createDhlParcelAdapter, DHL_PARCEL_BASE_URL } from '../src/carriers/dhl-parcel/adapter.ts';
import { labelIdFor } from '../src/carriers/dhl-parcel/labels.ts';
import { FakeDhlParcel } from './support/fake-dhl-parcel.ts';

const USER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const credentials = { userId: USER_ID, key: 'key-1', accountId: '08500001' };
let fake: FakeDhlParcel;

const adapter = (overrides: Partial<typeof credentials> = {}, timeoutMs = 5_000): CarrierAdapter =>
  createDhlParcelAdapter({ ...credentials, ...overrides }, { baseUrl: fake.origin, timeoutMs });

let keySerial = 0;
const request = (overrides: Partial<BookRequest> = {}): BookRequest => ({
  reference: 'R-ABC123',
  idempotencyKey: `ret_${++keySerial}`,
  method: 'drop_off',
  service: 'SMALL',
  from: {
    name: 'Jan de Vries',
    street: 'Atoomweg',
    houseNumber: '30',
    postalCode: '3542 AB',
    city: 'Utrecht',
    country: 'NL',
    email: 'jan@example.com',
  },
  to: {
    name: 'Returns desk',
    company: 'Webshop B.V.',
    street: 'Reactorweg',
    houseNumber: '25A',
    postalCode: '3542AD',
    city: 'Utrecht',
    country: 'NL',
    phone: '0301234567',
  },
  weightGrams: 1200,
  labelFormat: 'a4',
  ...overrides,
});

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

beforeAll(async () => {
  fake = await new FakeDhlParcel().start();
});
afterAll(() => fake.stop());
afterEach(() => clearDhlTokenCache());

describe('DHL Parcel adapter', () => {
  it('points at the production gateway by default', () => {
    expect(DHL_PARCEL_BASE_URL).toBe('https://api-gw.dhlparcel.nl');
  });

  it('derives the label id from the idempotency key: a stable, name-based (v5) UUID', () => {
    expect(labelIdFor('ret_1')).toBe(labelIdFor('ret_1'));
    expect(labelIdFor('ret_1')).not.toBe(labelIdFor('ret_2'));
    expect(labelIdFor('ret_1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('verifies good credentials and refuses a wrong key or an account the key may not use', async () => {
    await expect(adapter().verify()).resolves.toEqual({ accountName: null });
    const wrongKey = await carrierError(adapter({ key: 'nope' }).verify());
    expect(wrongKey.code).toBe('carrier_auth_failed');
    expect(wrongKey.carrierMessage).toContain(USER_ID);
    expect(wrongKey.carrierMessage).toMatch(/Reconnect/);
    const wrongAccount = await carrierError(adapter({ accountId: '99999999' }).verify());
    expect(wrongAccount.code).toBe('carrier_auth_failed');
    expect(wrongAccount.carrierMessage).toContain('08500001');
  });

  it('lists return services per parcel type with the countries a return can start from, no price', async () => {
    const services = await adapter().services();
    const call = fake.calls('GET', '/capabilities/business').at(-1);
    expect(call?.query.get('returnProduct')).toBe('true');
    expect(call?.query.get('accountNumber')).toBe('08500001');
    expect(services.map((s) => s.code)).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
    expect(services[0]).toMatchObject({
      carrier: 'dhl',
      methods: ['drop_off'],
      fromCountries: ['BE', 'LU', 'NL'],
      phoneRequired: false,
      price: null,
    });
    expect(services[0]?.name).toContain('max 2 kg');
  });

  it('books a return label: returnLabel, shopper as shipper, a PDF whose Code 128 is the tracker code', async () => {
    const booking = await adapter().book(request({ idempotencyKey: 'ret_pdf' }));
    const sent = fake.calls('POST', '/labels').at(-1)?.body;
    expect(sent).toMatchObject({
      labelId: labelIdFor('ret_pdf'),
      returnLabel: true,
      orderReference: 'R-ABC123',
      parcelTypeKey: 'SMALL',
      accountId: '08500001',
      shipper: {
        name: { firstName: 'Jan', lastName: 'de Vries' },
        address: { countryCode: 'NL', postalCode: '3542 AB', number: '30', isBusiness: false },
      },
      receiver: {
        name: { companyName: 'Webshop B.V.' },
        address: { number: '25', addition: 'A', isBusiness: true },
        phoneNumber: '0301234567',
      },
      options: [{ key: 'DOOR' }, { key: 'REFERENCE', input: 'R-ABC123' }],
      weight: 1.2,
    });
    expect(booking.trackingNumber).toMatch(/^JVGL0/);
    expect(booking.carrierShipmentId).toBe(labelIdFor('ret_pdf'));
    expect(booking.trackingUrl).toBe(`https://my.dhlecommerce.nl/home/tracktrace/${booking.trackingNumber}`);
    expect(booking.price).toBeNull();
    expect(booking.labelless).toBeNull();
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'a4', mimeType: 'application/pdf' });
    const pdf = Buffer.from(label?.bytes ?? []);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeTyped(rasterise(pdf, 300))).toContainEqual({ type: 'CODE-128', value: booking.trackingNumber });
    // Fetching again gives DHL's PDF bytes untouched.
    const [again] = (await adapter().fetchDocuments?.(booking.carrierShipmentId, 'a4')) ?? [];
    expect(Buffer.from(again?.bytes ?? []).equals(pdf)).toBe(true);
  });

  it('books a ZPL label when asked for zpl', async () => {
    const booking = await adapter().book(request({ labelFormat: 'zpl' }));
    expect(fake.calls('POST', '/labels').at(-1)?.body.labelFormat).toBe('zpl');
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'zpl', mimeType: 'application/zpl' });
    const zpl = new TextDecoder().decode(label?.bytes);
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl).toContain(`^BCN,220,Y,N,N^FD${booking.trackingNumber}^FS`);
  });

  it('a retried booking finds the label of the first attempt instead of making a second', async () => {
    const first = await adapter().book(request({ idempotencyKey: 'ret_retry' }));
    const posts = fake.calls('POST', '/labels').length;
    const second = await adapter().book(request({ idempotencyKey: 'ret_retry' }));
    expect(second.trackingNumber).toBe(first.trackingNumber);
    expect(second.carrierShipmentId).toBe(first.carrierShipmentId);
    expect(fake.calls('POST', '/labels').length).toBe(posts);
    expect([...fake.labels.values()].filter((l) => l.labelId === labelIdFor('ret_retry'))).toHaveLength(1);
    // The fake, like a real duplicate, refuses the same labelId twice: the look-up is what saves us.
    const direct = await fetch(`${fake.origin}/labels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: String(fake.calls('POST', '/labels').at(-1)?.headers.authorization) },
      body: JSON.stringify(fake.labels.get(labelIdFor('ret_retry'))?.request),
    });
    expect(direct.status).toBe(409);
  });

  it.each([
    ['from.postalCode', { from: { ...request().from, postalCode: '35A' } }],
    ['to.postalCode', { to: { ...request().to, postalCode: '99999' } }],
    ['from.houseNumber', { from: { ...request().from, houseNumber: null } }],
    ['from.city', { from: { ...request().from, city: ' ' } }],
    ['to.country', { to: { ...request().to, country: 'FR' } }],
    ['from.email', { from: { ...request().from, email: 'not-an-address' } }],
  ] as const)('an address DHL refuses names the field: %s', async (field, overrides) => {
    const error = await carrierError(adapter().book(request(overrides as Partial<BookRequest>)));
    expect(error.code).toBe('carrier_rejected_address');
    expect(error.opts.field).toBe(field);
    expect(error.opts.status).toBe(400);
    expect(error.carrierMessage.length).toBeGreaterThan(5);
  });

  it('other refusals are carrier_rejected with DHL message; unsupported methods are refused before any call', async () => {
    const heavy = await carrierError(adapter().book(request({ weightGrams: 5_000 })));
    expect(heavy).toMatchObject({ code: 'carrier_rejected' });
    expect(heavy.carrierMessage).toContain('above 2 kg');
    const route = await carrierError(
      adapter().book(
        request({
          from: { ...request().from, country: 'LU', postalCode: '1234' },
          to: { ...request().to, country: 'BE', postalCode: '1000' },
        }),
      ),
    );
    expect(route.code).toBe('carrier_rejected');
    for (const method of ['pickup', 'drop_off_labelless', 'in_store'] as const) {
      const posts = fake.received.length;
      expect((await carrierError(adapter().book(request({ method })))).code).toBe('carrier_rejected');
      expect(fake.received.length).toBe(posts);
    }
  });

  it('5xx, 429 with Retry-After and a timeout are carrier_unavailable (retryable)', async () => {
    fake.failNext('/labels', { status: 503, body: { message: 'Service Unavailable' } });
    const down = await carrierError(adapter().book(request()));
    expect(down).toMatchObject({ code: 'carrier_unavailable', retryable: true });
    expect(down.opts.status).toBe(503);
    fake.failNext('/capabilities', { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '7' } });
    const limited = await carrierError(adapter().services());
    expect(limited.code).toBe('carrier_unavailable');
    expect(limited.opts.retryAfterMs).toBe(7_000);
    fake.failNext('/authenticate/api-key', 'hang');
    const slow = await carrierError(adapter({}, 300).verify());
    expect(slow.code).toBe('carrier_unavailable');
    expect(slow.carrierMessage).toContain('300 ms');
  });

  it('reuses the token, renews it once after a 401 (refresh token first), and fails auth when renewal cannot help', async () => {
    await adapter().services();
    const signIns = fake.calls('POST', '/authenticate/api-key').length;
    await adapter().services();
    expect(fake.calls('POST', '/authenticate/api-key').length).toBe(signIns);
    fake.revokeAccessTokens();
    await adapter().services();
    expect(fake.calls('POST', '/authenticate/refresh-token').length).toBe(1);
    expect(fake.calls('POST', '/authenticate/api-key').length).toBe(signIns);
    fake.failNext('/capabilities', { status: 401, body: { message: 'Unauthorized' } });
    fake.failNext('/capabilities', { status: 401, body: { message: 'Unauthorized' } });
    const denied = await carrierError(adapter().services());
    expect(denied.code).toBe('carrier_auth_failed');
    expect(denied.carrierMessage).toContain(USER_ID);
    fake.failNext('/labels', { status: 403, body: { message: 'Forbidden' } });
    expect((await carrierError(adapter().book(request()))).code).toBe('carrier_auth_failed');
  });

  it('renews a token that is about to expire with the refresh token, before calling', async () => {
    fake.accessTtlS = 20; // inside the adapter's 30 s margin: already stale when it arrives
    try {
      await adapter().services();
      const refreshes = fake.calls('POST', '/authenticate/refresh-token').length;
      const unauthorised = fake.received.length;
      await adapter().services();
      expect(fake.calls('POST', '/authenticate/refresh-token').length).toBe(refreshes + 1);
      expect(fake.received.slice(unauthorised).map((r) => r.path)).toEqual(['/authenticate/refresh-token', '/capabilities/business']);
    } finally {
      fake.accessTtlS = 900;
    }
  });

  it('an expired key on a later call is carrier_auth_failed naming the account user', async () => {
    await adapter().services();
    const user = fake.users.get(USER_ID);
    fake.users.set(USER_ID, { ...(user as NonNullable<typeof user>), key: 'rotated' });
    fake.revokeAccessTokens();
    fake.failNext('/authenticate/refresh-token', { status: 401, body: { message: 'Invalid refresh token' } });
    try {
      const error = await carrierError(adapter().services());
      expect(error.code).toBe('carrier_auth_failed');
      expect(error.carrierMessage).toContain(USER_ID);
    } finally {
      fake.users.set(USER_ID, user as NonNullable<typeof user>);
    }
  });

  it('cancel: an unscanned label is left unused; a scanned one is carrier_not_cancellable', async () => {
    const unused = await adapter().book(request());
    await expect(adapter().cancel(unused.carrierShipmentId)).resolves.toBeUndefined();
    const used = await adapter().book(request());
    fake.scan(used.trackingNumber, {
      category: 'UNDERWAY',
      status: 'SHIPMENT_ACCEPTANCE_PARCELSHOP',
      timestamp: '2026-12-02T10:00:00.000Z',
      type: 'PIECE_EVENT',
    });
    expect((await carrierError(adapter().cancel(used.carrierShipmentId))).code).toBe('carrier_not_cancellable');
    const unknown = await carrierError(adapter().cancel('00000000-0000-4000-8000-000000000000'));
    expect(unknown).toMatchObject({ code: 'carrier_rejected' });
  });

  it('tracks DHL event codes: known codes map, unknown ones stay on the timeline with status null', async () => {
    const a = await adapter().book(request());
    const b = await adapter().book(request());
    fake.scan(
      a.trackingNumber,
      { category: 'UNDERWAY', status: 'SHIPMENT_ACCEPTANCE_PARCELSHOP', timestamp: '2026-12-02T10:00:00.000Z', type: 'PIECE_EVENT' },
      { category: 'UNDERWAY', status: 'PARCEL_SORTED_AT_HUB', timestamp: '2026-12-02T22:00:00.000Z', type: 'PIECE_EVENT' },
      { category: 'DELIVERED', status: 'DELIVERED', timestamp: '2026-12-03T11:00:00.000Z', type: 'PIECE_EVENT' },
    );
    fake.scan(
      b.trackingNumber,
      { category: 'ZZ_NEW', status: 'SOMETHING_DHL_ADDED_LATER', timestamp: '2026-12-02T12:00:00.000Z', type: 'PIECE_EVENT' },
      { category: 'IN_DELIVERY', status: 'A_NEW_DELIVERY_STEP', timestamp: '2026-12-02T13:00:00.000Z', type: 'PIECE_EVENT' },
    );
    const events = await adapter().track([
      { trackingNumber: a.trackingNumber, carrierShipmentId: a.carrierShipmentId },
      { trackingNumber: b.trackingNumber, carrierShipmentId: b.carrierShipmentId },
      { trackingNumber: 'JVGL0000000000000000NONE', carrierShipmentId: 'x' },
    ]);
    expect(fake.calls('GET', '/track-trace').at(-1)?.query.get('key')?.split(',')).toHaveLength(3);
    const of = (n: string) => events.filter((e) => e.trackingNumber === n).map((e) => [e.code, e.status]);
    expect(of(a.trackingNumber)).toEqual([
      ['DATA_RECEIVED_WITH_PREFIX_LABEL', null],
      ['SHIPMENT_ACCEPTANCE_PARCELSHOP', 'in_transit'],
      ['PARCEL_SORTED_AT_HUB', 'in_transit'],
      ['DELIVERED', 'delivered'],
    ]);
    expect(of(b.trackingNumber)).toEqual([
      ['DATA_RECEIVED_WITH_PREFIX_LABEL', null],
      ['SOMETHING_DHL_ADDED_LATER', null],
      ['A_NEW_DELIVERY_STEP', 'in_transit'],
    ]);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    await expect(adapter().track([{ trackingNumber: 'JVGL0000000000000000NONE', carrierShipmentId: 'x' }])).resolves.toEqual([]);
  });

  it('finds DHL ServicePoints near a postal code with opening hours and distance', async () => {
    const points = await adapter().servicePoints({ country: 'NL', postalCode: '3542 ab', limit: 10 });
    const call = fake.calls('GET', '/parcel-shop-locations/NL').at(-1);
    expect(call?.query.get('zipCode')).toBe('3542AB');
    expect(call?.query.get('showUnavailable')).toBe('false');
    expect(call?.headers.authorization).toBeUndefined();
    expect(points.map((p) => p.id)).toEqual(['8004-NL-354203', '8004-NL-354251', '8004-NL-354202']);
    expect(points[0]).toMatchObject({
      carrier: 'dhl',
      type: 'service_point',
      name: 'DHL Parcel Hoofdkantoor',
      street: 'Reactorweg',
      houseNumber: '25',
      postalCode: '3542AD',
      city: 'Utrecht',
      country: 'NL',
      openingHours: { monday: '07:30-17:30', friday: '07:30-17:30', saturday: 'closed', sunday: 'closed' },
    });
    expect(points[0]?.distanceMeters).toBeGreaterThan(300);
    expect(points[0]?.distanceMeters).toBeLessThan(600);
    expect(points[1]).toMatchObject({
      type: 'locker',
      name: 'DHL PackStation',
      houseNumber: '25-PS',
      openingHours: { sunday: '00:00-23:30' },
    });
    expect(points[2]?.openingHours).toMatchObject({ monday: '08:00-12:30,13:30-19:00', saturday: '09:00-13:00', sunday: 'closed' });
    const lockers = await adapter().servicePoints({ country: 'NL', latitude: 52.12, longitude: 5.056, limit: 5, types: ['locker'] });
    expect(lockers.map((p) => p.id)).toEqual(['8004-NL-354251']);
    const near = await adapter().servicePoints({ country: 'NL', latitude: 52.1204578, longitude: 5.05611986, limit: 1 });
    expect(near).toMatchObject([{ id: '8004-NL-354202', distanceMeters: 0 }]);
  });
});
