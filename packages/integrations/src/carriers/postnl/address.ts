// Our PartyAddress as a PostNL Address (sdks-io/postnl-ecommerce-apis-js-sdk doc/models/address-8.md:
// AddressType `^\d{2}$`, Countrycode ISO2, Name/CompanyName max 35 with one of both required,
// Street max 95, HouseNr mandatory and numeric (max 5) for Benelux, Zipcode mandatory for Benelux
// without spaces), and PostNL's address refusals back to the field of ours they name.
import type { PartyAddress } from '../port.ts';

export type PostnlAddress = {
  AddressType: string;
  FirstName?: string;
  Name?: string;
  CompanyName?: string;
  Street?: string;
  HouseNr?: string;
  HouseNrExt?: string;
  Zipcode?: string;
  City?: string;
  Countrycode: string;
};

const clip = (value: string | null | undefined, max: number): string | undefined => {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
};

/** Street, number and suffix: from `houseNumber` when given (`12A` → 12 + A), else split off the street (`Waldorpstraat 3 bis`). */
export function splitHouseNumber(street: string, houseNumber: string | null | undefined): { street: string; nr?: string; ext?: string } {
  const given = houseNumber?.trim();
  if (given) {
    const m = /^(\d+)\s*[-/]?\s*(.*)$/.exec(given);
    return m ? { street: street.trim(), nr: m[1], ...(m[2] ? { ext: m[2] } : {}) } : { street: street.trim(), ext: given };
  }
  const m = /^(.*?)\s+(\d{1,5})\s*[-/]?\s*([A-Za-z]{1,4}(?:\s?[A-Za-z0-9]{1,3})?|[A-Za-z]?\d{1,3}[A-Za-z]?)?$/.exec(street.trim());
  if (!m?.[1]) return { street: street.trim() };
  return { street: m[1].trim(), nr: m[2], ...(m[3] ? { ext: m[3].trim() } : {}) };
}

export const normalisePostalCode = (postalCode: string): string => postalCode.replace(/\s+/g, '').toUpperCase();

export function toPostnlAddress(party: PartyAddress, addressType: '01' | '02' | '08'): PostnlAddress {
  const parts = splitHouseNumber(party.street, party.houseNumber);
  const address: PostnlAddress = { AddressType: addressType, Countrycode: party.country.toUpperCase() };
  const name = clip(party.name, 35);
  const company = clip(party.company, 35);
  if (name) address.Name = name;
  if (company) address.CompanyName = company;
  const street = clip([parts.street, party.addressLine2].filter(Boolean).join(' '), 95);
  if (street) address.Street = street;
  if (parts.nr) address.HouseNr = parts.nr;
  if (parts.ext) address.HouseNrExt = parts.ext.slice(0, 35);
  const zip = clip(normalisePostalCode(party.postalCode), 17);
  if (zip) address.Zipcode = zip;
  const city = clip(party.city, 35);
  if (city) address.City = city;
  return address;
}

const FIELDS: [RegExp, string][] = [
  [/e-?mail/i, 'email'],
  [/phone|tel ?nr|sms ?nr/i, 'phone'],
  [/zip ?code|post ?code|postal ?code/i, 'postalCode'],
  [/house ?n(umbe)?r|housenr/i, 'houseNumber'],
  [/street/i, 'street'],
  [/\bcity\b/i, 'city'],
  [/country/i, 'country'],
  [/\bname\b|companyname/i, 'name'],
];

/**
 * Which of our fields a PostNL validation message is about (`from.postalCode`, `to.email`, …), or
 * null when it is not about an address. In a Retour return the PostNL Sender (AddressType 02, the
 * Customer address) is the shopper (`from`) and the Receiver (AddressType 01) the merchant (`to`).
 * A message naming the party but no field ("Incorrect address specified in address type Sender")
 * points at the postal code: PostNL checks Benelux addresses by postal code and house number.
 */
export function addressFieldOf(message: string): string | null {
  const party = /\bsender\b|address ?type 0?2\b/i.test(message) ? 'from' : /\breceiver\b|address ?type 0?1\b/i.test(message) ? 'to' : null;
  if (!party) return null;
  const field = FIELDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'postalCode';
  return `${party}.${field}`;
}
