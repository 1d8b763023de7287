// Formatting of values printed on documents: addresses, weights, money, dates. Intl formatters are
// built once per language and reused (constructing them costs more than formatting).
import type { DocLanguage, Party } from './types.ts';

const LOCALES: Record<DocLanguage, string> = { en: 'en-GB', nl: 'nl-NL', fr: 'fr-FR', de: 'de-DE', it: 'it-IT' };

export function locale(language: DocLanguage): string {
  return LOCALES[language];
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** Country name in English (the UPU working language besides French) for an ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return code;
  const names = cached('country:en', () => new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }));
  return names.of(upper) ?? upper;
}

/** Countries that write the house number before the street. */
const NUMBER_FIRST = new Set(['GB', 'IE', 'FR', 'MC', 'LU', 'US', 'CA', 'AU', 'NZ', 'IL']);

export function streetLine(party: Party): string {
  const number = party.houseNumber?.trim();
  if (!number) return party.street;
  return NUMBER_FIRST.has(party.country.trim().toUpperCase()) ? `${number} ${party.street}` : `${party.street} ${number}`;
}

/** Address lines after the name: company, street, line 2, postcode + city, region, COUNTRY. */
export function addressLines(party: Party, options: { company?: boolean } = {}): string[] {
  const lines: string[] = [];
  if (options.company !== false && party.company) lines.push(party.company);
  lines.push(streetLine(party));
  if (party.addressLine2) lines.push(party.addressLine2);
  lines.push(`${party.postalCode} ${party.city}`.trim());
  if (party.region) lines.push(party.region);
  lines.push(countryName(party.country).toUpperCase());
  return lines;
}

/** Grams as kilograms with one decimal in the language's notation, e.g. '1,2 kg'. */
export function formatKg(grams: number, language: DocLanguage, decimals = 1): string {
  const number = cached(`kg:${language}:${decimals}`, () => {
    return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  });
  return `${number.format(grams / 1000)} kg`;
}

/** Grams as a plain kilogram number for forms, e.g. '0.250' (decimal point, no unit). */
export function kilograms(grams: number, decimals = 3): string {
  return (grams / 1000).toFixed(decimals);
}

/** Minor units as a plain decimal with the ISO currency code, e.g. '12.50 EUR' (customs forms use codes). */
export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = cached(`cur:${code}`, () => {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency: code });
    } catch {
      return new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
    }
  }).resolvedOptions().maximumFractionDigits;
  const decimal = cached(`dec:${digits}`, () => {
    return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  });
  return `${decimal.format(minor / 10 ** (digits ?? 2))} ${code}`;
}

/** A calendar date 'YYYY-MM-DD' in words, e.g. '14 juli 2026'; anything else is returned as given. */
export function formatDate(date: string, language: DocLanguage): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const instant = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return cached(`date:${language}`, () => new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' })).format(
    instant,
  );
}

/** An instant as date and time in a time zone, e.g. { date: 'woensdag 1 juli 2026', time: '00:30:00 CEST' }. */
export function formatInstant(iso: string, timezone: string, language: DocLanguage): { date: string; time: string } {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return { date: iso, time: '' };
  const date = cached(`idate:${language}:${timezone}`, () => {
    return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'full', timeZone: timezone });
  });
  const time = cached(`itime:${language}:${timezone}`, () => {
    return new Intl.DateTimeFormat(LOCALES[language], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone: timezone,
      timeZoneName: 'short',
    });
  });
  return { date: date.format(instant), time: time.format(instant) };
}
