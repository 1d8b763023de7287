// The catalogue (products, variants, stock) and exchanges (issue #14): the merchant API's
// PUT /api/v1/products, the portal's exchange settings, and what the portal shows and quotes.
import { PRICE_BAND_MAX_PERCENT, PRICE_BAND_MIN_PERCENT } from '@retour/domain/exchanges';
import { MAX_INSTANT_EXCHANGE_DAYS, REPLACEMENT_TIMINGS } from '@retour/domain/replacement-order';
import { z } from 'zod';
import { IdSchema, InstantSchema, MoneySchema } from './common.ts';

const ExternalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('Your own id of the product or variant: the same id updates what an earlier call created.');
const ImageUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
const ReasonCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a lowercase code such as "too_small".');

// ── Portal settings ─────────────────────────────────────────────────────────────────
const PercentSchema = z.number().int().min(PRICE_BAND_MIN_PERCENT).max(PRICE_BAND_MAX_PERCENT);
export const BonusCreditSettingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amount: MoneySchema }).strict(),
  z.object({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100) }).strict(),
]);
export const ExchangeSettingsSchema = z
  .object({
    offered: z.boolean().describe('Offer "exchange for another size/colour" in the portal.'),
    reasons: z.array(ReasonCodeSchema).max(30).describe('The return reasons that allow an exchange; empty = every reason.'),
    priceBand: z
      .object({ lowerPercent: PercentSchema, upperPercent: PercentSchema })
      .strict()
      .refine((b) => b.lowerPercent <= 100 && b.upperPercent >= 100, {
        message: 'The band must contain 100% (the same price): lowerPercent at most 100, upperPercent at least 100.',
      })
      .describe(
        "A new item priced within lowerPercent–upperPercent of the returned one's price is exchanged free (100–100 = same price only); outside it the whole difference is charged or refunded.",
      ),
    otherProducts: z.boolean().describe('Also let the shopper search the catalogue and pick another product.'),
    bonusCredit: BonusCreditSettingSchema.nullable().describe(
      'Extra credit for choosing an exchange or store credit instead of money: a fixed amount or a percentage of the returned value.',
    ),
    replacementTiming: z
      .enum(REPLACEMENT_TIMINGS)
      .optional()
      .describe(
        "When the replacement order is made in the connected shop: on_request (once the return is approved), on_drop_off (the carrier's first scan) or on_receipt (default: once you received the parcel).",
      ),
    instant: z
      .boolean()
      .optional()
      .describe(
        "Instant exchange: the shopper's payment method is authorised (Mollie, manual capture) for the new items' value, the replacement is made at once, and the hold is released when the carrier scans the parcel by the deadline, captured when not. Needs a connected Mollie account.",
      ),
    instantHoldDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_INSTANT_EXCHANGE_DAYS)
      .optional()
      .describe(
        'Instant exchange: days after the authorisation the shopper has to hand in the parcel (default 14; at most 21, as card holds lapse after 28).',
      ),
  })
  .strict();
export type ExchangeSettingsInput = z.infer<typeof ExchangeSettingsSchema>;
/** A portal's exchange settings before the merchant chose any (and of portals made before them). */
export const EXCHANGE_SETTINGS_OFF: ExchangeSettingsInput = {
  offered: false,
  reasons: [],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: false,
  bonusCredit: null,
};

// ── PUT /api/v1/products ────────────────────────────────────────────────────────────
export const VariantOptionSchema = z.object({ name: z.string().trim().min(1).max(60), value: z.string().trim().min(1).max(120) }).strict();
export const StockLevelInputSchema = z
  .object({
    locationId: z.string().trim().min(1).max(100),
    locationName: z.string().trim().min(1).max(200).nullish(),
    available: z.number().int().min(-1_000_000).max(1_000_000_000),
  })
  .strict();
export const VariantInputSchema = z
  .object({
    id: ExternalIdSchema,
    sku: z.string().trim().min(1).max(100).nullish(),
    title: z.string().trim().min(1).max(300).nullish().describe('Defaults to the option values, e.g. "M / Blue".'),
    options: z.array(VariantOptionSchema).max(5),
    price: MoneySchema,
    imageUrl: ImageUrlSchema.nullish(),
    stock: z.array(StockLevelInputSchema).max(100).describe('Available quantity per location; replaces what was there.'),
  })
  .strict();
export const ProductInputSchema = z
  .object({
    id: ExternalIdSchema,
    title: z.string().trim().min(1).max(300),
    vendor: z.string().trim().max(200).nullish(),
    productType: z.string().trim().max(200).nullish(),
    tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    imageUrl: ImageUrlSchema.nullish(),
    variants: z.array(VariantInputSchema).min(1).max(250),
  })
  .strict();
export const ProductsPutBodySchema = z
  .object({ products: z.array(ProductInputSchema).min(1).max(100) })
  .strict()
  .describe('Creates or updates products (all or none): the same ids again change nothing. Variants left out of a product are removed.');
export type ProductsPutBody = z.infer<typeof ProductsPutBodySchema>;

export const ProductsPutResultSchema = z.object({
  products: z.array(z.object({ id: z.string(), externalId: z.string(), created: z.boolean() })),
  created: z.number().int(),
  updated: z.number().int(),
});
export type ProductsPutResult = z.infer<typeof ProductsPutResultSchema>;

export const VariantViewSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  price: MoneySchema,
  imageUrl: z.string().nullable(),
  available: z.number().int(),
});
export const ProductViewSchema = z.object({
  id: z.string(),
  source: z.enum(['shopify', 'woocommerce', 'api']),
  externalId: z.string(),
  title: z.string(),
  vendor: z.string().nullable(),
  productType: z.string().nullable(),
  tags: z.array(z.string()),
  imageUrl: z.string().nullable(),
  updatedAt: InstantSchema,
  variants: z.array(VariantViewSchema),
});
export type ProductView = z.infer<typeof ProductViewSchema>;

// ── Portal: exchange options and the quote ──────────────────────────────────────────
export const ExchangeOptionsQuerySchema = z.object({
  item: IdSchema.describe('The order item (from the lookup) to exchange.'),
  quantity: z.coerce.number().int().min(1).max(10_000).default(1),
  q: z.string().trim().min(1).max(100).optional().describe('Search other products by title (when the portal allows it).'),
});
export const ExchangeVariantOptionSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  price: MoneySchema,
  imageUrl: z.string().nullable(),
  available: z.number().int(),
  selectable: z.boolean().describe('false when out of stock: shown, but it cannot be chosen.'),
  priceDifference: MoneySchema.describe('For the quantity asked: positive = the shopper pays, negative = refunded, 0 = free.'),
});
export const ExchangeProductOptionSchema = z.object({
  id: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  sameProduct: z.boolean(),
  variants: z.array(ExchangeVariantOptionSchema),
});
export const ExchangeOptionsSchema = z.object({
  orderItemId: z.string(),
  unitPrice: MoneySchema,
  reasons: z.array(z.string()).describe('The reasons that allow an exchange; empty = every reason.'),
  otherProducts: z.boolean(),
  products: z.array(ExchangeProductOptionSchema).describe('The same product first (when in the catalogue), then search results.'),
});
export type ExchangeOptions = z.infer<typeof ExchangeOptionsSchema>;

export const ItemExchangeInputSchema = z.object({ variantId: IdSchema }).strict();
export const ExchangeQuoteBodySchema = z
  .object({
    items: z
      .array(
        z
          .object({
            orderItemId: IdSchema,
            quantity: z.number().int().min(1).max(10_000),
            reason: z.string().min(1).max(40),
            exchange: ItemExchangeInputSchema.nullish(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    resolution: z.enum(['refund', 'store_credit', 'exchange']),
  })
  .strict();
export const ExchangeQuoteSchema = z.object({
  exchanges: z.array(
    z.object({
      orderItemId: z.string(),
      variantId: z.string(),
      kind: z.enum(['variant', 'product']),
      productTitle: z.string(),
      variantTitle: z.string(),
      quantity: z.number().int(),
      unitPrice: MoneySchema,
      priceDifference: MoneySchema,
    }),
  ),
  toPay: MoneySchema.describe('Charged through the payment provider before the label.'),
  toRefund: MoneySchema.describe('Refunded when the return is resolved.'),
  bonusCredit: MoneySchema,
});
export type ExchangeQuote = z.infer<typeof ExchangeQuoteSchema>;
