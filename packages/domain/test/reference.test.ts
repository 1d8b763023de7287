import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReference, isReference, REFERENCE_ALPHABET } from '../src/reference.ts';

describe('REFERENCE_ALPHABET', () => {
  it('has 30 distinct characters without 0, 1, I, L, O, U', () => {
    expect(new Set(REFERENCE_ALPHABET).size).toBe(30);
    for (const ch of '01ILOU') expect(REFERENCE_ALPHABET).not.toContain(ch);
  });
});

describe('formatReference', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0], 'R-222222'],
    [[29, 29, 29, 29, 29, 29], 'R-ZZZZZZ'],
    [[30, 31, 255, 5, 10, 20], 'R-23H7CP'], // byte mod 30: 255 % 30 = 15 → H
    [[0, 1, 2, 3, 4, 5, 99, 99], 'R-234567'], // extra bytes ignored
  ])('%j → %s', (bytes, expected) => {
    expect(formatReference(Uint8Array.from(bytes))).toBe(expected);
  });

  it('needs 6 bytes', () => {
    expect(() => formatReference(new Uint8Array(5))).toThrow(RangeError);
  });

  it('always produces a valid reference, determined by the first 6 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 16 }), (bytes) => {
        const ref = formatReference(bytes);
        expect(isReference(ref)).toBe(true);
        expect(formatReference(bytes.slice(0, 6))).toBe(ref);
      }),
    );
  });
});

describe('isReference', () => {
  it.each([
    ['R-7K3Q9M', true],
    ['R-222222', true],
    ['r-7K3Q9M', false],
    ['R-7k3q9m', false],
    ['R-7K3Q9', false],
    ['R-7K3Q9MM', false],
    ['R-7K3Q0M', false], // 0 not in the alphabet
    ['R-7K3QIM', false],
    ['7K3Q9M', false],
    [' R-7K3Q9M', false],
  ])('%j → %s', (s, expected) => {
    expect(isReference(s)).toBe(expected);
  });
});
