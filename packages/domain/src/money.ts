/**
 * Money is integer minor units + ISO 4217 currency inside, a decimal string on the wire
 * (`{ "value": "12.50", "currency": "EUR" }`). Conversions use string arithmetic, never floats.
 */

/** ISO 4217 codes Retour accepts. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set([
  'EUR',
  'GBP',
  'USD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'ISK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'BGN',
  'RSD',
  'BAM',
  'MKD',
  'ALL',
  'MDL',
  'UAH',
  'TRY',
  'GEL',
  'AMD',
  'AZN',
  'JPY',
  'CNY',
  'HKD',
  'TWD',
  'KRW',
  'SGD',
  'MYR',
  'THB',
  'IDR',
  'PHP',
  'VND',
  'INR',
  'PKR',
  'AUD',
  'NZD',
  'CAD',
  'MXN',
  'BRL',
  'ARS',
  'CLP',
  'COP',
  'PEN',
  'UYU',
  'PYG',
  'ZAR',
  'EGP',
  'MAD',
  'TND',
  'NGN',
  'KES',
  'GHS',
  'XOF',
  'XAF',
  'XPF',
  'AED',
  'SAR',
  'QAR',
  'KWD',
  'BHD',
  'OMR',
  'JOD',
  'ILS',
  'IQD',
  'LYD',
  'BIF',
  'DJF',
  'GNF',
  'KMF',
  'RWF',
  'UGX',
  'VUV',
]);

const ZERO_DECIMALS: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

const THREE_DECIMALS: ReadonlySet<string> = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Number of minor-unit decimals (ISO 4217 exponent); 2 for anything not listed as 0 or 3. */
export function currencyExponent(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO_DECIMALS.has(c)) return 0;
  if (THREE_DECIMALS.has(c)) return 3;
  return 2;
}

/** True for an ISO 4217 code on Retour's list (upper case, as on the wire). */
export function isKnownCurrency(c: string): boolean {
  return KNOWN_CURRENCIES.has(c);
}

/** Minor units → wire decimal string: 1250 EUR → '12.50', -300 → '-3.00', 1200 JPY → '1200'. */
export function formatMoneyValue(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`formatMoneyValue: minor units must be a safe integer, got ${minor}`);
  }
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Wire decimal string → minor units. Strict: `^-?\d+(\.\d+)?$` with at most the currency's
 * exponent decimals ('12.5' EUR = 1250, '12.505' EUR = null). Null when invalid or out of
 * the safe integer range.
 */
export function parseMoneyValue(value: string, currency: string): number | null {
  const m = DECIMAL_RE.exec(value);
  if (m === null) return null;
  const exp = currencyExponent(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > exp) return null;
  const magnitude = BigInt((m[2] as string) + fraction.padEnd(exp, '0'));
  if (magnitude > MAX_SAFE) return null;
  if (magnitude === 0n) return 0; // never -0
  const n = Number(magnitude);
  return m[1] === '-' ? -n : n;
}
