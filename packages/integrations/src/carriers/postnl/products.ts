// The PostNL products a Retour account books returns with, and PostNL's label formats.
// Products (developer.postnl.nl "Products" and "Smart Returns" pages; postnl/postnl-magento2
// Webservices/Parser/Label/ReturnShipment.php and Service/Shipment/Data.php):
//   3250  return label (the shopper prints it and drops the parcel at a PostNL point)
//   2285  Smart Returns to the merchant's freepost ("Antwoordnummer") address: label-less, product
//         option characteristic 152 / option 025, receiver contact e-mail required
//   3285  Smart Returns to a street address (same option and e-mail rule)
// No PostNL API lists a contract's products or prices: the list is fixed here and `price` is null.
// Printer types (Labelling Message.Printertype; answer Labels[].OutputType PDF|ZPL|GIF|JPG):
//   GraphicFile|PDF (A6 label page), Zebra|Generic ZPL II 200 dpi, GraphicFile|GIF 200 dpi, …
// Labels come back base64 in ResponseShipments[].Labels[].Content and are kept byte for byte.
import type { CarrierDocument, CarrierService, DocumentFormat } from '../adapter.ts';

export const RETURN_LABEL_PRODUCT = '3250';
export const SMART_RETURN_PRODUCTS: ReadonlySet<string> = new Set(['2285', '3285']);
export const SMART_RETURN_OPTION = { Characteristic: '152', Option: '025' } as const;

export const POSTNL_SERVICES: readonly CarrierService[] = [
  {
    code: RETURN_LABEL_PRODUCT,
    name: 'PostNL return label (drop off at a PostNL point)',
    carrier: 'postnl',
    methods: ['drop_off'],
    fromCountries: ['NL', 'BE'],
    phoneRequired: false,
    price: null,
  },
  {
    code: '3285',
    name: 'PostNL Smart Returns (label-less, code at a PostNL point)',
    carrier: 'postnl',
    methods: ['drop_off_labelless'],
    fromCountries: ['NL'],
    phoneRequired: false,
    price: null,
  },
  {
    code: '2285',
    name: 'PostNL Smart Returns to a freepost address (label-less)',
    carrier: 'postnl',
    methods: ['drop_off_labelless'],
    fromCountries: ['NL'],
    phoneRequired: false,
    price: null,
  },
];

/** The Printertype closest to the wanted format. PDF for paper formats (PostNL's PDF label is A6). */
export function printerTypeFor(format: DocumentFormat): string {
  if (format === 'zpl') return 'Zebra|Generic ZPL II 200 dpi';
  // PostNL also makes GIF/JPG images (`GraphicFile|GIF 200 dpi`); Retour asks for PDF instead of an
  // image: the same label, vector bars, and what every browser prints.
  return 'GraphicFile|PDF';
}

export type PostnlLabel = { Content?: string; Labeltype?: string; OutputType?: string };

const OUTPUT: Record<string, { mimeType: string; format: DocumentFormat }> = {
  PDF: { mimeType: 'application/pdf', format: 'a6' },
  ZPL: { mimeType: 'application/zpl', format: 'zpl' },
  GIF: { mimeType: 'image/gif', format: 'gif' },
};

/** PostNL's base64 label as its bytes, untouched. Labeltype CN23/CP71/CommercialInvoice are customs papers. */
export function toDocument(label: PostnlLabel): CarrierDocument | null {
  if (!label.Content) return null;
  const output = OUTPUT[(label.OutputType ?? 'PDF').toUpperCase()];
  if (!output) return null;
  const customs = /cn23|cp71|invoice/i.test(label.Labeltype ?? '');
  return {
    kind: customs ? 'customs' : 'label',
    format: output.format,
    mimeType: output.mimeType,
    bytes: new Uint8Array(Buffer.from(label.Content, 'base64')),
  };
}
