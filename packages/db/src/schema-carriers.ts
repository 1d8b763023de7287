// Row shapes of the carrier tables (migration 0008), in the portable types of schema.ts.
type Json = string;

/** A merchant's connected carrier account. */
export interface CarrierAccountsTable {
  merchantId: string;
  id: string;
  /** sendcloud | postnl | dhl_parcel | ups */
  provider: string;
  /** Merchant-chosen carrier code (unique per merchant): what portals and returns name. */
  code: string;
  name: string;
  /** The carrier's own name of the account, from the connection test. */
  accountName: string | null;
  /** Sealed with the server secret; never returned. */
  credentials: string;
  /** Sealed; for carriers that push tracking webhooks. */
  webhookSecret: string | null;
  /** JSON: { services: [{ country, method, service }] }. */
  settings: Json;
  /** active | auth_failed */
  status: string;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A document as the carrier made it, base64 text of its bytes. */
export interface CarrierDocumentsTable {
  merchantId: string;
  id: string;
  returnId: string;
  /** label | customs | qr */
  kind: string;
  /** a4 | a6 | 4x6 | zpl | png | gif */
  format: string;
  mimeType: string;
  body: string;
  createdAt: string;
}
