import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../src/calendar.ts';
import { DEFAULT_LABEL_REMINDER_DAYS, labelReminderAt, labelReminderDays, wallClockInstant } from '../src/reminders.ts';

describe('labelReminderAt', () => {
  it.each([
    ['15 days, Amsterdam summer', '2026-06-15T10:00:00Z', 15, 'Europe/Amsterdam', '2026-06-30T07:00:00.000Z'],
    ['made just before local midnight counts that local day', '2026-06-15T21:59:00Z', 1, 'Europe/Amsterdam', '2026-06-16T07:00:00.000Z'],
    ['made just after local midnight (still the 15th in UTC)', '2026-06-15T22:01:00Z', 1, 'Europe/Amsterdam', '2026-06-17T07:00:00.000Z'],
    ['across the autumn clock change', '2026-10-20T12:00:00Z', 15, 'Europe/Amsterdam', '2026-11-04T08:00:00.000Z'],
    ['across the spring clock change', '2026-03-20T12:00:00Z', 15, 'Europe/Amsterdam', '2026-04-04T07:00:00.000Z'],
    ['across a month and year end', '2026-12-25T12:00:00Z', 15, 'Europe/Amsterdam', '2027-01-09T08:00:00.000Z'],
    ['a leap day', '2028-02-14T12:00:00Z', 15, 'Europe/Amsterdam', '2028-02-29T08:00:00.000Z'],
    ['New York', '2026-06-15T03:00:00Z', 2, 'America/New_York', '2026-06-16T13:00:00.000Z'],
    ['UTC', '2026-06-15T23:59:59Z', 15, 'UTC', '2026-06-30T09:00:00.000Z'],
  ])('%s', (_name, made, days, tz, expected) => {
    expect(labelReminderAt(new Date(made), days, tz).toISOString()).toBe(expected);
  });

  const zones = fc.constantFrom('Europe/Amsterdam', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'UTC');
  const instants = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));
  it('falls on 09:00 local, exactly N local calendar days later, always after the label (property)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 90 }), zones, (made, days, tz) => {
        const at = labelReminderAt(made, days, tz);
        expect(at.getTime()).toBeGreaterThan(made.getTime());
        const made0 = Date.parse(`${localDate(made, tz)}T00:00:00Z`);
        const due0 = Date.parse(`${localDate(at, tz)}T00:00:00Z`);
        expect((due0 - made0) / 86_400_000).toBe(days);
        const hour = new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(at);
        expect(Number(hour)).toBe(9);
      }),
    );
  });

  it('is monotonic in the number of days (property)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 89 }), zones, (made, days, tz) => {
        expect(labelReminderAt(made, days + 1, tz).getTime()).toBeGreaterThan(labelReminderAt(made, days, tz).getTime());
      }),
    );
  });
});

describe('wallClockInstant', () => {
  it('maps a local hour to its instant on either side of a clock change', () => {
    expect(wallClockInstant('2026-03-29', 9, 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(wallClockInstant('2026-03-28', 9, 'Europe/Amsterdam').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(wallClockInstant('2026-10-25', 9, 'Europe/Amsterdam').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });
});

describe('labelReminderDays', () => {
  it.each([
    [undefined, DEFAULT_LABEL_REMINDER_DAYS],
    [null, null],
    [7, 7],
  ])('%j → %j', (setting, days) => expect(labelReminderDays(setting)).toBe(days));
});
