// TEST SUPPORT ONLY — a local HTTP carrier that lets the server's carrier-account code be tested
// before the real adapters (Sendcloud, PostNL, DHL Parcel, UPS, each with its own fake that
// enforces the carrier's published API) are merged. It speaks a small protocol of its own, written
// down here; it is not a real carrier. Pair: ./test-carrier-adapter.ts. The lead replaces both by
// the real Sendcloud adapter and its fake when merging (see the report of branch carriers-core).
//
// Protocol (JSON bodies, HTTP Basic with publicKey:secretKey, 401 { error: { code, message } }):
//   GET    /account                 → { name }
//   GET    /services                → { services: [{ code, name, carrier, methods, fromCountries, phoneRequired, price }] }
//   POST   /shipments               → 201 { id, trackingNumber, trackingUrl, price, label, labelless, pickup, customs }
//          required: reference, idempotencyKey, service, from{name,street,postalCode,city,country}, to{…}, weightGrams>0,
//          labelFormat; the same idempotencyKey answers the first shipment again (200) and makes no second one.
//          from.postalCode "0000XX" → 422 { error: { code: "invalid_address", field: "from.postalCode", message } }
//          ("0000XY": the same, its message without a full stop, as several carriers write theirs)
//   DELETE /shipments/{id}          → 204; 409 { error: { code: "already_scanned" } } once scanned
//   GET    /tracking?ids=a,b        → { events: [{ shipmentId, trackingNumber, code, at, message }] }
//   GET    /service-points?country=&postalCode=&limit= → { points: [...] }
//   Webhooks it sends: JSON body, header `Sendcloud-Signature` = hex HMAC-SHA256(body, secretKey).
// `failNext(n, status)` makes the next n calls answer 503 (Retry-After: 7) or another status;
// `loseNextAnswer()` makes the next booking but answers 503 without Retry-After.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_CARRIER_KEYS = { publicKey: 'tc-public-0001', secretKey: 'tc-secret-0001' };

export const TEST_CARRIER_SERVICES = [
  {
    code: 'tc:dropoff',
    name: 'Test carrier drop-off',
    carrier: 'postnl',
    methods: ['drop_off'],
    fromCountries: ['NL', 'BE', 'DE'],
    phoneRequired: false,
    price: { amountMinor: 475, currency: 'EUR' },
  },
  {
    code: 'tc:labelless',
    name: 'Test carrier label-less',
    carrier: 'postnl',
    methods: ['drop_off_labelless'],
    fromCountries: ['NL'],
    phoneRequired: false,
    price: { amountMinor: 395, currency: 'EUR' },
  },
  {
    code: 'tc:pickup',
    name: 'Test carrier pickup',
    carrier: 'dhl',
    methods: ['pickup'],
    fromCountries: ['NL'],
    phoneRequired: true,
    price: null,
  },
];

export type TestShipment = {
  id: string;
  body: Record<string, any>;
  trackingNumber: string;
  cancelled: boolean;
  scanned: boolean;
  events: { code: string; at: string; message: string }[];
};

export type TestCarrierServer = {
  apiUrl: string;
  keys: Map<string, string>;
  shipments: TestShipment[];
  requests: { method: string; path: string; body: unknown }[];
  failNext(count: number, status?: number): void;
  /** The next booking is made, but its answer is a 503 (as if the connection dropped). */
  loseNextAnswer(): void;
  /** Whether bookings with customs lines get the carrier's customs papers (default true). */
  makesCustomsPapers: boolean;
  /** The signed webhook the carrier would push for a shipment event. */
  webhook(shipment: TestShipment, code: string, at: string, secret?: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
};

const REQUIRED_ADDRESS = ['name', 'street', 'postalCode', 'city', 'country'] as const;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestCarrierServer(): Promise<TestCarrierServer> {
  const keys = new Map([[TEST_CARRIER_KEYS.publicKey, TEST_CARRIER_KEYS.secretKey]]);
  const shipments: TestShipment[] = [];
  const requests: TestCarrierServer['requests'] = [];
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let seq = 0;
  let loseAnswer = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : null;
    requests.push({ method: req.method ?? '', path: url.pathname, body });
    if (failures.count > 0) {
      failures.count--;
      return send(res, failures.status, { error: { code: 'unavailable', message: 'Try again later.' } }, { 'retry-after': '7' });
    }
    const auth = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (!auth.startsWith('Basic ') || !user || keys.get(user) !== pass)
      return send(res, 401, { error: { code: 'unauthorized', message: 'Invalid API key pair.' } });

    if (req.method === 'GET' && url.pathname === '/account') return send(res, 200, { name: 'Test Carrier BV' });
    if (req.method === 'GET' && url.pathname === '/services') return send(res, 200, { services: TEST_CARRIER_SERVICES });
    if (req.method === 'POST' && url.pathname === '/shipments') {
      const missing = ['reference', 'idempotencyKey', 'service', 'labelFormat'].filter((k) => typeof body?.[k] !== 'string');
      for (const party of ['from', 'to'])
        for (const k of REQUIRED_ADDRESS) if (typeof body?.[party]?.[k] !== 'string' || !body[party][k]) missing.push(`${party}.${k}`);
      if (!(Number.isInteger(body?.weightGrams) && body.weightGrams > 0)) missing.push('weightGrams');
      if (missing.length) return send(res, 400, { error: { code: 'bad_request', message: `Missing: ${missing.join(', ')}` } });
      const service = TEST_CARRIER_SERVICES.find((s) => s.code === body.service);
      if (!service) return send(res, 422, { error: { code: 'unknown_service', message: `Unknown service ${body.service}.` } });
      if (body.from.postalCode === '0000XX')
        return send(res, 422, {
          error: { code: 'invalid_address', field: 'from.postalCode', message: 'Postal code 0000XX does not exist.' },
        });
      if (body.from.postalCode === '0000XY')
        return send(res, 422, {
          error: { code: 'invalid_address', field: 'from.postalCode', message: 'Postal code 0000XY is outside the service area' },
        });
      const again = shipments.find((s) => s.body.idempotencyKey === body.idempotencyKey);
      const shipment = again ?? {
        id: `shp_${++seq}`,
        body,
        trackingNumber: `TC${String(1000000 + seq)}NL`,
        cancelled: false,
        scanned: false,
        events: [],
      };
      if (!again) shipments.push(shipment);
      const labelless = service.methods.includes('drop_off_labelless');
      if (loseAnswer) {
        loseAnswer = false;
        return send(res, 503, { error: { code: 'unavailable', message: 'Gateway timeout.' } });
      }
      return send(res, again ? 200 : 201, {
        id: shipment.id,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: `https://track.test-carrier.invalid/${shipment.trackingNumber}`,
        price: service.price,
        label: labelless
          ? null
          : {
              format: body.labelFormat === 'zpl' ? 'zpl' : 'a6',
              mimeType: body.labelFormat === 'zpl' ? 'application/zpl' : 'application/pdf',
              base64: labelBytes(shipment, body.labelFormat),
            },
        labelless: labelless ? { payload: `TCQR-${shipment.trackingNumber}`, symbology: 'qrcode' } : null,
        pickup: service.methods.includes('pickup') ? { date: body.pickupDate ?? '2026-06-17', from: '09:00', to: '13:00' } : null,
        customs:
          body.customs && state.makesCustomsPapers
            ? Buffer.from(`%PDF-1.4\n% test carrier CN23 ${shipment.trackingNumber}\n%%EOF\n`).toString('base64')
            : null,
      });
    }
    const one = url.pathname.match(/^\/shipments\/([^/]+)$/);
    if (req.method === 'DELETE' && one) {
      const shipment = shipments.find((s) => s.id === one[1]);
      if (!shipment) return send(res, 404, { error: { code: 'not_found', message: 'No such shipment.' } });
      if (shipment.scanned) return send(res, 409, { error: { code: 'already_scanned', message: 'The parcel was scanned already.' } });
      shipment.cancelled = true;
      return send(res, 204);
    }
    if (req.method === 'GET' && url.pathname === '/tracking') {
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      const events = shipments
        .filter((s) => ids.includes(s.id))
        .flatMap((s) => s.events.map((e) => ({ shipmentId: s.id, trackingNumber: s.trackingNumber, ...e })));
      return send(res, 200, { events });
    }
    if (req.method === 'GET' && url.pathname === '/service-points') {
      const country = url.searchParams.get('country');
      if (!country) return send(res, 400, { error: { code: 'bad_request', message: 'country is required' } });
      return send(res, 200, {
        points: [
          {
            id: 'tc-sp-1',
            name: 'Test Carrier Point Centrum',
            type: 'service_point',
            street: 'Damrak',
            houseNumber: '1',
            postalCode: '1012 LG',
            city: 'Amsterdam',
            country,
            latitude: 52.3765,
            longitude: 4.8983,
            openingHours: { monday: '09:00-18:00', sunday: 'closed' },
            distance: 420,
          },
        ].slice(0, Number(url.searchParams.get('limit') ?? 10)),
      });
    }
    return send(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { code: 'internal', message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const state: TestCarrierServer = {
    apiUrl: `http://127.0.0.1:${port}`,
    keys,
    shipments,
    requests,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    loseNextAnswer() {
      loseAnswer = true;
    },
    webhook(shipment, code, at, secret = TEST_CARRIER_KEYS.secretKey) {
      const body = JSON.stringify({
        action: 'parcel_status_changed',
        shipmentId: shipment.id,
        trackingNumber: shipment.trackingNumber,
        code,
        at,
      });
      return {
        body,
        headers: { 'content-type': 'application/json', 'sendcloud-signature': createHmac('sha256', secret).update(body).digest('hex') },
      };
    },
    makesCustomsPapers: true,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}

/** The label the test carrier makes: a small PDF (or ZPL) naming the shipment, byte-identical on every fetch. */
export function labelBytes(shipment: { trackingNumber: string }, format: string): string {
  const text =
    format === 'zpl'
      ? `^XA^FO50,50^FDTC ${shipment.trackingNumber}^FS^XZ`
      : `%PDF-1.4\n% test carrier label ${shipment.trackingNumber}\n%%EOF\n`;
  return Buffer.from(text).toString('base64');
}
