// The request rules the fake UPS enforces, each from UPS's published OpenAPI documents in the public
// repository UPS-API/api-documentation (files and schemas named at each rule). Where a schema's
// `required`/length keywords contradict its own element description (Locator.yaml marks AddressLine
// and PoliticalDivision1 required while the description asks only for CountryCode plus postal code or
// city; Pickup.yaml gives PickupDate maxLength 4 while describing yyyyMMdd), the description wins.
// UPS's error codes live in a web appendix, not in the YAML: the codes below are placeholders in UPS's
// six-digit style; the messages name the element the way UPS's do, and the body shape
// `{ response: { errors: [{ code, message }] } }` is the published one.

export type UpsFault = { code: string; message: string };
type Party = { Name?: unknown; AttentionName?: unknown; Phone?: { Number?: unknown }; Address?: Record<string, any> };

const str = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

/** Shipping.yaml Service.Code values; the ones after "not available to return shipment" are refused for returns. */
export const SERVICE_CODES = [
  '01',
  '02',
  '03',
  '07',
  '08',
  '11',
  '12',
  '13',
  '14',
  '17',
  '54',
  '59',
  '65',
  '70',
  '71',
  '72',
  '74',
  '75',
  '82',
  '83',
  '84',
  '85',
  '86',
  '96',
];
const NOT_FOR_RETURNS = ['13', '59', '82', '83', '84', '85', '86', 'C6', 'C7', 'C8'];
/** Shipping.yaml Shipment_ReturnService.Code. */
const RETURN_SERVICES = ['2', '3', '5', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];
/** Shipping.yaml Package_Packaging.Code (24 and 25 only without return service). */
const PACKAGING = [
  '01',
  '02',
  '03',
  '04',
  '21',
  '24',
  '25',
  '30',
  '2a',
  '2b',
  '2c',
  '56',
  '57',
  '58',
  '59',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '67',
];
const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
/** Postal-code formats the fake checks ("Postal Code/State combination validation would still be performed" with nonvalidate). */
const POSTAL: Record<string, RegExp> = {
  NL: /^\d{4} ?[A-Za-z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  BE: /^\d{4}$/,
  AT: /^\d{4}$/,
  US: /^\d{5}(-?\d{4})?$/,
};

function address(label: string, a: Record<string, any> | undefined, faults: UpsFault[]): void {
  if (!a) return void faults.push({ code: '120100', message: `Missing ${label} address` });
  const lines = a.AddressLine;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 3 || !lines.every((l) => str(l, 1, 35))) {
    faults.push({ code: '120101', message: `Missing or invalid ${label} address line (1 to 3 lines of at most 35 characters)` });
  }
  if (!str(a.City, 1, 30)) faults.push({ code: '120102', message: `Missing or invalid ${label} city (at most 30 characters)` });
  if (!str(a.CountryCode, 2, 2)) faults.push({ code: '120103', message: `Missing or invalid ${label} country code` });
  const format = POSTAL[a.CountryCode as string];
  if (a.PostalCode !== undefined && !str(a.PostalCode, 1, 9)) faults.push({ code: '120104', message: `Invalid ${label} postal code` });
  else if (format && !(typeof a.PostalCode === 'string' && format.test(a.PostalCode))) {
    faults.push({ code: '120104', message: `Missing or invalid ${label} postal code for country ${a.CountryCode}` });
  }
}

function party(label: string, p: Party | undefined, faults: UpsFault[]): void {
  if (!p) return void faults.push({ code: '120110', message: `Missing ${label}` });
  if (!str(p.Name, 1, 35)) faults.push({ code: '120111', message: `Missing or invalid ${label} name (at most 35 characters)` });
  if (p.AttentionName !== undefined && !str(p.AttentionName, 1, 35))
    faults.push({ code: '120112', message: `Invalid ${label} attention name` });
  if (p.Phone !== undefined && !(typeof p.Phone.Number === 'string' && /^\d{1,15}$/.test(p.Phone.Number))) {
    faults.push({ code: '120113', message: `Invalid ${label} phone number (digits only, at most 15)` });
  }
  address(label, p.Address, faults);
}

/** Shipping.yaml SHIPRequestWrapper, for the elements a return label uses. */
export function shipFaults(body: any, account: string): UpsFault[] {
  const faults: UpsFault[] = [];
  const request = body?.ShipmentRequest;
  if (!request) return [{ code: '120001', message: 'Missing ShipmentRequest' }];
  if (!str(request.Request?.RequestOption, 1, 15)) faults.push({ code: '120002', message: 'Missing Request/RequestOption' });
  const s = request.Shipment;
  if (!s) return [...faults, { code: '120003', message: 'Missing Shipment' }];
  const returnCode = s.ReturnService?.Code;
  if (s.ReturnService !== undefined && !RETURN_SERVICES.includes(returnCode))
    faults.push({ code: '120004', message: 'Invalid ReturnService code' });
  party('shipper', s.Shipper, faults);
  if (s.Shipper && s.Shipper.ShipperNumber !== account) faults.push({ code: '120005', message: 'Missing or invalid shipper number' });
  party('ship to', s.ShipTo, faults);
  if (s.ReturnService !== undefined && !s.ShipFrom)
    faults.push({ code: '120006', message: 'Missing ship from (required for return shipments)' });
  if (s.ShipFrom) party('ship from', s.ShipFrom, faults);
  const from = s.ShipFrom?.Address?.CountryCode ?? s.Shipper?.Address?.CountryCode;
  const to = s.ShipTo?.Address?.CountryCode;
  if (from && to && from !== to) {
    if (!s.ShipTo?.Phone)
      faults.push({ code: '120120', message: 'Ship to phone number is required when ship to and ship from countries differ' });
    if (!s.ShipTo?.AttentionName)
      faults.push({ code: '120121', message: 'Ship to attention name is required when ship to and ship from countries differ' });
    const bothEu = EU.includes(from) && EU.includes(to);
    if ((!bothEu || s.Service?.Code !== '11') && !str(s.Description, 1, 50)) {
      faults.push({ code: '120122', message: 'Missing shipment description of goods' });
    }
  }
  const charges = s.PaymentInformation?.ShipmentCharge;
  const transport = Array.isArray(charges) ? charges.find((c: any) => c?.Type === '01') : undefined;
  if (!transport) faults.push({ code: '120130', message: 'A shipment charge of type 01 (Transportation) is required' });
  else if (transport.BillShipper?.AccountNumber !== s.Shipper?.ShipperNumber) {
    faults.push({ code: '120131', message: 'BillShipper account number must be the Shipper ShipperNumber' });
  }
  const service = s.Service?.Code;
  if (!SERVICE_CODES.includes(service)) faults.push({ code: '120140', message: 'Missing or invalid service code' });
  else if (s.ReturnService !== undefined && NOT_FOR_RETURNS.includes(service))
    faults.push({ code: '120141', message: `Service ${service} is not available to return shipments` });
  const domesticUs = from === to && (from === 'US' || from === 'PR');
  for (const ref of s.ReferenceNumber ?? []) {
    if (!str(ref?.Value, 1, 35)) faults.push({ code: '120150', message: 'Invalid shipment reference number value' });
    if (domesticUs) faults.push({ code: '120151', message: 'Shipment-level reference numbers are not valid for US/US or PR/PR shipments' });
  }
  const packages = s.Package;
  if (!Array.isArray(packages) || packages.length < 1 || packages.length > 200) faults.push({ code: '120160', message: 'Missing Package' });
  for (const p of Array.isArray(packages) ? packages : []) {
    const packaging = p?.Packaging?.Code;
    if (!PACKAGING.includes(packaging)) faults.push({ code: '120161', message: 'Missing or invalid packaging type' });
    if (s.ReturnService !== undefined && (packaging === '24' || packaging === '25'))
      faults.push({ code: '120162', message: 'Packaging 24 and 25 are not valid for return shipments' });
    if (s.ReturnService !== undefined && !str(p?.Description, 1, 35))
      faults.push({ code: '120163', message: 'Package description is required for return shipments' });
    const weight = p?.PackageWeight;
    if (
      weight &&
      (!['LBS', 'KGS', 'OZS'].includes(weight.UnitOfMeasurement?.Code) ||
        !/^\d+(\.\d)?$/.test(weight.Weight ?? '') ||
        weight.Weight.length > 5)
    ) {
      faults.push({ code: '120164', message: 'Invalid package weight' });
    }
  }
  if (
    returnCode === '8' &&
    !(s.ShipmentServiceOptions?.LabelDelivery?.EMail || s.ShipmentServiceOptions?.LabelDelivery?.LabelLinksIndicator !== undefined)
  ) {
    faults.push({ code: '120170', message: 'LabelDelivery is required for Electronic Return Label shipments' });
  }
  const spec = request.LabelSpecification;
  if (!spec && (s.ReturnService === undefined || returnCode === '9'))
    faults.push({ code: '120180', message: 'Missing LabelSpecification' });
  if (spec) {
    const code = spec.LabelImageFormat?.Code;
    if (!['EPL', 'ZPL', 'SPL', 'GIF'].includes(code)) faults.push({ code: '120181', message: 'Invalid label image format code' });
    if (['EPL', 'ZPL', 'SPL'].includes(code) && !(['6', '8'].includes(spec.LabelStockSize?.Height) && spec.LabelStockSize?.Width === '4')) {
      faults.push({ code: '120182', message: 'LabelStockSize Height 6 or 8 and Width 4 are required for EPL, ZPL and SPL labels' });
    }
  }
  return faults;
}

const date8 = (v: unknown) =>
  typeof v === 'string' && /^\d{8}$/.test(v) && !Number.isNaN(Date.parse(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`));
const hhmm = (v: unknown) => typeof v === 'string' && /^([01]\d|2[0-3])[0-5]\d$/.test(v);

/** Pickup.yaml PICKUPCreationRequestWrapper. */
export function pickupFaults(body: any, account: string): UpsFault[] {
  const r = body?.PickupCreationRequest;
  if (!r) return [{ code: '9510001', message: 'Missing PickupCreationRequest' }];
  const faults: UpsFault[] = [];
  if (!['Y', 'N'].includes(r.RatePickupIndicator)) faults.push({ code: '9510002', message: 'Missing or invalid RatePickupIndicator' });
  const d = r.PickupDateInfo;
  if (!date8(d?.PickupDate)) faults.push({ code: '9510003', message: 'Missing or invalid pickup date (yyyyMMdd)' });
  if (!hhmm(d?.ReadyTime) || !hhmm(d?.CloseTime) || d.CloseTime <= d.ReadyTime)
    faults.push({ code: '9510004', message: 'Missing or invalid ready time or close time' });
  const a = r.PickupAddress;
  if (!a) faults.push({ code: '9510010', message: 'Missing pickup address' });
  else {
    if (!str(a.CompanyName, 1, 27)) faults.push({ code: '9510011', message: 'Missing or invalid pickup address company name' });
    if (!str(a.ContactName, 1, 22)) faults.push({ code: '9510012', message: 'Missing or invalid pickup address contact name' });
    if (!Array.isArray(a.AddressLine) || a.AddressLine.length < 1 || !a.AddressLine.every((l: unknown) => str(l, 1, 73))) {
      faults.push({ code: '9510013', message: 'Missing or invalid pickup address line' });
    }
    if (!str(a.City, 1, 50)) faults.push({ code: '9510014', message: 'Missing or invalid pickup address city' });
    if (!str(a.CountryCode, 2, 2)) faults.push({ code: '9510015', message: 'Missing or invalid pickup address country code' });
    if (!['Y', 'N'].includes(a.ResidentialIndicator)) faults.push({ code: '9510016', message: 'Missing or invalid ResidentialIndicator' });
    if (!str(a.Phone?.Number, 1, 25)) faults.push({ code: '9510017', message: 'Missing pickup address phone number' });
  }
  if (!['Y', 'N'].includes(r.AlternateAddressIndicator))
    faults.push({ code: '9510020', message: 'Missing or invalid AlternateAddressIndicator' });
  const pieces = r.PickupPiece;
  if (!Array.isArray(pieces) || pieces.length === 0) faults.push({ code: '9510030', message: 'Missing PickupPiece' });
  for (const p of Array.isArray(pieces) ? pieces : []) {
    if (
      !/^\d{3}$/.test(p?.ServiceCode ?? '') ||
      !/^\d{1,3}$/.test(p?.Quantity ?? '') ||
      !str(p?.DestinationCountryCode, 2, 2) ||
      !['01', '02', '03'].includes(p?.ContainerCode)
    ) {
      faults.push({ code: '9510031', message: 'Invalid PickupPiece (ServiceCode, Quantity, DestinationCountryCode, ContainerCode)' });
    }
  }
  if (!['00', '01', '03', '04', '05', '06', '07'].includes(r.PaymentMethod))
    faults.push({ code: '9510040', message: 'Missing or invalid payment method' });
  if (r.PaymentMethod === '01' && r.Shipper?.Account?.AccountNumber !== account)
    faults.push({ code: '9510041', message: 'Pay by shipper account needs the shipper account number' });
  for (const t of r.TrackingData ?? [])
    if (!str(t?.TrackingNumber, 18, 18)) faults.push({ code: '9510050', message: 'Invalid tracking number in TrackingData' });
  return faults;
}

/** Locator.yaml LOCATORRequestWrapper, for an Access Point search (request option 64). */
export function locatorFaults(body: any): UpsFault[] {
  const r = body?.LocatorRequest;
  if (!r) return [{ code: '350001', message: 'Missing LocatorRequest' }];
  const faults: UpsFault[] = [];
  if (r.Request?.RequestAction !== 'Locator') faults.push({ code: '350002', message: "Request/RequestAction must be 'Locator'" });
  const o = r.OriginAddress;
  const k = o?.AddressKeyFormat;
  if (!k || !str(k.CountryCode, 2, 2)) faults.push({ code: '350003', message: 'Missing origin address country code' });
  const geo = o?.Geocode;
  if (
    geo &&
    !(
      str(geo.Latitude, 15, 15) &&
      str(geo.Longitude, 15, 15) &&
      Number.isFinite(Number(geo.Latitude)) &&
      Number.isFinite(Number(geo.Longitude))
    )
  ) {
    faults.push({ code: '350004', message: 'Invalid origin geocode (latitude and longitude are 15 characters)' });
  }
  if (k && !geo && !k.PostcodePrimaryLow && !k.PoliticalDivision2)
    faults.push({ code: '350005', message: 'Origin needs a postal code, a city or a geocode' });
  if (!r.Translate) faults.push({ code: '350006', message: 'Missing Translate' });
  else if (r.Translate.Locale !== undefined && !str(r.Translate.Locale, 5, 5)) faults.push({ code: '350007', message: 'Invalid locale' });
  if (r.UnitOfMeasurement && !['MI', 'KM'].includes(r.UnitOfMeasurement.Code))
    faults.push({ code: '350008', message: 'Invalid unit of measurement' });
  const size = r.LocationSearchCriteria?.MaximumListSize;
  if (size !== undefined && !(Number(size) >= 1 && Number(size) <= 50))
    faults.push({ code: '350009', message: 'MaximumListSize must be 1 to 50' });
  return faults;
}
