// Row shapes of the tables added for shops, payments, imports and outgoing webhooks (migration
// 0006), in the same portable types as schema.ts: text ids, ISO-8601 instants and JSON as text,
// integers for money, counts and booleans.
import type { Generated } from 'kysely';

type Bool = number;
type Json = string;

export interface PaymentAccountsTable {
  merchantId: string;
  id: string;
  provider: string;
  settings: Json | null;
  /** Sealed with the server secret; never returned. */
  credentials: string;
  createdAt: string;
  updatedAt: string;
}
/** One checkout attempt for a return's up-front fee; its refund when the return is cancelled. */
export interface PaymentsTable {
  merchantId: string;
  id: string;
  returnId: string;
  provider: string;
  providerPaymentId: string | null;
  amount: number;
  currency: string;
  status: string;
  checkoutUrl: string | null;
  refundId: string | null;
  refundStatus: string | null;
  createdAt: string;
  updatedAt: string;
}
/** Provider event ids already processed: a duplicate delivery is dropped. */
export interface InboundEventsTable {
  merchantId: string;
  source: string;
  eventId: string;
  topic: string;
  receivedAt: string;
}
export interface ImportRunsTable {
  merchantId: string;
  id: string;
  /** csv | shopify | woocommerce */
  source: string;
  integrationId: string | null;
  fileName: string | null;
  /** running | completed | failed */
  status: string;
  total: number | null;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  failed: Generated<number>;
  /** JSON: the per-row report (line numbers and errors), capped. */
  report: Json | null;
  error: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
export interface WebhookEndpointsTable {
  merchantId: string;
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event types. */
  events: Json;
  /** Signing secret sealed with the server secret (it must be readable to sign). */
  secret: string;
  enabled: Bool;
  createdAt: string;
  updatedAt: string;
}
export interface WebhookDeliveriesTable {
  merchantId: string;
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The exact JSON body sent (the signature covers it). */
  payload: string;
  /** pending | succeeded | failed */
  status: string;
  attempts: Generated<number>;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

/** A lease serialising work on one thing across processes (name, e.g. `shopify.mirror:<merchant>:<return>`). */
export interface LeasesTable {
  name: string;
  holder: string;
  expiresAt: string;
}
