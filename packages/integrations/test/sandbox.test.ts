import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carrierPrice, carrierServes } from '../src/carriers/port.ts';
import {
  isValidSandboxTrackingNumber,
  luhnCheckDigit,
  sandboxCarrier,
  sandboxCourier,
  sandboxTrackingNumber,
} from '../src/carriers/sandbox.ts';

describe('sandbox tracking numbers', () => {
  it.each([
    ['7992739871', 3],
    ['0000000000000000', 0],
    ['411111111111111', 1],
    ['123456781234567', 0],
  ])('Luhn check digit of %s is %i', (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check);
  });

  it('announces valid, distinct tracking numbers', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { trackingNumber } = await sandboxCarrier.announce({
        reference: 'R-ABCDEF',
        method: 'drop_off',
        weightGrams: 500,
        from: { name: 'A', street: 's', postalCode: '1', city: 'c', country: 'NL' },
        to: { name: 'B', street: 's', postalCode: '2', city: 'c', country: 'NL' },
      });
      expect(isValidSandboxTrackingNumber(trackingNumber)).toBe(true);
      seen.add(trackingNumber);
    }
    expect(seen.size).toBe(200);
  });

  it('detects every single-digit error and every adjacent transposition of different digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, pos, delta) => {
          const valid = sandboxTrackingNumber(
            (
              (i = 0) =>
              () =>
                digits[i++ % 16] as number
            )(),
          );
          expect(isValidSandboxTrackingNumber(valid)).toBe(true);
          const chars = valid.split('');
          const at = 3 + pos;
          chars[at] = String((Number(chars[at]) + delta) % 10);
          expect(isValidSandboxTrackingNumber(chars.join(''))).toBe(false);
        },
      ),
    );
  });

  it.each(['', 'RTR123', 'RTR1234567890123456', 'XYZ12345678901234567', 'RTR1234567890123456a'])('rejects %j', (value) => {
    expect(isValidSandboxTrackingNumber(value)).toBe(false);
  });
});

describe('sandbox carrier capabilities', () => {
  it.each([
    ['sandbox', 'drop_off_labelless', 'JP', true],
    ['sandbox', 'in_store', 'NL', true],
    ['sandbox_courier', 'pickup', 'DE', true],
    ['sandbox_courier', 'drop_off_labelless', 'NL', false],
  ] as const)('%s serves %s in %s: %s', (code, method, country, served) => {
    const carrier = code === 'sandbox' ? sandboxCarrier : sandboxCourier;
    expect(carrierServes(carrier.info, method, country)).toBe(served);
  });

  it('prices per country with a fallback for every other country', () => {
    expect(carrierPrice(sandboxCarrier.info, 'NL')).toBe(495);
    expect(carrierPrice(sandboxCarrier.info, 'JP')).toBe(1295);
    expect(sandboxCourier.info.phoneRequired).toBe(true);
  });
});
