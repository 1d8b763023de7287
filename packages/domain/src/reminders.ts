/**
 * Reminders (issue #15 item 5): when the "your label is still unused" email goes out — N calendar
 * days after the label was made, counted in the shop's time zone, at 09:00 on its wall clock.
 * Pure functions: instants in, instants out.
 */
import { addDays, localDate } from './calendar.ts';

export const DEFAULT_LABEL_REMINDER_DAYS = 15;
export const LABEL_REMINDER_MIN_DAYS = 1;
export const LABEL_REMINDER_MAX_DAYS = 90;
/** The local hour reminders go out at: not in the middle of the night. */
export const REMINDER_HOUR = 9;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(instant: number, timezone: string): number {
  let f = partsFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the shop's wall clock shows `hour`:00 on `date` (YYYY-MM-DD). On a day whose clocks
 * jump over that hour, the first instant after the jump.
 */
export function wallClockInstant(date: string, hour: number, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  let guess = wall - offsetMs(wall, timezone);
  guess = wall - offsetMs(guess, timezone);
  return new Date(guess);
}

/** When the label-unused reminder is due: 09:00 local, `days` calendar days after the label's local date. */
export function labelReminderAt(labelCreatedAt: Date, days: number, timezone: string): Date {
  return wallClockInstant(addDays(localDate(labelCreatedAt, timezone), days), REMINDER_HOUR, timezone);
}

/** The reminder days a portal uses: its setting, the default when unset, none when switched off (null). */
export function labelReminderDays(setting: number | null | undefined): number | null {
  return setting === undefined ? DEFAULT_LABEL_REMINDER_DAYS : setting;
}

/**
 * Expiry (issue #15 item 5): a return whose label is still unused `days` calendar days after it was
 * made lapses. The shopper may hand the parcel in all through that last local day; the return
 * expires at the start of the next one (local midnight). Off unless the portal sets it.
 */
export const DEFAULT_EXPIRY_DAYS = 30;
export const EXPIRY_MIN_DAYS = 2;
export const EXPIRY_MAX_DAYS = 365;
/** The drop-off reminder goes out this many days before the last day (09:00 local). */
export const DEFAULT_DROP_OFF_REMINDER_DAYS = 3;
export const DROP_OFF_REMINDER_MIN_DAYS = 1;
export const DROP_OFF_REMINDER_MAX_DAYS = 60;

/** The last local day to hand the parcel in: `days` calendar days after the label's local date. */
export function lastDropOffDay(labelCreatedAt: Date, days: number, timezone: string): string {
  return addDays(localDate(labelCreatedAt, timezone), days);
}

/** The instant the return expires: local midnight at the end of its last drop-off day. */
export function expiryAt(labelCreatedAt: Date, days: number, timezone: string): Date {
  return wallClockInstant(addDays(lastDropOffDay(labelCreatedAt, days, timezone), 1), 0, timezone);
}

/**
 * The drop-off reminder: 09:00 local, `daysBefore` days before the last drop-off day. None (null)
 * when that would not fall after the label was made (a reminder in the past is no reminder).
 */
export function dropOffReminderAt(labelCreatedAt: Date, expiryDays: number, daysBefore: number, timezone: string): Date | null {
  const at = wallClockInstant(addDays(lastDropOffDay(labelCreatedAt, expiryDays, timezone), -daysBefore), REMINDER_HOUR, timezone);
  return at.getTime() > labelCreatedAt.getTime() ? at : null;
}

/** The days until expiry a portal uses: none (null) unless set. */
export function expiryDays(setting: number | null | undefined): number | null {
  return setting ?? null;
}

/** The drop-off reminder's days before the last day: none without expiry or when switched off (null). */
export function dropOffReminderDays(expiry: number | null | undefined, setting: number | null | undefined): number | null {
  if (expiryDays(expiry) === null) return null;
  return setting === undefined ? DEFAULT_DROP_OFF_REMINDER_DAYS : setting;
}

/**
 * What the shopper's status page counts down: the last drop-off day (YYYY-MM-DD, shop time) and
 * the whole local days left from `now` until that day (0 on the last day itself).
 */
export function dropOffCountdown(expiresAt: Date, now: Date, timezone: string): { lastDay: string; daysLeft: number } {
  const lastDay = localDate(new Date(expiresAt.getTime() - 1), timezone);
  const today = localDate(now, timezone);
  const daysLeft = Math.max(0, Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000));
  return { lastDay, daysLeft };
}
