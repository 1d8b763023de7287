// Fixtures of the fake DHL Parcel gateway, in DHL's own answer shapes:
// - capabilities: `dhlparcel/plugin-magento2-release` Model/Data/Api/Response/Capability.php (+ /Product,
//   /ParcelType, /Option): { rank, fromCountryCode, toCountryCode, product { key, label, code,
//   returnProduct … }, parcelType { key, minWeightKg, maxWeightKg, dimensions }, options [{ key, description, … }] };
// - parcel shops: `dhlparcel/dhl-api-wrapper` examples/findParcelShopLocations.php (the Utrecht
//   shops are that example's, verbatim facts; the others are made up in the same shape);
// - the label document: a real PDF (pdfkit) with the tracker code as Code 128, or ZPL with `^BC`.
import PDFDocument from 'pdfkit';
import { drawCode128 } from '@retour/documents/barcode';

type ParcelType = { key: string; minWeightKg: number; maxWeightKg: number };
const PARCEL_TYPES: ParcelType[] = [
  { key: 'SMALL', minWeightKg: 0, maxWeightKg: 2 },
  { key: 'MEDIUM', minWeightKg: 0, maxWeightKg: 10 },
  { key: 'LARGE', minWeightKg: 0, maxWeightKg: 20 },
];
/** Return routes of the fake account: shopper country → shop country. */
const RETURN_ROUTES: [string, string][] = [
  ['NL', 'NL'],
  ['BE', 'NL'],
  ['LU', 'NL'],
  ['NL', 'BE'],
  ['BE', 'BE'],
];
const RETURN_OPTIONS = [
  { key: 'DOOR', description: 'Delivery to the address of the recipient', rank: 1, code: 'DOOR', optionType: 'DELIVERY_OPTION' },
  { key: 'REFERENCE', description: 'Reference', rank: 2, code: 'REFERENCE', inputType: 'text', inputMax: 15, optionType: 'SERVICE_OPTION' },
  {
    key: 'REFERENCE2',
    description: 'Reference 2',
    rank: 3,
    code: 'REFERENCE2',
    inputType: 'text',
    inputMax: 15,
    optionType: 'SERVICE_OPTION',
  },
];
const OUTBOUND_OPTIONS = [
  ...RETURN_OPTIONS,
  { key: 'PS', description: 'Delivery to a ParcelShop', rank: 4, code: 'PS', optionType: 'DELIVERY_OPTION' },
];

export type CapabilityRow = {
  rank: number;
  fromCountryCode: string;
  toCountryCode: string;
  product: { key: string; label: string; code: string; menuCode: string; businessProduct: boolean; returnProduct: boolean };
  parcelType: ParcelType & { dimensions: { maxLengthCm: number; maxWidthCm: number; maxHeightCm: number } };
  options: typeof OUTBOUND_OPTIONS;
};

export function capabilityRows(): CapabilityRow[] {
  const rows: CapabilityRow[] = [];
  for (const returnProduct of [true, false]) {
    for (const [from, to] of returnProduct ? RETURN_ROUTES : RETURN_ROUTES.map(([a, b]) => [b, a] as [string, string])) {
      PARCEL_TYPES.forEach((parcelType, index) => {
        rows.push({
          rank: index + 1,
          fromCountryCode: from,
          toCountryCode: to,
          product: returnProduct
            ? { key: 'RETURN', label: 'DHL Parcel Return', code: 'RET', menuCode: 'RET', businessProduct: false, returnProduct: true }
            : { key: 'DFY-B2C', label: 'DHL For You', code: 'DFY', menuCode: 'DFY', businessProduct: false, returnProduct: false },
          parcelType: { ...parcelType, dimensions: { maxLengthCm: 80, maxWidthCm: 50, maxHeightCm: 35 } },
          options: returnProduct ? RETURN_OPTIONS : OUTBOUND_OPTIONS,
        });
      });
    }
  }
  return rows;
}

type Times = { timeFrom: string; timeTo: string; weekDay: number }[];
const weekdays = (from: string, to: string, days: number[]): Times =>
  days.map((weekDay) => ({ timeFrom: `${from}:00.000`, timeTo: `${to}:00.000`, weekDay }));

export type FakeShop = {
  id: string;
  harmonisedId: string;
  psfKey: string;
  shopType: string;
  name: string;
  keyword: string;
  address: Record<string, unknown>;
  geoLocation: { latitude: number; longitude: number };
  openingTimes: Times;
  closurePeriods: unknown[];
  /** Fake-only: hidden unless showUnavailable=true (then dropped from the answer). */
  unavailable?: boolean;
};

export const SHOPS: FakeShop[] = [
  {
    id: '8004-NL-354203',
    harmonisedId: 'NL-354203',
    psfKey: 'NL-354203',
    shopType: 'parcelShop',
    name: 'DHL Parcel Hoofdkantoor',
    keyword: 'DHL ParcelShop',
    address: {
      countryCode: 'NL',
      zipCode: '3542AD',
      postalCode: '3542AD',
      city: 'Utrecht',
      street: 'Reactorweg',
      number: '25',
      isBusiness: true,
    },
    geoLocation: { latitude: 52.1049812, longitude: 5.06408503 },
    openingTimes: weekdays('07:30', '17:30', [1, 2, 3, 4, 5]),
    closurePeriods: [],
  },
  {
    id: '8004-NL-354251',
    harmonisedId: 'NL-354251',
    psfKey: 'NL-354251',
    shopType: 'packStation',
    name: '',
    keyword: 'DHL PackStation',
    address: {
      countryCode: 'NL',
      zipCode: '3542AD',
      postalCode: '3542AD',
      city: 'UTRECHT',
      street: 'Reactorweg',
      number: '25',
      addition: '-PS',
      isBusiness: true,
    },
    geoLocation: { latitude: 52.1049812, longitude: 5.06408503 },
    openingTimes: weekdays('00:00', '23:30', [1, 2, 3, 4, 5, 6, 7]),
    closurePeriods: [],
  },
  {
    id: '8004-NL-354202',
    harmonisedId: 'NL-354202',
    psfKey: 'NL-354202',
    shopType: 'parcelShop',
    name: 'DHL Parcel Utrecht',
    keyword: 'DHL ParcelShop',
    address: {
      countryCode: 'NL',
      zipCode: '3542CN',
      postalCode: '3542CN',
      city: 'UTRECHT',
      street: 'Rutherfordweg',
      number: '1',
      isBusiness: true,
    },
    geoLocation: { latitude: 52.1204578, longitude: 5.05611986 },
    openingTimes: [
      ...weekdays('08:00', '12:30', [1, 2, 3, 4, 5]),
      ...weekdays('13:30', '19:00', [1, 2, 3, 4, 5]),
      ...weekdays('09:00', '13:00', [6]),
    ],
    closurePeriods: [],
  },
  {
    id: '8004-NL-354299',
    harmonisedId: 'NL-354299',
    psfKey: 'NL-354299',
    shopType: 'parcelShop',
    name: 'Tabakszaak De Uithof (on holiday)',
    keyword: 'DHL ParcelShop',
    address: {
      countryCode: 'NL',
      zipCode: '3584CS',
      postalCode: '3584CS',
      city: 'Utrecht',
      street: 'Heidelberglaan',
      number: '8',
      isBusiness: true,
    },
    geoLocation: { latitude: 52.0856, longitude: 5.1735 },
    openingTimes: weekdays('09:00', '18:00', [1, 2, 3, 4, 5]),
    closurePeriods: [{ from: '2026-12-01', to: '2026-12-31' }],
    unavailable: true,
  },
  {
    id: '8004-BE-100001',
    harmonisedId: 'BE-100001',
    psfKey: 'BE-100001',
    shopType: 'parcelShop',
    name: 'Dagbladhandel Centrum',
    keyword: 'DHL ServicePoint',
    address: {
      countryCode: 'BE',
      zipCode: '1000',
      postalCode: '1000',
      city: 'Brussel',
      street: 'Nieuwstraat',
      number: '10',
      isBusiness: true,
    },
    geoLocation: { latitude: 50.8515, longitude: 4.3559 },
    openingTimes: weekdays('09:00', '18:00', [1, 2, 3, 4, 5, 6]),
    closurePeriods: [],
  },
];

/** Where a searched postal code is (the gateway geocodes it; the fake knows these few). */
export const POSTAL_CODE_CENTRES: Record<string, { latitude: number; longitude: number }> = {
  'NL:3542AB': { latitude: 52.101, longitude: 5.064 },
  'NL:3542AD': { latitude: 52.1049812, longitude: 5.06408503 },
  'BE:1000': { latitude: 50.8466, longitude: 4.3528 },
};

/** Postal code patterns of the countries the fake account ships between. */
export const POSTAL_CODES: Record<string, RegExp> = {
  NL: /^[1-9]\d{3} ?[A-Z]{2}$/,
  BE: /^[1-9]\d{3}$/,
  LU: /^(L-)?\d{4}$/,
};

export async function labelPdf(trackerCode: string, routingCode: string, lines: string[]): Promise<Buffer> {
  // A4 with the label in the top third, like DHL's "B2X_Generic_A4_Third" label type.
  const doc = new PDFDocument({ size: 'A4', margin: 0, compress: true, info: { Title: `DHL Parcel ${trackerCode}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(16).text('DHL Parcel  RETURN', 36, 30);
  doc.font('Helvetica').fontSize(10);
  for (const [index, line] of lines.entries()) doc.text(line, 36, 58 + index * 13);
  doc.text(routingCode, 36, 58 + lines.length * 13 + 6);
  drawCode128(doc, trackerCode, 36, 160, 420, 80);
  doc.font('Helvetica').fontSize(12).text(trackerCode, 36, 246);
  doc.end();
  return done;
}

export function labelZpl(trackerCode: string, routingCode: string, lines: string[]): string {
  const text = lines.map((line, index) => `^FO40,${90 + index * 34}^A0N,28,28^FD${line.replace(/[\^~]/g, ' ')}^FS`).join('');
  return `^XA^PW812^LL1218^CI28^FO40,30^A0N,44,44^FDDHL Parcel RETURN^FS${text}^FO40,420^A0N,28,28^FD${routingCode}^FS^FO40,480^BY3^BCN,220,Y,N,N^FD${trackerCode}^FS^XZ`;
}

/** The fake's checks of a shipper/receiver (wording ours: DHL publishes none); messages start with the JSON path. */
export function addresseeErrors(party: 'shipper' | 'receiver', value: any): string[] {
  if (!value || typeof value !== 'object') return [`${party}: is required`];
  const errors: string[] = [];
  if (!value.name || typeof value.name !== 'object') errors.push(`${party}.name: is required`);
  else if (!value.name.lastName && !value.name.companyName) errors.push(`${party}.name.lastName: a last name or company name is required`);
  const a = value.address;
  if (!a || typeof a !== 'object') return [...errors, `${party}.address: is required`];
  if (!POSTAL_CODES[a.countryCode]) errors.push(`${party}.address.countryCode: '${a.countryCode}' is not served`);
  else if (typeof a.postalCode !== 'string' || !POSTAL_CODES[a.countryCode]?.test(a.postalCode)) {
    errors.push(`${party}.address.postalCode: '${a.postalCode}' is not a valid postal code for ${a.countryCode}`);
  }
  if (typeof a.city !== 'string' || !a.city.trim()) errors.push(`${party}.address.city: is required`);
  if (typeof a.street !== 'string' || !a.street.trim()) errors.push(`${party}.address.street: is required`);
  if (typeof a.number !== 'string' || !/^\d+$/.test(a.number)) errors.push(`${party}.address.number: a house number is required`);
  if (a.isBusiness !== undefined && typeof a.isBusiness !== 'boolean') errors.push(`${party}.address.isBusiness: must be a boolean`);
  if (value.email !== undefined && (typeof value.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(value.email))) {
    errors.push(`${party}.email: '${value.email}' is not a valid e-mail address`);
  }
  return errors;
}
