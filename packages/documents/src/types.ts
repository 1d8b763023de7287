// Input shapes of every document this package renders. Plain data: the server maps its records to these.

export type Party = {
  name: string;
  company?: string | null;
  street: string;
  houseNumber?: string | null;
  addressLine2?: string | null;
  postalCode: string;
  city: string;
  region?: string | null;
  country: string;
  phone?: string | null;
  email?: string | null;
};

export type DocLanguage = 'en' | 'nl' | 'fr' | 'de' | 'it';

export type LabelData = {
  /** e.g. 'R-7K3Q9M', printed large */
  reference: string;
  /** Code128 barcode + human-readable text */
  trackingNumber: string;
  /** e.g. 'Sandbox Post' */
  carrierName: string;
  /** e.g. 'Return — drop-off' */
  service: string;
  weightGrams: number;
  /** YYYY-MM-DD (label date) */
  date: string;
  /** YYYY-MM-DD: hand in by (shown in the A4 instructions) */
  deadline: string | null;
  /** for the A4 instructions and field captions */
  language: DocLanguage;
  /** the shopper (sender of the return) */
  from: Party;
  /** the return address */
  to: Party;
  /** when set (label-less drop-off), the A4 sheet shows this QR instead of asking to print */
  qrPayload?: string | null;
};

export type Cn23Item = {
  description: string;
  quantity: number;
  netWeightGrams: number;
  /** minor units, total for the line */
  value: number;
  hsCode: string;
  originCountry: string;
};

export type Cn23Data = {
  reference: string;
  trackingNumber: string | null;
  date: string;
  currency: string;
  sender: Party;
  addressee: Party;
  items: Cn23Item[];
  outboundTrackingNumber: string | null;
  outboundDate: string | null;
  language: DocLanguage;
};

export type TraderInfo = { name: string; address: string; email: string | null; phone?: string | null };

export type WithdrawalAck = {
  reference: string;
  trader: TraderInfo;
  consumer: { name: string; email: string; address: string };
  orderNumber: string;
  orderedOn: string | null;
  receivedOn: string | null;
  items: { name: string; quantity: number }[];
  /** ISO instant */
  withdrawnAt: string;
  timezone: string;
  language: DocLanguage;
};
