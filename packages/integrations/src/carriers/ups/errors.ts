// UPS 4xx answers → CarrierError. UPS's error body (every YAML in UPS-API/api-documentation) is
// `{ response: { errors: [{ code, message }] } }`. Its error codes are listed only on UPS's web
// appendix, not in the published YAML, so the address field is read from the message, which names
// the element ("Missing or invalid ship from postal code", "ShipTo City is too long", …). In our
// return shipments ShipFrom is the shopper (`from`); ShipTo and Shipper are the merchant (`to`).
import { CarrierError } from '../adapter.ts';

const PARTIES: [RegExp, 'from' | 'to'][] = [
  [/ship\s*-?\s*from|pickup\s*address/i, 'from'],
  [/ship\s*-?\s*to|shipper|consignee/i, 'to'],
];

const ELEMENTS: [RegExp, string][] = [
  [/postal|post\s*code|zip/i, 'postalCode'],
  [/city|town/i, 'city'],
  [/country/i, 'country'],
  [/phone/i, 'phone'],
  [/e-?mail/i, 'email'],
  [/address\s*line|street|address/i, 'street'],
  [/attention|name/i, 'name'],
];

/** The value whose pattern matches earliest in the message ("ship to phone … ship from" is about ship to). */
function earliest<T>(message: string, table: [RegExp, T][]): T | null {
  let best: { index: number; value: T } | null = null;
  for (const [pattern, value] of table) {
    const index = message.search(pattern);
    if (index >= 0 && (best === null || index < best.index)) best = { index, value };
  }
  return best?.value ?? null;
}

/** The request field an address message is about (`from.postalCode`, …), or null. */
export function addressField(message: string): string | null {
  const party = earliest(message, PARTIES);
  if (!party) return null;
  // Words of the party itself ("pickup address") say nothing about the element.
  const rest = PARTIES.reduce((text, [pattern]) => text.replace(new RegExp(pattern.source, 'gi'), ' '), message);
  const element = earliest(rest, ELEMENTS);
  return element ? `${party}.${element}` : null;
}

/** The error body of UPS's APIs (`response.errors[]`). */
export type UpsErrorBody = { response?: { errors?: { code?: string; message?: string }[] } };

export function upsError(status: number, body: UpsErrorBody | null, what: string): CarrierError {
  const errors = body?.response?.errors ?? [];
  const messages = errors.map((e) => e.message ?? '').filter((m) => m !== '');
  const carrierMessage = messages.join('; ') || `HTTP ${status}`;
  if (status === 400 || status === 422) {
    for (const message of messages) {
      const field = addressField(message);
      if (field) return new CarrierError('carrier_rejected_address', message, { field, status });
    }
  }
  return new CarrierError('carrier_rejected', `UPS refused ${what}: ${carrierMessage}`, { status });
}
