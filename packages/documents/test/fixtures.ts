// Shared test data: returns to a Dutch return address from NL, DE and GB shoppers (with names that
// need more than Latin-1), a CN 23 for the GB return, and a trader.
import type { Cn23Data, LabelData, Party, TraderInfo } from '../src/types.ts';

export const returnAddress: Party = {
  name: 'Retourcentrum Acme',
  company: 'Acme Fashion B.V.',
  street: 'Industrieweg',
  houseNumber: '12',
  postalCode: '3542 AD',
  city: 'Utrecht',
  country: 'NL',
  phone: '+31 30 123 4567',
  email: 'returns@acme.example',
};

export const shopperNl: Party = {
  name: 'Anna de Vries',
  street: 'Prinsengracht',
  houseNumber: '263',
  postalCode: '1016 GV',
  city: 'Amsterdam',
  country: 'NL',
};

export const shopperDe: Party = {
  name: 'Jürgen Weiß',
  street: 'Straße des 17. Juni',
  houseNumber: '135',
  addressLine2: 'Hinterhaus Ελλάδα',
  postalCode: '10623',
  city: 'Berlin',
  country: 'DE',
};

export const shopperGb: Party = {
  name: 'Zeynep İstanbullu',
  company: 'Łódź Trading Ltd',
  street: 'Ærøskøbing Lane',
  houseNumber: '7',
  postalCode: 'SW1A 1AA',
  city: 'London',
  country: 'GB',
  phone: '+44 20 7946 0000',
};

export function label(overrides: Partial<LabelData> = {}): LabelData {
  return {
    reference: 'R-7K3Q9M',
    trackingNumber: '3SRTR1234567890',
    carrierName: 'Sandbox Post',
    service: 'Return — drop-off',
    weightGrams: 1234,
    date: '2026-06-30',
    deadline: '2026-07-14',
    language: 'en',
    from: shopperNl,
    to: returnAddress,
    qrPayload: null,
    ...overrides,
  };
}

export const routes: { route: string; data: LabelData }[] = [
  { route: 'NL→NL', data: label({ language: 'nl' }) },
  { route: 'DE→NL', data: label({ language: 'de', from: shopperDe, trackingNumber: 'JJD0001234567891234', reference: 'R-DE42XY' }) },
  {
    route: 'GB→NL',
    data: label({
      language: 'en',
      from: shopperGb,
      trackingNumber: 'RR123456785GB',
      reference: 'R-GB77ZK',
      carrierName: 'Royal Sandbox Mail',
    }),
  },
];

export const trader: TraderInfo = {
  name: 'Acme Fashion B.V.',
  address: 'Industrieweg 12, 3542 AD Utrecht, Nederland',
  email: 'returns@acme.example',
  phone: '+31 30 123 4567',
};

export function cn23(overrides: Partial<Cn23Data> = {}): Cn23Data {
  return {
    reference: 'R-GB77ZK',
    trackingNumber: 'RR123456785GB',
    date: '2026-06-30',
    currency: 'EUR',
    sender: shopperGb,
    addressee: returnAddress,
    items: [
      { description: 'Wool sweater, knitted', quantity: 2, netWeightGrams: 640, value: 11998, hsCode: '611011', originCountry: 'PT' },
      { description: 'Leather belt', quantity: 1, netWeightGrams: 250, value: 3495, hsCode: '420330', originCountry: 'IT' },
      { description: 'Cotton T-shirt', quantity: 3, netWeightGrams: 480, value: 5997, hsCode: '610910', originCountry: 'BD' },
    ],
    outboundTrackingNumber: '3SACME0000012345',
    outboundDate: '2026-05-02',
    language: 'de',
    ...overrides,
  };
}
