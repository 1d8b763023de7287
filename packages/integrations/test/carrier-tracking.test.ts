// Carrier tracking codes → return statuses, and the courier that sandbox_courier simulates for polling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTrackingCode, trackingStatusFor } from '../src/carriers/port.ts';
import { createCarrierRegistry } from '../src/carriers/registry.ts';
import { sandboxCarrier, sandboxCourier } from '../src/carriers/sandbox.ts';
import { simulateCourierEvents } from '../src/carriers/sandbox-tracking.ts';

const HOUR = 3_600_000;

describe('tracking codes of the sandbox carriers', () => {
  it.each([
    ['ANNOUNCED', null],
    ['ACCEPTED', 'in_transit'],
    ['PICKED_UP', 'in_transit'],
    ['IN_TRANSIT', 'in_transit'],
    ['AT_SORTING_CENTER', 'in_transit'],
    ['OUT_FOR_DELIVERY', 'in_transit'],
    ['DELIVERED', 'delivered'],
    ['EXCEPTION', null],
    ['RETURNED_TO_SENDER', null],
  ] as const)('%s moves a return to %s (both carriers)', (code, status) => {
    for (const carrier of [sandboxCarrier, sandboxCourier]) {
      expect(isKnownTrackingCode(carrier.info, code)).toBe(true);
      expect(trackingStatusFor(carrier.info, code)).toBe(status);
    }
  });

  it.each(['ZX-99', 'delivered', 'DELIVERED ', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an unknown code %j is not known and moves nothing',
    (code) => {
      expect(isKnownTrackingCode(sandboxCarrier.info, code)).toBe(false);
      expect(trackingStatusFor(sandboxCarrier.info, code)).toBeNull();
    },
  );

  it('sandbox pushes webhooks; sandbox_courier has none and is polled', () => {
    expect(sandboxCarrier.info.webhooks).toBe(true);
    expect(sandboxCarrier.poll).toBeUndefined();
    expect(sandboxCourier.info.webhooks).toBe(false);
    expect(typeof sandboxCourier.poll).toBe('function');
    const polled = createCarrierRegistry()
      .all()
      .filter((c) => !c.info.webhooks)
      .map((c) => c.info.code);
    expect(polled).toEqual(['sandbox_courier']);
  });
});

describe('the simulated courier (sandbox_courier polling)', () => {
  const bookedAt = new Date('2026-06-15T10:00:00.000Z');
  const shipment = { trackingNumber: 'RTR00000000000000000', bookedAt };
  const at = (hours: number) => new Date(bookedAt.getTime() + hours * HOUR);

  it.each([
    [0, []],
    [2 - 1 / 3600, []],
    [2, ['PICKED_UP']],
    [5.99, ['PICKED_UP']],
    [6, ['PICKED_UP', 'IN_TRANSIT']],
    [25.9, ['PICKED_UP', 'IN_TRANSIT']],
    [26, ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED']],
    [24 * 30, ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED']],
  ] as const)('%s h after booking it has reported %j', async (hours, codes) => {
    const events = await sandboxCourier.poll!([shipment], at(hours));
    expect(events.map((e) => e.code)).toEqual(codes);
  });

  it('reports each event at its fixed offset from the booking, with a message, the same on every poll', async () => {
    const first = await sandboxCourier.poll!([shipment], at(30));
    expect(first).toEqual([
      { trackingNumber: shipment.trackingNumber, code: 'PICKED_UP', at: at(2).toISOString(), message: 'Picked up by the courier' },
      { trackingNumber: shipment.trackingNumber, code: 'IN_TRANSIT', at: at(6).toISOString(), message: 'In transit to the return address' },
      { trackingNumber: shipment.trackingNumber, code: 'DELIVERED', at: at(26).toISOString(), message: 'Delivered to the return address' },
    ]);
    expect(await sandboxCourier.poll!([shipment], at(30))).toEqual(first);
    for (const e of first) expect(isKnownTrackingCode(sandboxCourier.info, e.code)).toBe(true);
  });

  it('answers per shipment, from each shipment’s own booking time', async () => {
    const later = { trackingNumber: 'RTR11111111111111111', bookedAt: at(5) };
    const events = await sandboxCourier.poll!([shipment, later], at(8));
    expect(events.map((e) => [e.trackingNumber, e.code])).toEqual([
      [shipment.trackingNumber, 'PICKED_UP'],
      [shipment.trackingNumber, 'IN_TRANSIT'],
      [later.trackingNumber, 'PICKED_UP'],
    ]);
    expect(await sandboxCourier.poll!([], at(8))).toEqual([]);
  });

  it('never reports an event after `now`, and never loses one before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 60 }), fc.integer({ min: -10 * 60, max: 40 * 60 }), (bookedMinute, nowMinute) => {
        const booked = new Date(bookedAt.getTime() + bookedMinute * 60_000);
        const now = new Date(bookedAt.getTime() + nowMinute * 60_000);
        const events = simulateCourierEvents([{ trackingNumber: 'X', bookedAt: booked }], now);
        for (const e of events) expect(Date.parse(e.at)).toBeLessThanOrEqual(now.getTime());
        const due = [2, 6, 26].filter((h) => booked.getTime() + h * HOUR <= now.getTime()).length;
        expect(events).toHaveLength(due);
      }),
    );
  });
});
