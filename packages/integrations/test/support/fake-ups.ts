// A local HTTP server that answers like UPS's REST APIs, following UPS's published OpenAPI documents
// in the public repository UPS-API/api-documentation:
// - OAuthClientCredentials.yaml: POST /security/v1/oauth/token — HTTP Basic client_id:client_secret,
//   application/x-www-form-urlencoded grant_type=client_credentials; tokenSuccessResponse
//   (access_token, expires_in as a string); tokenErrorResponse on 400/401.
// - Every /api call: `Authorization: Bearer` (401 otherwise, code 250002 "Invalid Authentication
//   Information" from UPSTrackAlert.yaml's table of codes that apply to all APIs); error body
//   `{ response: { errors: [{ code, message }] } }` (ErrorResponse / CommonErrorResponse).
// - Shipping.yaml POST /api/shipments/v2409/ship (SHIPRequestWrapper → SHIPResponseWrapper, rules in
//   fake-ups-rules.ts): a new shipment every call, as UPS has no idempotency key; 1Z numbers with
//   UPS's check digit; ShipmentCharges.TotalCharges and, with NegotiatedRatesIndicator on a contract
//   account, NegotiatedRateCharges.TotalCharge; label in PackageResults[].ShippingLabel (GIF or ZPL,
//   made by fake-ups-label.ts).
// - Shipping.yaml POST /api/labels/v1/recovery (LABELRECOVERYRequestWrapper): by TrackingNumber or by
//   ReferenceValues { ReferenceNumber.Value, ShipperNumber }; voided shipments have no label.
// - Shipping.yaml DELETE /api/shipments/v2409/void/cancel/{id} (VOIDSHIPMENTResponseWrapper): status 1 =
//   "Voided or Already Voided"; a package UPS has scanned can no longer be voided (400).
// - Tracking.yaml GET /api/track/v1/details/{inquiryNumber}: transId and transactionSrc required,
//   inquiry number 7–34 characters, 404 when unknown; activities newest first; status types as
//   UPSTrackAlert.yaml lists them; a new label has a manifest (M) activity.
// - Locator.yaml POST /api/locations/v3/search/availabilities/64 (Access Points, distance in the unit asked).
// - Pickup.yaml POST /api/pickupcreation/v2409/pickup (same PRN again for the same address and date)
//   and DELETE /api/shipments/v2409/pickup/02 with header Prn.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineMeters } from '../../src/service-points/port.ts';
import { gifLabel, zplLabel } from './fake-ups-label.ts';
import { locatorFaults, pickupFaults, shipFaults, type UpsFault } from './fake-ups-rules.ts';
import { send } from './fake-http.ts';

export type Received = { method: string; path: string; headers: IncomingMessage['headers']; body: any };
export type Activity = { type: string; code: string; description: string; statusCode?: string; gmtDate: string; gmtTime: string };
export type FakeShipment = {
  id: string;
  references: string[];
  format: 'GIF' | 'ZPL';
  label: string;
  voided: boolean;
  activities: Activity[]; // oldest first here; answered newest first
  delivered: boolean;
  request: any;
};
export type AccessPoint = {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
  /** By UPS day number (1 = Sunday … 7 = Saturday): [open, close] as UPS writes them, or null for closed. */
  hours: Record<number, [string, string][] | null>;
};
type Scripted = { status: number; headers?: Record<string, string>; body: unknown } | 'hang' | 'drop' | 'pass';

const fault = (...errors: UpsFault[]) => ({ response: { errors } });

/** UPS's 1Z check digit: letters count as (char code − 63) mod 10, odd positions once, even positions twice. */
export function checkDigit(body: string): string {
  let sum = 0;
  [...body].forEach((ch, i) => {
    const value = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  });
  return String((10 - (sum % 10)) % 10);
}

export class FakeUps {
  clientId = 'ups-client-id';
  clientSecret = 'ups-client-secret';
  accountNumber = 'R7T9X2';
  /** The account has contract rates (NegotiatedRateCharges in the answer when asked for). */
  negotiated = true;
  readonly received: Received[] = [];
  readonly shipments = new Map<string, FakeShipment>();
  readonly pickups = new Map<string, { key: string; cancelled: boolean; request: any }>();
  readonly accessPoints: AccessPoint[] = [];
  /** Where the fake geocodes a searched postal code. */
  readonly postalCodes = new Map<string, { latitude: number; longitude: number }>();
  origin = '';
  private tokens = new Set<string>();
  private scripted: Scripted[] = [];
  private sequence = 1000;
  private server: Server;
  private hanging: ServerResponse[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The next /api requests (after the token check) get these answers, in order: 'pass' is answered as
   * usual, 'drop' is carried out and then the connection is cut, 'hang' is never answered.
   */
  script(...answers: Scripted[]): void {
    this.scripted.push(...answers);
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  calls(path: string, method = 'POST'): Received[] {
    return this.received.filter((r) => r.method === method && r.path.startsWith(path));
  }

  /** A scan at UPS (the package is in UPS's hands once any non-manifest activity exists). */
  scan(trackingNumber: string, type: string, code: string, description: string, at: Date, statusCode?: string): void {
    const shipment = this.shipments.get(trackingNumber);
    if (!shipment) throw new Error(`no shipment ${trackingNumber}`);
    const iso = at.toISOString();
    shipment.activities.push({
      type,
      code,
      description,
      gmtDate: iso.slice(0, 10).replace(/-/g, ''),
      gmtTime: iso.slice(11, 19).replace(/:/g, ''),
    });
    if (type === 'D' && (statusCode === '011' || code === 'FS')) shipment.delivered = true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: any = null;
    try {
      body = text && String(req.headers['content-type']).includes('json') ? JSON.parse(text) : text;
    } catch {
      return send(res, 400, fault({ code: '10007', message: 'Request body is not valid JSON' }));
    }
    const received: Received = { method: req.method ?? '', path: url.pathname, headers: req.headers, body };
    this.received.push(received);
    if (url.pathname === '/security/v1/oauth/token' && req.method === 'POST') return this.token(req, text, res);
    if (!url.pathname.startsWith('/api/')) return send(res, 404, fault({ code: '404', message: 'Not Found' }));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.tokens.has(bearer))
      return send(res, 401, fault({ code: '250002', message: 'Invalid Authentication Information.' }));
    const next = this.scripted.shift();
    if (next === 'hang') return void this.hanging.push(res);
    if (typeof next === 'object') return send(res, next.status, next.body, next.headers);
    const [status, answer] = this.route(req.method ?? '', url, req.headers, body);
    if (next === 'drop') return void res.destroy();
    send(res, status, answer);
  }

  private token(req: IncomingMessage, text: string, res: ServerResponse): void {
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
    if (req.headers.authorization !== `Basic ${basic}`)
      return void send(res, 401, fault({ code: '10401', message: 'ClientId is Invalid' }));
    const form = new URLSearchParams(text);
    if (
      !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded') ||
      form.get('grant_type') !== 'client_credentials'
    ) {
      return void send(res, 400, fault({ code: '10400', message: 'Invalid/Missing grant_type' }));
    }
    const accessToken = randomUUID();
    this.tokens.add(accessToken);
    send(res, 200, {
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      client_id: this.clientId,
      access_token: accessToken,
      scope: '',
      expires_in: '14399',
      refresh_count: '0',
      status: 'approved',
    });
  }

  private route(method: string, url: URL, headers: IncomingMessage['headers'], body: any): [number, unknown] {
    const path = url.pathname;
    if (method === 'POST' && path === '/api/shipments/v2409/ship') return this.ship(body);
    if (method === 'POST' && path === '/api/labels/v1/recovery') return this.recover(body);
    const voiding = /^\/api\/shipments\/v2409\/void\/cancel\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && voiding) return this.void(decodeURIComponent(voiding[1] as string));
    const tracking = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(path);
    if (method === 'GET' && tracking) return this.track(decodeURIComponent(tracking[1] as string), headers);
    if (method === 'POST' && path === '/api/locations/v3/search/availabilities/64') return this.locate(body);
    if (method === 'POST' && path === '/api/pickupcreation/v2409/pickup') return this.pickup(body);
    if (method === 'DELETE' && path === '/api/shipments/v2409/pickup/02') return this.cancelPickup(headers.prn);
    return [404, fault({ code: '404', message: `No such resource: ${method} ${path}` })];
  }

  private ship(body: any): [number, unknown] {
    const faults = shipFaults(body, this.accountNumber);
    if (faults.length) return [400, fault(...faults)];
    const request = body.ShipmentRequest;
    const s = request.Shipment;
    const base = `${this.accountNumber}${s.Service.Code.padStart(2, '0')}${String(this.sequence++).padStart(7, '0')}`;
    const id = `1Z${base}${checkDigit(base)}`;
    const format = request.LabelSpecification.LabelImageFormat.Code === 'ZPL' ? 'ZPL' : 'GIF';
    const label =
      format === 'ZPL' ? Buffer.from(zplLabel(id, s.ShipFrom.Name, s.ShipTo.Name)).toString('base64') : gifLabel(id).toString('base64');
    const references = [...(s.ReferenceNumber ?? []), ...s.Package.flatMap((p: any) => p.ReferenceNumber ?? [])].map((r: any) => r.Value);
    const shipment: FakeShipment = { id, references, format, label, voided: false, activities: [], delivered: false, request: body };
    this.shipments.set(id, shipment);
    this.scan(id, 'M', 'MP', 'Shipper created a label, UPS has not received the package yet.', new Date(), '003');
    const negotiated = this.negotiated && s.ShipmentRatingOptions?.NegotiatedRatesIndicator !== undefined;
    return [
      200,
      {
        ShipmentResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' }, TransactionReference: request.Request.TransactionReference },
          ShipmentResults: {
            ShipmentCharges: {
              TransportationCharges: { CurrencyCode: 'EUR', MonetaryValue: '12.45' },
              ServiceOptionsCharges: { CurrencyCode: 'EUR', MonetaryValue: '0.00' },
              TotalCharges: { CurrencyCode: 'EUR', MonetaryValue: '12.45' },
            },
            ...(negotiated ? { NegotiatedRateCharges: { TotalCharge: { CurrencyCode: 'EUR', MonetaryValue: '8.91' } } } : {}),
            BillingWeight: {
              UnitOfMeasurement: { Code: 'KGS', Description: 'Kilograms' },
              Weight: s.Package[0].PackageWeight?.Weight ?? '1.0',
            },
            ShipmentIdentificationNumber: id,
            PackageResults: [
              { TrackingNumber: id, ShippingLabel: { ImageFormat: { Code: format, Description: format }, GraphicImage: label } },
            ],
          },
        },
      },
    ];
  }

  private recover(body: any): [number, unknown] {
    const r = body?.LabelRecoveryRequest;
    if (!r) return [400, fault({ code: '120001', message: 'Missing LabelRecoveryRequest' })];
    let found: FakeShipment | undefined;
    if (typeof r.TrackingNumber === 'string') found = this.shipments.get(r.TrackingNumber);
    else if (r.ReferenceValues) {
      const value = r.ReferenceValues.ReferenceNumber?.Value;
      if (typeof value !== 'string' || r.ReferenceValues.ShipperNumber?.length !== 6) {
        return [400, fault({ code: '120002', message: 'ReferenceNumber Value and a six-character ShipperNumber are required' })];
      }
      if (r.ReferenceValues.ShipperNumber !== this.accountNumber)
        return [400, fault({ code: '120003', message: 'Invalid shipper number' })];
      found = [...this.shipments.values()].find((s) => !s.voided && s.references.includes(value));
    } else return [400, fault({ code: '120004', message: 'TrackingNumber or ReferenceValues is required' })];
    if (!found || found.voided) return [400, fault({ code: '120545', message: 'No label found for the requested shipment' })];
    return [
      200,
      {
        LabelRecoveryResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
          ShipmentIdentificationNumber: found.id,
          LabelResults: [{ TrackingNumber: found.id, LabelImage: { LabelImageFormat: { Code: found.format }, GraphicImage: found.label } }],
        },
      },
    ];
  }

  private void(id: string): [number, unknown] {
    const shipment = this.shipments.get(id);
    if (!shipment) return [400, fault({ code: '190100', message: 'Invalid shipment identification number' })];
    if (shipment.activities.some((a) => a.type !== 'M' && a.type !== 'MV')) {
      return [400, fault({ code: '190117', message: 'The package has been picked up or scanned by UPS and can no longer be voided' })];
    }
    shipment.voided = true;
    return [
      200,
      {
        VoidShipmentResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
          SummaryResult: { Status: { Code: '1', Description: 'Voided' } },
          PackageLevelResults: [{ TrackingNumber: id, Status: { Code: '1', Description: 'Voided' } }],
        },
      },
    ];
  }

  private track(inquiry: string, headers: IncomingMessage['headers']): [number, unknown] {
    if (!headers.transid) return [400, fault({ code: 'VSS002', message: 'Missing transId' })];
    if (!headers.transactionsrc) return [400, fault({ code: 'VSS004', message: 'Missing transactionSrc' })];
    if (inquiry.length < 7 || inquiry.length > 34) return [400, fault({ code: 'TV1002', message: 'Invalid inquiry number' })];
    const shipment = this.shipments.get(inquiry);
    if (!shipment) return [404, fault({ code: 'TW0001', message: 'Tracking Information Not Found' })];
    const activity = [...shipment.activities].reverse().map((a) => ({
      date: a.gmtDate,
      time: a.gmtTime,
      gmtDate: a.gmtDate,
      gmtTime: a.gmtTime.replace(/^0/, ''), // UPS writes e.g. '74700' for 07:47:00
      gmtOffset: '+00:00',
      status: { type: a.type, code: a.code, description: a.description, ...(a.statusCode ? { statusCode: a.statusCode } : {}) },
    }));
    const last = shipment.activities.at(-1);
    const pkg = {
      trackingNumber: shipment.id,
      activity,
      ...(shipment.delivered && last ? { deliveryDate: [{ type: 'DEL', date: last.gmtDate }] } : {}),
      referenceNumber: shipment.references.map((number) => ({ number, type: 'SHIPMENT' })),
    };
    return [200, { trackResponse: { shipment: [{ inquiryNumber: inquiry, package: [pkg] }] } }];
  }

  private locate(body: any): [number, unknown] {
    const faults = locatorFaults(body);
    if (faults.length) return [400, fault(...faults)];
    const r = body.LocatorRequest;
    const key = r.OriginAddress.AddressKeyFormat;
    const geo = r.OriginAddress.Geocode;
    const origin = geo
      ? { latitude: Number(geo.Latitude), longitude: Number(geo.Longitude) }
      : this.postalCodes.get(`${key.CountryCode}:${key.PostcodePrimaryLow}`);
    if (!origin) return [400, fault({ code: '350010', message: 'The origin address could not be geocoded' })];
    const unit = r.UnitOfMeasurement?.Code ?? 'MI';
    const size = Number(r.LocationSearchCriteria?.MaximumListSize ?? 5);
    const points = this.accessPoints
      .map((p) => ({ p, m: haversineMeters(origin, p) }))
      .sort((a, b) => a.m - b.m)
      .slice(0, size);
    const DropLocation = points.map(({ p, m }) => ({
      LocationID: p.id.slice(-6),
      AccessPointInformation: { PublicAccessPointID: p.id, AccessPointStatus: { Code: '01' } },
      AddressKeyFormat: {
        ConsigneeName: p.name,
        AddressLine: p.street,
        PoliticalDivision2: p.city,
        PoliticalDivision1: '',
        PostcodePrimaryLow: p.postalCode,
        CountryCode: key.CountryCode,
      },
      Geocode: { Latitude: String(p.latitude), Longitude: String(p.longitude) },
      Distance: { Value: (unit === 'KM' ? m / 1000 : m / 1609.344).toFixed(1), UnitOfMeasurement: { Code: unit } },
      PhoneNumber: ['0201234567'],
      LocationAttribute: [{ OptionType: { Code: '01' }, OptionCode: [{ Code: '018', Name: 'UPS Access Point' }] }],
      Timezone: 'Europe/Amsterdam',
      OperatingHours: {
        StandardHours: [
          {
            HoursType: '10',
            DayOfWeek: Object.entries(p.hours).flatMap(([day, ranges]): Record<string, string>[] =>
              ranges === null
                ? [{ Day: day, ClosedIndicator: '' }]
                : ranges.map(([open, close]) => ({ Day: day, OpenHours: open, CloseHours: close })),
            ),
          },
        ],
      },
    }));
    return [
      200,
      { LocatorResponse: { Response: { ResponseStatusCode: '1', ResponseStatusDescription: 'Success' }, SearchResults: { DropLocation } } },
    ];
  }

  private pickup(body: any): [number, unknown] {
    const faults = pickupFaults(body, this.accountNumber);
    if (faults.length) return [400, fault(...faults)];
    const r = body.PickupCreationRequest;
    const key = [r.PickupDateInfo.PickupDate, r.PickupAddress.CountryCode, r.PickupAddress.City, ...r.PickupAddress.AddressLine].join('|');
    const existing = [...this.pickups.entries()].find(([, p]) => p.key === key && !p.cancelled)?.[0];
    const prn = existing ?? `2929${String(this.sequence++).padStart(7, '0')}`;
    if (!existing) this.pickups.set(prn, { key, cancelled: false, request: body });
    return [
      200,
      {
        PickupCreationResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
          PRN: prn,
          RateStatus: { Code: '04', Description: 'Rate not requested' },
        },
      },
    ];
  }

  private cancelPickup(prn: string | string[] | undefined): [number, unknown] {
    const pickup = typeof prn === 'string' ? this.pickups.get(prn) : undefined;
    if (!pickup || pickup.cancelled) return [400, fault({ code: '9510100', message: 'No pickup found for this PRN' })];
    pickup.cancelled = true;
    return [200, { PickupCancelResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, PickupType: '01' } }];
  }
}
