// The ReturnOrder body of DHL's Parcel DE Returns API (pp-parcel-returns.yaml, schemas ReturnOrder,
// ContactAddress, Weight, Value, CustomsDetails, Commodity) built from our booking request.
import type { BookRequest } from '../adapter.ts';

/** ISO alpha-2 → alpha-3 for the API's `Country` enum (shipper countries DHL Retoure serves). */
const SHIPPER_COUNTRIES: Record<string, string> = {
  BE: 'bel',
  BG: 'bgr',
  DK: 'dnk',
  DE: 'deu',
  EE: 'est',
  FI: 'fin',
  FR: 'fra',
  GR: 'grc',
  GB: 'gbr',
  IE: 'irl',
  IT: 'ita',
  HR: 'hrv',
  LV: 'lva',
  LT: 'ltu',
  LU: 'lux',
  MT: 'mlt',
  NL: 'nld',
  NO: 'nor',
  AT: 'aut',
  PL: 'pol',
  PT: 'prt',
  RO: 'rou',
  SE: 'swe',
  CH: 'che',
  SK: 'svk',
  SI: 'svn',
  ES: 'esp',
  CZ: 'cze',
  HU: 'hun',
  CY: 'cyp',
};
/** Further countries of origin often declared for goods (the API's `CountryOfOrigin` enum is upper-case alpha-3). */
const ORIGINS: Record<string, string> = {
  CN: 'CHN',
  US: 'USA',
  TR: 'TUR',
  IN: 'IND',
  VN: 'VNM',
  BD: 'BGD',
  PK: 'PAK',
  ID: 'IDN',
  TH: 'THA',
  KH: 'KHM',
  MA: 'MAR',
  TN: 'TUN',
  JP: 'JPN',
  KR: 'KOR',
  TW: 'TWN',
  HK: 'HKG',
  LK: 'LKA',
  MX: 'MEX',
  BR: 'BRA',
  CA: 'CAN',
  UA: 'UKR',
  RS: 'SRB',
  MY: 'MYS',
  PH: 'PHL',
  IS: 'ISL',
  LI: 'LIE',
  MK: 'MKD',
  BA: 'BIH',
  AL: 'ALB',
  EG: 'EGY',
};

export function alpha3(country: string): string | null {
  return SHIPPER_COUNTRIES[country.toUpperCase()] ?? null;
}

export function alpha2(shipperCountry: string): string | null {
  const lower = shipperCountry.toLowerCase();
  return Object.entries(SHIPPER_COUNTRIES).find(([, code]) => code === lower)?.[0] ?? null;
}

function originOf(country: string | null): string | undefined {
  if (!country) return undefined;
  const upper = country.toUpperCase();
  return ORIGINS[upper] ?? SHIPPER_COUNTRIES[upper]?.toUpperCase();
}

const cut = (text: string, max: number) => text.slice(0, max);
const money = (minor: number) => Math.round(minor) / 100;

export function returnOrderBody(request: BookRequest): Record<string, unknown> {
  const from = request.from;
  const customs = request.customs?.lines.length ? request.customs : null;
  const currency = customs?.lines[0]?.currency ?? 'EUR';
  return {
    receiverId: request.service,
    // Printed on the label (first 30 characters): the shop's order number when known.
    customerReference: cut(request.orderNumber ? `${request.orderNumber} ${request.reference}` : request.reference, 50),
    shipmentReference: cut(request.reference, 50),
    shipper: {
      name1: cut(from.name, 50),
      ...(from.company ? { name2: cut(from.company, 50) } : {}),
      ...(from.addressLine2 ? { name3: cut(from.addressLine2, 50) } : {}),
      addressStreet: cut(from.street, 50),
      addressHouse: cut(from.houseNumber ?? '', 10),
      postalCode: from.postalCode.trim(),
      city: cut(from.city, 40),
      ...(from.email ? { email: from.email } : {}),
      ...(from.phone ? { phone: cut(from.phone, 20) } : {}),
    },
    itemWeight: { uom: 'g', value: Math.max(1, Math.round(request.weightGrams)) },
    ...(customs
      ? {
          itemValue: { currency, value: money(customs.lines.reduce((sum, line) => sum + line.valueMinor * line.quantity, 0)) },
          customsDetails: {
            items: customs.lines.slice(0, 20).map((line) => ({
              itemDescription: cut(line.description, 50),
              packagedQuantity: line.quantity,
              ...(originOf(line.originCountry) ? { countryOfOrigin: originOf(line.originCountry) } : {}),
              ...(line.hsCode ? { hsCode: line.hsCode.replace(/\D/g, '').slice(0, 11) } : {}),
              itemWeight: { uom: 'g', value: Math.max(1, line.weightGrams * line.quantity) },
              itemValue: { currency: line.currency, value: money(line.valueMinor * line.quantity) },
            })),
          },
        }
      : {}),
  };
}
