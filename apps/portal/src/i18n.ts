// The shopper's language: ICU messages (compiled at build time, one catalogue per language, loaded
// on demand) plus dates and money in the locale's own format through Intl.
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { PublicPortal } from '@retour/contracts/portal';
import type { Catalogue } from './messages/en.ts';

export type Lang = PublicPortal['language'];
export type MessageKey = keyof Catalogue;
type Compiled = Record<MessageKey, string | MessageFormatElement[]>;
export type Values = Record<string, string | number>;

export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English',
  nl: 'Nederlands',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
};

const LOADERS: Record<Lang, () => Promise<{ default: unknown }>> = {
  en: () => import('./messages/en.ts'),
  nl: () => import('./messages/nl.ts'),
  fr: () => import('./messages/fr.ts'),
  de: () => import('./messages/de.ts'),
  it: () => import('./messages/it.ts'),
};

/** Every language the portal speaks (the contract's language enum, through LANGUAGE_NAMES' keys). */
export const LANGUAGES = Object.keys(LANGUAGE_NAMES) as Lang[];

let lang: Lang = 'en';
let locale = 'en';
let messages: Compiled | null = null;
let formats = new Map<string, IntlMessageFormat>();

/** `?lang=`, then the browser's languages, then the portal's default; only languages the portal offers. */
export function chooseLanguage(offered: readonly Lang[], fallback: Lang): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  const wanted = [asked ?? '', ...(navigator.languages ?? [navigator.language])];
  for (const tag of wanted) {
    const code = tag.slice(0, 2).toLowerCase() as Lang;
    if (offered.includes(code)) return code;
  }
  return fallback;
}

/** The browser's own tag when it is a variant of `code` (en-GB, fr-BE, de-CH), else the code. */
function intlLocale(code: Lang): string {
  const own = (navigator.languages ?? []).find((tag) => tag.toLowerCase().startsWith(`${code}-`));
  return own ?? code;
}

export async function loadLanguage(code: Lang): Promise<void> {
  const module = await LOADERS[code]();
  messages = module.default as Compiled;
  lang = code;
  locale = intlLocale(code);
  formats = new Map();
  document.documentElement.lang = code;
}

export function currentLanguage(): Lang {
  return lang;
}

export function t(key: MessageKey, values?: Values): string {
  const message = messages?.[key];
  if (message === undefined) return key;
  if (typeof message === 'string') return message;
  let format = formats.get(key);
  if (!format) {
    format = new IntlMessageFormat(message, locale);
    formats.set(key, format);
  }
  return String(format.format(values));
}

export function formatMoney(money: { value: string; currency: string }): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(Number(money.value));
}

/** A calendar date `YYYY-MM-DD` (no time zone: it is the shop's local day). */
export function formatDay(day: string, weekday = false): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return new Intl.DateTimeFormat(locale, { dateStyle: weekday ? 'full' : 'long', timeZone: 'UTC' }).format(date);
}

/** The shopper's local date of an instant. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

/** An instant, in the shopper's time zone, with the zone named. */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatDistance(meters: number): string {
  const km = meters >= 1000;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: km ? 'kilometer' : 'meter',
    maximumFractionDigits: km ? 1 : 0,
  }).format(km ? meters / 1000 : Math.round(meters / 10) * 10);
}
