import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../src/calendar.ts';
import {
  firstScanAt,
  type HoldFacts,
  holdCapture,
  holdSettlesAt,
  instantHoldAmount,
  returnEnded,
  settleHold,
} from '../src/instant-exchange.ts';
import { instantExchangeDeadline } from '../src/replacement-order.ts';
import { instant, timezone } from './arbitraries.ts';

describe('instantHoldAmount', () => {
  it.each([
    [[{ unitPrice: 2995, quantity: 1 }], 0, 2995],
    [
      [
        { unitPrice: 2995, quantity: 2 },
        { unitPrice: 1000, quantity: 1 },
      ],
      295,
      6990,
    ],
    [[{ unitPrice: 100, quantity: 1 }], 500, 500],
    [[], 0, 0],
  ])('%j owing %i → hold %i', (lines, owed, expected) => {
    expect(instantHoldAmount(lines, owed)).toBe(expected);
  });

  it('refuses fractions and negatives', () => {
    expect(() => instantHoldAmount([{ unitPrice: 1.5, quantity: 1 }], 0)).toThrow();
    expect(() => instantHoldAmount([{ unitPrice: 100, quantity: -1 }], 0)).toThrow();
  });
});

describe('holdSettlesAt', () => {
  it.each([
    ['2026-12-18', 'Europe/Amsterdam', '2026-12-04T10:00:00Z', '2026-12-18T23:00:00.000Z'],
    ['2026-12-18', 'UTC', '2026-12-04T10:00:00Z', '2026-12-19T00:00:00.000Z'],
    ['2027-04-01', 'Europe/Amsterdam', '2027-03-18T10:00:00Z', '2027-04-01T22:00:00.000Z'],
    ['2026-12-18', 'America/New_York', '2026-12-04T10:00:00Z', '2026-12-19T05:00:00.000Z'],
  ])('deadline %s in %s → settles at %s', (deadline, tz, authorised, expected) => {
    expect(holdSettlesAt(deadline, tz, new Date(authorised)).toISOString()).toBe(expected);
  });

  it('is the first quarter hour of the day after the deadline, never before the authorisation', () => {
    fc.assert(
      fc.property(instant, timezone, fc.integer({ min: 1, max: 21 }), (at, tz, days) => {
        const deadline = instantExchangeDeadline(at, days, tz);
        const settles = holdSettlesAt(deadline, tz, at);
        expect(localDate(settles, tz)).toBe(addDays(deadline, 1));
        expect(localDate(new Date(settles.getTime() - 900_000), tz) <= deadline).toBe(true);
        expect(settles.getTime()).toBeGreaterThan(at.getTime());
      }),
    );
  });
});

const facts = (f: Partial<HoldFacts>): HoldFacts => ({
  deadline: '2026-12-18',
  scannedOn: null,
  today: '2026-12-10',
  status: 'open',
  ...f,
});
const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 11, 1 + n)).toISOString().slice(0, 10));
const STATUSES = ['open', 'in_transit', 'delivered', 'received', 'completed', 'cancelled', 'rejected', 'expired'] as const;

describe('returnEnded', () => {
  it.each([
    ['cancelled', true],
    ['rejected', true],
    ['expired', true],
    ['open', false],
    ['awaiting_payment', false],
    ['in_transit', false],
    ['completed', false],
  ])('%s → %s', (status, ended) => {
    expect(returnEnded(status)).toBe(ended);
  });
});

describe('firstScanAt', () => {
  it.each([
    [[], null],
    [[{ status: 'open', at: '2026-12-01T10:00:00Z' }], null],
    [
      [
        { status: null, at: '2026-12-01T09:00:00Z' },
        { status: 'delivered', at: '2026-12-03T10:00:00Z' },
        { status: 'in_transit', at: '2026-12-02T10:00:00Z' },
      ],
      '2026-12-02T10:00:00Z',
    ],
    [[{ status: 'cancelled', at: '2026-12-02T10:00:00Z' }], null],
  ])('%j → %s', (events, expected) => {
    expect(firstScanAt(events)).toBe(expected);
  });
});

describe('settleHold', () => {
  it.each([
    [{ scannedOn: null, today: '2026-12-19' }, 'capture'],
    [{ scannedOn: null, today: '2026-12-18' }, 'hold'],
    [{ scannedOn: '2026-12-18', today: '2026-12-19', status: 'in_transit' }, 'release'],
    [{ scannedOn: '2026-12-19', today: '2026-12-19', status: 'in_transit' }, 'capture'],
    [{ scannedOn: null, today: '2026-12-10', status: 'cancelled' }, 'release'],
    [{ scannedOn: null, today: '2026-12-30', status: 'cancelled' }, 'release'],
    [{ scannedOn: null, today: '2026-12-30', status: 'rejected' }, 'release'],
    [{ scannedOn: null, today: '2026-12-30', status: 'expired' }, 'release'],
    [{ scannedOn: null, today: '2026-12-10', status: 'expired' }, 'release'],
    [{ scannedOn: '2026-12-19', today: '2026-12-20', status: 'cancelled' }, 'capture'],
  ] as const)('%j → %s', (input, expected) => {
    expect(settleHold(facts(input))).toBe(expected);
  });

  it('an ended return is never captured before a scan; a scan in time is never captured', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), day, fc.constantFrom(...STATUSES), (deadline, scannedOn, today, status) => {
        const outcome = settleHold({ deadline, scannedOn, today, status });
        if (scannedOn === null && returnEnded(status)) expect(outcome).toBe('release');
        if (scannedOn !== null && scannedOn <= deadline) expect(outcome).toBe('release');
        if (scannedOn === null && !returnEnded(status) && today > deadline) expect(outcome).toBe('capture');
      }),
    );
  });
});

describe('holdCapture', () => {
  it.each([
    ['capture', 5000, 295, {}, 5000],
    ['release', 5000, 295, { scannedOn: '2026-12-12', status: 'in_transit' }, 295],
    ['release', 5000, 0, { scannedOn: '2026-12-12', status: 'in_transit' }, 0],
    ['release', 200, 295, { scannedOn: '2026-12-12', status: 'in_transit' }, 200],
    ['release', 5000, 295, { status: 'cancelled' }, 0],
    ['release', 5000, 295, { status: 'rejected' }, 0],
    ['release', 5000, 295, { status: 'expired' }, 0],
    ['release', 5000, 295, { scannedOn: '2026-12-12', status: 'cancelled' }, 295],
    ['hold', 5000, 295, {}, 0],
  ] as const)('%s of %i owing %i with %j → capture %i', (outcome, hold, owed, f, expected) => {
    expect(holdCapture({ outcome, hold, owed, facts: facts(f) })).toBe(expected);
  });

  it('captures all or only what is owed, never more than the hold, and nothing for a return ended before a scan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 }),
        day,
        fc.option(day, { nil: null }),
        day,
        fc.constantFrom(...STATUSES),
        (hold, owed, deadline, scannedOn, today, status) => {
          const f = { deadline, scannedOn, today, status };
          const outcome = settleHold(f);
          const captured = holdCapture({ outcome, hold, owed, facts: f });
          expect(captured).toBeGreaterThanOrEqual(0);
          expect(captured).toBeLessThanOrEqual(hold);
          if (outcome === 'capture') expect(captured).toBe(hold);
          if (outcome === 'hold' || (scannedOn === null && returnEnded(status))) expect(captured).toBe(0);
          else if (outcome === 'release') expect(captured).toBe(Math.min(hold, owed));
        },
      ),
    );
  });
});
