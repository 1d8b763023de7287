import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseOrderNumber, normalisePostalCode, normaliseTrackingNumber } from '../src/normalise.ts';

describe('normaliseOrderNumber', () => {
  it.each([
    [' #1001 ', '1001'],
    ['#ab-12', 'AB-12'],
    ['1001', '1001'],
    ['# 1001', '1001'],
    ['##1001', '#1001'], // only ONE leading '#' is dropped
    ['ab#12', 'AB#12'], // a '#' inside stays
    ['\t#x1\n', 'X1'],
    ['', ''],
    ['#', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseOrderNumber(input)).toBe(expected);
  });

  it('matches case-insensitively and regardless of a leading # or padding', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), fc.boolean(), fc.boolean(), (n, hash, pad) => {
        const typed = `${pad ? '  ' : ''}${hash ? '#' : ''}${n.toLowerCase()}${pad ? ' ' : ''}`;
        expect(normaliseOrderNumber(typed)).toBe(normaliseOrderNumber(n.toUpperCase()));
      }),
    );
  });
});

describe('normalisePostalCode', () => {
  it.each([
    ['1012 ab', '1012AB'],
    ['1012AB', '1012AB'],
    ['sw1a 1aa', 'SW1A1AA'],
    ['75-001', '75001'],
    [' 630 86 ', '63086'],
    ['AX-22100', 'AX22100'],
    ['1012\t-\tab', '1012AB'],
  ])('%j → %j', (input, expected) => {
    expect(normalisePostalCode(input)).toBe(expected);
  });

  it('leaves no whitespace, hyphens or lower-case letters', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalisePostalCode(s);
        expect(n).not.toMatch(/[\s-]/);
        expect(n).toBe(n.toUpperCase());
      }),
    );
  });
});

describe('normaliseTrackingNumber', () => {
  it.each([
    ['3s abcd 1234 5678', '3SABCD12345678'],
    [' jvgl0 6123 ', 'JVGL06123'],
    ['AB-12', 'AB-12'], // hyphens are part of some carriers' numbers
  ])('%j → %j', (input, expected) => {
    expect(normaliseTrackingNumber(input)).toBe(expected);
  });
});

/** Strings rich in the characters normalisation cares about, plus arbitrary ones. */
const messy = fc.oneof(
  fc.string({ unit: fc.constantFrom('#', ' ', '\t', '\n', '-', 'a', 'B', '1', 'ß', 'é') }),
  fc.string({ unit: 'grapheme' }),
);

describe('idempotence', () => {
  it.each([
    ['postal code', normalisePostalCode],
    ['tracking number', normaliseTrackingNumber],
  ])('%s: normalising twice equals normalising once', (_name, normalise) => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = normalise(s);
        expect(normalise(once)).toBe(once);
      }),
    );
  });

  // Dropping exactly ONE '#' (as specified) means '##1' → '#1' → '1': idempotence holds for
  // every result that does not itself start with '#', which is every real order number.
  it('order number: normalising twice equals once unless the result still starts with #', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = normaliseOrderNumber(s);
        fc.pre(!once.startsWith('#'));
        expect(normaliseOrderNumber(once)).toBe(once);
      }),
    );
  });
});
