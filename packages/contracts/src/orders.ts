// Order import and order views.
import { z } from 'zod';
import { MerchantReturnSchema } from './returns.ts';
import {
  AddressFieldsSchema,
  CountrySchema,
  CurrencySchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  MoneySchema,
  PhoneSchema,
} from './common.ts';

const ExternalId = z.string().trim().min(1).max(200);

export const OrderItemImportSchema = z
  .object({
    externalId: ExternalId,
    sku: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(500),
    variant: z.string().trim().max(200).nullish(),
    quantity: z.number().int().min(1).max(10_000),
    unitPrice: MoneySchema,
    hsCode: z
      .string()
      .trim()
      .regex(/^[0-9. ]{6,14}$/, 'Use a 6–10 digit HS code.')
      .nullish(),
    originCountry: CountrySchema.nullish(),
    weightGrams: z.number().int().min(1).max(1_000_000).nullish(),
    imageUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish(),
    returnable: z.boolean().optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** Return rules test these (optional). */
    productType: z.string().trim().min(1).max(200).nullish(),
    vendor: z.string().trim().min(1).max(200).nullish(),
  })
  .strict();

export const ShipmentImportSchema = z
  .object({
    carrier: z.string().trim().min(1).max(100),
    trackingNumber: z.string().trim().min(1).max(100),
    shippedAt: InstantSchema.nullish(),
    deliveredAt: InstantSchema.nullish(),
    deliveredTo: z.enum(['home', 'service_point']).nullish(),
    items: z
      .array(z.object({ externalId: ExternalId, quantity: z.number().int().min(1).max(10_000) }).strict())
      .max(500)
      .nullish(),
  })
  .strict();

export const OrderImportSchema = z
  .object({
    integration: z.string().trim().min(1).max(100),
    externalId: ExternalId,
    orderNumber: z.string().trim().min(1).max(100),
    placedAt: InstantSchema,
    currency: CurrencySchema,
    brandId: IdSchema.nullish(),
    customer: z.object({ name: z.string().trim().min(1).max(200), email: EmailSchema, phone: PhoneSchema.nullish() }).strict(),
    shippingAddress: AddressFieldsSchema.strict(),
    items: z.array(OrderItemImportSchema).min(1).max(500),
    shipments: z.array(ShipmentImportSchema).max(50).default([]),
    /** Discount codes used on the order (optional; return rules test them). */
    discountCodes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const ids = new Set<string>();
    o.items.forEach((item, index) => {
      if (item.unitPrice.currency !== o.currency) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'unitPrice', 'currency'], message: `Use the order currency ${o.currency}.` });
      }
      if (ids.has(item.externalId)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'externalId'], message: 'Each item needs its own externalId.' });
      }
      ids.add(item.externalId);
    });
    o.shipments.forEach((s, si) => {
      s.items?.forEach((line, li) => {
        if (!ids.has(line.externalId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['shipments', si, 'items', li, 'externalId'],
            message: 'No order item has this externalId.',
          });
        }
      });
    });
  });
export type OrderImport = z.infer<typeof OrderImportSchema>;

export const MAX_ORDERS_PER_IMPORT = 1000;
export const OrderImportBatchSchema = z
  .object({
    orders: z
      .array(z.unknown())
      .min(1)
      .max(MAX_ORDERS_PER_IMPORT)
      .describe('Up to 1,000 orders, each of the OrderImport shape; each is stored whole or not at all.'),
  })
  .strict();
export const OrderImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.array(
    z.object({
      index: z.number().int(),
      error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
    }),
  ),
});

export const OrderItemSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  sku: z.string(),
  name: z.string(),
  variant: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: MoneySchema,
  hsCode: z.string().nullable(),
  originCountry: z.string().nullable(),
  weightGrams: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  returnable: z.boolean(),
  tags: z.array(z.string()),
});
export const ShipmentSchema = z.object({
  carrier: z.string(),
  trackingNumber: z.string(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deliveredTo: z.enum(['home', 'service_point']).nullable(),
  items: z.array(z.object({ externalId: z.string(), quantity: z.number().int() })).nullable(),
});
export const OrderSchema = z.object({
  id: z.string(),
  integration: z.string(),
  externalId: z.string(),
  orderNumber: z.string(),
  placedAt: z.string(),
  currency: z.string(),
  brandId: z.string().nullable(),
  senderAddressId: z.string().nullable(),
  customer: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
  // An output shape: the input's country transform (upper-casing) cannot run on encode.
  shippingAddress: AddressFieldsSchema.extend({ country: z.string() }),
  items: z.array(OrderItemSchema),
  shipments: z.array(ShipmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof OrderSchema>;
/** One order with the returns made against it (the back office's order page). */
export const OrderWithReturnsSchema = OrderSchema.extend({ returns: z.array(MerchantReturnSchema) });

export const OrderListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  orderNumber: z.string().max(100).optional(),
  updatedSince: InstantSchema.optional(),
});
