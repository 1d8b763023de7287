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
