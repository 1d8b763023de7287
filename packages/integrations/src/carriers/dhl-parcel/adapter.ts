// DHL Parcel NL/BE/LU carrier adapter: return labels (`POST /labels` with `returnLabel: true`),
// capabilities (`GET /capabilities/business?returnProduct=true`), label documents
// (`GET /labels/{id}`), track & trace, and the parcel shop finder. References: see client.ts,
// labels.ts, tracking.ts, parcel-shops.ts (DHL's own plugin-magento2-release and dhl-api-wrapper).
//
// What DHL Parcel's published API does not offer, and so this adapter does not claim:
// - label-less (QR) returns: no option key for it in the capabilities or either DHL client;
// - pickups of returns: `POST /pickup-requests` exists, but its answer is not documented in any
//   reference we could read, so returns are drop-off only (at any DHL ServicePoint / Parcelstation);
// - prices: neither the label nor the capabilities answer carries one → `price: null`;
// - voiding a label: there is no cancel call; `cancel` refuses once DHL has scanned the parcel
//   and otherwise leaves the unused label as it is (nothing is voided at DHL).
import type { ServicePoint, ServicePointQuery } from '../../service-points/port.ts';
import {
  type AdapterFactory,
  type BookRequest,
  type Booking,
  type CarrierAdapter,
  type CarrierDocument,
  CarrierError,
  type CarrierService,
  type DocumentFormat,
  type TrackedEvent,
} from '../adapter.ts';
import { DhlParcelClient, type DhlResponse, dhlMessage } from './client.ts';
import { addressFieldOf, type DhlLabel, labelIdFor, readLabel, returnLabelBody } from './labels.ts';
import { parcelShopQuery, toServicePoints } from './parcel-shops.ts';
import { dhlTrackingStatus, isUsed, readPieces } from './tracking.ts';

export const DHL_PARCEL_BASE_URL = 'https://api-gw.dhlparcel.nl';

export const DHL_PARCEL_TRACKING_URL = 'https://my.dhlecommerce.nl/home/tracktrace/';

/** Track & trace keys per request (comma-separated in one `key` parameter). */
const TRACK_BATCH = 20;

type Capability = {
  fromCountryCode?: string;
  toCountryCode?: string;
  product?: { key?: string; label?: string; returnProduct?: boolean };
  parcelType?: { key?: string; minWeightKg?: number; maxWeightKg?: number };
  options?: { key?: string }[];
};

function decodeDocument(value: string): Uint8Array {
  const trimmed = value.trimStart();
  if (trimmed.startsWith('^XA') || trimmed.startsWith('~')) return new TextEncoder().encode(value);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function documentsOf(label: DhlLabel, format: DocumentFormat): CarrierDocument[] {
  if (format === 'zpl' && label.zpl) {
    return [{ kind: 'label', format: 'zpl', mimeType: 'application/zpl', bytes: decodeDocument(label.zpl) }];
  }
  if (label.pdf) {
    const pdfFormat: DocumentFormat = /A6/i.test(label.labelType ?? '') ? 'a6' : 'a4';
    return [{ kind: 'label', format: pdfFormat, mimeType: 'application/pdf', bytes: decodeDocument(label.pdf) }];
  }
  return [];
}

export const createDhlParcelAdapter: AdapterFactory<'dhl_parcel'> = (credentials, options): CarrierAdapter => {
  const client = new DhlParcelClient({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? fetch,
    userId: credentials.userId,
    key: credentials.key,
  });
  const accountId = credentials.accountId.trim();

  function toBooking(label: DhlLabel, format: DocumentFormat): Booking {
    return {
      trackingNumber: label.trackerCode,
      trackingUrl: `${DHL_PARCEL_TRACKING_URL}${encodeURIComponent(label.trackerCode)}`,
      carrierShipmentId: label.labelId,
      documents: documentsOf(label, format),
      labelless: null,
      pickup: null,
      price: null,
    };
  }

  /** The label with this id, or null when DHL has none. */
  async function findLabel(labelId: string): Promise<DhlLabel | null> {
    const res = await client.authed('GET', `/labels/${encodeURIComponent(labelId)}`);
    if (res.status === 404) return null;
    client.throwUnlessOk(res);
    const label = readLabel(res.json);
    if (!label) throw new CarrierError('carrier_unavailable', 'DHL Parcel answered with a label we cannot read.');
    return label;
  }

  function refused(res: DhlResponse): never {
    const message = dhlMessage(res.status, res.json, new TextDecoder().decode(res.bytes));
    if (res.status === 400 || res.status === 422) {
      const field = addressFieldOf(message);
      if (field) throw new CarrierError('carrier_rejected_address', message, { field, status: res.status });
    }
    client.throwUnlessOk(res);
    throw new CarrierError('carrier_rejected', message, { status: res.status });
  }

  async function piecesOf(trackingNumbers: string[]): Promise<ReturnType<typeof readPieces>> {
    const pieces: ReturnType<typeof readPieces> = [];
    for (let start = 0; start < trackingNumbers.length; start += TRACK_BATCH) {
      const keys = trackingNumbers
        .slice(start, start + TRACK_BATCH)
        .map(encodeURIComponent)
        .join(',');
      const res = await client.open(`/track-trace?key=${keys}`);
      if (res.status === 404) continue;
      client.throwUnlessOk(res);
      pieces.push(...readPieces(res.json));
    }
    return pieces;
  }

  return {
    provider: 'dhl_parcel',

    async verify() {
      const token = await client.authenticate();
      if (token.accountNumbers.length && !token.accountNumbers.includes(accountId)) {
        throw new CarrierError(
          'carrier_auth_failed',
          `This DHL Parcel API key may book on account ${token.accountNumbers.join(', ')}, not on ${accountId}. Reconnect the account with the right account number.`,
        );
      }
      return { accountName: null };
    },

    async services() {
      const params = new URLSearchParams({ returnProduct: 'true', accountNumber: accountId });
      const res = await client.authed('GET', `/capabilities/business?${params}`);
      client.throwUnlessOk(res);
      const byType = new Map<string, CarrierService & { fromCountries: string[] }>();
      for (const capability of (Array.isArray(res.json) ? res.json : []) as Capability[]) {
        const key = capability.parcelType?.key;
        const from = capability.fromCountryCode?.toUpperCase();
        if (!key || !from || capability.product?.returnProduct === false) continue;
        const service = byType.get(key) ?? {
          code: key,
          name: `${capability.product?.label ?? 'DHL Parcel return'} ${key}${capability.parcelType?.maxWeightKg ? ` (max ${capability.parcelType.maxWeightKg} kg)` : ''}`,
          carrier: 'dhl',
          methods: ['drop_off'],
          fromCountries: [],
          phoneRequired: false,
          price: null,
        };
        if (!service.fromCountries.includes(from)) service.fromCountries.push(from);
        byType.set(key, service);
      }
      return [...byType.values()].map((service) => ({ ...service, fromCountries: [...service.fromCountries].sort() }));
    },

    async book(request: BookRequest) {
      if (request.method !== 'drop_off') {
        throw new CarrierError(
          'carrier_rejected',
          `DHL Parcel return labels are dropped off at a DHL ServicePoint; ${request.method} is not offered through its API.`,
        );
      }
      const labelId = labelIdFor(request.idempotencyKey);
      // DHL's API says nothing about a repeated labelId, so a retry looks the label up first.
      const existing = await findLabel(labelId);
      if (existing) return toBooking(existing, request.labelFormat);
      const body = returnLabelBody({
        labelId,
        accountId,
        parcelTypeKey: request.service,
        reference: request.reference,
        from: request.from,
        to: request.to,
        weightGrams: request.weightGrams,
        labelFormat: request.labelFormat === 'zpl' ? 'zpl' : 'pdf',
      });
      const res = await client.authed('POST', '/labels', body);
      if (res.status === 409) {
        const raced = await findLabel(labelId);
        if (raced) return toBooking(raced, request.labelFormat);
      }
      if (res.status < 200 || res.status >= 300) refused(res);
      const label = readLabel(res.json);
      if (!label) throw new CarrierError('carrier_unavailable', 'DHL Parcel answered the label request without a tracker code.');
      return toBooking(label, request.labelFormat);
    },

    async fetchDocuments(carrierShipmentId: string, format: DocumentFormat) {
      const path = `/labels/${encodeURIComponent(carrierShipmentId)}`;
      if (format !== 'zpl') {
        const res = await client.authed('GET', path, undefined, 'application/pdf');
        client.throwUnlessOk(res);
        if ((res.headers.get('content-type') ?? '').startsWith('application/pdf')) {
          return [{ kind: 'label', format: 'a4', mimeType: 'application/pdf', bytes: res.bytes } satisfies CarrierDocument];
        }
      }
      const label = await findLabel(carrierShipmentId);
      if (!label) throw new CarrierError('carrier_rejected', `DHL Parcel has no label ${carrierShipmentId}.`, { status: 404 });
      return documentsOf(label, format);
    },

    async cancel(carrierShipmentId: string) {
      const label = await findLabel(carrierShipmentId);
      if (!label) throw new CarrierError('carrier_rejected', `DHL Parcel has no label ${carrierShipmentId}.`, { status: 404 });
      const [piece] = (await piecesOf([label.trackerCode])).filter((p) => p.barcode === label.trackerCode);
      if (piece && isUsed(piece)) {
        throw new CarrierError('carrier_not_cancellable', `DHL Parcel has already scanned parcel ${label.trackerCode}.`);
      }
      // No void call in DHL Parcel's API: an unscanned return label simply stays unused.
    },

    async track(shipments) {
      const wanted = new Set(shipments.map((s) => s.trackingNumber));
      const events: TrackedEvent[] = [];
      for (const piece of await piecesOf([...wanted])) {
        if (!piece.barcode || !wanted.has(piece.barcode)) continue;
        for (const event of piece.events ?? []) {
          const code = event.status ?? event.category;
          const at = event.timestamp ?? event.localTimestamp;
          if (!code || !at) continue;
          events.push({
            trackingNumber: piece.barcode,
            code,
            at: new Date(at).toISOString(),
            ...(event.category ? { message: event.category } : {}),
            status: dhlTrackingStatus(code, event.category ?? null),
          });
        }
      }
      return events.sort((a, b) => a.at.localeCompare(b.at));
    },

    async servicePoints(query: ServicePointQuery): Promise<ServicePoint[]> {
      const res = await client.open(parcelShopQuery(query));
      if (res.status === 404) return [];
      client.throwUnlessOk(res);
      return toServicePoints(res.json, query);
    },
  };
};
