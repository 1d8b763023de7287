// DHL Paket (Germany) returns through DHL's "Parcel DE Returns API" v1 — DHL's own OpenAPI
// document `pp-parcel-returns.yaml` (copy in the public repository Nogrod/dhl-retoure-php-sdk):
// production https://api-eu.dhl.com/parcel/de/shipping/returns/v1, sandbox
// https://api-sandbox.dhl.com/parcel/de/shipping/returns/v1; header `dhl-api-key` plus HTTP Basic
// with the business customer portal user; `GET /locations` lists the account's return receivers
// (receiverId per shipper country, ISO alpha-3); `POST /orders?labelType=SHIPMENT_LABEL&docFormat=PDF|ZPL2`
// with a ReturnOrder {receiverId, customerReference ≤50 (printed), shipmentReference ≤50, shipper
// {name1, name2, addressStreet, addressHouse, postalCode, city, email, phone}, itemWeight {uom, value},
// itemValue, customsDetails} → 201 {sstatus, shipmentNo, label {b64 | zpl2}, routingCode};
// errors RFC 7807 {title, status, detail}.
//
// That API makes return labels and nothing else, so this adapter is partial, on purpose:
// - no idempotency key and no look-up of an order: a retry after a lost answer makes a second label;
// - no cancel, no tracking, no drop-off locator in it (DHL's Shipment Tracking and Location Finder
//   are separate APIs with separate keys): those calls throw `carrier_rejected` saying so;
// - its QR label is an image whose scanned value the API does not state, so no label-less method;
// - no prices.
// `dhl_paket` is not (yet) a provider of the carrier-account port: the lead adds it with these credentials.
import type { ServicePoint } from '../../service-points/port.ts';
import { parseRetryAfterMs } from '../../retry-after.ts';
import {
  type AdapterOptions,
  type BookRequest,
  type Booking,
  type CarrierAdapter,
  CarrierError,
  type CarrierService,
  type TrackedEvent,
} from '../adapter.ts';
import { alpha2, alpha3, returnOrderBody } from './return-order.ts';

export const DHL_PAKET_RETURNS_BASE_URL = 'https://api-eu.dhl.com/parcel/de/shipping/returns/v1';
export const DHL_PAKET_RETURNS_SANDBOX_URL = 'https://api-sandbox.dhl.com/parcel/de/shipping/returns/v1';
const TRACKING_URL = 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode=';

/** API key from developer.dhl.com; user name and password of the Post & DHL business customer portal. */
export type DhlPaketCredentials = { apiKey: string; username: string; password: string };

/** The port's adapter with the provider id this adapter needs added to `CARRIER_PROVIDERS`. */
export type DhlPaketAdapter = Omit<CarrierAdapter, 'provider'> & { readonly provider: 'dhl_paket' };

type Receiver = {
  receiverId?: string;
  shipperCountry?: string;
  companyName?: string;
  receiverAddress?: { name1?: string; city?: string };
};
type Problem = { title?: string; status?: number; detail?: string };

const FIELDS: [RegExp, string][] = [
  [/postal ?code|plz|postleitzahl/i, 'from.postalCode'],
  [/addressHouse|house|hausnummer/i, 'from.houseNumber'],
  [/addressStreet|street|stra(ss|ß)e/i, 'from.street'],
  [/\bcity\b|\bort\b/i, 'from.city'],
  [/name1|\bname\b/i, 'from.name'],
  [/e-?mail/i, 'from.email'],
  [/phone|telefon/i, 'from.phone'],
];

function notOffered(what: string): never {
  throw new CarrierError('carrier_rejected', `DHL's Parcel DE Returns API has no ${what}; it only makes return labels.`);
}

export function createDhlPaketReturnsAdapter(credentials: DhlPaketCredentials, options: AdapterOptions): DhlPaketAdapter {
  const root = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${root}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'dhl-api-key': credentials.apiKey,
          authorization: `Basic ${basic}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new CarrierError(
        'carrier_unavailable',
        timedOut ? `DHL did not answer within ${options.timeoutMs} ms.` : `DHL could not be reached: ${(error as Error).message}`,
      );
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.ok) return json;
    const problem = (json ?? {}) as Problem;
    const message = problem.detail || problem.title || `HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) {
      throw new CarrierError(
        'carrier_auth_failed',
        `DHL refused the account of user ${credentials.username}: ${message}. Reconnect it with a valid API key (developer.dhl.com) and the business customer portal user and password.`,
        { status: res.status },
      );
    }
    if (res.status === 429 || res.status >= 500) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
      throw new CarrierError('carrier_unavailable', `DHL answered ${res.status}: ${message}`, {
        status: res.status,
        ...(retryAfterMs !== null ? { retryAfterMs } : {}),
      });
    }
    if ((res.status === 400 || res.status === 422) && path.startsWith('/orders')) {
      const field = FIELDS.find(([pattern]) => pattern.test(message))?.[1];
      if (field) throw new CarrierError('carrier_rejected_address', message, { field, status: res.status });
    }
    throw new CarrierError('carrier_rejected', message, { status: res.status });
  }

  async function receivers(): Promise<Receiver[]> {
    const json = await call('GET', '/locations');
    return Array.isArray(json) ? (json as Receiver[]) : [];
  }

  return {
    provider: 'dhl_paket',

    async verify() {
      const list = await receivers();
      return { accountName: list[0]?.companyName ?? null };
    },

    async services(): Promise<CarrierService[]> {
      return (await receivers())
        .filter((r) => r.receiverId && r.shipperCountry && alpha2(r.shipperCountry))
        .map((r) => ({
          code: r.receiverId as string,
          name: `DHL Retoure ${alpha2(r.shipperCountry as string)} → ${[r.receiverAddress?.name1, r.receiverAddress?.city].filter(Boolean).join(', ')}`,
          carrier: 'dhl',
          methods: ['drop_off'],
          fromCountries: [alpha2(r.shipperCountry as string) as string],
          phoneRequired: false,
          price: null,
        }));
    },

    async book(request: BookRequest): Promise<Booking> {
      if (request.method !== 'drop_off') {
        throw new CarrierError(
          'carrier_rejected',
          `DHL Paket return labels are dropped off at DHL; ${request.method} is not offered through the Returns API.`,
        );
      }
      if (!alpha3(request.from.country)) {
        throw new CarrierError('carrier_rejected_address', `DHL Retoure does not take returns from ${request.from.country}.`, {
          field: 'from.country',
        });
      }
      const zpl = request.labelFormat === 'zpl';
      const params = new URLSearchParams({ labelType: 'SHIPMENT_LABEL', docFormat: zpl ? 'ZPL2' : 'PDF' });
      const json = (await call('POST', `/orders?${params}`, returnOrderBody(request))) as {
        shipmentNo?: string;
        label?: { b64?: string; zpl2?: string };
      } | null;
      const shipmentNo = json?.shipmentNo;
      const label = json?.label;
      if (!shipmentNo || !(zpl ? label?.zpl2 || label?.b64 : label?.b64)) {
        throw new CarrierError('carrier_unavailable', 'DHL answered the return order without a shipment number or label.');
      }
      const bytes = zpl
        ? label?.zpl2
          ? new TextEncoder().encode(label.zpl2)
          : new Uint8Array(Buffer.from(label?.b64 ?? '', 'base64'))
        : new Uint8Array(Buffer.from(label?.b64 ?? '', 'base64'));
      return {
        trackingNumber: shipmentNo,
        trackingUrl: `${TRACKING_URL}${encodeURIComponent(shipmentNo)}`,
        carrierShipmentId: shipmentNo,
        documents: [{ kind: 'label', format: zpl ? 'zpl' : 'a4', mimeType: zpl ? 'application/zpl' : 'application/pdf', bytes }],
        labelless: null,
        pickup: null,
        price: null,
      };
    },

    async cancel(): Promise<void> {
      notOffered('call to cancel a return label');
    },

    async track(): Promise<TrackedEvent[]> {
      notOffered('tracking (DHL Shipment Tracking is a separate API)');
    },

    async servicePoints(): Promise<ServicePoint[]> {
      notOffered('drop-off locator (DHL Location Finder is a separate API)');
    },
  };
}
