// A local HTTP server that answers like PostNL's Send & Track REST APIs, following PostNL's
// published OpenAPI as generated into sdks-io/postnl-ecommerce-apis-js-sdk:
// - auth: header `apikey`; 401 {message, http_status_code} (src/errors/labellingUnauthorizedError.ts,
//   doc/models/labelling-unauthorized-error.md); 405 for another method; 429 {message, http_status_code}
// - GET  /shipment/v1_1/barcode (doc/controllers/barcode.md): CustomerCode, CustomerNumber, Type
//   (Type1Enum 2S|3S|CC|CP|CD|CF|LA|RI|UE) required, Serie, Range; {Barcode}; 400 {errors:[{ErrorMsg, ErrorNumber}]}
// - POST /shipment/v2_2/label?confirm= (doc/controllers/labelling.md): rules in fake-postnl-rules.ts;
//   {MergedLabels, ResponseShipments:[{Barcode, ProductCodeDelivery, Labels:[{Content, Labeltype,
//   OutputType}], Warnings}]}. A shipment is keyed by its barcode: labelling it again replaces it.
//   confirm=true (the default) pre-announces: status 1 "Zending voorgemeld".
// - GET  /shipment/v2/status/barcode/{barcode} and /status/reference/{reference}?customerCode&
//   customerNumber (doc/controllers/track-trace.md): CurrentStatus / CompleteStatus (detail=true)
//   {Shipment:[{Barcode, Reference, ProductCode, Status, OldStatus}]}, statuses
//   {TimeStamp "dd-MM-yyyy HH:mm:ss", StatusCode, StatusDescription, PhaseCode, PhaseDescription};
//   language NL|EN|CN|DE|FR (LanguageEnum); none found: {Warnings:[{Message:"No shipment found", Code:"2"}]} (doc/models/warning-2.md);
//   400 {fault:{faultstring, detail:{errorcode}}}
// - GET  /shipment/v2_1/locations/nearest and /nearest/geocode (doc/controllers/locations.md):
//   CountryCode NL|BE, PostalCode `^[0-9]{4}([A-Z]{2})?$` or Latitude/Longitude, DeliveryOptions
//   PG|PA|PG_EX; {GetLocationsResult:{ResponseLocation:[…]}}; 400 {RequestId, Date, Error:{ErrorCode, ErrorDescription}}
// Tests script failures (`failNext`), scan parcels (`scan`) and read what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineMeters } from '../../src/service-points/port.ts';
import { labelPdf, labelZpl, smartReturnPdf } from './fake-postnl-labels.ts';
import { labellingErrors } from './fake-postnl-rules.ts';

export type Received = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: any };
type Reply = { status: number; headers?: Record<string, string>; body: unknown } | 'hang';
type FakeStatus = { TimeStamp: string; StatusCode: string; StatusDescription: string; PhaseCode: string; PhaseDescription: string };
export type FakeShipment = {
  barcode: string;
  reference: string | null;
  product: string;
  confirmed: boolean;
  statuses: FakeStatus[];
  labelled: number;
};

const BARCODE_TYPES = new Set(['2S', '3S', 'CC', 'CP', 'CD', 'CF', 'LA', 'RI', 'UE']);
const PHASES: Record<string, [string, string]> = {
  '1': ['1', 'Collectie'],
  '2': ['1', 'Collectie'],
  '5': ['2', 'Sortering'],
  '7': ['3', 'Distributie'],
  '11': ['4', 'Afgeleverd'],
};
/** Where the fake pretends every searched postal code lies (Utrecht centre). */
const POSTAL_ORIGIN = { latitude: 52.0907, longitude: 5.1214 };

export const FAKE_LOCATIONS = [
  {
    LocationCode: 163043,
    Name: 'Tonys Tabakszaak',
    Latitude: 52.09223388,
    Longitude: 5.12634192,
    Address: { Street: 'Biltstraat', HouseNr: 136, HouseNrExt: 'A', Zipcode: '3572BL', City: 'Utrecht', Countrycode: 'NL' },
    DeliveryOptions: { string: ['DO', 'PG', 'RETA', 'UL'] },
    OpeningHours: {
      Monday: { string: '08:00-20:00' },
      Tuesday: { string: '08:00-20:00' },
      Wednesday: { string: '08:00-20:00' },
      Thursday: { string: '08:00-20:00' },
      Friday: { string: '08:00-21:00' },
      Saturday: { string: ['09:00-12:00', '13:00-17:00'] },
    },
  },
  {
    LocationCode: 217001,
    Name: 'PostNL Pakketautomaat Jumbo',
    Latitude: 52.1,
    Longitude: 5.11,
    Address: { Street: 'Amsterdamsestraatweg', HouseNr: 400, Zipcode: '3551CV', City: 'Utrecht', Countrycode: 'NL' },
    DeliveryOptions: { string: ['PA', 'DO'] },
    OpeningHours: Object.fromEntries(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d) => [d, { string: '00:00-23:59' }]),
    ),
  },
];

export class FakePostnl {
  readonly received: Received[] = [];
  readonly shipments = new Map<string, FakeShipment>();
  readonly issued = new Set<string>();
  apiKey = 'postnl-api-key-1';
  customerCode = 'DEVC';
  customerNumber = '11223344';
  private serial = 7_480_000;
  private scripted: { prefix: string; reply: Reply }[] = [];
  private hanging: ServerResponse[] = [];
  private server: Server = createServer((req, res) => void this.serve(req, res));
  origin = '';

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets what a test scripted and received (shipments and barcodes stay). */
  reset(): void {
    this.scripted.length = 0;
    this.received.length = 0;
  }

  /** The next request whose path starts with `prefix` gets this answer instead (once). */
  failNext(prefix: string, reply: Reply): void {
    this.scripted.push({ prefix, reply });
  }

  /** A PostNL scan of a parcel: a new current status (timestamp in Dutch time, dd-MM-yyyy HH:mm:ss). */
  scan(barcode: string, code: string, description: string, timeStamp: string): void {
    const shipment = this.shipments.get(barcode);
    if (!shipment) throw new Error(`fake PostNL has no shipment ${barcode}`);
    const [phase, phaseDescription] = PHASES[code] ?? ['99', 'Niet van toepassing'];
    shipment.statuses.push({
      TimeStamp: timeStamp,
      StatusCode: code,
      StatusDescription: description,
      PhaseCode: phase,
      PhaseDescription: phaseDescription,
    });
  }

  calls(path: string): Received[] {
    return this.received.filter((r) => r.path.startsWith(path));
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = undefined;
    }
    const received = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    this.received.push(received);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const index = this.scripted.findIndex((s) => url.pathname.startsWith(s.prefix));
    const reply = index >= 0 ? this.scripted.splice(index, 1)[0]?.reply : undefined;
    if (reply) {
      if (reply === 'hang') {
        this.hanging.push(res);
        return;
      }
      return send(reply.status, reply.body, reply.headers);
    }
    const key = req.headers.apikey;
    if (key === undefined)
      return send(401, { message: "Failed to resolve API Key variable 'request.header.apikey'", http_status_code: 401 });
    if (key !== this.apiKey) return send(401, { message: 'Invalid ApiKey', http_status_code: 401 });
    const route = (method: string, ok: boolean) => ok && req.method === method;
    const p = url.pathname;
    if (
      (p === '/shipment/v1_1/barcode' || p.startsWith('/shipment/v2') || p === '/shipment/v2_2/label') &&
      req.method !== (p === '/shipment/v2_2/label' ? 'POST' : 'GET')
    ) {
      return send(405, { message: 'Method not allowed', http_status_code: 405 });
    }
    if (route('GET', p === '/shipment/v1_1/barcode')) return this.barcode(url.searchParams, send);
    if (route('POST', p === '/shipment/v2_2/label')) return this.label(url.searchParams, body, send);
    const language = url.searchParams.get('language');
    if (p.startsWith('/shipment/v2/status/') && language !== null && !['NL', 'EN', 'CN', 'DE', 'FR'].includes(language)) {
      return send(400, {
        fault: { faultstring: `language ${language} is not valid (LanguageEnum)`, detail: { errorcode: 'steps.raisefault.RaiseFault' } },
      });
    }
    if (route('GET', p.startsWith('/shipment/v2/status/barcode/'))) {
      const found = this.shipments.get(decodeURIComponent(p.slice('/shipment/v2/status/barcode/'.length)));
      return this.status(found && found.confirmed ? [found] : [], url.searchParams, send);
    }
    if (route('GET', p.startsWith('/shipment/v2/status/reference/'))) {
      const q = url.searchParams;
      if (!q.get('customerCode') || !q.get('customerNumber')) {
        return send(400, {
          fault: { faultstring: 'customerCode and customerNumber are mandatory', detail: { errorcode: 'steps.raisefault.RaiseFault' } },
        });
      }
      const reference = decodeURIComponent(p.slice('/shipment/v2/status/reference/'.length));
      const mine = q.get('customerCode') === this.customerCode && q.get('customerNumber') === this.customerNumber;
      const found = mine ? [...this.shipments.values()].filter((s) => s.confirmed && s.reference === reference) : [];
      return this.status(found, q, send);
    }
    if (route('GET', p === '/shipment/v2_1/locations/nearest' || p === '/shipment/v2_1/locations/nearest/geocode')) {
      return this.locations(p.endsWith('/geocode'), url.searchParams, send);
    }
    send(404, { fault: { faultstring: `No resource ${p}`, detail: { errorcode: 'messaging.adaptors.http.flow.ApplicationNotFound' } } });
  }

  private barcode(q: URLSearchParams, send: (s: number, b: unknown) => void) {
    const fail = (msg: string, nr: string) => send(400, { errors: [{ ErrorMsg: msg, ErrorNumber: nr }] });
    const type = q.get('Type') ?? '';
    if (!q.get('CustomerCode') || !q.get('CustomerNumber') || !type)
      return fail('CustomerCode, CustomerNumber and Type are mandatory', '1');
    if (!BARCODE_TYPES.has(type)) return fail(`Type ${type} is not valid`, '2');
    if (q.get('CustomerCode') !== this.customerCode || q.get('CustomerNumber') !== this.customerNumber)
      return fail('Invalid CustomerCode/CustomerNumber combination', '3');
    const range = q.get('Range') ?? this.customerCode;
    const serie = /^(\d{6,12})-(\d{6,12})$/.exec(q.get('Serie') ?? '000000000-999999999');
    if (!serie || serie[1]?.length !== serie[2]?.length) return fail('Serie is not valid', '8');
    if (type === '3S' && range !== this.customerCode) return fail('Range must be the customer code for type 3S', '4');
    this.serial += 1;
    const barcode = `${type}${range}${String(this.serial).padStart(serie[1]?.length ?? 9, '0')}`;
    if (barcode.length < 13 || barcode.length > 15) return fail('Too many numbers in series', '8');
    this.issued.add(barcode);
    send(200, { Barcode: barcode });
  }

  private async label(q: URLSearchParams, body: any, send: (s: number, b: unknown) => void) {
    const errors = labellingErrors(body, this, this.issued);
    if (errors.length > 0) return send(400, { Errors: errors });
    const confirm = (q.get('confirm') ?? 'true') !== 'false';
    const printer: string = body.Message.Printertype;
    if (!printer.includes('PDF') && !printer.startsWith('Zebra')) {
      return send(501, { fault: { faultstring: `fake PostNL does not render ${printer}`, detail: { errorcode: 'fake' } } });
    }
    const responseShipments = [];
    for (const s of body.Shipments) {
      const receiver = s.Addresses.find((a: any) => a.AddressType === '01');
      const product = String(s.ProductCodeDelivery);
      const smart = product === '2285' || product === '3285';
      const existing = this.shipments.get(s.Barcode);
      const shipment: FakeShipment = existing ?? {
        barcode: s.Barcode,
        reference: null,
        product,
        confirmed: false,
        statuses: [],
        labelled: 0,
      };
      Object.assign(shipment, { reference: s.Reference ?? null, product, labelled: shipment.labelled + 1 });
      if (confirm && !shipment.confirmed) {
        shipment.confirmed = true;
        shipment.statuses.push({
          TimeStamp: '04-12-2026 06:00:00',
          StatusCode: '1',
          StatusDescription: 'Zending voorgemeld',
          PhaseCode: '1',
          PhaseDescription: 'Collectie',
        });
      }
      this.shipments.set(s.Barcode, shipment);
      const zpl = printer.startsWith('Zebra') && !smart;
      const content = smart
        ? await smartReturnPdf(s.Barcode)
        : zpl
          ? Buffer.from(labelZpl(s.Barcode, product, body.Customer.Address ?? {}, receiver))
          : await labelPdf(s.Barcode, product, body.Customer.Address ?? {}, receiver);
      responseShipments.push({
        Barcode: s.Barcode,
        ProductCodeDelivery: product,
        Labels: [{ Content: content.toString('base64'), Labeltype: smart ? 'Label' : 'Return Label', OutputType: zpl ? 'ZPL' : 'PDF' }],
        Warnings: [],
      });
    }
    send(200, { MergedLabels: [], ResponseShipments: responseShipments });
  }

  private status(found: FakeShipment[], q: URLSearchParams, send: (s: number, b: unknown) => void) {
    if (found.length === 0) return send(200, { Warnings: [{ Message: 'No shipment found', Code: '2' }] });
    const detail = q.get('detail') === 'true';
    const shipment = (s: FakeShipment) => ({
      MainBarcode: s.barcode,
      Barcode: s.barcode,
      Reference: s.reference ?? undefined,
      ProductCode: s.product.padStart(6, '0'),
      Customer: { CustomerCode: this.customerCode, CustomerNumber: this.customerNumber },
      Status: s.statuses.at(-1),
      ...(detail ? { OldStatus: [...s.statuses].reverse() } : {}),
    });
    send(200, detail ? { CompleteStatus: { Shipment: found.map(shipment) } } : { CurrentStatus: { Shipment: found.map(shipment) } });
  }

  private locations(geocode: boolean, q: URLSearchParams, send: (s: number, b: unknown) => void) {
    const fail = (code: string, description: string) =>
      send(400, {
        RequestId: '09fd61fe-0099-4349-b71d-dce5c2472be9',
        Date: new Date().toISOString(),
        Error: { ErrorCode: code, ErrorDescription: description },
      });
    const country = q.get('CountryCode') ?? '';
    if (country !== 'NL' && country !== 'BE') return fail('5', `CountryCode ${country} is not valid`);
    let origin = POSTAL_ORIGIN;
    if (geocode) {
      const latitude = Number(q.get('Latitude'));
      const longitude = Number(q.get('Longitude'));
      if (!q.get('Latitude') || !q.get('Longitude') || !Number.isFinite(latitude) || !Number.isFinite(longitude))
        return fail('6', 'Latitude and Longitude are mandatory');
      origin = { latitude, longitude };
    } else if (!/^[0-9]{4}([A-Z]{2})?$/.test(q.get('PostalCode') ?? '')) {
      return fail('7', 'PostalCode is not valid');
    }
    const options = q.getAll('DeliveryOptions');
    if (options.some((o) => !['PG', 'PA', 'PG_EX'].includes(o))) return fail('8', 'DeliveryOptions is not valid');
    const list = FAKE_LOCATIONS.filter((l) => l.Address.Countrycode === country)
      .filter((l) => !options.includes('PA') || l.DeliveryOptions.string.includes('PA'))
      .filter((l) => !options.includes('PG_EX') || !l.DeliveryOptions.string.includes('PA'))
      .map((l) => ({ ...l, Distance: haversineMeters(origin, { latitude: l.Latitude, longitude: l.Longitude }) }))
      .sort((a, b) => a.Distance - b.Distance);
    send(200, { GetLocationsResult: { ResponseLocation: list } });
  }
}
