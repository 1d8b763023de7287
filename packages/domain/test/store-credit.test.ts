import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/calendar.ts';
import {
  checkCreditExpiry,
  creditMarker,
  isOurGiftCard,
  SHOP_CODE_ALPHABET,
  SHOP_CODE_PATTERN,
  shopCreditCode,
} from '../src/store-credit.ts';

describe('shopCreditCode', () => {
  it.each([
    ['RTR7K3Q9M2XA', 'shopify', { ok: true, code: 'RTR7K3Q9M2XA' }],
    ['  rtr7k3q9m2xa ', 'woocommerce', { ok: true, code: 'RTR7K3Q9M2XA' }],
    ['CREDIT-AB12CD', 'shopify', { ok: false, reason: 'format' }],
    ['SHORT1', 'shopify', { ok: false, reason: 'format' }],
    ['A'.repeat(21), 'woocommerce', { ok: false, reason: 'format' }],
    ['A'.repeat(20), 'woocommerce', { ok: true, code: 'A'.repeat(20) }],
    ['CREDIT-AB12CD', null, { ok: true, code: 'CREDIT-AB12CD' }],
    ['ab', null, { ok: false, reason: 'format' }],
  ] as const)('%j for %s → %j', (code, shop, expected) => {
    expect(shopCreditCode(code, shop)).toEqual(expected);
  });

  it('every code made of the alphabet, 8–20 long, is accepted by both shops unchanged', () => {
    const code = fc.string({ unit: fc.constantFrom(...SHOP_CODE_ALPHABET), minLength: 8, maxLength: 20 });
    fc.assert(
      fc.property(code, fc.constantFrom('shopify' as const, 'woocommerce' as const), (c, shop) => {
        expect(shopCreditCode(c, shop)).toEqual({ ok: true, code: c });
        expect(SHOP_CODE_PATTERN.test(c)).toBe(true);
      }),
    );
  });

  it('a code the shop would refuse is never accepted for a shop', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (c) => {
        const result = shopCreditCode(c, 'shopify');
        if (result.ok) expect(result.code).toMatch(/^[A-Z0-9]{8,20}$/);
      }),
    );
  });
});

describe('checkCreditExpiry', () => {
  it.each([
    ['2026-12-05', '2026-12-04', 'ok'],
    ['2026-12-04', '2026-12-04', 'past'],
    ['2026-01-01', '2026-12-04', 'past'],
    ['2036-12-03', '2026-12-04', 'ok'],
    ['2036-12-05', '2026-12-04', 'too_far'],
  ] as const)('%s on %s → %s', (expiresOn, today, expected) => {
    expect(checkCreditExpiry(expiresOn, today)).toBe(expected);
  });

  it('any date from tomorrow to ten years ahead is ok', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3653 }), (days) => {
        expect(checkCreditExpiry(addDays('2026-12-04', days), '2026-12-04')).toBe('ok');
      }),
    );
  });
});

describe('isOurGiftCard', () => {
  const code = 'RTR7K3Q9M2XA';
  it.each([
    [{ lastCharacters: 'm2xa', note: `Store credit ${creditMarker('R-ABC123', code)}` }, true],
    [{ lastCharacters: 'M2XA', note: `Store credit ${creditMarker('R-ABC123', code)}` }, true],
    [{ lastCharacters: 'M2XB', note: creditMarker('R-ABC123', code) }, false],
    [{ lastCharacters: 'M2XA', note: creditMarker('R-OTHER1', code) }, false],
    [{ lastCharacters: 'M2XA', note: null }, false],
  ])('%j → %s', (card, expected) => {
    expect(isOurGiftCard(card, 'R-ABC123', code)).toBe(expected);
  });
});
