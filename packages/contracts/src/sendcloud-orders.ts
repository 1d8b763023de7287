// Sendcloud-compatible order import: the body and answers of Sendcloud's v3 Orders API
// (`POST /api/v3/orders`), so a shop plug-in that sends orders to Sendcloud can send them here.
// Only the fields we use are checked; Sendcloud's other optional fields are accepted and ignored.
import { z } from 'zod';

export const MAX_SENDCLOUD_ORDERS = 100;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const SendcloudMoneySchema = z.object({
  value: z.union([z.string(), z.number()]).transform((v) => String(v)),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code, e.g. "EUR".'),
});

export const SendcloudOrderItemSchema = z.object({
  name: text(500),
  quantity: z.number().int().min(1).max(10_000),
  total_price: SendcloudMoneySchema,
  unit_price: SendcloudMoneySchema.nullish(),
  item_id: optionalText(200),
  product_id: optionalText(200),
  variant_id: optionalText(200),
  sku: optionalText(200),
  ean: optionalText(200),
  description: optionalText(500),
  image_url: optionalText(2000),
  hs_code: optionalText(14),
  country_of_origin: optionalText(2),
  properties: z.record(z.string(), z.unknown()).nullish(),
  measurement: z
    .object({ weight: z.object({ value: z.union([z.number(), z.string()]), unit: z.enum(['kg', 'g', 'lbs', 'oz']) }).nullish() })
    .nullish(),
});

export const SendcloudOrderSchema = z.object({
  id: z.string().nullish().describe('Sendcloud order id (ignored here; orders are matched on order_id + integration).'),
  order_id: text(200),
  order_number: text(100),
  order_details: z.object({
    integration: z.object({ id: z.union([z.number().int(), z.string().trim().min(1).max(50)]) }),
    status: z.object({ code: text(100), message: z.string().nullish() }),
    order_created_at: z.iso.datetime({ offset: true }),
    order_updated_at: z.iso.datetime({ offset: true }).nullish(),
    order_items: z.array(SendcloudOrderItemSchema).min(1).max(500),
    notes: z.string().nullish(),
    tags: z.array(z.string()).nullish(),
  }),
  payment_details: z.object({
    total_price: SendcloudMoneySchema,
    status: z.object({ code: text(100), message: z.string().nullish() }),
  }),
  shipping_address: z.object({
    name: text(200),
    company_name: optionalText(200),
    address_line_1: text(200),
    address_line_2: optionalText(200),
    house_number: optionalText(20),
    postal_code: text(20),
    city: text(100),
    country_code: z.string().regex(/^[A-Za-z]{2}$/, 'Use a two-letter ISO 3166 country code, e.g. "NL".'),
    state_province_code: optionalText(100),
    email: z.string().nullish(),
    phone_number: z.string().nullish(),
  }),
  customer_details: z.object({ name: text(200), email: z.string().nullish(), phone_number: z.string().nullish() }).nullish(),
  billing_address: z.object({ email: z.string().nullish(), phone_number: z.string().nullish() }).nullish(),
});
export type SendcloudOrder = z.infer<typeof SendcloudOrderSchema>;

export const SendcloudOrdersResponseSchema = z.object({
  data: z.array(z.object({ id: z.string(), order_id: z.string(), order_number: z.string() })),
});

/** Sendcloud's error document: JSON:API-like, `source.pointer` into the request body. */
export const SendcloudErrorSchema = z.object({
  errors: z.array(
    z.object({
      status: z.string(),
      code: z.string(),
      detail: z.string(),
      source: z.object({ pointer: z.string() }).optional(),
    }),
  ),
});
export type SendcloudError = z.infer<typeof SendcloudErrorSchema>['errors'][number];
