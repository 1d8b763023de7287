// The carrier-account port: what a real carrier (or an aggregator such as Sendcloud) gives
// Retour once a merchant has connected an account with its own credentials. One adapter instance
// per connected account; the server builds it from the sealed credentials on each use.
//
// Carriers' documents are kept and served as the carrier made them (bytes + MIME type): Retour
// never redraws or re-rasterises a carrier label. Retour still draws what a carrier does not make
// (its packing slip, the QR slip for carriers that give only a code, CN23 where the carrier makes
// no customs papers).
import type { ReturnMethod } from '@retour/domain/fees';
import type { ServicePoint, ServicePointQuery } from '../service-points/port.ts';
import type { CarrierTrackingEvent, PartyAddress, TrackingStatus } from './port.ts';

/** The providers a merchant can connect an account of. */
export const CARRIER_PROVIDERS = ['sendcloud', 'postnl', 'dhl_parcel', 'ups'] as const;
export type CarrierProvider = (typeof CARRIER_PROVIDERS)[number];

/** Paper/printer formats of carrier documents. */
export const DOCUMENT_FORMATS = ['a4', 'a6', '4x6', 'zpl', 'png', 'gif'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface CarrierDocument {
  kind: 'label' | 'customs' | 'qr';
  format: DocumentFormat;
  /** e.g. `application/pdf`, `application/zpl` (ZPL text, UTF-8), `image/png`, `image/gif`. */
  mimeType: string;
  bytes: Uint8Array;
}

/** What a label-less drop-off gives instead of a label: the code the counter scans. */
export interface LabellessCode {
  /** The exact value the carrier's scanner reads. */
  payload: string;
  symbology: 'qrcode' | 'code128' | 'datamatrix' | 'pdf417';
  /** The carrier's own image of the code, when it sends one (served as is). */
  image?: CarrierDocument | null;
}

/** One product a carrier account can book returns with, as the carrier names it. */
export interface CarrierService {
  /** The carrier's own product code (Sendcloud `shipping_option_code`, PostNL product code, …). */
  code: string;
  name: string;
  /** The underlying carrier (e.g. `postnl`, `dhl`, `dpd` behind Sendcloud). */
  carrier: string;
  methods: readonly ReturnMethod[];
  /** ISO country codes the return can start from; ['*'] for any. */
  fromCountries: readonly string[];
  phoneRequired: boolean;
  /** Contract price per label when the API states one, in minor units. */
  price?: { amountMinor: number; currency: string } | null;
}

export interface CustomsLine {
  description: string;
  quantity: number;
  weightGrams: number;
  /** Per unit, minor units. */
  valueMinor: number;
  currency: string;
  hsCode: string | null;
  originCountry: string | null;
  sku?: string | null;
}

export interface BookRequest {
  /** Our return reference (`R-XXXXXX`): sent as the carrier's reference/idempotency key, so a retried booking is recognised. */
  reference: string;
  /** Stable key for this booking attempt chain (the return id); adapters use it where the API has an idempotency key. */
  idempotencyKey: string;
  method: ReturnMethod;
  /** The carrier product chosen for this country and method (a `CarrierService.code`). */
  service: string;
  from: PartyAddress;
  to: PartyAddress;
  weightGrams: number;
  servicePointId?: string | null;
  /** Pickups: the shopper's preferred date (YYYY-MM-DD). */
  pickupDate?: string | null;
  /** Preferred label format; adapters return what the carrier gives closest to it. */
  labelFormat: DocumentFormat;
  /** Present when the parcel crosses a customs border. */
  customs?: { lines: CustomsLine[]; invoiceNumber: string; outboundTrackingNumber?: string | null } | null;
  orderNumber?: string | null;
}

export interface Booking {
  trackingNumber: string;
  trackingUrl: string | null;
  /** The carrier's id of the shipment/return, needed to cancel, fetch documents and track. */
  carrierShipmentId: string;
  /** Labels/customs papers as the carrier made them (empty for label-less). */
  documents: CarrierDocument[];
  labelless?: LabellessCode | null;
  /** Pickups: the date and window the carrier booked. */
  pickup?: { date: string; from?: string | null; to?: string | null } | null;
  /** What the carrier will invoice for this label, when its answer says. */
  price?: { amountMinor: number; currency: string } | null;
  /**
   * Some APIs (Sendcloud's asynchronous announcement) accept the booking before the carrier has
   * made the label: `pending` means call `fetchDocuments` later.
   */
  documentsPending?: boolean;
}

export interface TrackedEvent extends CarrierTrackingEvent {
  /** Our status this carrier code maps to (null: kept on the timeline, moves nothing). */
  status: TrackingStatus | null;
}

export type CarrierErrorCode =
  /** The carrier refused an address; `field` names which (`from.postalCode`, `to.street`, …). */
  | 'carrier_rejected_address'
  /** Credentials wrong, expired or revoked: the merchant must reconnect the account. */
  | 'carrier_auth_failed'
  /** The carrier refused the request for another stated reason (its message is kept). */
  | 'carrier_rejected'
  /** Down, slow, 5xx, 429, network: try again later. */
  | 'carrier_unavailable'
  /** A label that was already used/scanned cannot be cancelled. */
  | 'carrier_not_cancellable';

export class CarrierError extends Error {
  readonly code: CarrierErrorCode;
  /** The carrier's own message, for staff and (address errors) the shopper. */
  readonly carrierMessage: string;
  /** `said`: what the carrier itself answered, unwrapped (for credentials refused on connect). */
  readonly opts: { field?: string; retryAfterMs?: number; status?: number; said?: string };

  constructor(
    code: CarrierErrorCode,
    carrierMessage: string,
    opts: { field?: string; retryAfterMs?: number; status?: number; said?: string } = {},
  ) {
    super(`${code}: ${carrierMessage}`);
    this.code = code;
    this.carrierMessage = carrierMessage;
    this.opts = opts;
    this.name = 'CarrierError';
  }
  get retryable(): boolean {
    return this.code === 'carrier_unavailable';
  }
}

export interface WebhookInput {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer;
  /** The account's webhook secret (for Sendcloud: the API secret key). */
  secret: string;
}

export interface CarrierAdapter {
  readonly provider: CarrierProvider;
  /** Test connection: checks the credentials with a harmless call. Throws CarrierError. */
  verify(): Promise<{ accountName: string | null }>;
  /** The products this account can book returns with. */
  services(): Promise<CarrierService[]>;
  book(request: BookRequest): Promise<Booking>;
  /** Documents of a booking whose documents were pending, or to fetch them again. */
  fetchDocuments?(carrierShipmentId: string, format: DocumentFormat): Promise<CarrierDocument[]>;
  /** Voids an unused label. Throws CarrierError `carrier_not_cancellable` once used. */
  cancel(carrierShipmentId: string): Promise<void>;
  /** Polls events of these shipments (all so far, oldest first). */
  track(shipments: { trackingNumber: string; carrierShipmentId: string }[]): Promise<TrackedEvent[]>;
  /** Verifies and parses a pushed tracking webhook; throws CarrierError `carrier_auth_failed` on a bad signature. */
  parseWebhook?(input: WebhookInput): TrackedEvent[];
  servicePoints(query: ServicePointQuery): Promise<ServicePoint[]>;
}

/** Where an adapter reaches its carrier: production hosts, or a local fake in tests. */
export interface AdapterOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Defaults to global fetch. */
  fetch?: typeof fetch;
}

/** The credentials each provider's account is connected with (stored sealed, never returned). */
export interface CarrierCredentials {
  /** Sendcloud API keys (HTTP Basic: public key as user, secret key as password). */
  sendcloud: { publicKey: string; secretKey: string };
  /** PostNL: `apikey` header, plus the customer data every label needs. */
  postnl: { apiKey: string; customerCode: string; customerNumber: string; collectionLocation?: string | null };
  /** DHL Parcel NL/BE: `POST /authenticate/api-key` with user id + key → JWT; labels are booked on `accountId`. */
  dhl_parcel: { userId: string; key: string; accountId: string };
  /** UPS: OAuth client credentials and the shipper account number that pays for return labels. */
  ups: { clientId: string; clientSecret: string; accountNumber: string };
}

/** How the server builds an adapter: one factory per provider, registered in `carriers/adapters.ts`. */
export type AdapterFactory<P extends CarrierProvider> = (credentials: CarrierCredentials[P], options: AdapterOptions) => CarrierAdapter;
