// Building DHL Parcel's `POST /labels` body (LabelSpecification) for a return label and reading
// its answer. Field names from DHL's own `dhlparcel/dhl-api-wrapper`
// (src/Dhl/resources/generated/createLabel.php: labelId uuid, labelFormat pdf|zpl|both|neither,
// orderReference, parcelTypeKey, receiver/shipper {name{firstName,lastName,companyName},
// address{countryCode,postalCode,city,street,additionalAddressLine,number,isBusiness,addition},
// email, phoneNumber}, accountId, options[{key,input}], returnLabel, weight in kg) and the return
// flow of `dhlparcel/plugin-magento2-release` (Model/Service/Logic/Shipment.php
// getReturnRequestData: the consumer becomes the shipper, the shop the receiver,
// `returnLabel: true`, options at least `DOOR`, plus REFERENCE). Answer fields: labelId,
// labelType, trackerCode, routingCode, orderReference, pdf (base64), zpl
// (shipcore-nl/dhlparcel-api-php src/Entity/Labels/Response/Label.php).
import { createHash } from 'node:crypto';
import type { PartyAddress } from '../port.ts';

/** Our fixed namespace for label ids (a random v4 UUID chosen once for Retour's DHL adapter). */
const LABEL_ID_NAMESPACE = '4f6a1c52-9d1e-4f0e-8c5b-2e7d9a3b6c18';

/**
 * A name-based (version 5, SHA-1) UUID of the booking's idempotency key: a retried booking asks
 * DHL for the same `labelId`, so it finds the label it made the first time instead of a second one.
 */
export function labelIdFor(idempotencyKey: string): string {
  const namespace = Buffer.from(LABEL_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(idempotencyKey, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type DhlName = { firstName?: string; lastName?: string; companyName?: string };
type DhlAddress = {
  countryCode: string;
  postalCode: string;
  city: string;
  street: string;
  number?: string;
  addition?: string;
  additionalAddressLine?: string;
  isBusiness: boolean;
};
export type DhlAddressee = { name: DhlName; address: DhlAddress; email?: string; phoneNumber?: string };

/** "Jan de Vries" → firstName "Jan", lastName "de Vries"; one word is a last name. */
function splitName(full: string): { firstName?: string; lastName: string } {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return { lastName: parts[0] ?? '' };
  return { firstName: parts[0] as string, lastName: parts.slice(1).join(' ') };
}

/** "12", "12A", "12-3", "12 bis" → number "12" and the rest as addition. */
function splitHouseNumber(value: string | null | undefined): { number?: string; addition?: string } {
  const text = (value ?? '').trim();
  if (!text) return {};
  const match = /^(\d+)\s*[-/ ]?\s*(.*)$/.exec(text);
  if (!match) return { number: text };
  return { number: match[1] as string, ...(match[2] ? { addition: match[2] } : {}) };
}

export function addressee(party: PartyAddress, isBusiness: boolean): DhlAddressee {
  const name: DhlName = splitName(party.name);
  if (party.company) name.companyName = party.company;
  const address: DhlAddress = {
    countryCode: party.country.toUpperCase(),
    postalCode: party.postalCode.trim().toUpperCase(),
    city: party.city,
    street: party.street,
    ...splitHouseNumber(party.houseNumber),
    ...(party.addressLine2 ? { additionalAddressLine: party.addressLine2 } : {}),
    isBusiness,
  };
  return {
    name,
    address,
    ...(party.email ? { email: party.email } : {}),
    ...(party.phone ? { phoneNumber: party.phone } : {}),
  };
}

export type ReturnLabelInput = {
  labelId: string;
  accountId: string;
  parcelTypeKey: string;
  reference: string;
  from: PartyAddress;
  to: PartyAddress;
  weightGrams: number;
  labelFormat: 'pdf' | 'zpl';
};

export function returnLabelBody(input: ReturnLabelInput): Record<string, unknown> {
  return {
    labelId: input.labelId,
    labelFormat: input.labelFormat,
    orderReference: input.reference,
    parcelTypeKey: input.parcelTypeKey,
    // The shopper sends the parcel back: shipper = shopper, receiver = the shop's return address.
    shipper: addressee(input.from, Boolean(input.from.company)),
    receiver: addressee(input.to, true),
    accountId: input.accountId,
    options: [{ key: 'DOOR' }, { key: 'REFERENCE', input: input.reference }],
    returnLabel: true,
    pieceNumber: 1,
    quantity: 1,
    weight: Math.max(0.001, Math.round(input.weightGrams) / 1000),
    application: 'Retour',
  };
}

/** The label as DHL answers it (create and `GET /labels/{id}` as JSON). */
export type DhlLabel = {
  labelId: string;
  labelType?: string;
  trackerCode: string;
  routingCode?: string;
  orderReference?: string;
  pdf?: string;
  zpl?: string;
};

export function readLabel(json: unknown): DhlLabel | null {
  const body = json as Partial<DhlLabel> | null;
  if (!body || typeof body.labelId !== 'string' || typeof body.trackerCode !== 'string') return null;
  return body as DhlLabel;
}

const ADDRESS_FIELDS: Record<string, string> = {
  countryCode: 'country',
  postalCode: 'postalCode',
  city: 'city',
  street: 'street',
  number: 'houseNumber',
  addition: 'houseNumber',
};
const PARTY_FIELDS: Record<string, string> = {
  email: 'email',
  phoneNumber: 'phone',
  name: 'name',
  firstName: 'name',
  lastName: 'name',
  companyName: 'name',
};

/**
 * Which of our fields a DHL validation message is about: DHL's messages name the JSON path of the
 * field they refuse (e.g. `receiver.address.postalCode`). The shipper is the shopper (`from`), the
 * receiver the shop (`to`). Null when the message names no address field.
 */
export function addressFieldOf(message: string): string | null {
  const match = /\b(shipper|receiver)\.(?:(address)\.)?(?:name\.)?([A-Za-z]+)/.exec(message);
  if (!match) return null;
  const party = match[1] === 'shipper' ? 'from' : 'to';
  const field = match[2] ? ADDRESS_FIELDS[match[3] as string] : PARTY_FIELDS[match[3] as string];
  return field ? `${party}.${field}` : null;
}
