import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/calendar.ts';
import {
  anchorFor,
  isWithinWindow,
  RETURN_WINDOW_MAX_DAYS,
  RETURN_WINDOW_MIN_DAYS,
  returnDeadline,
  TRANSIT_ALLOWANCE_MAX_DAYS,
  TRANSIT_ALLOWANCE_MIN_DAYS,
} from '../src/return-window.ts';
import type { ShipmentFacts, WindowSettings } from '../src/return-window.ts';
import { instant, timezone } from './arbitraries.ts';

const AMS: WindowSettings = { returnWindowDays: 14, transitAllowanceDays: 7, timezone: 'Europe/Amsterdam' };
const NYC: WindowSettings = { ...AMS, timezone: 'America/New_York' };
const PLACED = new Date('2026-03-01T12:00:00Z');

function delivered(iso: string, to: 'home' | 'service_point' = 'home'): ShipmentFacts {
  return { shippedAt: new Date(new Date(iso).getTime() - 2 * 86_400_000), deliveredAt: new Date(iso), deliveredTo: to };
}
function shipped(iso: string): ShipmentFacts {
  return { shippedAt: new Date(iso), deliveredAt: null, deliveredTo: null };
}
const NOTHING_YET: ShipmentFacts = { shippedAt: null, deliveredAt: null, deliveredTo: null };

function deadlineOf(shipments: ShipmentFacts[], s: WindowSettings): string {
  return returnDeadline(anchorFor(PLACED, shipments, s), s);
}

describe('window edges in Europe/Amsterdam', () => {
  const shipments = [delivered('2026-03-10T23:30:00Z')];

  it('anchors on the local date: 23:30Z on 10 March is 00:30 on 11 March in Amsterdam', () => {
    expect(anchorFor(PLACED, shipments, AMS)).toEqual({ kind: 'delivered', date: '2026-03-11' });
  });

  it('anchor day is day 0: 14 days later is the deadline', () => {
    expect(deadlineOf(shipments, AMS)).toBe('2026-03-25');
  });

  it.each([
    ['2026-03-11T08:00:00Z', true], // day 0
    ['2026-03-25T22:59:59Z', true], // 23:59:59 local on the deadline
    ['2026-03-25T23:00:00Z', false], // local midnight after the deadline
    ['2026-04-10T12:00:00Z', false],
  ])('at %s allowed = %s', (now, expected) => {
    expect(isWithinWindow(deadlineOf(shipments, AMS), new Date(now), AMS.timezone)).toBe(expected);
  });
});

describe('daylight saving time (Amsterdam: 29 March and 25 October 2026)', () => {
  it.each([
    // [delivered at, window days, deadline, last allowed instant, first refused instant]
    ['2026-03-20T12:00:00Z', 14, '2026-04-03', '2026-04-03T21:59:59Z', '2026-04-03T22:00:00Z'],
    ['2026-10-20T12:00:00Z', 14, '2026-11-03', '2026-11-03T22:59:59Z', '2026-11-03T23:00:00Z'],
    ['2026-03-01T12:00:00Z', 240, '2026-10-27', '2026-10-27T22:59:59Z', '2026-10-27T23:00:00Z'],
  ])('delivered %s, %i days → %s (allowed until %s)', (at, days, deadline, lastOk, firstRefused) => {
    const s = { ...AMS, returnWindowDays: days };
    const d = deadlineOf([delivered(at)], s);
    expect(d).toBe(deadline);
    expect(isWithinWindow(d, new Date(lastOk), s.timezone)).toBe(true);
    expect(isWithinWindow(d, new Date(firstRefused), s.timezone)).toBe(false);
  });
});

describe('another zone for contrast: America/New_York', () => {
  const shipments = [delivered('2026-03-10T23:30:00Z')];

  it('the same delivery is still 10 March in New York, so the deadline is a day earlier', () => {
    expect(anchorFor(PLACED, shipments, NYC).date).toBe('2026-03-10');
    expect(deadlineOf(shipments, NYC)).toBe('2026-03-24');
  });

  it.each([
    ['2026-03-25T03:59:59Z', true], // 23:59:59 EDT on 24 March
    ['2026-03-25T04:00:00Z', false],
  ])('at %s allowed = %s', (now, expected) => {
    expect(isWithinWindow(deadlineOf(shipments, NYC), new Date(now), NYC.timezone)).toBe(expected);
  });
});

describe('anchor choice', () => {
  it('service point: the delivered-at-the-point scan starts the window, not shipping or pick-up', () => {
    const atPoint: ShipmentFacts = {
      shippedAt: new Date('2026-03-02T10:00:00Z'),
      deliveredAt: new Date('2026-03-04T09:00:00Z'),
      deliveredTo: 'service_point',
    };
    expect(anchorFor(PLACED, [atPoint], AMS)).toEqual({ kind: 'delivered', date: '2026-03-04' });
    expect(returnDeadline(anchorFor(PLACED, [atPoint], AMS), AMS)).toBe('2026-03-18');
  });

  it.each([
    [
      'shipped, not delivered: local shipped date + allowance',
      [shipped('2026-03-10T23:30:00Z')],
      7,
      { kind: 'shipped', date: '2026-03-18' },
    ],
    ['shipped, allowance 0', [shipped('2026-03-10T23:30:00Z')], 0, { kind: 'shipped', date: '2026-03-11' }],
    ['no shipment: placed date + allowance', [], 7, { kind: 'placed', date: '2026-03-08' }],
    ['shipment without dates: placed date + allowance', [NOTHING_YET], 30, { kind: 'placed', date: '2026-03-31' }],
    ['delivered beats its own shipped date', [delivered('2026-03-05T10:00:00Z')], 7, { kind: 'delivered', date: '2026-03-05' }],
    [
      'several: latest wins (shipped+7 later than a delivery)',
      [delivered('2026-03-05T10:00:00Z'), shipped('2026-03-01T10:00:00Z')],
      7,
      { kind: 'shipped', date: '2026-03-08' },
    ],
    [
      'several: latest wins (delivery later)',
      [shipped('2026-03-01T10:00:00Z'), delivered('2026-03-12T10:00:00Z')],
      7,
      { kind: 'delivered', date: '2026-03-12' },
    ],
    [
      'several: same date prefers delivered',
      [shipped('2026-03-01T10:00:00Z'), delivered('2026-03-08T10:00:00Z')],
      7,
      { kind: 'delivered', date: '2026-03-08' },
    ],
  ] as const)('%s', (_name, shipments, allowance, expected) => {
    const s = { ...AMS, transitAllowanceDays: allowance };
    expect(anchorFor(PLACED, [...shipments], s)).toEqual(expected);
  });
});

const settings = fc.record({
  returnWindowDays: fc.integer({ min: RETURN_WINDOW_MIN_DAYS, max: RETURN_WINDOW_MAX_DAYS }),
  transitAllowanceDays: fc.integer({ min: TRANSIT_ALLOWANCE_MIN_DAYS, max: TRANSIT_ALLOWANCE_MAX_DAYS }),
  timezone,
});
const shipment: fc.Arbitrary<ShipmentFacts> = fc.record({
  shippedAt: fc.option(instant, { nil: null }),
  deliveredAt: fc.option(instant, { nil: null }),
  deliveredTo: fc.constantFrom('home' as const, 'service_point' as const, null),
});

describe('properties', () => {
  it('the deadline is monotone (strictly) in returnWindowDays', () => {
    fc.assert(
      fc.property(settings, fc.array(shipment, { maxLength: 3 }), instant, fc.integer({ min: 1, max: 100 }), (s, sh, placed, extra) => {
        const anchor = anchorFor(placed, sh, s);
        const longer = { ...s, returnWindowDays: s.returnWindowDays + extra };
        expect(returnDeadline(anchor, s) < returnDeadline(anchor, longer)).toBe(true);
      }),
    );
  });

  it('the anchor is the latest per-shipment anchor, so adding a shipment never shortens the window', () => {
    fc.assert(
      fc.property(settings, fc.array(shipment, { maxLength: 4 }), shipment, instant, (s, sh, more, placed) => {
        const base = anchorFor(placed, sh, s);
        const withMore = anchorFor(placed, [...sh, more], s);
        const single = anchorFor(placed, [more], s);
        if (base.kind !== 'placed') expect(withMore.date >= base.date).toBe(true);
        if (single.kind !== 'placed') expect(withMore.date >= single.date).toBe(true);
        expect([base.date, single.date]).toContain(withMore.date);
      }),
    );
  });

  it('once outside the window, always outside later', () => {
    fc.assert(
      fc.property(settings, instant, instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (s, placed, now, later) => {
        const deadline = returnDeadline(anchorFor(placed, [], s), s);
        if (!isWithinWindow(deadline, now, s.timezone)) {
          expect(isWithinWindow(deadline, new Date(now.getTime() + later), s.timezone)).toBe(false);
        }
      }),
    );
  });

  it('a delivery is returnable at its own moment, and no longer (N + 2) × 24 h later', () => {
    fc.assert(
      fc.property(settings, instant, (s, at) => {
        const anchor = anchorFor(PLACED, [delivered(at.toISOString())], s);
        const d = returnDeadline(anchor, s);
        expect(d).toBe(addDays(anchor.date, s.returnWindowDays));
        expect(isWithinWindow(d, at, s.timezone)).toBe(true);
        // Offset changes are at most a few hours, so this is at least local day N + 1.
        const wellAfter = new Date(at.getTime() + (s.returnWindowDays + 2) * 86_400_000);
        expect(isWithinWindow(d, wellAfter, s.timezone)).toBe(false);
      }),
    );
  });
});
