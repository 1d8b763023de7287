/** Shared fast-check generators for the domain tests (not a test file itself). */
import fc from 'fast-check';

/** Instants in a range where every zone has well-defined, modern rules. */
export const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** A calendar date `YYYY-MM-DD`. */
export const calendarDate = instant.map((d) => d.toISOString().slice(0, 10));

export const TIMEZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Europe/London',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
] as const;

export const timezone = fc.constantFrom(...TIMEZONES);
