/**
 * Customs-border decisions by territory, not by country alone, and the customs data a crossing
 * return needs. See domain.md "International returns".
 *
 * `insideEuCustomsVat` means inside BOTH the EU customs union and the EU VAT area: for this
 * product's purpose (CN23 + customs data needed) a territory outside either is outside.
 */
import { normalisePostalCode } from './normalise.ts';

export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;

/** Not member states but inside the EU customs/VAT territory (Monaco via France). */
const ALSO_INSIDE: readonly string[] = ['MC'];

export type Territory = {
  /** ISO 3166 alpha-2 of the state the address belongs to (carrier aliases mapped, e.g. IC → ES). */
  country: string;
  /** Territory key: the country code, or a special territory such as 'ES-CANARY', 'FI-ALAND'. */
  territory: string;
  insideEuCustomsVat: boolean;
};

/** Country codes carriers use for special territories → [state, territory]. */
const CARRIER_ALIASES: Readonly<Record<string, readonly [string, string]>> = {
  IC: ['ES', 'ES-CANARY'],
  XC: ['ES', 'ES-CEUTA'],
  XL: ['ES', 'ES-MELILLA'],
  AX: ['FI', 'FI-ALAND'],
  GP: ['FR', 'FR-GP'],
  MQ: ['FR', 'FR-MQ'],
  GF: ['FR', 'FR-GF'],
  RE: ['FR', 'FR-RE'],
  YT: ['FR', 'FR-YT'],
  PM: ['FR', 'FR-PM'],
  BL: ['FR', 'FR-BL'],
  MF: ['FR', 'FR-MF'],
};

/** French overseas by the first three postal digits (971–978 departments/collectivities). */
const FRENCH_OVERSEAS: Readonly<Record<string, string>> = {
  '971': 'FR-GP',
  '972': 'FR-MQ',
  '973': 'FR-GF',
  '974': 'FR-RE',
  '975': 'FR-PM',
  '976': 'FR-YT',
  '977': 'FR-BL',
  '978': 'FR-MF',
};

/** The numeric part of a postal code, tolerating a short country prefix ('AX-22100', 'E-35001'). */
function digitsOf(normalisedPostalCode: string): string | null {
  const m = /^[A-Z]{0,3}(\d+)$/.exec(normalisedPostalCode);
  return m === null ? null : (m[1] as string);
}

/** Special territory of an EU member state decided by postal code, or null for the main territory. */
function specialTerritory(country: string, digits: string): string | null {
  const five = digits.length === 5;
  switch (country) {
    case 'ES':
      if (!five) return null;
      if (digits.startsWith('35') || digits.startsWith('38')) return 'ES-CANARY';
      if (digits.startsWith('51')) return 'ES-CEUTA';
      if (digits.startsWith('52')) return 'ES-MELILLA';
      return null;
    case 'FI':
      return five && digits.startsWith('22') ? 'FI-ALAND' : null;
    case 'DE':
      if (digits === '27498') return 'DE-HELIGOLAND';
      if (digits === '78266') return 'DE-BUSINGEN';
      return null;
    case 'FR':
      if (!five) return null;
      if (digits.startsWith('980')) return 'MC'; // Monaco uses French 980xx codes: inside
      if (digits.startsWith('98')) return `FR-${digits.slice(0, 3)}`; // NC, PF, WF, TF
      return FRENCH_OVERSEAS[digits.slice(0, 3)] ?? null;
    case 'GR':
      return digits === '63086' || digits === '63087' ? 'GR-ATHOS' : null;
    case 'IT':
      if (digits === '23041') return 'IT-LIVIGNO';
      // 22061 only: 22060 is shared by several other municipalities near Como.
      if (digits === '22061') return 'IT-CAMPIONE';
      return null;
    case 'DK':
      // Greenland (39xx) and the Faroe Islands (3-digit codes) use Danish postal codes.
      if (digits.length === 4 && digits.startsWith('39')) return 'DK-GREENLAND';
      if (digits.length === 3) return 'DK-FAROE';
      return null;
    default:
      return null;
  }
}

function isEuMember(country: string): boolean {
  return (EU_MEMBER_STATES as readonly string[]).includes(country);
}

/**
 * The customs/VAT territory of an address. Country is case-insensitive; the postal code is
 * normalised first. Everything not an EU member state (or Monaco) is outside — including GB.
 *
 * Open question: Northern Ireland (GB, BT postcodes) is treated as GB. Under the Windsor
 * Framework goods moving between NI and the EU follow EU customs rules; whether returns from
 * NI should skip the CN23 is not decided yet.
 */
export function territoryOf(country: string, postalCode: string): Territory {
  const c = country.trim().toUpperCase();
  const alias = CARRIER_ALIASES[c];
  if (alias !== undefined) return { country: alias[0], territory: alias[1], insideEuCustomsVat: false };
  if (ALSO_INSIDE.includes(c)) return { country: c, territory: c, insideEuCustomsVat: true };
  if (!isEuMember(c)) return { country: c, territory: c, insideEuCustomsVat: false };

  const digits = digitsOf(normalisePostalCode(postalCode));
  const special = digits === null ? null : specialTerritory(c, digits);
  if (special === null) return { country: c, territory: c, insideEuCustomsVat: true };
  if (special === 'MC') return { country: 'MC', territory: 'MC', insideEuCustomsVat: true };
  return { country: c, territory: special, insideEuCustomsVat: false };
}

type Place = { country: string; postalCode: string };

/**
 * True when goods moving `from` → `to` cross the EU customs/VAT border: not both inside.
 * Two addresses in the same outside territory (GB→GB, CH→CH, Canary→Canary) do not cross.
 */
export function crossesCustomsBorder(from: Place, to: Place): boolean {
  const a = territoryOf(from.country, from.postalCode);
  const b = territoryOf(to.country, to.postalCode);
  if (a.insideEuCustomsVat && b.insideEuCustomsVat) return false;
  return a.territory !== b.territory;
}

export type CustomsItemFacts = {
  id: string;
  hsCode: string | null;
  originCountry: string | null;
  /** Minor units per unit. */
  unitPrice: number;
  weightGrams: number | null;
};

export type CustomsField = 'hsCode' | 'originCountry' | 'value' | 'weight';

/** HS / tariff code: 6 to 10 digits; dots and spaces are ignored ('6109.10 00' is fine). */
function validHsCode(code: string | null): boolean {
  return code !== null && /^\d{6,10}$/.test(code.replace(/[.\s]/g, ''));
}

function validOrigin(country: string | null): boolean {
  return country !== null && /^[A-Za-z]{2}$/.test(country.trim());
}

function positive(n: number | null): boolean {
  return n !== null && Number.isFinite(n) && n > 0;
}

/** Items lacking data a customs declaration needs, each with what is missing; [] when complete. */
export function missingCustomsData(items: CustomsItemFacts[]): { id: string; missing: CustomsField[] }[] {
  const result: { id: string; missing: CustomsField[] }[] = [];
  for (const item of items) {
    const missing: CustomsField[] = [];
    if (!validHsCode(item.hsCode)) missing.push('hsCode');
    if (!validOrigin(item.originCountry)) missing.push('originCountry');
    if (!positive(item.unitPrice)) missing.push('value');
    if (!positive(item.weightGrams)) missing.push('weight');
    if (missing.length > 0) result.push({ id: item.id, missing });
  }
  return result;
}
