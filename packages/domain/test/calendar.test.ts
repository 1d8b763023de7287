import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isValidCalendarDate, isValidTimezone, localDate } from '../src/calendar.ts';
import { calendarDate, instant, timezone } from './arbitraries.ts';

describe('isValidTimezone', () => {
  it.each([
    ['Europe/Amsterdam', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['', false],
    ['   ', false],
    [' Europe/Amsterdam', false],
    ['Mars/Olympus_Mons', false],
    ['garbage', false],
    ['+01:00', false],
  ])('%j → %s', (tz, expected) => {
    expect(isValidTimezone(tz)).toBe(expected);
  });
});

describe('localDate', () => {
  it.each([
    ['2026-03-10T23:30:00Z', 'Europe/Amsterdam', '2026-03-11'], // just after local midnight (CET)
    ['2026-03-10T22:59:59Z', 'Europe/Amsterdam', '2026-03-10'], // just before
    ['2026-07-10T21:59:59Z', 'Europe/Amsterdam', '2026-07-10'], // summer time (CEST, +2)
    ['2026-07-10T22:00:00Z', 'Europe/Amsterdam', '2026-07-11'],
    ['2026-03-10T23:30:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'America/New_York', '2026-03-10'],
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31'], // EST, -5
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01-01'],
    ['2026-01-01T10:00:00Z', 'Pacific/Kiritimati', '2026-01-02'], // +14
  ])('%s in %s is %s', (iso, tz, expected) => {
    expect(localDate(new Date(iso), tz)).toBe(expected);
  });

  it('in UTC equals the ISO date', () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(localDate(d, 'UTC')).toBe(d.toISOString().slice(0, 10));
      }),
    );
  });

  it('in Amsterdam (UTC+1 or +2) is the UTC date or the day after', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const utc = d.toISOString().slice(0, 10);
        expect([utc, addDays(utc, 1)]).toContain(localDate(d, 'Europe/Amsterdam'));
      }),
    );
  });

  it('always yields a valid calendar date and never goes backwards in time', () => {
    fc.assert(
      fc.property(timezone, instant, fc.integer({ min: 0, max: 10 * 86_400_000 }), (tz, d, ms) => {
        const a = localDate(d, tz);
        const b = localDate(new Date(d.getTime() + ms), tz);
        expect(isValidCalendarDate(a)).toBe(true);
        expect(a <= b).toBe(true);
      }),
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-11', 14, '2026-03-25'],
    ['2026-03-28', 1, '2026-03-29'], // across the Amsterdam DST change: pure calendar math
    ['2024-02-28', 1, '2024-02-29'], // leap year
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-11', 365, '2027-03-11'],
    ['2026-03-01', 240, '2026-10-27'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-11', 0, '2026-03-11'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-3-1'], ['not a date'], ['']])('throws on invalid date %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });

  it('throws on a fractional day count', () => {
    expect(() => addDays('2026-03-11', 1.5)).toThrow(RangeError);
  });

  it('composes: (d + a) + b = d + (a + b), and n steps of one day = n days', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 40 }), (d, a, n) => {
        expect(addDays(addDays(d, a), n)).toBe(addDays(d, a + n));
        let stepped = d;
        for (let i = 0; i < n; i++) stepped = addDays(stepped, 1);
        expect(stepped).toBe(addDays(d, n));
      }),
    );
  });

  it('orders like the number of days added', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), (d, a, b) => {
        const cmp = Math.sign(addDays(d, a).localeCompare(addDays(d, b)));
        expect(cmp).toBe(Math.sign(a - b));
      }),
    );
  });
});

describe('isValidCalendarDate', () => {
  it.each([
    ['2026-03-11', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-03-11T00:00:00Z', false],
    ['20260311', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidCalendarDate(s)).toBe(expected);
  });
});

describe('localDate remembered per quarter hour', () => {
  it('answers what Intl answers at every minute around midnights and DST changes, also in zones off the hour', () => {
    const zones = ['Europe/Amsterdam', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    // Around the EU switch to summer time (2026-03-29) and the US one (2026-03-08), minute by minute.
    const starts = ['2026-03-28T12:00:00Z', '2026-03-07T12:00:00Z', '2026-10-24T12:00:00Z'];
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const start of starts) {
        for (let m = 0; m < 36 * 60; m += 1) {
          const instant = new Date(Date.parse(start) + m * 60_000 + 17_000);
          expect(localDate(instant, zone), `${zone} ${instant.toISOString()}`).toBe(intl.format(instant));
        }
      }
    }
  });
});
