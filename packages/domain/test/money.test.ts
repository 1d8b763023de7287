import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoneyValue, isKnownCurrency, parseMoneyValue } from '../src/money.ts';

describe('currencyExponent / isKnownCurrency', () => {
  it.each([
    ['EUR', 2],
    ['GBP', 2],
    ['USD', 2],
    ['CHF', 2],
    ['SEK', 2],
    ['PLN', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
    ['VND', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
    ['XYZ', 2],
    ['jpy', 0],
  ])('%s has %i decimals', (c, exp) => {
    expect(currencyExponent(c)).toBe(exp);
  });

  it.each(['EUR', 'GBP', 'USD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'JPY', 'ISK', 'KWD', 'AUD', 'CAD', 'CNY'])(
    '%s is known',
    (c) => expect(isKnownCurrency(c)).toBe(true),
  );

  it.each(['XYZ', 'EURO', '', 'eur', 'E'])('%j is not known', (c) => expect(isKnownCurrency(c)).toBe(false));
});

describe('formatMoneyValue', () => {
  it.each([
    [1250, 'EUR', '12.50'],
    [-300, 'EUR', '-3.00'],
    [0, 'EUR', '0.00'],
    [5, 'EUR', '0.05'],
    [-5, 'EUR', '-0.05'],
    [1200, 'JPY', '1200'],
    [-1200, 'JPY', '-1200'],
    [1500, 'KWD', '1.500'],
    [7, 'BHD', '0.007'],
    [Number.MAX_SAFE_INTEGER, 'EUR', '90071992547409.91'],
  ])('%i %s → %j', (minor, c, expected) => {
    expect(formatMoneyValue(minor, c)).toBe(expected);
  });

  it.each([[1.5], [Number.NaN], [Number.MAX_SAFE_INTEGER + 1]])('throws for %d', (minor) => {
    expect(() => formatMoneyValue(minor, 'EUR')).toThrow(RangeError);
  });
});

describe('parseMoneyValue', () => {
  it.each([
    ['12.50', 'EUR', 1250],
    ['12.5', 'EUR', 1250],
    ['12', 'EUR', 1200],
    ['0.05', 'EUR', 5],
    ['-3.00', 'EUR', -300],
    ['-0.00', 'EUR', 0],
    ['007.10', 'EUR', 710],
    ['1200', 'JPY', 1200],
    ['1.500', 'KWD', 1500],
    ['0.1', 'KWD', 100],
    ['90071992547409.91', 'EUR', Number.MAX_SAFE_INTEGER],
    ['0.1', 'EUR', 10], // no float drift (0.1 * 100 = 10.000000000000002)
    ['1.15', 'EUR', 115], // 1.15 * 100 = 114.99999999999999
  ])('%j %s → %i', (value, c, expected) => {
    expect(parseMoneyValue(value, c)).toBe(expected);
  });

  it.each([
    ['12.505', 'EUR'], // more decimals than the currency has
    ['12.5', 'JPY'],
    ['12.', 'EUR'],
    ['.5', 'EUR'],
    ['+1.00', 'EUR'],
    ['1,00', 'EUR'],
    ['1e3', 'EUR'],
    [' 1.00', 'EUR'],
    ['', 'EUR'],
    ['-', 'EUR'],
    ['--1', 'EUR'],
    ['NaN', 'EUR'],
    ['90071992547409.92', 'EUR'], // one beyond MAX_SAFE_INTEGER
    ['99999999999999999999', 'JPY'],
  ])('%j %s → null', (value, c) => {
    expect(parseMoneyValue(value, c)).toBeNull();
  });

  it('never returns -0', () => {
    expect(Object.is(parseMoneyValue('-0', 'EUR'), 0)).toBe(true);
  });
});

const currency = fc.constantFrom('EUR', 'GBP', 'JPY', 'KWD', 'CHF', 'ISK', 'BHD');

describe('properties', () => {
  it('parse(format(minor)) = minor for every safe integer', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().filter((n) => n >= -Number.MAX_SAFE_INTEGER),
        currency,
        (minor, c) => {
          expect(parseMoneyValue(formatMoneyValue(minor, c), c)).toBe(minor === 0 ? 0 : minor);
        },
      ),
    );
  });

  it('format(parse(s)) is the canonical form of s (same amount, exact decimals)', () => {
    fc.assert(
      fc.property(currency, fc.stringMatching(/^-?\d{1,12}$/), fc.stringMatching(/^\d{0,3}$/), (c, int, frac) => {
        const exp = currencyExponent(c);
        fc.pre(frac.length <= exp);
        const s = frac === '' ? int : `${int}.${frac}`;
        const minor = parseMoneyValue(s, c);
        expect(minor).not.toBeNull();
        const out = formatMoneyValue(minor as number, c);
        expect(parseMoneyValue(out, c)).toBe(minor);
        expect(out.split('.')[1]?.length ?? 0).toBe(exp);
        // Same value as the input, compared as exact rationals via BigInt.
        const scale = 10n ** BigInt(exp);
        const [i, f = ''] = s.replace('-', '').split('.');
        const expected = BigInt(i as string) * scale + BigInt(f.padEnd(exp, '0') || '0');
        expect(BigInt(minor as number)).toBe(s.startsWith('-') ? -expected : expected);
      }),
    );
  });
});
