// The Labelling rules the fake PostNL enforces, each from the published reference:
// - sdks-io/postnl-ecommerce-apis-js-sdk src/models/labellingRequest.ts (Customer, Message, Shipments
//   required), customer3.ts (CustomerCode, CustomerNumber required), message1.ts + doc/models/message-1.md
//   (MessageID 1–12 chars, MessageTimeStamp `dd-mm-yyyy hh:mm:ss`, Printertype required),
//   shipment3.ts (Addresses, Barcode, Dimension.Weight, ProductCodeDelivery required),
//   doc/models/address-8.md (AddressType `^\d{2}$`, Countrycode `^[A-Z]{2}$`, Name or CompanyName,
//   Street or StreetHouseNrExt, HouseNr numeric max 5 and Zipcode mandatory for Benelux, max lengths),
//   doc/models/address-3.md (Customer.Address: City required), doc/models/contact-1.md (ContactType
//   `^\d{2}$`, Email max 50, TelNr 10–17), doc/models/product-options-2.md (`^\d{3}$`);
// - developer.postnl.nl "Products": 3S barcode 13–15 characters; "Smart Returns": product 2285
//   (3285 in postnl/postnl-magento2 Service/Shipment/Data.php) needs ProductOption 152/025 and a
//   receiver contact e-mail.
// Errors come back as the documented 400 body {Errors:[{Error, Code, Description}]} (doc/models/
// error-7.md: "Validation failed for shipment: 3SDEVC949511897", "1280202", "Incorrect address
// specified in address type Sender"). PostNL's full error-code table is not in the references: the
// fake uses 1280202 for address refusals (as documented) and 1280999 for every other refusal.

export type LabelError = { Error: string; Code: string; Description: string };

export const PRINTER_TYPES = new Set([
  'GraphicFile|PDF',
  'GraphicFile|PDF|Merge',
  'GraphicFile|GIF 200 dpi',
  'GraphicFile|GIF 300 dpi',
  'GraphicFile|GIF 600 dpi',
  'GraphicFile|JPG 200 dpi',
  'GraphicFile|JPG 300 dpi',
  'GraphicFile|JPG 600 dpi',
  'Zebra|Generic ZPL II 200 dpi',
  'Zebra|Generic ZPL II 300 dpi',
  'Zebra|Generic ZPL II 600 dpi',
]);

/** Products this fake account has a contract for. */
export const PRODUCTS = new Set(['3085', '3250', '2285', '3285']);
const SMART = new Set(['2285', '3285']);
const PARTY: Record<string, string> = { '01': 'Receiver', '02': 'Sender', '08': 'Return address' };
const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const tooLong = (v: unknown, max: number) => typeof v === 'string' && v.length > max;

export function addressErrors(a: any, context: string, cityRequired: boolean): string[] {
  if (!a || typeof a !== 'object') return [`Address is mandatory (${context})`];
  const out: string[] = [];
  const type = String(a.AddressType ?? '');
  if (!/^\d{2}$/.test(type)) return [`AddressType is invalid (${context})`];
  const party = `address type ${PARTY[type] ?? type}`;
  if (!/^[A-Z]{2}$/.test(String(a.Countrycode ?? ''))) out.push(`Countrycode is invalid for ${party}`);
  if (!str(a.Name) && !str(a.CompanyName)) out.push(`Name or CompanyName is mandatory for ${party}`);
  if (!str(a.Street) && !str(a.StreetHouseNrExt)) out.push(`Street is mandatory for ${party}`);
  if ((cityRequired || a.Countrycode === 'NL' || a.Countrycode === 'BE') && !str(a.City)) out.push(`City is mandatory for ${party}`);
  for (const [field, max] of [
    ['Name', 35],
    ['CompanyName', 35],
    ['City', 35],
    ['Street', 95],
    ['Zipcode', 17],
  ] as const) {
    if (tooLong(a[field], max)) out.push(`${field} exceeds ${max} characters for ${party}`);
  }
  if (a.Countrycode === 'NL' || a.Countrycode === 'BE') {
    if (!str(a.StreetHouseNrExt) && !/^\d{1,5}$/.test(String(a.HouseNr ?? ''))) out.push(`HouseNr is mandatory and numeric for ${party}`);
    const zip = a.Countrycode === 'NL' ? /^\d{4}[A-Z]{2}$/ : /^\d{4}$/;
    if (!zip.test(String(a.Zipcode ?? ''))) out.push(`Zipcode is invalid for ${party}`);
  }
  return out;
}

/** Every refusal of one labelling request (empty: accepted). */
export function labellingErrors(
  body: any,
  account: { customerCode: string; customerNumber: string },
  issued: ReadonlySet<string>,
): LabelError[] {
  const errors: LabelError[] = [];
  const general = (d: string) => errors.push({ Error: 'Invalid request', Code: '1280999', Description: d });
  if (!body || typeof body !== 'object') return [{ Error: 'Invalid request', Code: '1280999', Description: 'Body is not JSON' }];
  const { Customer: c, Message: m, Shipments: shipments } = body;
  if (!c || !str(c.CustomerCode) || !str(c.CustomerNumber)) general('Customer.CustomerCode and Customer.CustomerNumber are mandatory');
  else if (c.CustomerCode !== account.customerCode || c.CustomerNumber !== account.customerNumber)
    general('Invalid CustomerCode/CustomerNumber combination');
  if (!m || !str(m.MessageID) || m.MessageID.length > 12) general('Message.MessageID is mandatory (1-12 characters)');
  if (!m || !/^[0-3]\d-[01]\d-[12]\d{3}\s[0-2]\d:[0-5]\d:[0-5]\d$/.test(String(m.MessageTimeStamp ?? '')))
    general('Message.MessageTimeStamp must be dd-mm-yyyy hh:mm:ss');
  if (!m || !PRINTER_TYPES.has(m.Printertype)) general(`Printertype ${m?.Printertype} is not valid`);
  const customerAddress = c?.Address;
  const senderErrors = customerAddress ? addressErrors(customerAddress, 'Customer', true) : [];
  if (!Array.isArray(shipments) || shipments.length === 0) {
    general('Shipments is mandatory');
    return errors;
  }
  for (const s of shipments) {
    const validation = (d: string, code = '1280999') =>
      errors.push({ Error: `Validation failed for shipment: ${s?.Barcode ?? ''}`, Code: code, Description: d });
    for (const d of senderErrors) validation(d, '1280202');
    if (!str(s?.Barcode) || !/^3S[A-Z]{1,4}\d{7,12}$/.test(s.Barcode) || s.Barcode.length > 15 || !issued.has(s.Barcode))
      validation('Barcode is invalid');
    if (!PRODUCTS.has(String(s?.ProductCodeDelivery)))
      validation(`ProductCodeDelivery ${s?.ProductCodeDelivery} is not valid for this customer`);
    if (typeof s?.Dimension?.Weight !== 'number' || s.Dimension.Weight <= 0) validation('Dimension.Weight is mandatory');
    const addresses: any[] = Array.isArray(s?.Addresses) ? s.Addresses : [];
    if (!addresses.some((a) => a?.AddressType === '01')) validation('Address of address type Receiver is mandatory', '1280202');
    for (const a of addresses) for (const d of addressErrors(a, 'Shipment', false)) validation(d, '1280202');
    const contacts: any[] = Array.isArray(s?.Contacts) ? s.Contacts : [];
    for (const ct of contacts) {
      if (!/^\d{2}$/.test(String(ct?.ContactType ?? ''))) validation('ContactType is invalid');
      if (tooLong(ct?.Email, 50)) validation('Email exceeds 50 characters');
      if (ct?.TelNr !== undefined && !/^.{10,17}$/.test(String(ct.TelNr))) validation('TelNr must be 10-17 characters');
    }
    const options: any[] = Array.isArray(s?.ProductOptions) ? s.ProductOptions : [];
    for (const o of options)
      if (!/^\d{3}$/.test(String(o?.Characteristic)) || !/^\d{3}$/.test(String(o?.Option))) validation('ProductOption is invalid');
    if (SMART.has(String(s?.ProductCodeDelivery))) {
      if (!options.some((o) => o?.Characteristic === '152' && o?.Option === '025'))
        validation(`ProductOption 152/025 is mandatory for product ${s.ProductCodeDelivery}`);
      if (!contacts.some((ct) => ct?.ContactType === '01' && str(ct.Email)))
        validation('Email of the Receiver contact is mandatory for Smart Returns', '1280202');
    }
  }
  return errors;
}
