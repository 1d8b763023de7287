// The back office's language: ICU messages (compiled at build time by scripts/icu-messages.ts, one
// catalogue per language, loaded on demand) plus dates, numbers and money in the locale's own format
// through Intl. The language is the user's setting (Account), else the browser's, else English.
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue } from './messages/en.ts';

/** The languages of the back office are the product's languages (the contract's language enum). */
export const LANGUAGES = SUPPORTED_LANGUAGES;
export type Lang = (typeof LANGUAGES)[number];
export type MessageKey = keyof Catalogue;
export type Values = Record<string, string | number>;
type Compiled = Record<MessageKey, string | MessageFormatElement[]>;

/** Each language's name in itself (a language menu shows them so). */
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

let lang: Lang = 'en';
let locale = 'en';
let messages: Compiled | null = null;
let formats = new Map<string, IntlMessageFormat>();

export function isLang(value: unknown): value is Lang {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The user's choice, else the first of the browser's languages the back office speaks, else English. */
export function chooseLanguage(chosen: string | null | undefined): Lang {
  if (isLang(chosen)) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLang(code)) return code;
  }
  return 'en';
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

export function formatMoney(money: { value: string; currency: string } | null | undefined): string {
  if (!money) return '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(Number(money.value));
  } catch {
    return `${money.value} ${money.currency}`;
  }
}

/** An instant in the user's time zone: date and time, or the date only. */
export function formatDate(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '';
  const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** A calendar date `YYYY-MM-DD` (no time zone: it is a day, not an instant). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)),
  );
}

/** A month `YYYY-MM`, e.g. "March 2026" / "maart 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15)),
  );
}

/** A language's name in the user's language ("Dutch", "néerlandais", "Niederländisch"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A share 0…1 as a percentage with at most one decimal. */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
