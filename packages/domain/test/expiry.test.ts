import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../src/calendar.ts';
import {
  DEFAULT_DROP_OFF_REMINDER_DAYS,
  dropOffCountdown,
  dropOffReminderAt,
  dropOffReminderDays,
  expiryAt,
  expiryDays,
  labelReminderAt,
  lastDropOffDay,
} from '../src/reminders.ts';

describe('expiryAt', () => {
  it.each([
    ['30 days, Amsterdam winter', '2026-12-04T10:00:00Z', 30, 'Europe/Amsterdam', '2027-01-03', '2027-01-03T23:00:00.000Z'],
    ['made just after local midnight', '2026-06-15T22:01:00Z', 2, 'Europe/Amsterdam', '2026-06-18', '2026-06-18T22:00:00.000Z'],
    ['ending the night the clocks go forward', '2026-03-01T12:00:00Z', 28, 'Europe/Amsterdam', '2026-03-29', '2026-03-29T22:00:00.000Z'],
    ['ending the night the clocks go back', '2026-10-01T12:00:00Z', 24, 'Europe/Amsterdam', '2026-10-25', '2026-10-25T23:00:00.000Z'],
    ['New York', '2026-06-15T03:00:00Z', 10, 'America/New_York', '2026-06-24', '2026-06-25T04:00:00.000Z'],
    ['UTC, a leap year', '2028-02-14T12:00:00Z', 15, 'UTC', '2028-02-29', '2028-03-01T00:00:00.000Z'],
  ])('%s', (_name, made, days, tz, lastDay, expected) => {
    expect(lastDropOffDay(new Date(made), days, tz)).toBe(lastDay);
    expect(expiryAt(new Date(made), days, tz).toISOString()).toBe(expected);
  });

  const zones = fc.constantFrom('Europe/Amsterdam', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'UTC');
  const instants = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));

  it('is local midnight ending the last day: the instant before is still that day, the instant itself the next (property)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 2, max: 365 }), zones, (made, days, tz) => {
        const at = expiryAt(made, days, tz);
        const last = lastDropOffDay(made, days, tz);
        expect(localDate(new Date(at.getTime() - 1), tz)).toBe(last);
        expect(localDate(at, tz)).not.toBe(last);
        expect(at.getTime()).toBeGreaterThan(made.getTime());
      }),
    );
  });

  it('comes after the label reminder of fewer days and after the drop-off reminder (property)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 2, max: 365 }), fc.integer({ min: 1, max: 60 }), zones, (made, days, before, tz) => {
        const expires = expiryAt(made, days, tz);
        expect(labelReminderAt(made, days - 1, tz).getTime()).toBeLessThan(expires.getTime());
        const reminder = dropOffReminderAt(made, days, before, tz);
        if (reminder) {
          expect(reminder.getTime()).toBeGreaterThan(made.getTime());
          expect(reminder.getTime()).toBeLessThan(expires.getTime());
          expect(dropOffCountdown(expires, reminder, tz).daysLeft).toBe(before);
        } else {
          expect(before).toBeGreaterThanOrEqual(days - 1);
        }
      }),
    );
  });

  it('counts down whole local days to the last day, 0 on it (property)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 2, max: 365 }), zones, fc.double({ min: 0, max: 1, noNaN: true }), (made, days, tz, f) => {
        const expires = expiryAt(made, days, tz);
        const now = new Date(made.getTime() + Math.floor((expires.getTime() - 1 - made.getTime()) * f));
        const { lastDay, daysLeft } = dropOffCountdown(expires, now, tz);
        expect(lastDay).toBe(lastDropOffDay(made, days, tz));
        expect(daysLeft).toBeGreaterThanOrEqual(0);
        expect(daysLeft).toBeLessThanOrEqual(days);
        expect(dropOffCountdown(expires, made, tz).daysLeft).toBe(days);
      }),
    );
  });
});

describe('dropOffReminderAt', () => {
  it.each([
    ['3 days before the last day, 09:00 local', '2026-12-04T10:00:00Z', 30, 3, 'Europe/Amsterdam', '2026-12-31T08:00:00.000Z'],
    ['on the last day', '2026-06-01T10:00:00Z', 10, 0, 'Europe/Amsterdam', '2026-06-11T07:00:00.000Z'],
    ['before the label was made: none', '2026-06-01T10:00:00Z', 5, 5, 'Europe/Amsterdam', null],
    ['on the label day after 09:00: none', '2026-06-01T10:00:00Z', 5, 5, 'UTC', null],
  ])('%s', (_name, made, days, before, tz, expected) => {
    expect(dropOffReminderAt(new Date(made), days, before, tz)?.toISOString() ?? null).toBe(expected);
  });
});

describe('settings', () => {
  it.each([
    [undefined, null],
    [null, null],
    [30, 30],
  ])('expiryDays(%j) → %j', (setting, days) => expect(expiryDays(setting)).toBe(days));
  it.each([
    [undefined, undefined, null],
    [null, 5, null],
    [30, undefined, DEFAULT_DROP_OFF_REMINDER_DAYS],
    [30, null, null],
    [30, 7, 7],
  ])('dropOffReminderDays(%j, %j) → %j', (expiry, setting, days) => expect(dropOffReminderDays(expiry, setting)).toBe(days));
});
