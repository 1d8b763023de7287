// Request checks of the fake Sendcloud, as the published references state them:
// - `POST /returns/announce-synchronously` body (CreateReturn request body of
//   api-evangelist/sendcloud openapi/_original/sendcloud-v3-returns-openapi.yml): required
//   from_address, to_address, ship_with, weight; address-with-required-fields (name,
//   address_line_1, postal_code, city, country_code); ShipWith.type enum, with the code its type
//   names; weight {value > 0, unit ∈ kg|g|lbs|oz}; DeliveryOption enum; collo_count ≥ 1;
//   parcel_items "required outside EU", each with hs_code and origin_country and
//   customs_invoice_nr "required if it's an international return"; price-with-any-currency
//   {value number, currency [A-Z]{3}}.
// - `POST /pickups` (toppynl/sendcloud-php-client docs/Model/BasePickupRequest.md, PickupAddress.md,
//   BasePickupItem.md, StrWeight.md, TimeSlot.md): carrier_code and address required, time slots
//   start before they end, items {quantity, container_type, total_weight {value string, unit}}.

export type FakeOption = {
  code: string;
  name: string;
  carrier: string;
  labelless: boolean;
  firstMile: 'dropoff' | 'pickup' | 'pickup_dropoff';
  price: string;
  phoneRequired?: boolean;
};

export const WEIGHT_UNITS = ['kg', 'g', 'lbs', 'oz'];
const DELIVERY = ['drop_off_point', 'drop_off_labelless', 'pickup', 'in_store', null];
const ADDRESS_REQUIRED = ['name', 'address_line_1', 'postal_code', 'city', 'country_code'];
const EU = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));

type Refusal = { code: string; message: string };

function checkItems(body: any, international: boolean): Refusal | null {
  const items = body.parcel_items;
  if (items === undefined && !international) return null;
  if (!Array.isArray(items) || items.length === 0)
    return { code: 'required', message: 'parcel_items: This field is required outside the EU.' };
  for (const [index, item] of items.entries()) {
    const at = `parcel_items[${index}]`;
    if (!Number.isInteger(item?.quantity) || item.quantity < 1)
      return { code: 'min_value', message: `${at}.quantity: Ensure this value is at least 1.` };
    if (item.weight && !(typeof item.weight.value === 'number' && item.weight.value > 0 && WEIGHT_UNITS.includes(item.weight.unit))) {
      return { code: 'invalid', message: `${at}.weight: Expected {value > 0, unit}.` };
    }
    const price = item.price ?? item.value;
    if (price !== undefined && !(typeof price.value === 'number' && /^[A-Z]{3}$/.test(price.currency))) {
      return { code: 'invalid', message: `${at}.price: Expected {value (number), currency (ISO 4217)}.` };
    }
    if (international) {
      for (const key of ['description', 'hs_code', 'origin_country']) {
        if (typeof item[key] !== 'string' || item[key] === '')
          return { code: 'required', message: `${at}.${key}: This field is required for an international return.` };
      }
      if (item.hs_code.length > 12) return { code: 'invalid', message: `${at}.hs_code: Ensure this field has no more than 12 characters.` };
    }
  }
  if (international && (typeof body.customs_invoice_nr !== 'string' || body.customs_invoice_nr === '')) {
    return { code: 'required', message: 'customs_invoice_nr: This field is required for an international return.' };
  }
  return null;
}

export function checkCreateReturn(body: any, options: readonly FakeOption[]): Refusal | { option: FakeOption; delivery: string | null } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { code: 'invalid', message: 'Expected a JSON object.' };
  for (const key of ['from_address', 'to_address', 'ship_with', 'weight']) {
    if (body[key] === undefined || body[key] === null) return { code: 'required', message: `${key}: This field is required.` };
  }
  for (const side of ['from_address', 'to_address']) {
    for (const key of ADDRESS_REQUIRED) {
      const value = body[side][key];
      if (typeof value !== 'string' || value.trim() === '') return { code: 'required', message: `${side}.${key}: This field is required.` };
    }
    if (!/^[A-Z]{2}$/.test(body[side].country_code)) {
      return { code: 'invalid_choice', message: `${side}.country_code: "${body[side].country_code}" is not a valid choice.` };
    }
  }
  const shipWith = body.ship_with;
  const type = shipWith.type ?? 'shipping_product_code';
  if (!['shipping_option_code', 'shipping_product_code'].includes(type)) {
    return { code: 'invalid_choice', message: `ship_with.type: "${type}" is not a valid choice.` };
  }
  const code = type === 'shipping_option_code' ? shipWith.shipping_option_code : shipWith.shipping_product_code;
  if (typeof code !== 'string' || code === '') return { code: 'required', message: `ship_with.${type}: This field is required.` };
  const option = options.find((candidate) => candidate.code === code);
  if (!option) return { code: 'invalid_choice', message: `ship_with.${type}: "${code}" is not a shipping option of this account.` };
  if (typeof body.weight.value !== 'number' || !(body.weight.value > 0)) {
    return { code: 'min_value', message: 'weight.value: Ensure this value is greater than 0.' };
  }
  if (!WEIGHT_UNITS.includes(body.weight.unit))
    return { code: 'invalid_choice', message: `weight.unit: "${body.weight.unit}" is not a valid choice.` };
  const delivery = body.delivery_option === undefined ? null : body.delivery_option;
  if (!DELIVERY.includes(delivery)) return { code: 'invalid_choice', message: `delivery_option: "${delivery}" is not a valid choice.` };
  if (body.collo_count !== undefined && !(Number.isInteger(body.collo_count) && body.collo_count >= 1)) {
    return { code: 'min_value', message: 'collo_count: Ensure this value is greater than or equal to 1.' };
  }
  const from = body.from_address.country_code;
  const to = body.to_address.country_code;
  const items = checkItems(body, from !== to && !(EU.has(from) && EU.has(to)));
  if (items) return items;
  if (delivery === 'drop_off_labelless' && !option.labelless)
    return { code: 'invalid', message: `${code} cannot be announced without a label.` };
  if (delivery === 'pickup' && option.firstMile === 'dropoff')
    return { code: 'invalid', message: `${code} is not picked up by the carrier.` };
  if (option.phoneRequired && !body.from_address.phone_number) {
    return { code: 'required', message: 'from_address.phone_number: This field is required for this carrier.' };
  }
  return { option, delivery };
}

export function jsonApi(code: string, detail: string, pointer: string) {
  return { errors: [{ status: '400', code, detail, source: { pointer } }] };
}

/** A JSON:API 400 body, or null when the pickup request is valid. */
export function checkPickup(body: any): ReturnType<typeof jsonApi> | null {
  if (typeof body?.carrier_code !== 'string' || body.carrier_code === '')
    return jsonApi('required', 'This field is required.', '/carrier_code');
  if (!body.address || typeof body.address !== 'object') return jsonApi('required', 'This field is required.', '/address');
  for (const key of ADDRESS_REQUIRED) {
    if (typeof body.address[key] !== 'string' || body.address[key] === '')
      return jsonApi('required', 'This field is required.', `/address/${key}`);
  }
  const slots = body.time_slots;
  if (!Array.isArray(slots) || slots.length === 0) return jsonApi('required', 'This field is required.', '/time_slots');
  for (const [index, slot] of slots.entries()) {
    const start = Date.parse(slot?.start_at);
    const end = Date.parse(slot?.end_at);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start)
      return jsonApi('invalid', 'start_at must be before end_at.', `/time_slots/${index}`);
  }
  for (const [index, item] of (body.items ?? []).entries()) {
    const ok =
      Number.isInteger(item?.quantity) &&
      typeof item?.container_type === 'string' &&
      typeof item?.total_weight?.value === 'string' &&
      WEIGHT_UNITS.includes(item.total_weight.unit);
    if (!ok) return jsonApi('invalid', 'quantity, container_type and total_weight {value (string), unit} are required.', `/items/${index}`);
  }
  return null;
}
