// The Sendcloud adapter's tracking (Return status history, parcel status ids and parent-status
// slugs), its `parcel_status_changed` webhooks with the `Sendcloud-Signature` check, and the v3
// service-point locator, against the fake Sendcloud over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CarrierError } from '../src/carriers/adapter.ts';
import { sendcloudTrackingStatus } from '../src/carriers/sendcloud/tracking.ts';
import { FakeSendcloud } from './support/fake-sendcloud.ts';
import { adapterFor, failure, requestFactory, SAMPLE_POINTS } from './support/sendcloud-harness.ts';

const fake = new FakeSendcloud();
const adapter = (keys?: { publicKey: string; secretKey: string }, timeoutMs?: number) => adapterFor(fake, keys, timeoutMs);
const request = requestFactory('ST');

beforeAll(async () => {
  await fake.start();
  fake.points = SAMPLE_POINTS;
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.received.length = 0;
});

describe('Sendcloud adapter: tracking and service points', () => {
  it('tracks a return from its status history: known codes mapped, unknown kept with no status', async () => {
    const booking = await adapter().book(request());
    const id = Number(booking.carrierShipmentId.split(':')[0]);
    fake.scan(id, 'At sorting centre', '2026-12-03T08:00:00+01:00', 'Sorted in Utrecht');
    fake.scan(id, 'Parcel teleported', '2026-12-03T12:00:00Z');
    fake.scan(id, 'Delivered', '2026-12-04T09:30:00Z');
    const events = await adapter().track([{ trackingNumber: booking.trackingNumber, carrierShipmentId: booking.carrierShipmentId }]);
    expect(events.map((event) => [event.code, event.status, event.at])).toEqual([
      ['announced', null, '2026-12-01T09:00:00.000Z'],
      ['at-sorting-centre', 'in_transit', '2026-12-03T07:00:00.000Z'],
      ['parcel-teleported', null, '2026-12-03T12:00:00.000Z'],
      ['delivered', 'delivered', '2026-12-04T09:30:00.000Z'],
    ]);
    expect(events[1]?.message).toBe('At sorting centre — Sorted in Utrecht');
  });

  it.each([
    ['11', 'delivered'],
    ['93', 'delivered'],
    ['22', 'in_transit'],
    ['62990', 'in_transit'],
    ['1', null],
    ['2000', null],
    ['62996', null],
    ['424242', null],
    ['collected-by-customer', 'delivered'],
    ['to-sorting', 'in_transit'],
    ['cancelled', null],
  ])('maps Sendcloud code %s to %s', (code, status) => {
    expect(sendcloudTrackingStatus(code)).toBe(status);
  });

  it('accepts a parcel_status_changed webhook with a good Sendcloud-Signature and refuses a bad one', () => {
    const parse = adapter().parseWebhook;
    if (!parse) throw new Error('parseWebhook missing');
    const signed = fake.webhook('3SSEND000001234', { id: 11, message: 'Delivered' }, 1_764_842_400_000);
    expect(parse({ headers: signed.headers, rawBody: signed.rawBody, secret: fake.secretKey })).toEqual([
      { trackingNumber: '3SSEND000001234', code: '11', at: '2025-12-04T10:00:00.000Z', status: 'delivered', message: 'Delivered' },
    ]);
    const unknown = fake.webhook('3SSEND000001234', { id: 777, message: 'Something new' }, 1_764_842_400_000);
    expect(parse({ headers: unknown.headers, rawBody: unknown.rawBody, secret: fake.secretKey })[0]).toMatchObject({
      code: '777',
      status: null,
    });
    const forged = fake.webhook('3SSEND000001234', { id: 11, message: 'Delivered' }, 1_764_842_400_000, 'another-secret');
    const error = (() => {
      try {
        parse({ headers: forged.headers, rawBody: forged.rawBody, secret: fake.secretKey });
      } catch (caught) {
        return caught as CarrierError;
      }
      return null;
    })();
    expect(error?.code).toBe('carrier_auth_failed');
    expect(() => parse({ headers: {}, rawBody: signed.rawBody, secret: fake.secretKey })).toThrow(CarrierError);
    // Sendcloud's documented test vector: body {"key": "value"} keyed with "secretkey".
    const vector = Buffer.from('{"key": "value"}');
    expect(
      parse({
        headers: { 'Sendcloud-Signature': '1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a' },
        rawBody: vector,
        secret: 'secretkey',
      }),
    ).toEqual([]);
  });

  it('finds service points with opening hours and distance, nearest first', async () => {
    const points = await adapter().servicePoints({ country: 'NL', postalCode: '5611 EM', carrier: 'postnl', limit: 10 });
    const call = fake.received.at(-1);
    expect(call?.query.get('country_code')).toBe('NL');
    expect(call?.query.getAll('carrier_code')).toEqual(['postnl']);
    expect(call?.query.get('address_postal_code')).toBe('5611 EM');
    expect(points.map((point) => [point.id, point.type, point.distanceMeters])).toEqual([
      ['12', 'service_point', 11],
      ['11', 'locker', 606],
    ]);
    expect(points[0]?.openingHours).toEqual({
      monday: '09:00-12:30,13:30-17:00',
      tuesday: 'closed',
      wednesday: 'closed',
      thursday: 'closed',
      friday: 'closed',
      saturday: '10:00-16:00',
      sunday: 'closed',
    });
    const lockers = await adapter().servicePoints({ country: 'NL', latitude: 51.4432, longitude: 5.4816, types: ['locker'], limit: 5 });
    expect(fake.received.at(-1)?.query.get('use_integration_carriers')).toBe('true');
    expect(lockers.map((point) => [point.id, point.distanceMeters])).toEqual([['11', 0]]);
  });

  it('passes the locator refusing a bad country on as carrier_rejected', async () => {
    const error = await failure(adapter().servicePoints({ country: 'XXX', postalCode: '1', limit: 5 }));
    expect(error.code).toBe('carrier_rejected');
    expect(error.carrierMessage).toMatch(/country_code/);
  });
});
