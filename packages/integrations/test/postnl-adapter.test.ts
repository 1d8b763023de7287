// The PostNL adapter against a fake PostNL over real HTTP (test/support/fake-postnl.ts follows
// PostNL's published OpenAPI): credentials, return labels (PDF and ZPL, decoded as a scanner would),
// Smart Returns (label-less code), no double booking on retry, PostNL's refusals mapped to our
// error codes, cancel rules, status codes mapped, and PostNL points with hours and distance.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeRaw, rasterise } from '../../documents/test/scan.ts';
import { type BookRequest, CarrierError } from '../src/carriers/adapter.ts';
import { addressFieldOf, splitHouseNumber } from '../src/carriers/postnl/address.ts';
import { createPostnlAdapter, POSTNL_BASE_URL } from '../src/carriers/postnl/adapter.ts';
import { parsePostnlTimestamp } from '../src/carriers/postnl/time.ts';
import { FakePostnl } from './support/fake-postnl.ts';

let fake: FakePostnl;
let baseUrl: string;
beforeAll(async () => {
  fake = new FakePostnl();
  baseUrl = await fake.start();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const adapter = (over: Partial<{ apiKey: string; customerNumber: string; timeoutMs: number }> = {}) =>
  createPostnlAdapter(
    { apiKey: over.apiKey ?? fake.apiKey, customerCode: fake.customerCode, customerNumber: over.customerNumber ?? fake.customerNumber },
    { baseUrl, timeoutMs: over.timeoutMs ?? 2000 },
  );

let counter = 0;
function request(over: Partial<BookRequest> = {}): BookRequest {
  counter += 1;
  return {
    reference: `R-PNL${String(counter).padStart(3, '0')}`,
    idempotencyKey: `ret_${counter}`,
    method: 'drop_off',
    service: '3250',
    from: {
      name: 'Peter de Ruiter',
      street: 'Bilderdijkstraat 9a',
      postalCode: '3532 va',
      city: 'Utrecht',
      country: 'NL',
      email: 'peter@example.nl',
    },
    to: {
      name: 'Returns',
      company: 'Shop B.V.',
      street: 'Waldorpstraat',
      houseNumber: '3',
      postalCode: '2521CA',
      city: 'Den Haag',
      country: 'NL',
      email: 'returns@shop.example',
    },
    weightGrams: 1200,
    labelFormat: 'a6',
    orderNumber: '#1001',
    ...over,
  };
}

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

describe('PostNL credentials and products', () => {
  it('verifies a good account and exports the production host', async () => {
    expect(POSTNL_BASE_URL).toBe('https://api.postnl.nl');
    await expect(adapter().verify()).resolves.toEqual({ accountName: 'PostNL customer 11223344 (DEVC)' });
    expect(fake.calls('/shipment/v1_1/barcode')[0]?.headers.apikey).toBe(fake.apiKey);
  });

  it.each([
    ['a wrong API key', { apiKey: 'revoked' }, /PostNL customer 11223344 \(DEVC\) \(Invalid ApiKey\)\. Reconnect/],
    ['a wrong customer number', { customerNumber: '99999999' }, /PostNL customer 99999999 \(DEVC\).*Invalid CustomerCode\/CustomerNumber/],
  ])('refuses %s as carrier_auth_failed naming what to do', async (_label, over, message) => {
    const error = await carrierError(adapter(over).verify());
    expect(error.code).toBe('carrier_auth_failed');
    expect(error.carrierMessage).toMatch(message);
  });

  it('lists the return products without prices (PostNL publishes none per label)', async () => {
    const services = await adapter().services();
    expect(services.map((s) => [s.code, s.methods])).toEqual([
      ['3250', ['drop_off']],
      ['3285', ['drop_off_labelless']],
      ['2285', ['drop_off_labelless']],
    ]);
    expect(services.every((s) => s.carrier === 'postnl' && s.price === null)).toBe(true);
  });
});

describe('PostNL booking', () => {
  it('books a return label: shopper as Sender, merchant as Receiver, PDF whose Code 128 is the barcode', async () => {
    const booking = await adapter().book(request());
    expect(booking.trackingNumber).toMatch(/^3SDEVC\d{9}$/);
    expect(booking.carrierShipmentId).toBe(booking.trackingNumber);
    expect(booking.trackingUrl).toBe(`https://jouw.postnl.nl/track-and-trace/${booking.trackingNumber}-NL-2521CA`);
    expect(booking.price).toBeNull();
    expect(booking.labelless).toBeNull();
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'a6', mimeType: 'application/pdf' });
    const pdf = Buffer.from(label?.bytes ?? []);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeRaw(rasterise(pdf, 203))).toEqual([booking.trackingNumber]);

    const sent = fake.calls('/shipment/v2_2/label')[0];
    expect(sent?.query.get('confirm')).toBe('true');
    expect(sent?.body.Customer.Address).toMatchObject({
      AddressType: '02',
      Street: 'Bilderdijkstraat',
      HouseNr: '9',
      HouseNrExt: 'a',
      Zipcode: '3532VA',
    });
    expect(sent?.body.Shipments[0]).toMatchObject({
      ProductCodeDelivery: '3250',
      Reference: expect.stringMatching(/^R-PNL\d{3}$/),
      CustomerOrderNumber: '#1001',
      Dimension: { Weight: 1200 },
      Addresses: [{ AddressType: '01', CompanyName: 'Shop B.V.', Street: 'Waldorpstraat', HouseNr: '3', Zipcode: '2521CA' }],
      Contacts: [
        { ContactType: '01', Email: 'returns@shop.example' },
        { ContactType: '02', Email: 'peter@example.nl' },
      ],
    });
  });

  it('gives a Zebra printer the carrier ZPL untouched, with the barcode as Code 128', async () => {
    const booking = await adapter().book(request({ labelFormat: 'zpl' }));
    expect(fake.calls('/shipment/v2_2/label')[0]?.body.Message.Printertype).toBe('Zebra|Generic ZPL II 200 dpi');
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'zpl', mimeType: 'application/zpl' });
    const zpl = Buffer.from(label?.bytes ?? []).toString('utf8');
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain(`^BCN,240,Y,N,N\n^FD${booking.trackingNumber}^FS`);
  });

  it('books a Smart Return: no label, the code to show at the PostNL point (QR of the barcode)', async () => {
    const booking = await adapter().book(request({ method: 'drop_off_labelless', service: '3285' }));
    expect(booking.documents).toEqual([]);
    expect(booking.labelless).toMatchObject({ payload: booking.trackingNumber, symbology: 'qrcode' });
    const image = booking.labelless?.image;
    expect(image?.mimeType).toBe('application/pdf');
    expect(decodeRaw(rasterise(Buffer.from(image?.bytes ?? []), 150))).toEqual([booking.trackingNumber]);
    const shipment = fake.calls('/shipment/v2_2/label')[0]?.body.Shipments[0];
    expect(shipment.ProductCodeDelivery).toBe('3285');
    expect(shipment.ProductOptions).toEqual([{ Characteristic: '152', Option: '025' }]);
  });

  it('a retried booking reuses the shipment found by our reference: one barcode, one parcel', async () => {
    const req = request();
    const first = await adapter().book(req);
    const again = await adapter().book(req);
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(fake.calls('/shipment/v1_1/barcode')).toHaveLength(1);
    expect(fake.calls('/shipment/v2/status/reference/')).toHaveLength(2);
    expect(fake.calls('/shipment/v2/status/reference/')[0]?.query.get('customerNumber')).toBe(fake.customerNumber);
    const withReference = [...fake.shipments.values()].filter((s) => s.reference === req.reference);
    expect(withReference).toHaveLength(1);
    expect(withReference[0]?.labelled).toBe(2);
    expect(decodeRaw(rasterise(Buffer.from(again.documents[0]?.bytes ?? []), 203))).toEqual([first.trackingNumber]);
  });

  it('a booking retried after PostNL failed mid-way still makes one parcel with our reference', async () => {
    const req = request();
    fake.failNext('/shipment/v2_2/label', { status: 502, body: { fault: { faultstring: 'Bad gateway', detail: { errorcode: 'x' } } } });
    expect((await carrierError(adapter().book(req))).code).toBe('carrier_unavailable');
    const booking = await adapter().book(req);
    const withReference = [...fake.shipments.values()].filter((s) => s.reference === req.reference);
    expect(withReference.map((s) => s.barcode)).toEqual([booking.trackingNumber]);
  });

  it('never books blind: when the reference lookup fails, no barcode and no label are asked for', async () => {
    fake.failNext('/shipment/v2/status/reference/', {
      status: 503,
      body: { fault: { faultstring: 'Service unavailable', detail: { errorcode: 'x' } } },
    });
    expect((await carrierError(adapter().book(request()))).code).toBe('carrier_unavailable');
    expect(fake.calls('/shipment/v1_1/barcode')).toHaveLength(0);
    expect(fake.calls('/shipment/v2_2/label')).toHaveLength(0);
  });

  it.each([
    [
      'a shopper postal code PostNL refuses',
      { from: { ...request().from, postalCode: '35' } },
      'from.postalCode',
      /Zipcode is invalid for address type Sender/,
    ],
    [
      'a merchant address without house number',
      { to: { ...request().to, street: 'Waldorpstraat', houseNumber: null } },
      'to.houseNumber',
      /HouseNr is mandatory/,
    ],
    [
      'a Smart Return without the receiver e-mail',
      { method: 'drop_off_labelless' as const, service: '3285', to: { ...request().to, email: null } },
      'to.email',
      /Receiver contact/,
    ],
  ])('%s → carrier_rejected_address naming the field, with PostNL’s message', async (_label, over, field, message) => {
    const error = await carrierError(adapter().book(request(over)));
    expect(error.code).toBe('carrier_rejected_address');
    expect(error.opts.field).toBe(field);
    expect(error.carrierMessage).toMatch(message);
  });

  it('refuses a return from a country the product does not serve before calling PostNL', async () => {
    const error = await carrierError(
      adapter().book(
        request({ method: 'drop_off_labelless', service: '2285', from: { ...request().from, country: 'BE', postalCode: '1000' } }),
      ),
    );
    expect(error).toMatchObject({ code: 'carrier_rejected_address', opts: { field: 'from.country' } });
    expect(fake.received).toHaveLength(0);
  });

  it.each([
    ['500', { status: 500, body: { fault: { faultstring: 'Internal server error', detail: { errorcode: 'x' } } } }, undefined],
    [
      '429 with Retry-After',
      { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too many requests. Rate limit exceeded!', http_status_code: 429 } },
      7000,
    ],
  ])('PostNL %s → carrier_unavailable', async (_label, reply, retryAfterMs) => {
    fake.failNext('/shipment/v2_2/label', reply);
    const error = await carrierError(adapter().book(request()));
    expect(error.code).toBe('carrier_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.opts.retryAfterMs).toBe(retryAfterMs);
  });

  it('a PostNL that does not answer → carrier_unavailable after the timeout', async () => {
    fake.failNext('/shipment/v2/status/reference/', 'hang');
    const error = await carrierError(adapter({ timeoutMs: 200 }).book(request()));
    expect(error.code).toBe('carrier_unavailable');
    expect(error.carrierMessage).toMatch(/did not answer/);
  });

  it('a revoked key while booking → carrier_auth_failed', async () => {
    const error = await carrierError(adapter({ apiKey: 'old-key' }).book(request()));
    expect(error).toMatchObject({ code: 'carrier_auth_failed', opts: { status: 401 } });
    expect(error.carrierMessage).toMatch(/PostNL customer 11223344 \(DEVC\).*Reconnect the account/);
  });
});

describe('PostNL cancel and tracking', () => {
  it('cancels a label PostNL never received, and refuses once the parcel was handed over', async () => {
    const unused = await adapter().book(request());
    await expect(adapter().cancel(unused.carrierShipmentId)).resolves.toBeUndefined();
    const used = await adapter().book(request());
    fake.scan(used.trackingNumber, '2', 'Zending in ontvangst genomen', '04-12-2026 09:15:00');
    const error = await carrierError(adapter().cancel(used.carrierShipmentId));
    expect(error.code).toBe('carrier_not_cancellable');
  });

  it('maps PostNL status codes, keeps unknown ones with no status, oldest first in UTC', async () => {
    const booking = await adapter().book(request());
    fake.scan(booking.trackingNumber, '2', 'Zending in ontvangst genomen', '04-12-2026 09:15:00');
    fake.scan(booking.trackingNumber, '5', 'Zending gesorteerd', '04-12-2026 22:40:10');
    fake.scan(booking.trackingNumber, '42', 'Iets nieuws', '05-12-2026 07:00:00');
    fake.scan(booking.trackingNumber, '11', 'Zending afgeleverd', '05-12-2026 11:02:33');
    const events = await adapter().track([{ trackingNumber: booking.trackingNumber, carrierShipmentId: booking.carrierShipmentId }]);
    expect(events.map((e) => [e.code, e.status, e.at])).toEqual([
      ['1', null, '2026-12-04T05:00:00.000Z'],
      ['2', 'in_transit', '2026-12-04T08:15:00.000Z'],
      ['5', 'in_transit', '2026-12-04T21:40:10.000Z'],
      ['42', null, '2026-12-05T06:00:00.000Z'],
      ['11', 'delivered', '2026-12-05T10:02:33.000Z'],
    ]);
    expect(events[4]).toMatchObject({ trackingNumber: booking.trackingNumber, message: 'Zending afgeleverd' });
    const asked = fake.calls('/shipment/v2/status/barcode/').at(-1);
    expect([asked?.query.get('detail'), asked?.query.get('language')]).toEqual(['true', 'EN']);
  });

  it('a barcode PostNL does not know yields no events', async () => {
    await expect(adapter().track([{ trackingNumber: '3SDEVC000000001', carrierShipmentId: '3SDEVC000000001' }])).resolves.toEqual([]);
  });
});

describe('PostNL points', () => {
  it('finds points near a postal code with hours per day and distance in metres', async () => {
    const points = await adapter().servicePoints({ country: 'NL', postalCode: '3572 bl', limit: 10 });
    expect(fake.calls('/shipment/v2_1/locations/nearest')[0]?.query.get('PostalCode')).toBe('3572BL');
    expect(points.map((p) => [p.id, p.type])).toEqual([
      ['163043', 'service_point'],
      ['217001', 'locker'],
    ]);
    expect(points[0]).toMatchObject({
      carrier: 'postnl',
      name: 'Tonys Tabakszaak',
      street: 'Biltstraat',
      houseNumber: '136A',
      postalCode: '3572BL',
      city: 'Utrecht',
      country: 'NL',
    });
    expect(points[0]?.openingHours).toEqual({
      monday: '08:00-20:00',
      tuesday: '08:00-20:00',
      wednesday: '08:00-20:00',
      thursday: '08:00-20:00',
      friday: '08:00-21:00',
      saturday: '09:00-12:00,13:00-17:00',
      sunday: 'closed',
    });
    expect(points[0]?.distanceMeters).toBeGreaterThan(0);
    expect(points[0]?.distanceMeters).toBeLessThan(points[1]?.distanceMeters ?? 0);
  });

  it('searches by position and filters lockers with PostNL’s DeliveryOptions', async () => {
    const points = await adapter().servicePoints({ country: 'NL', latitude: 52.1, longitude: 5.11, types: ['locker'], limit: 5 });
    const sent = fake.calls('/shipment/v2_1/locations/nearest/geocode')[0];
    expect(sent?.query.get('DeliveryOptions')).toBe('PA');
    expect(points.map((p) => [p.id, p.distanceMeters])).toEqual([['217001', 0]]);
  });

  it('answers nothing outside NL and BE without asking PostNL; a bad postal code is PostNL’s refusal', async () => {
    await expect(adapter().servicePoints({ country: 'DE', postalCode: '10115', limit: 5 })).resolves.toEqual([]);
    expect(fake.received).toHaveLength(0);
    const error = await carrierError(adapter().servicePoints({ country: 'NL', postalCode: '12', limit: 5 }));
    expect(error).toMatchObject({ code: 'carrier_rejected', carrierMessage: 'PostalCode is not valid (code 7)' });
  });
});

describe('PostNL helpers', () => {
  it.each([
    ['26-07-2026 14:00:00', '2026-07-26T12:00:00.000Z'],
    ['29-03-2026 03:30:00', '2026-03-29T01:30:00.000Z'],
    ['nonsense', null],
  ])('reads PostNL time %s as %s', (text, iso) => {
    expect(parsePostnlTimestamp(text)).toBe(iso);
  });

  it.each([
    ['Incorrect address specified in address type Sender', 'from.postalCode'],
    ['City is mandatory for address type Receiver', 'to.city'],
    ['Street is mandatory for address type Sender', 'from.street'],
    ['Name or CompanyName is mandatory for address type Receiver', 'to.name'],
    ['Dimension.Weight is mandatory', null],
  ])('%s → %s', (message, field) => {
    expect(addressFieldOf(message)).toBe(field);
  });

  it.each([
    ['Bilderdijkstraat 9a', null, { street: 'Bilderdijkstraat', nr: '9', ext: 'a' }],
    ['Waldorpstraat', '3 bis', { street: 'Waldorpstraat', nr: '3', ext: 'bis' }],
    ['Laan 1940-1945 12', null, { street: 'Laan 1940-1945', nr: '12' }],
    ['Kerkstraat 12-3', null, { street: 'Kerkstraat', nr: '12', ext: '3' }],
    ['Hoofdweg 120 bis', null, { street: 'Hoofdweg', nr: '120', ext: 'bis' }],
    ['Dorpsstraat', null, { street: 'Dorpsstraat' }],
  ])('splits %s / %s', (street, nr, expected) => {
    expect(splitHouseNumber(street, nr)).toEqual(expected);
  });

  it('the fake names the reference it follows', () => {
    expect(readFileSync(new URL('./support/fake-postnl.ts', import.meta.url), 'utf8')).toMatch(/sdks-io\/postnl-ecommerce-apis-js-sdk/);
  });
});
