import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../src/calendar.ts';
import { holdCapture, holdSettlesAt, instantHoldAmount, settleHold } from '../src/instant-exchange.ts';
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

describe('settleHold', () => {
  it.each([
    [{ deadline: '2026-12-18', scannedOn: null, today: '2026-12-19', cancelled: false }, 'capture'],
    [{ deadline: '2026-12-18', scannedOn: null, today: '2026-12-18', cancelled: false }, 'hold'],
    [{ deadline: '2026-12-18', scannedOn: '2026-12-18', today: '2026-12-19', cancelled: false }, 'release'],
    [{ deadline: '2026-12-18', scannedOn: '2026-12-19', today: '2026-12-19', cancelled: false }, 'capture'],
    [{ deadline: '2026-12-18', scannedOn: null, today: '2026-12-10', cancelled: true }, 'release'],
    [{ deadline: '2026-12-18', scannedOn: null, today: '2026-12-30', cancelled: true }, 'release'],
  ] as const)('%j → %s', (input, expected) => {
    expect(settleHold(input)).toBe(expected);
  });

  it('a cancelled return is never captured before a scan; a scan in time is never captured', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 11, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), day, fc.boolean(), (deadline, scannedOn, today, cancelled) => {
        const outcome = settleHold({ deadline, scannedOn, today, cancelled });
        if (scannedOn === null && cancelled) expect(outcome).toBe('release');
        if (scannedOn !== null && scannedOn <= deadline) expect(outcome).toBe('release');
        if (scannedOn === null && !cancelled && today > deadline) expect(outcome).toBe('capture');
      }),
    );
  });
});

describe('holdCapture', () => {
  it.each([
    ['capture', 5000, 295, 5000],
    ['release', 5000, 295, 295],
    ['release', 5000, 0, 0],
    ['release', 200, 295, 200],
    ['hold', 5000, 295, 0],
  ] as const)('%s of %i owing %i → capture %i', (outcome, hold, owed, expected) => {
    expect(holdCapture(outcome, hold, owed)).toBe(expected);
  });

  it('never captures more than the hold nor less than owed on release', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), (hold, owed) => {
        expect(holdCapture('capture', hold, owed)).toBe(hold);
        expect(holdCapture('release', hold, owed)).toBe(Math.min(hold, owed));
      }),
    );
  });
});
