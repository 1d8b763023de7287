// Row shapes of the catalogue tables and the shoppers' exchanges (migration 0014), in the
// portable types of schema.ts: text ids, ISO-8601 instants and JSON as text, integers for money.

import type { ColumnType } from 'kysely';

type Json = string;

/** A product as the shop has it: only what exchanges need, not a PIM. */
export interface ProductsTable {
  merchantId: string;
  id: string;
  /** shopify | woocommerce | api */
  source: string;
  /** The shop's id of the product (for `api`: the merchant's own id). */
  externalId: string;
  title: string;
  vendor: string | null;
  productType: string | null;
  /** JSON array of strings. */
  tags: Json;
  imageUrl: string | null;
  /** The title normalised for search (lower case, accents removed). */
  titleNorm: string;
  updatedAt: string;
}

export interface ProductVariantsTable {
  merchantId: string;
  id: string;
  productId: string;
  externalId: string;
  sku: string | null;
  title: string;
  /** JSON: [{ name, value }], e.g. [{ "name": "Size", "value": "M" }]. */
  options: Json;
  priceMinor: number;
  currency: string;
  imageUrl: string | null;
  /** The shop's id of the stock-keeping record (Shopify inventory item), to apply stock updates. */
  inventoryRef: string | null;
  /** The order the shop lists the variants in. */
  position: number;
  updatedAt: string;
}

/** A variant's available quantity at one of the shop's locations. */
export interface VariantStockTable {
  merchantId: string;
  variantId: string;
  /** The shop's id of the location ("default" where the shop has no locations). */
  locationId: string;
  locationName: string | null;
  available: number;
  updatedAt: string;
}

/** One returned item the shopper wants exchanged, and for what. */
export interface ReturnExchangesTable {
  merchantId: string;
  id: string;
  returnId: string;
  returnItemId: string;
  variantId: string;
  quantity: number;
  /** The new variant's unit price when asked. */
  unitPriceMinor: number;
  currency: string;
  /** variant (same product) | product (another product) */
  kind: string;
  /** Signed: positive = the shopper pays, negative = refunded on resolve. */
  priceDifferenceMinor: number;
  bonusCreditMinor: number;
  /** What was asked, as it was named then (the catalogue may change later). */
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  createdAt: string;
  /** The stock reservation of this line (migration 0020): held | released | consumed. */
  reservation: ColumnType<string, string | undefined, string>;
}
