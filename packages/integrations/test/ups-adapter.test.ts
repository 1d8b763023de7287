// The UPS adapter against a fake UPS over real HTTP (test/support/fake-ups.ts, which follows UPS's
// published OpenAPI documents in UPS-API/api-documentation). Labels are decoded as a scanner would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookRequest, type CarrierAdapter, CarrierError } from '../src/carriers/adapter.ts';
import { createUpsAdapter, UPS_BASE_URL } from '../src/carriers/ups/adapter.ts';
import { haversineMeters } from '../src/service-points/port.ts';
import { checkDigit, FakeUps } from './support/fake-ups.ts';
import { scanLabel, seedAccessPoints, shopper, warehouse } from './support/ups-fixtures.ts';

let fake: FakeUps;
const dir = mkdtempSync(join(tmpdir(), 'ups-labels-'));
const scan = (bytes: Uint8Array, name: string) => scanLabel(dir, bytes, name);

let serial = 0;
function request(over: Partial<BookRequest> = {}): BookRequest {
  serial += 1;
  return {
    reference: `R-UPS${String(serial).padStart(3, '0')}`,
    idempotencyKey: `ret_${serial}`,
    method: 'drop_off',
    service: '11',
    from: shopper,
    to: warehouse,
    weightGrams: 1200,
    labelFormat: 'a6',
    ...over,
  };
}

function adapter(over: { clientSecret?: string; accountNumber?: string; timeoutMs?: number } = {}): CarrierAdapter {
  return createUpsAdapter(
    {
      clientId: fake.clientId,
      clientSecret: over.clientSecret ?? fake.clientSecret,
      accountNumber: over.accountNumber ?? fake.accountNumber,
    },
    { baseUrl: fake.origin, timeoutMs: over.timeoutMs ?? 5000 },
  );
}

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

beforeAll(async () => {
  fake = await new FakeUps().start();
  seedAccessPoints(fake);
});

afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('UPS adapter', () => {
  it('points at UPS production by default', () => {
    expect(UPS_BASE_URL).toBe('https://onlinetools.ups.com');
  });

  it('verifies good credentials and names the account when UPS refuses them', async () => {
    await expect(adapter().verify()).resolves.toEqual({ accountName: null });
    const refused = await failure(adapter({ clientSecret: 'wrong' }).verify());
    expect(refused.code).toBe('carrier_auth_failed');
    expect(refused.carrierMessage).toContain(fake.accountNumber);
    expect(refused.carrierMessage).toContain('ClientId is Invalid');
    expect(refused.carrierMessage).toMatch(/reconnect/i);
    expect((await failure(adapter({ accountNumber: '12-34' }).verify())).code).toBe('carrier_auth_failed');
  });

  it('lists its return services without a label-less method', async () => {
    const services = await adapter().services();
    expect(services.map((s) => s.code)).toEqual(['11', '65', '07']);
    for (const service of services) expect(service.methods).not.toContain('drop_off_labelless');
  });

  it('books a print-at-home return label: GIF with the 1Z number in Code 128, contract price, our reference', async () => {
    const req = request({ servicePointId: 'NL00000001' });
    const booking = await adapter().book(req);
    expect(booking.trackingNumber).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(booking.trackingNumber.slice(-1)).toBe(checkDigit(booking.trackingNumber.slice(2, 17)));
    expect(booking.carrierShipmentId).toBe(booking.trackingNumber);
    expect(booking.trackingUrl).toContain(booking.trackingNumber);
    expect(booking.price).toEqual({ amountMinor: 891, currency: 'EUR' });
    const [label] = booking.documents;
    expect(label).toMatchObject({ kind: 'label', format: 'gif', mimeType: 'image/gif' });
    expect(Buffer.from(label!.bytes).subarray(0, 6).toString('ascii')).toBe('GIF89a');
    expect(scan(label!.bytes, 'drop-off.gif')).toBe(booking.trackingNumber);

    const sent = fake.calls('/api/shipments/v2409/ship').at(-1)!;
    expect(sent.headers.authorization).toMatch(/^Bearer /);
    expect(sent.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.headers.transactionsrc).toBe('retour');
    const shipment = sent.body.ShipmentRequest.Shipment;
    expect(shipment.ReturnService.Code).toBe('9');
    expect(shipment.ReferenceNumber).toEqual([{ Value: req.reference }]);
    expect(shipment.ShipFrom).toMatchObject({ Name: 'Eva de Vries', Phone: { Number: '31612345678' } });
    expect(shipment.ShipFrom.Address).toEqual({
      AddressLine: ['Keizersgracht 123'],
      City: 'Amsterdam',
      PostalCode: '1015 CJ',
      CountryCode: 'NL',
    });
    expect(shipment.Shipper.ShipperNumber).toBe(fake.accountNumber);
  });

  it('describes the goods from the customs lines when the return crosses a customs border', async () => {
    const customs = {
      invoiceNumber: 'INV-1',
      lines: [
        {
          description: 'Wool sweater',
          quantity: 1,
          weightGrams: 600,
          valueMinor: 8900,
          currency: 'CHF',
          hsCode: '611011',
          originCountry: 'IT',
        },
      ],
    };
    const from = { ...shopper, street: 'Bahnhofstrasse', houseNumber: '1', postalCode: '8001', city: 'Zürich', country: 'CH' };
    const booking = await adapter().book(request({ from, customs, service: '65' }));
    expect(scan(booking.documents[0]!.bytes, 'customs.gif')).toBe(booking.trackingNumber);
    expect(fake.calls('/api/shipments/v2409/ship').at(-1)!.body.ShipmentRequest.Shipment.Description).toBe('Wool sweater');
  });

  it('takes the published price when the account has no contract rates', async () => {
    fake.negotiated = false;
    try {
      expect((await adapter().book(request())).price).toEqual({ amountMinor: 1245, currency: 'EUR' });
    } finally {
      fake.negotiated = true;
    }
  });

  it('books a ZPL label for thermal printers, bytes as UPS made them', async () => {
    const booking = await adapter().book(request({ labelFormat: 'zpl' }));
    const [label] = booking.documents;
    expect(label).toMatchObject({ format: 'zpl', mimeType: 'application/zpl' });
    const zpl = Buffer.from(label!.bytes).toString('utf8');
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain(`^BCN,260,N,N,N^FD${booking.trackingNumber}^FS`);
    expect(fake.calls('/api/shipments/v2409/ship').at(-1)!.body.ShipmentRequest.LabelSpecification.LabelStockSize).toEqual({
      Height: '6',
      Width: '4',
    });
  });

  it('books a pickup on the shopper’s date and gives back the date and window', async () => {
    const booking = await adapter().book(request({ method: 'pickup', pickupDate: '2026-12-08' }));
    expect(booking.pickup).toEqual({ date: '2026-12-08', from: '09:00', to: '17:00' });
    const [shipmentId, prn] = booking.carrierShipmentId.split('#');
    expect(shipmentId).toBe(booking.trackingNumber);
    const pickup = fake.pickups.get(prn!)!.request.PickupCreationRequest;
    expect(pickup.PickupDateInfo).toEqual({ CloseTime: '1700', ReadyTime: '0900', PickupDate: '20261208' });
    expect(pickup.TrackingData).toEqual([{ TrackingNumber: booking.trackingNumber }]);
    expect(pickup.PickupAddress).toMatchObject({ City: 'Amsterdam', PostalCode: '1015 CJ', Phone: { Number: '31612345678' } });
    expect(scan(booking.documents[0]!.bytes, 'pickup.gif')).toBe(booking.trackingNumber);

    const noPhone = await failure(
      adapter().book(request({ method: 'pickup', pickupDate: '2026-12-08', from: { ...shopper, phone: null } })),
    );
    expect(noPhone).toMatchObject({ code: 'carrier_rejected_address', opts: { field: 'from.phone' } });
    expect(noPhone.carrierMessage).toBe('Missing pickup address phone number');
  });

  it('refuses a label-less return: UPS publishes no QR drop-off', async () => {
    const before = fake.calls('/api/shipments/v2409/ship').length;
    expect((await failure(adapter().book(request({ method: 'drop_off_labelless' })))).code).toBe('carrier_rejected');
    expect(fake.calls('/api/shipments/v2409/ship')).toHaveLength(before);
  });

  it('never makes a second label for a retried booking, even when the first answer was lost', async () => {
    const req = request();
    const first = await adapter().book(req);
    const again = await adapter().book(req);
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(scan(again.documents[0]!.bytes, 'again.gif')).toBe(first.trackingNumber);
    expect([...fake.shipments.values()].filter((s) => s.references.includes(req.reference))).toHaveLength(1);

    const lost = request();
    fake.script('pass', 'drop'); // the label lookup answers, the booking is made but its answer never arrives
    expect((await failure(adapter().book(lost))).code).toBe('carrier_unavailable');
    const retried = await adapter().book(lost);
    const made = [...fake.shipments.values()].filter((s) => s.references.includes(lost.reference));
    expect(made).toHaveLength(1);
    expect(retried.trackingNumber).toBe(made[0]!.id);
  });

  it.each([
    ['from.postalCode', { from: { ...shopper, postalCode: '10155' } }, /ship from postal code/],
    ['from.city', { from: { ...shopper, city: 'A'.repeat(31) } }, /ship from city/],
    ['from.street', { from: { ...shopper, street: '', houseNumber: '' } }, /ship from address line/],
    [
      'to.phone',
      { from: { ...shopper, country: 'DE', postalCode: '10115', city: 'Berlin' }, to: { ...warehouse, phone: null } },
      /Ship to phone number/,
    ],
    ['to.postalCode', { to: { ...warehouse, postalCode: '3542' } }, /(ship to|shipper) postal code/],
  ] as const)('names the refused field %s with UPS’s message', async (field, over, message) => {
    const error = await failure(adapter().book(request(over as Partial<BookRequest>)));
    expect(error.code).toBe('carrier_rejected_address');
    expect(error.opts.field).toBe(field);
    expect(error.carrierMessage).toMatch(message);
  });

  it('treats 5xx, 429 and silence as retryable carrier_unavailable', async () => {
    fake.script({ status: 503, body: { response: { errors: [{ code: '10004', message: 'Something went wrong' }] } } });
    const down = await failure(adapter().servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 3 }));
    expect(down).toMatchObject({ code: 'carrier_unavailable', retryable: true, opts: { status: 503 } });

    fake.script({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { response: { errors: [{ code: '429', message: 'Rate Limit Exceeded' }] } },
    });
    const limited = await failure(adapter().servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 3 }));
    expect(limited).toMatchObject({ code: 'carrier_unavailable', opts: { status: 429, retryAfterMs: 7000 } });

    fake.script('hang');
    const slow = await failure(adapter({ timeoutMs: 300 }).book(request()));
    expect(slow.code).toBe('carrier_unavailable');
    expect(slow.carrierMessage).toMatch(/did not answer/);
  });

  it('signs in again once when UPS drops the token, and reports credentials UPS no longer accepts', async () => {
    const ups = adapter();
    await ups.verify();
    fake.revokeTokens();
    const tokensBefore = fake.calls('/security/v1/oauth/token').length;
    await expect(ups.servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 1 })).resolves.toHaveLength(1);
    expect(fake.calls('/security/v1/oauth/token')).toHaveLength(tokensBefore + 1);
    // A new adapter for the same account (the server builds one per use) reuses the token.
    await expect(adapter().servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 1 })).resolves.toHaveLength(1);
    expect(fake.calls('/security/v1/oauth/token')).toHaveLength(tokensBefore + 1);

    const secret = fake.clientSecret;
    fake.clientSecret = 'rotated';
    fake.revokeTokens();
    try {
      const error = await failure(ups.book(request()));
      expect(error.code).toBe('carrier_auth_failed');
      expect(error.carrierMessage).toContain(fake.accountNumber);
    } finally {
      fake.clientSecret = secret;
    }
  });

  it('voids an unused label and its pickup, and refuses once UPS has scanned the parcel', async () => {
    const ups = adapter();
    const unused = await ups.book(request({ method: 'pickup', pickupDate: '2026-12-09' }));
    await ups.cancel(unused.carrierShipmentId);
    const [shipmentId, prn] = unused.carrierShipmentId.split('#');
    expect(fake.shipments.get(shipmentId!)!.voided).toBe(true);
    expect(fake.pickups.get(prn!)!.cancelled).toBe(true);

    const used = await ups.book(request());
    fake.scan(used.trackingNumber, 'P', 'PU', 'Pickup Scan', new Date('2026-12-05T09:00:00Z'));
    const refused = await failure(ups.cancel(used.carrierShipmentId));
    expect(refused.code).toBe('carrier_not_cancellable');
    expect(fake.shipments.get(used.trackingNumber)!.voided).toBe(false);
  });

  it('maps UPS status types to our statuses, oldest first, keeping unknown codes', async () => {
    const ups = adapter();
    const booking = await ups.book(request());
    const t = booking.trackingNumber;
    fake.scan(t, 'P', 'PU', 'Pickup Scan', new Date('2026-12-05T09:00:00Z'));
    fake.scan(t, 'I', 'AR', 'Arrived at Facility', new Date('2026-12-05T18:30:00Z'), '005');
    fake.scan(t, 'Z', 'ZZ', 'Something new', new Date('2026-12-06T01:00:00Z'));
    fake.scan(t, 'X', 'DJ', 'Adverse weather may cause delay', new Date('2026-12-06T02:00:00Z'));
    fake.scan(t, 'I', 'OT', 'Out for Delivery', new Date('2026-12-06T07:47:00Z'), '021');
    fake.scan(t, 'D', 'OT', 'Loaded on Delivery Vehicle', new Date('2026-12-06T07:50:00Z'), '021');
    fake.scan(t, 'D', 'FS', 'Delivered', new Date('2026-12-06T11:02:03Z'), '011');
    const events = await ups.track([{ trackingNumber: t, carrierShipmentId: booking.carrierShipmentId }]);
    expect(events.map((e) => [e.code, e.status])).toEqual([
      ['M:MP', null],
      ['P:PU', 'in_transit'],
      ['I:AR', 'in_transit'],
      ['Z:ZZ', null],
      ['X:DJ', null],
      ['I:OT', 'in_transit'],
      ['D:OT', 'in_transit'],
      ['D:FS', 'delivered'],
    ]);
    expect(events.at(-3)).toMatchObject({ trackingNumber: t, at: '2026-12-06T07:47:00.000Z', message: 'Out for Delivery' });

    // Without status codes, the newest D activity of a package UPS reports delivered (DEL) is the delivery.
    const plain = await ups.book(request());
    fake.scan(plain.trackingNumber, 'D', 'OT', 'Out For Delivery Today', new Date('2026-12-07T08:00:00Z'));
    fake.scan(plain.trackingNumber, 'D', 'FS', 'Delivered', new Date('2026-12-07T12:00:00Z'));
    const plainEvents = await ups.track([{ trackingNumber: plain.trackingNumber, carrierShipmentId: plain.carrierShipmentId }]);
    expect(plainEvents.map((e) => e.status)).toEqual([null, 'in_transit', 'delivered']);
    expect(await ups.track([{ trackingNumber: '1Z999999999999999X', carrierShipmentId: 'x' }])).toEqual([]);
    expect(fake.calls('/api/track/v1/details/', 'GET').at(-1)!.headers.transid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('finds UPS Access Points with opening hours by day and distance in metres', async () => {
    const points = await adapter().servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 2 });
    expect(points.map((p) => p.id)).toEqual(['NL00000001', 'NL00000002']);
    const [first, second] = points;
    expect(first).toMatchObject({
      carrier: 'ups',
      type: 'service_point',
      name: 'Tabakszaak De Jordaan',
      street: 'Westerstraat 12',
      city: 'Amsterdam',
      postalCode: '1015 MK',
    });
    expect(first!.openingHours).toEqual({
      monday: '09:00-18:00',
      tuesday: '09:00-18:00',
      wednesday: '09:00-18:00',
      thursday: '09:00-18:00',
      friday: '09:00-18:00',
      saturday: '09:00-12:30,13:30-17:00',
      sunday: 'closed',
    });
    expect(second!.openingHours.sunday).toBe('10:00-24:00');
    const exact = haversineMeters({ latitude: 52.3747, longitude: 4.8845 }, first!);
    expect(Math.abs(first!.distanceMeters! - exact)).toBeLessThanOrEqual(50);
    const sent = fake.calls('/api/locations/v3/search/availabilities/64').at(-1)!.body.LocatorRequest;
    expect(sent.UnitOfMeasurement).toEqual({ Code: 'KM' });
    expect(sent.LocationSearchCriteria.MaximumListSize).toBe('2');

    const near = await adapter().servicePoints({ country: 'NL', latitude: 52.343, longitude: 4.878, limit: 1 });
    expect(near.map((p) => p.id)).toEqual(['NL00000003']);
    expect(fake.calls('/api/locations/v3/search/availabilities/64').at(-1)!.body.LocatorRequest.OriginAddress.Geocode).toEqual({
      Latitude: '52.343000000000',
      Longitude: '4.8780000000000',
    });
    expect(await adapter().servicePoints({ country: 'NL', postalCode: '1015 CJ', limit: 5, types: ['locker'] })).toEqual([]);
  });

  it('fetches a booked label again by its tracking number', async () => {
    const booking = await adapter().book(request({ labelFormat: 'zpl' }));
    const documents = await adapter().fetchDocuments!(booking.carrierShipmentId, 'zpl');
    expect(documents[0]!.bytes).toEqual(booking.documents[0]!.bytes);
  });
});
