/**
 * Calendar helpers: local dates in an IANA time zone and pure `YYYY-MM-DD` arithmetic.
 * Calendar dates are plain strings so they compare correctly with `<` / `<=`.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** True for a time zone name Intl accepts (IANA names such as `Europe/Amsterdam`, or `UTC`). */
export function isValidTimezone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '' || tz !== tz.trim()) return false;
  // Newer engines accept raw offsets (`+01:00`); those are not IANA zone names.
  if (/^[+-]/.test(tz)) return false;
  if (formatters.has(tz)) return true;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * Local dates already worked out, per zone and quarter hour (UTC). Every zone's offset and every
 * change of it today falls on a quarter hour, so local midnight never falls inside one: the date
 * is the same for the whole quarter. Intl's formatToParts costs ~10 µs; a lookup computes a
 * deadline per item (issue #12 profile). Bounded: cleared when full.
 */
const QUARTER_HOUR_MS = 900_000;
const localDates = new Map<string, string>();
const LOCAL_DATES_MAX = 20_000;

/** The calendar date (`YYYY-MM-DD`) of `instant` as seen on a wall clock in `timezone`. */
export function localDate(instant: Date, timezone: string): string {
  const key = `${timezone}\u0000${Math.floor(instant.getTime() / QUARTER_HOUR_MS)}`;
  const known = localDates.get(key);
  if (known !== undefined) return known;
  const date = formatLocalDate(instant, timezone);
  if (localDates.size >= LOCAL_DATES_MAX) localDates.clear();
  localDates.set(key, date);
  return date;
}

function formatLocalDate(instant: Date, timezone: string): string {
  const parts = formatterFor(timezone).formatToParts(instant);
  let year = '';
  let month = '';
  let day = '';
  for (const p of parts) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parse(date: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(date);
  if (match === null) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function format(ms: number): string {
  const dt = new Date(ms);
  const y = String(dt.getUTCFullYear()).padStart(4, '0');
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function utcMs(y: number, m: number, d: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear avoids that.
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y);
  return dt.getTime();
}

/** True for a real Gregorian date written `YYYY-MM-DD` (e.g. rejects `2026-02-30`). */
export function isValidCalendarDate(s: string): boolean {
  const p = parse(s);
  if (p === null || p.m < 1 || p.m > 12 || p.d < 1 || p.d > 31) return false;
  return format(utcMs(p.y, p.m, p.d)) === s;
}

/** `date` plus `days` whole calendar days (negative allowed). Throws on a malformed date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be an integer, got ${days}`);
  if (!isValidCalendarDate(date)) throw new RangeError(`addDays: invalid calendar date "${date}"`);
  const p = parse(date) as { y: number; m: number; d: number };
  return format(utcMs(p.y, p.m, p.d) + days * MS_PER_DAY);
}
