import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossesCustomsBorder, EU_MEMBER_STATES, missingCustomsData, territoryOf } from '../src/customs.ts';
import type { CustomsItemFacts } from '../src/customs.ts';

const NL = { country: 'NL', postalCode: '1012 AB' };

describe('EU_MEMBER_STATES', () => {
  it('has the 27 member states, Greece as GR, no GB/EL/MC', () => {
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    expect(EU_MEMBER_STATES).toContain('GR');
    for (const notMember of ['GB', 'EL', 'MC', 'CH', 'NO']) expect(EU_MEMBER_STATES).not.toContain(notMember);
  });
});

describe('crossesCustomsBorder (return address in the Netherlands unless stated)', () => {
  it.each([
    ['NL → DE', NL, { country: 'DE', postalCode: '10115' }, false],
    ['NL → GB', NL, { country: 'GB', postalCode: 'SW1A 1AA' }, true],
    ['NL → GB Northern Ireland (open question, treated as GB)', NL, { country: 'GB', postalCode: 'BT1 1AA' }, true],
    ['Canary Islands ES 35001 → NL', { country: 'ES', postalCode: '35001' }, NL, true],
    ['Tenerife ES 38001 → NL', { country: 'ES', postalCode: '38001' }, NL, true],
    ['Madrid ES 28001 → NL', { country: 'ES', postalCode: '28001' }, NL, false],
    ['Ceuta ES 51001 → NL', { country: 'es', postalCode: '51001' }, NL, true],
    ['Melilla ES 52001 → NL', { country: 'ES', postalCode: '52001' }, NL, true],
    ['Åland FI 22100 → NL', { country: 'FI', postalCode: '22100' }, NL, true],
    ['Åland FI AX-22100 → NL', { country: 'FI', postalCode: 'AX-22100' }, NL, true],
    ['Helsinki FI 00100 → NL', { country: 'FI', postalCode: '00100' }, NL, false],
    ['Heligoland DE 27498 → NL', { country: 'DE', postalCode: '27498' }, NL, true],
    ['Büsingen DE 78266 → NL', { country: 'DE', postalCode: '78266' }, NL, true],
    ['Berlin DE 10115 → NL', { country: 'de', postalCode: '10115' }, NL, false],
    ['Réunion FR 97400 → NL', { country: 'FR', postalCode: '97400' }, NL, true],
    ['Guadeloupe FR 97110 → NL', { country: 'FR', postalCode: '97110' }, NL, true],
    ['Mayotte FR 97600 → NL', { country: 'FR', postalCode: '97600' }, NL, true],
    ['New Caledonia FR 98800 → NL', { country: 'FR', postalCode: '98800' }, NL, true],
    ['Monaco via French postcode FR 98000 → NL', { country: 'FR', postalCode: '98000' }, NL, false],
    ['Paris FR 75-001 → NL', { country: 'FR', postalCode: '75-001' }, NL, false],
    ['Mount Athos GR 63086 → NL', { country: 'GR', postalCode: '630 86' }, NL, true],
    ['Mount Athos GR 63087 → NL', { country: 'GR', postalCode: '63087' }, NL, true],
    ['Athens GR 10552 → NL', { country: 'GR', postalCode: '10552' }, NL, false],
    ['Livigno IT 23041 → NL', { country: 'IT', postalCode: '23041' }, NL, true],
    ["Campione d'Italia IT 22061 → NL", { country: 'IT', postalCode: '22061' }, NL, true],
    ['Rome IT 00184 → NL', { country: 'IT', postalCode: '00184' }, NL, false],
    ['CH → NL', { country: 'CH', postalCode: '8001' }, NL, true],
    ['NO → NL', { country: 'NO', postalCode: '0150' }, NL, true],
    ['US → NL', { country: 'US', postalCode: '10001' }, NL, true],
    ['GB → GB', { country: 'GB', postalCode: 'M1 1AE' }, { country: 'gb', postalCode: 'SW1A 1AA' }, false],
    ['CH → CH', { country: 'CH', postalCode: '8001' }, { country: 'CH', postalCode: '3000' }, false],
    ['Canary → Canary', { country: 'ES', postalCode: '35001' }, { country: 'ES', postalCode: '38001' }, false],
    ['carrier code IC → ES 35001', { country: 'IC', postalCode: '35001' }, { country: 'ES', postalCode: '35001' }, false],
    ['GB → CH', { country: 'GB', postalCode: 'SW1A 1AA' }, { country: 'CH', postalCode: '8001' }, true],
    ['Canary → Madrid', { country: 'ES', postalCode: '35001' }, { country: 'ES', postalCode: '28001' }, true],
    ['MC → FR', { country: 'MC', postalCode: '98000' }, { country: 'FR', postalCode: '75001' }, false],
    ['PT (Madeira is inside) → NL', { country: 'PT', postalCode: '9000-001' }, NL, false],
  ])('%s → crosses = %s', (_name, from, to, expected) => {
    expect(crossesCustomsBorder(from, to)).toBe(expected);
    expect(crossesCustomsBorder(to, from)).toBe(expected); // symmetric
  });
});

describe('territoryOf', () => {
  it.each([
    ['ES', '35001', { country: 'ES', territory: 'ES-CANARY', insideEuCustomsVat: false }],
    ['IC', '', { country: 'ES', territory: 'ES-CANARY', insideEuCustomsVat: false }],
    ['XC', '51001', { country: 'ES', territory: 'ES-CEUTA', insideEuCustomsVat: false }],
    ['XL', '52001', { country: 'ES', territory: 'ES-MELILLA', insideEuCustomsVat: false }],
    ['ax', '22100', { country: 'FI', territory: 'FI-ALAND', insideEuCustomsVat: false }],
    ['RE', '97400', { country: 'FR', territory: 'FR-RE', insideEuCustomsVat: false }],
    ['FR', '97400', { country: 'FR', territory: 'FR-RE', insideEuCustomsVat: false }],
    ['FR', '97300', { country: 'FR', territory: 'FR-GF', insideEuCustomsVat: false }],
    ['GP', '97110', { country: 'FR', territory: 'FR-GP', insideEuCustomsVat: false }],
    ['MQ', '', { country: 'FR', territory: 'FR-MQ', insideEuCustomsVat: false }],
    ['GF', '', { country: 'FR', territory: 'FR-GF', insideEuCustomsVat: false }],
    ['YT', '', { country: 'FR', territory: 'FR-YT', insideEuCustomsVat: false }],
    ['PM', '', { country: 'FR', territory: 'FR-PM', insideEuCustomsVat: false }],
    ['BL', '', { country: 'FR', territory: 'FR-BL', insideEuCustomsVat: false }],
    ['MF', '', { country: 'FR', territory: 'FR-MF', insideEuCustomsVat: false }],
    ['nl', '1012ab', { country: 'NL', territory: 'NL', insideEuCustomsVat: true }],
    ['MC', '98000', { country: 'MC', territory: 'MC', insideEuCustomsVat: true }],
    ['GB', 'BT1 1AA', { country: 'GB', territory: 'GB', insideEuCustomsVat: false }],
    ['DK', '3900', { country: 'DK', territory: 'DK-GREENLAND', insideEuCustomsVat: false }],
    ['DK', '2100', { country: 'DK', territory: 'DK', insideEuCustomsVat: true }],
    ['ES', '', { country: 'ES', territory: 'ES', insideEuCustomsVat: true }], // unknown code: mainland
  ])('%s %j', (country, postalCode, expected) => {
    expect(territoryOf(country, postalCode)).toEqual(expected);
  });

  it('every member state with an ordinary postal code is inside; its territory is itself', () => {
    for (const c of EU_MEMBER_STATES) {
      expect(territoryOf(c, '10000')).toEqual({ country: c, territory: c, insideEuCustomsVat: true });
    }
  });

  it('any two-letter code that is not a member state or MC is outside', () => {
    const insideCodes = new Set<string>([...EU_MEMBER_STATES, 'MC']);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}$/), fc.string(), (c, pc) => {
        fc.pre(!insideCodes.has(c));
        expect(territoryOf(c, pc).insideEuCustomsVat).toBe(false);
      }),
    );
  });

  it('is case- and spacing-insensitive', () => {
    fc.assert(
      fc.property(fc.constantFrom('ES', 'FI', 'DE', 'FR', 'GR', 'IT', 'NL', 'GB'), fc.stringMatching(/^\d{5}$/), (c, pc) => {
        const spaced = `${pc.slice(0, 3)} ${pc.slice(3)}`;
        expect(territoryOf(c.toLowerCase(), spaced)).toEqual(territoryOf(c, pc));
      }),
    );
  });

  it('crossing is symmetric and never happens within one territory', () => {
    const place = fc.record({
      country: fc.constantFrom('NL', 'ES', 'FI', 'DE', 'FR', 'GR', 'IT', 'GB', 'CH', 'IC', 'MC'),
      postalCode: fc.constantFrom('35001', '28001', '22100', '27498', '97400', '63086', '23041', '1012AB', '98000'),
    });
    fc.assert(
      fc.property(place, place, (a, b) => {
        expect(crossesCustomsBorder(a, b)).toBe(crossesCustomsBorder(b, a));
        expect(crossesCustomsBorder(a, a)).toBe(false);
      }),
    );
  });
});

describe('missingCustomsData', () => {
  const complete: CustomsItemFacts = { id: 'x', hsCode: '6109.10.00', originCountry: 'PT', unitPrice: 1999, weightGrams: 250 };

  it.each([
    ['complete (dots ignored)', {}, []],
    ['HS code with spaces', { hsCode: '6109 10' }, []],
    ['10-digit HS code', { hsCode: '6109100010' }, []],
    ['HS code null', { hsCode: null }, ['hsCode']],
    ['HS code 4 digits', { hsCode: '6109' }, ['hsCode']],
    ['HS code 11 digits', { hsCode: '61091000101' }, ['hsCode']],
    ['HS code with letters', { hsCode: '6109AB' }, ['hsCode']],
    ['origin null', { originCountry: null }, ['originCountry']],
    ['origin 3 letters', { originCountry: 'PRT' }, ['originCountry']],
    ['origin lower case is fine', { originCountry: 'pt' }, []],
    ['value 0', { unitPrice: 0 }, ['value']],
    ['weight null', { weightGrams: null }, ['weight']],
    ['weight 0', { weightGrams: 0 }, ['weight']],
    [
      'everything missing',
      { hsCode: '', originCountry: '', unitPrice: 0, weightGrams: null },
      ['hsCode', 'originCountry', 'value', 'weight'],
    ],
  ] as const)('%s → %j', (_name, patch, missing) => {
    const result = missingCustomsData([{ ...complete, ...patch }]);
    expect(result).toEqual(missing.length === 0 ? [] : [{ id: 'x', missing }]);
  });

  it('names only the incomplete items, in order', () => {
    const result = missingCustomsData([
      { ...complete, id: 'a' },
      { ...complete, id: 'b', weightGrams: null },
      { ...complete, id: 'c' },
      { ...complete, id: 'd', hsCode: null },
    ]);
    expect(result).toEqual([
      { id: 'b', missing: ['weight'] },
      { id: 'd', missing: ['hsCode'] },
    ]);
  });
});
