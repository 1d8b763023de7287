// A local server that answers like DHL's "Parcel DE Returns API" v1, following DHL's own OpenAPI
// document pp-parcel-returns.yaml (public copy: github.com/Nogrod/dhl-retoure-php-sdk, file
// pp-parcel-returns.yaml): `dhl-api-key` header + HTTP Basic on every call but `GET /`;
// `GET /locations` (countryCode from the `Country` enum, postalCode, receiverId, maxResult) → Receiver[];
// `POST /orders` with query labelType (SHIPMENT_LABEL | QR_LABEL | BOTH), docFormat (PDF | ZPL2),
// printFormat (A4 | 910-300-400/410/600/610), printResolution (203 | 300, ZPL2 only),
// qrValidityPeriod (7–180, PDF + A4 only) and a ReturnOrder body (required receiverId, shipper;
// ContactAddress required name1 ≤50, addressStreet ≤50, addressHouse ≤10, postalCode relaxed-UPU
// pattern 3–10, city ≤40; email ≤70; phone ≤20; references ≤50; Weight uom g|kg, value 0.001–31500;
// Value currency EUR|GBP|CHF; CustomsDetails 1–20 Commodity items with itemDescription,
// packagedQuantity, itemWeight, itemValue, hsCode 6–11) → 201 ReturnOrderConfirmation
// {sstatus, shipmentNo, label {b64 | zpl2}, qrLabel, routingCode}; errors RFC 7807
// {title, status, detail ≤80} as application/problem+json.
// The fake's own choices (not in the document): an unknown receiverId is a 400, a German postal
// code must have 5 digits, customs details are required for receivers outside the EU (the
// document says CN23 data is mandatory for DHL Retoure International from outside the EU).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { labelPdf, labelZpl } from './fake-dhl-parcel-data.ts';

export type PaketRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: any };
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };

const RECEIVERS = [
  {
    receiverId: 'deu',
    shipperCountry: 'deu',
    ekp: '2222222222',
    billingNumber: '22222222220701',
    companyName: 'Webshop GmbH',
    numberRange: '99999XXXXXXC',
    receiverAddress: { name1: 'Webshop GmbH Retouren', addressStreet: 'Lagerstr.', addressHouse: '5', postalCode: '53113', city: 'Bonn' },
    companyAddress: { name1: 'Webshop GmbH', addressStreet: 'Lagerstr.', addressHouse: '5', postalCode: '53113', city: 'Bonn' },
  },
  {
    receiverId: 'che',
    shipperCountry: 'che',
    ekp: '2222222222',
    billingNumber: '22222222225301',
    companyName: 'Webshop GmbH',
    numberRange: '99999XXXXXXC',
    receiverAddress: { name1: 'Webshop GmbH Retouren', addressStreet: 'Lagerstr.', addressHouse: '5', postalCode: '53113', city: 'Bonn' },
    companyAddress: { name1: 'Webshop GmbH', addressStreet: 'Lagerstr.', addressHouse: '5', postalCode: '53113', city: 'Bonn' },
  },
];
const COUNTRIES = [
  'bel',
  'bgr',
  'dnk',
  'deu',
  'est',
  'fin',
  'fra',
  'grc',
  'gbr',
  'irl',
  'ita',
  'hrv',
  'lva',
  'ltu',
  'lux',
  'mlt',
  'nld',
  'nor',
  'aut',
  'pol',
  'prt',
  'rou',
  'swe',
  'che',
  'svk',
  'svn',
  'esp',
  'cze',
  'hun',
  'cyp',
];
const NON_EU = ['gbr', 'nor', 'che'];
const POSTAL = /^[0-9A-Za-z]+([ -]?[0-9A-Za-z]+)*$/;

function text(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}
function weightError(path: string, w: any): string | null {
  if (!w || !['g', 'kg'].includes(w.uom) || typeof w.value !== 'number' || w.value < 0.001 || w.value > 31500)
    return `${path}: uom g|kg and value 0.001-31500`;
  return null;
}
function valueError(path: string, v: any): string | null {
  if (!v || !['EUR', 'GBP', 'CHF'].includes(v.currency ?? 'EUR') || typeof v.value !== 'number' || v.value < 0 || v.value > 100000)
    return `${path}: currency EUR|GBP|CHF, value 0-100000`;
  return null;
}

/** The first problem with a ReturnOrder, or null. Messages stay within the 80 characters of `detail`. */
function orderError(b: any): string | null {
  if (!b || typeof b !== 'object') return 'ReturnOrder body is required';
  if (!text(b.receiverId, 1, 50)) return 'receiverId is required';
  for (const key of ['customerReference', 'shipmentReference'])
    if (b[key] !== undefined && !text(b[key], 0, 50)) return `${key}: at most 50 characters`;
  const s = b.shipper;
  if (!s || typeof s !== 'object') return 'shipper is required';
  if (!text(s.name1, 1, 50)) return 'shipper.name1: 1-50 characters';
  if (!text(s.addressStreet, 1, 50)) return 'shipper.addressStreet: 1-50 characters';
  if (!text(s.addressHouse, 1, 10)) return 'shipper.addressHouse: 1-10 characters';
  if (!text(s.postalCode, 3, 10) || !POSTAL.test(s.postalCode))
    return `shipper.postalCode: '${String(s.postalCode).slice(0, 12)}' is not a postal code`;
  if (b.receiverId === 'deu' && !/^\d{5}$/.test(s.postalCode)) return `shipper.postalCode: '${s.postalCode}' is not a German postal code`;
  if (!text(s.city, 1, 40)) return 'shipper.city: 1-40 characters';
  if (s.email !== undefined && (!text(s.email, 3, 70) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email)))
    return 'shipper.email: not an e-mail address';
  if (s.phone !== undefined && !text(s.phone, 1, 20)) return 'shipper.phone: 1-20 characters';
  if (b.itemWeight !== undefined) {
    const error = weightError('itemWeight', b.itemWeight);
    if (error) return error;
  }
  if (b.itemValue !== undefined) {
    const error = valueError('itemValue', b.itemValue);
    if (error) return error;
  }
  if (NON_EU.includes(b.receiverId) && !b.customsDetails) return 'customsDetails: required for returns from outside the EU';
  if (b.customsDetails !== undefined) {
    const items = b.customsDetails?.items;
    if (!Array.isArray(items) || items.length < 1 || items.length > 20) return 'customsDetails.items: 1-20 items';
    for (const [i, item] of items.entries()) {
      if (!text(item?.itemDescription, 1, 50)) return `customsDetails.items[${i}].itemDescription: 1-50 characters`;
      if (!Number.isInteger(item.packagedQuantity)) return `customsDetails.items[${i}].packagedQuantity: integer required`;
      if (item.hsCode !== undefined && !text(item.hsCode, 6, 11)) return `customsDetails.items[${i}].hsCode: 6-11 characters`;
      if (item.countryOfOrigin !== undefined && !/^[A-Z]{3}$/.test(item.countryOfOrigin))
        return `customsDetails.items[${i}].countryOfOrigin: alpha-3`;
      const error =
        weightError(`customsDetails.items[${i}].itemWeight`, item.itemWeight) ??
        valueError(`customsDetails.items[${i}].itemValue`, item.itemValue);
      if (error) return error;
    }
  }
  return null;
}

export class FakeDhlPaketReturns {
  readonly received: PaketRequest[] = [];
  readonly orders: { shipmentNo: string; body: any }[] = [];
  apiKey = 'dhl-dev-key';
  username = 'user-valid';
  password = 'SandboxPasswort2023!';
  origin = '';
  private scripted: Scripted[] = [];
  private serial = 999990000001;
  private server: Server = createServer((req, res) => void this.serve(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(answer: Scripted): void {
    this.scripted.push(answer);
  }

  private problem(res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) {
    this.send(res, status, { title, status, detail: detail.slice(0, 80) }, 'application/problem+json', headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) {
    const payload = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return this.problem(res, 400, 'Bad Request', 'Bad Request - malformed JSON');
    }
    this.received.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    if (req.method === 'GET' && url.pathname === '/')
      return this.send(res, 200, { amp: { name: 'pp-parcel-returns', version: 'v1.1.0', rev: '13', env: 'sandbox' } });
    const scripted = this.scripted.shift();
    if (scripted) return this.send(res, scripted.status, scripted.body ?? {}, 'application/problem+json', scripted.headers);
    const basic = Buffer.from(`${this.username}:${this.password}`).toString('base64');
    if (req.headers['dhl-api-key'] !== this.apiKey || req.headers.authorization !== `Basic ${basic}`) {
      return this.problem(res, 401, 'Unauthorized', 'Unauthorized - the credentials you provided are invalid.');
    }
    if (req.method === 'GET' && url.pathname === '/locations') return this.locations(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === '/orders') return this.order(url.searchParams, body, res);
    return this.problem(res, 404, 'Not Found', `No resource ${url.pathname}`);
  }

  private locations(q: URLSearchParams, res: ServerResponse) {
    const country = q.get('countryCode');
    if (country !== null && !COUNTRIES.includes(country))
      return this.problem(res, 400, 'Bad Request', `countryCode: '${country}' is not allowed`);
    const max = q.has('maxResult') ? Number(q.get('maxResult')) : 5000;
    if (!Number.isInteger(max) || max < 0) return this.problem(res, 400, 'Bad Request', 'maxResult: integer required');
    const list = RECEIVERS.filter(
      (r) => (!country || r.shipperCountry === country) && (!q.get('receiverId') || r.receiverId === q.get('receiverId')),
    );
    this.send(res, 200, list.slice(0, max));
  }

  private async order(q: URLSearchParams, body: any, res: ServerResponse): Promise<void> {
    const labelType = q.get('labelType') ?? 'BOTH';
    const docFormat = q.get('docFormat') ?? 'PDF';
    const printFormat = q.get('printFormat') ?? 'A4';
    if (!['SHIPMENT_LABEL', 'QR_LABEL', 'BOTH'].includes(labelType))
      return this.problem(res, 400, 'Bad Request', `labelType: '${labelType}' is not allowed`);
    if (!['PDF', 'ZPL2'].includes(docFormat)) return this.problem(res, 400, 'Bad Request', `docFormat: '${docFormat}' is not allowed`);
    if (!['A4', '910-300-400', '910-300-410', '910-300-600', '910-300-610'].includes(printFormat))
      return this.problem(res, 400, 'Bad Request', 'printFormat is not allowed');
    if (q.has('printResolution') && (docFormat !== 'ZPL2' || !['203', '300'].includes(q.get('printResolution') as string))) {
      return this.problem(res, 400, 'Bad Request', 'printResolution: 203|300, only with docFormat ZPL2');
    }
    if (q.has('qrValidityPeriod')) {
      const days = Number(q.get('qrValidityPeriod'));
      if (!Number.isInteger(days) || days < 7 || days > 180 || docFormat !== 'PDF' || printFormat !== 'A4')
        return this.problem(res, 400, 'Bad Request', 'qrValidityPeriod: 7-180, PDF and A4 only');
    }
    // The fake draws shipment labels only (the adapter never asks for the QR label).
    if (labelType !== 'SHIPMENT_LABEL') return this.problem(res, 501, 'Not Implemented', 'the fake draws no QR labels');
    const error = orderError(body);
    if (error) return this.problem(res, 400, 'Bad Request', error);
    if (!RECEIVERS.some((r) => r.receiverId === body.receiverId))
      return this.problem(res, 400, 'Bad Request', `receiverId: '${body.receiverId}' is unknown`);
    const shipmentNo = String(this.serial++);
    const routingCode = `${body.shipper.postalCode}+99000933090010`.replace(/\s/g, '');
    const lines = [
      `Von: ${body.shipper.name1}, ${body.shipper.postalCode} ${body.shipper.city}`,
      `Ref: ${body.customerReference ?? ''}`.slice(0, 35),
    ];
    this.orders.push({ shipmentNo, body });
    const label =
      docFormat === 'ZPL2'
        ? { zpl2: labelZpl(shipmentNo, routingCode, lines) }
        : { b64: (await labelPdf(shipmentNo, routingCode, lines)).toString('base64') };
    this.send(res, 201, {
      sstatus: { title: 'Created', status: 201, detail: 'Created' },
      shipmentNo,
      label,
      routingCode,
    });
  }
}
