// Row shapes of every table, as Kysely sees them (camelCase; columns are snake_case in SQL).
// Portable types only: text for ids, ISO-8601 instants and JSON; integers for money (minor
// units), quantities and booleans (0/1), so the same queries run on SQLite and PostgreSQL.

import type { Generated } from 'kysely';
import type { CarrierAccountsTable, CarrierDocumentsTable } from './schema-carriers.ts';
import type { ProductsTable, ProductVariantsTable, ReturnExchangesTable, VariantStockTable } from './schema-catalogue.ts';
import type { ReturnPhotosTable } from './schema-photos.ts';
import type {
  ImportRunsTable,
  InboundEventsTable,
  LeasesTable,
  PaymentAccountsTable,
  PaymentsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from './schema-integrations.ts';

type Bool = number;
type Json = string;

export interface MerchantsTable {
  id: string;
  name: string;
  createdAt: string;
}
export interface UsersTable {
  merchantId: string;
  id: string;
  email: string;
  name: string | null;
  passwordHash: string;
  role: string;
  createdAt: string;
  /** The back-office language the user chose; null = the browser's. */
  language: string | null;
}
export interface ApiKeysTable {
  merchantId: string;
  id: string;
  name: string;
  keyPrefix: string;
  keyHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export interface BrandsTable {
  merchantId: string;
  id: string;
  name: string;
  logoUrl: string | null;
  colors: Json;
  defaultLanguage: string;
  createdAt: string;
  updatedAt: string;
}
export interface AddressesTable {
  merchantId: string;
  id: string;
  kind: string;
  brandId: string | null;
  name: string;
  company: string | null;
  street: string;
  houseNumber: string | null;
  addressLine2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface PortalsTable {
  merchantId: string;
  id: string;
  slug: string;
  brandId: string;
  returnAddressId: string | null;
  enabled: Bool;
  settings: Json;
  createdAt: string;
  updatedAt: string;
  /** The deep-link secret, sealed (null: deep links off). */
  linkSecret?: string | null;
}
export interface ShippingRulesTable {
  merchantId: string;
  id: string;
  name: string;
  position: number;
  conditions: Json;
  action: Json;
  createdAt: string;
  updatedAt: string;
}
export interface IntegrationsTable {
  merchantId: string;
  id: string;
  name: string;
  /** api | csv | sendcloud | shopify | woocommerce */
  kind: string;
  createdAt: string;
  /** Non-secret connection settings (JSON), e.g. the shop domain. */
  settings: Json | null;
  /** Credentials sealed with the server secret (apps/server/src/credentials.ts); never returned. */
  credentials: string | null;
  /** Public random key in inbound webhook URLs (/api/hooks/{provider}/{hookKey}). */
  hookKey: string | null;
  status: Generated<string>;
  updatedAt: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
}
export interface OrdersTable {
  merchantId: string;
  id: string;
  integrationId: string;
  externalId: string;
  orderNumber: string;
  orderNumberNorm: string;
  placedAt: string;
  currency: string;
  brandId: string | null;
  senderAddressId: string | null;
  customerName: string;
  customerEmail: string;
  customerPhone: string | null;
  shippingAddress: Json;
  shipPostalNorm: string;
  shipCountry: string;
  createdAt: string;
  updatedAt: string;
  /** Personal data removed after retention (null = not yet). */
  anonymisedAt?: string | null;
  /** Migration 0016: discount codes used on the order (JSON list), for return rules. */
  discountCodes?: Json | null;
}
export interface OrderItemsTable {
  merchantId: string;
  id: string;
  orderId: string;
  position: number;
  externalId: string;
  sku: string;
  name: string;
  variant: string | null;
  quantity: number;
  unitPrice: number;
  hsCode: string | null;
  originCountry: string | null;
  weightGrams: number | null;
  imageUrl: string | null;
  returnable: Bool;
  tags: Json;
  /** Migration 0016: product facts return rules test (optional, from the shop). */
  productType?: string | null;
  vendor?: string | null;
}
export interface ShipmentsTable {
  merchantId: string;
  id: string;
  orderId: string;
  position: number;
  carrier: string;
  trackingNumber: string;
  trackingNorm: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  deliveredTo: string | null;
  items: Json | null;
}
export interface ReturnsTable {
  merchantId: string;
  id: string;
  reference: string;
  portalId: string | null;
  orderId: string;
  orderNumberNorm: string;
  status: string;
  method: string;
  carrier: string | null;
  resolution: string;
  exchangeNote: string | null;
  currency: string;
  feeAmount: number;
  feePayment: string | null;
  language: string;
  contactEmail: string;
  contactEmailNorm: string;
  contactPhone: string | null;
  accessCodeHash: string;
  trackingNumber: string | null;
  trackingNorm: string | null;
  labelStatus: string;
  servicePointId: string | null;
  pickup: Json | null;
  storeAddressId: string | null;
  windowOverridden: Bool;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** When the carrier booked it; label cost in minor units of labelCostCurrency. */
  bookedAt: string | null;
  labelCost: number | null;
  labelCostCurrency: string | null;
  customsRequired: Bool;
  /** The return address as it was when the return was created (JSON). */
  returnAddress: Json | null;
  /** Personal data removed after retention (null = not yet). */
  anonymisedAt?: string | null;
  /** Migration 0008: the merchant's carrier account it is booked on (null: a sandbox carrier). */
  carrierAccountId?: string | null;
  /** The carrier product booked (a service code of the account). */
  carrierService?: string | null;
  /** The carrier's id of the shipment (to cancel, fetch documents, track). */
  carrierShipmentId?: string | null;
  /** Why the label is pending or failed (JSON: code, message, field, at). */
  labelError?: Json | null;
  /** The label-less code (JSON: payload, symbology). */
  labelless?: Json | null;
  /** The pickup date and window the carrier booked (JSON: date, from, to). */
  pickupWindow?: Json | null;
  /** The documents the carrier made (JSON: [{ kind, format }]); null for sandbox carriers. */
  carrierFormats?: Json | null;
  /** Migration 0014: bonus credit (minor units) earned by choosing an exchange or store credit. */
  bonusCredit?: number;
  /** Migration 0014: Σ of the exchanges' price differences (positive = paid before the label, negative = refunded on resolve). */
  exchangeBalance?: number;
  /** Migration 0016: the return-rule-set version in force when it was made, and what the rules decided (JSON). */
  ruleSetVersion?: number | null;
  ruleOutcome?: Json | null;
  /** Migration 0019: when the return expires if its label stays unused (null: never). */
  expiresAt?: string | null;
  /** Migration 0021: an instant exchange's authorised amount (minor units) and its scan deadline (local date). */
  holdAmount?: number | null;
  holdDeadline?: string | null;
}
/** Migration 0016: one saved version of a merchant's return rules (the highest version is in force). */
export interface ReturnRuleSetsTable {
  merchantId: string;
  version: number;
  rules: Json;
  createdBy: string;
  createdAt: string;
}
export interface ReturnItemsTable {
  merchantId: string;
  id: string;
  returnId: string;
  orderItemId: string;
  position: number;
  quantity: number;
  reason: string;
  comment: string | null;
  sku: string;
  name: string;
  unitPrice: number;
  /** Migration 0019: the condition the shopper stated (as_new, used, damaged; null: not asked). */
  condition?: string | null;
  /** Migration 0019: 1 when a return rule let the shopper keep it (no shipment). */
  kept?: Bool;
}
export interface ReturnEventsTable {
  merchantId: string;
  id: string;
  returnId: string;
  seq: number;
  at: string;
  recordedAt: string;
  type: string;
  status: string | null;
  message: string | null;
  actor: string;
  data: Json | null;
  dedupeKey: string | null;
}
export interface OutboxTable {
  merchantId: string;
  id: string;
  topic: string;
  payload: Json;
  dedupeKey: string | null;
  createdAt: string;
  availableAt: string;
  attempts: number;
  lockedUntil: string | null;
  /** The worker id holding the lease (RETOUR_WORKER_ID), so a restarted process takes its jobs back. */
  lockedBy: string | null;
  lastError: string | null;
  doneAt: string | null;
  /** Set when the topic's attempts ran out: not retried until someone retries it. */
  deadAt: string | null;
}
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  requestHash: string;
  statusCode: number;
  responseBody: string;
  createdAt: string;
}
export interface RateLimitHitsTable {
  key: string;
  at: string;
  id: string;
}

/** A merchant's override of one email template in one language. */
export interface EmailTemplatesTable {
  merchantId: string;
  id: string;
  template: string;
  language: string;
  subject: string;
  bodyText: string;
  updatedAt: string;
}

export interface SessionsTable {
  merchantId: string;
  id: string;
  userId: string;
  /** SHA-256 of the cookie value; the value itself is never stored. */
  tokenHash: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}
export interface UploadsTable {
  merchantId: string;
  id: string;
  contentType: string;
  /** Base64 (text on both databases). */
  data: string;
  size: number;
  createdAt: string;
}

/** The version of a merchant's portal configuration (portals, addresses, carrier accounts), bumped by triggers (migration 0013). */
export interface ConfigVersionsTable {
  merchantId: string;
  version: number;
}

export interface Database {
  merchants: MerchantsTable;
  users: UsersTable;
  apiKeys: ApiKeysTable;
  brands: BrandsTable;
  addresses: AddressesTable;
  portals: PortalsTable;
  shippingRules: ShippingRulesTable;
  integrations: IntegrationsTable;
  orders: OrdersTable;
  orderItems: OrderItemsTable;
  shipments: ShipmentsTable;
  returns: ReturnsTable;
  returnItems: ReturnItemsTable;
  returnEvents: ReturnEventsTable;
  outbox: OutboxTable;
  idempotencyKeys: IdempotencyKeysTable;
  rateLimitHits: RateLimitHitsTable;
  sessions: SessionsTable;
  uploads: UploadsTable;
  emailTemplates: EmailTemplatesTable;
  paymentAccounts: PaymentAccountsTable;
  payments: PaymentsTable;
  inboundEvents: InboundEventsTable;
  importRuns: ImportRunsTable;
  webhookEndpoints: WebhookEndpointsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  leases: LeasesTable;
  carrierAccounts: CarrierAccountsTable;
  carrierDocuments: CarrierDocumentsTable;
  configVersions: ConfigVersionsTable;
  products: ProductsTable;
  productVariants: ProductVariantsTable;
  variantStock: VariantStockTable;
  returnExchanges: ReturnExchangesTable;
  returnRuleSets: ReturnRuleSetsTable;
  returnPhotos: ReturnPhotosTable;
}
