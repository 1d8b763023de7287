// The UPS ShipmentRequest for a return label (UPS-API/api-documentation, Shipping.yaml, schema
// SHIPRequestWrapper → ShipmentRequest): ReturnService 9 (UPS Print Return Label, "PRL") from the
// shopper (ShipFrom) to the merchant (ShipTo, also the Shipper whose account pays, BillShipper).
// Label: LabelSpecification.LabelImageFormat GIF, or ZPL with LabelStockSize 4×6 (the formats a PRL
// shipment may have: EPL, ZPL, SPL, GIF). Our reference goes in ReferenceNumber (shipment level,
// valid unless origin/destination is US/US or PR/PR, where it goes on the package) and in the
// package Description (required for return shipments), so a retry can find the label again.
import type { BookRequest } from '../adapter.ts';
import type { PartyAddress } from '../port.ts';

export const UPS_SHIP_VERSION = 'v2409';
/** UPS Print Return Label. */
export const RETURN_SERVICE_PRL = '9';
/** Customer Supplied Package. */
const PACKAGING_CUSTOMER = '02';
const LINE = 35;

type UpsAddress = { AddressLine: string[]; City: string; PostalCode?: string; CountryCode: string };

/** Street, house number and second line as UPS address lines: at most 3 lines of 35 characters. */
export function addressLines(party: PartyAddress, width = LINE, max = 3): string[] {
  const first = [party.street, party.houseNumber].filter((part) => part && part.trim() !== '').join(' ');
  const lines: string[] = [];
  for (const text of [first, party.addressLine2 ?? '']) {
    let line = '';
    for (const word of text.trim().split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') lines.push(line);
  }
  return lines.slice(0, max);
}

/** UPS phone numbers are digits only (Shipping.yaml: "Valid values are 0 - 9"). */
export function upsPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits === '' ? null : digits;
}

const cut = (text: string, max: number) => text.trim().slice(0, max);

function address(party: PartyAddress): UpsAddress {
  return {
    AddressLine: addressLines(party),
    City: party.city,
    ...(party.postalCode ? { PostalCode: party.postalCode.trim() } : {}),
    CountryCode: party.country.toUpperCase(),
  };
}

function contact(party: PartyAddress) {
  const phone = upsPhone(party.phone);
  return {
    Name: cut(party.company || party.name, LINE),
    AttentionName: cut(party.name, LINE),
    ...(phone ? { Phone: { Number: phone } } : {}),
  };
}

/** Domestic US or Puerto Rico shipments take their reference on the package, every other one on the shipment. */
function domesticUs(request: BookRequest): boolean {
  const from = request.from.country.toUpperCase();
  const to = request.to.country.toUpperCase();
  return from === to && (from === 'US' || from === 'PR');
}

export function labelSpecification(format: BookRequest['labelFormat']) {
  return format === 'zpl'
    ? { LabelImageFormat: { Code: 'ZPL', Description: 'ZPL' }, LabelStockSize: { Height: '6', Width: '4' } }
    : { LabelImageFormat: { Code: 'GIF', Description: 'GIF' }, HTTPUserAgent: 'Mozilla/4.5' };
}

/** Shipment.Description, the description of goods (required across borders unless both ends are in the EU on UPS Standard). */
function goods(request: BookRequest): string {
  const lines = (request.customs?.lines ?? []).map((line) => line.description.trim()).filter((d) => d !== '');
  return cut(lines.length ? [...new Set(lines)].join(', ') : `Return ${request.reference}`, 50);
}

export function shipmentRequest(request: BookRequest, accountNumber: string) {
  const reference = [{ Value: request.reference }];
  const us = domesticUs(request);
  const kilograms = Math.max(0.1, Math.round(request.weightGrams / 100) / 10).toFixed(1);
  const merchant = request.to;
  return {
    ShipmentRequest: {
      Request: { RequestOption: 'nonvalidate', TransactionReference: { CustomerContext: request.reference } },
      Shipment: {
        Description: goods(request),
        ReturnService: { Code: RETURN_SERVICE_PRL, Description: 'UPS Print Return Label' },
        Shipper: {
          ...contact(merchant),
          ShipperNumber: accountNumber,
          ...(merchant.email ? { EMailAddress: merchant.email } : {}),
          Address: address(merchant),
        },
        ShipTo: { ...contact(merchant), ...(merchant.email ? { EMailAddress: merchant.email } : {}), Address: address(merchant) },
        ShipFrom: { ...contact(request.from), Address: address(request.from) },
        PaymentInformation: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: accountNumber } }] },
        Service: { Code: request.service },
        ShipmentRatingOptions: { NegotiatedRatesIndicator: '' },
        ...(us ? {} : { ReferenceNumber: reference }),
        Package: [
          {
            Description: cut(`Return ${request.reference}`, LINE),
            Packaging: { Code: PACKAGING_CUSTOMER },
            PackageWeight: { UnitOfMeasurement: { Code: 'KGS' }, Weight: kilograms },
            ...(us ? { ReferenceNumber: reference } : {}),
          },
        ],
      },
      LabelSpecification: labelSpecification(request.labelFormat),
    },
  };
}
