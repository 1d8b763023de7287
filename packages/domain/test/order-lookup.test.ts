import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptedLookupPairs,
  giftResolutions,
  LOOKUP_FIELDS,
  type LookupField,
  matchLookupPair,
  normaliseEmail,
} from '../src/order-lookup.ts';

const legacy = (allow: boolean) => ({ allowReturnsWithoutOutboundShipment: allow });

describe('acceptedLookupPairs', () => {
  it.each([
    [
      'today’s default',
      legacy(true),
      [
        ['order_number', 'postal_code'],
        ['postal_code', 'tracking_number'],
      ],
    ],
    ['tracking number only', legacy(false), [['postal_code', 'tracking_number']]],
    ['order number and email', { ...legacy(false), lookupFields: ['email', 'order_number'] as LookupField[] }, [['order_number', 'email']]],
    [
      'three fields: every pair of them',
      { ...legacy(true), lookupFields: ['postal_code', 'email', 'order_number'] as LookupField[] },
      [
        ['order_number', 'email'],
        ['order_number', 'postal_code'],
        ['email', 'postal_code'],
      ],
    ],
  ])('%s', (_name, settings, pairs) => {
    expect(acceptedLookupPairs(settings)).toEqual(pairs);
  });

  it('gives every pair of the chosen fields, n·(n−1)/2 of them (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...LOOKUP_FIELDS], { minLength: 2 }), fc.boolean(), (fields, allow) => {
        const pairs = acceptedLookupPairs({ lookupFields: fields, allowReturnsWithoutOutboundShipment: allow });
        expect(pairs).toHaveLength((fields.length * (fields.length - 1)) / 2);
        for (const [a, b] of pairs) {
          expect(fields).toContain(a);
          expect(fields).toContain(b);
          expect(a).not.toBe(b);
          expect(matchLookupPair([b, a], { lookupFields: fields, allowReturnsWithoutOutboundShipment: allow })).toEqual([a, b]);
        }
      }),
    );
  });
});

describe('matchLookupPair', () => {
  const s = { ...legacy(true), lookupFields: ['order_number', 'email'] as LookupField[] };
  it.each([
    [
      ['email', 'order_number'],
      ['order_number', 'email'],
    ],
    [['order_number', 'postal_code'], null],
    [['order_number'], null],
    [['order_number', 'order_number'], null],
    [['order_number', 'email', 'postal_code'], null],
  ] as [LookupField[], unknown][])('%j → %j', (given, expected) => {
    expect(matchLookupPair(given, s)).toEqual(expected);
  });
  it('keeps today’s pairs when the portal chose none', () => {
    expect(matchLookupPair(['order_number', 'postal_code'], legacy(true))).toEqual(['order_number', 'postal_code']);
    expect(matchLookupPair(['order_number', 'postal_code'], legacy(false))).toBeNull();
    expect(matchLookupPair(['tracking_number', 'postal_code'], legacy(false))).toEqual(['postal_code', 'tracking_number']);
    expect(matchLookupPair(['email', 'postal_code'], legacy(true))).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it.each([
    [' Sanne@Example.COM ', 'sanne@example.com'],
    ['sanne@example.com', 'sanne@example.com'],
    ['ÉLISE@example.com', 'Élise@example.com'],
  ])('%j → %j', (input, out) => expect(normaliseEmail(input)).toBe(out));
  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseEmail(normaliseEmail(s))).toBe(normaliseEmail(s));
      }),
    );
  });
});

describe('giftResolutions', () => {
  it.each([
    [{ resolutions: ['refund', 'store_credit', 'exchange'], giftReturns: true }, ['store_credit', 'exchange']],
    [{ resolutions: ['refund', 'exchange'], giftReturns: true }, ['exchange']],
    [{ resolutions: ['refund'], giftReturns: true }, []],
    [{ resolutions: ['refund', 'store_credit'], giftReturns: false }, []],
    [{ resolutions: ['store_credit'] }, []],
  ])('%j → %j', (settings, out) => expect(giftResolutions(settings)).toEqual(out));
});
