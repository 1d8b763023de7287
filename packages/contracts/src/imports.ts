// Order imports from CSV files (and the runs of shop backfills, which share the import_runs table).
import { z } from 'zod';

/** Order-level CSV columns: repeated on every row of an order, and required to agree between them. */
export const CSV_ORDER_LEVEL_COLUMNS = [
  'order_number',
  'placed_at',
  'currency',
  'customer_name',
  'customer_email',
  'customer_phone',
  'ship_name',
  'ship_company',
  'ship_street',
  'ship_house_number',
  'ship_address_line2',
  'ship_postal_code',
  'ship_city',
  'ship_region',
  'ship_country',
] as const;

/** The CSV columns, one row per order item; order-level columns repeat on every row of an order. */
export const CSV_ORDER_COLUMNS = [
  'order_id',
  ...CSV_ORDER_LEVEL_COLUMNS,
  'item_id',
  'sku',
  'item_name',
  'variant',
  'quantity',
  'unit_price',
  'hs_code',
  'origin_country',
  'weight_grams',
  'image_url',
  'returnable',
  'tags',
  'carrier',
  'tracking_number',
  'shipped_at',
  'delivered_at',
  'integration',
] as const;
export type CsvOrderColumn = (typeof CSV_ORDER_COLUMNS)[number];

/** Columns every CSV file must have (values may still be empty where the order allows it). */
export const CSV_REQUIRED_COLUMNS: readonly CsvOrderColumn[] = [
  'order_id',
  'order_number',
  'placed_at',
  'currency',
  'customer_name',
  'customer_email',
  'ship_name',
  'ship_street',
  'ship_postal_code',
  'ship_city',
  'ship_country',
  'item_id',
  'sku',
  'item_name',
  'quantity',
  'unit_price',
];

/** A refused row: its CSV line number (the header is line 1), the column and why. */
export const ImportProblemSchema = z.object({
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const ImportRunStatusSchema = z.enum(['running', 'completed', 'failed']);

export const ImportRunSummarySchema = z.object({
  id: z.string(),
  source: z.string().describe('csv, shopify, woocommerce, …'),
  integrationId: z.string().nullable(),
  fileName: z.string().nullable(),
  status: ImportRunStatusSchema,
  total: z.number().int().nullable().describe('CSV: data rows in the file (null until the file is read).'),
  processed: z.number().int().describe('CSV: rows handled so far (stored or refused).'),
  created: z.number().int().describe('Orders created.'),
  updated: z.number().int().describe('Orders that existed and were updated (same integration and order_id).'),
  failed: z.number().int().describe('CSV: rows refused (see report).'),
  error: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunSummary = z.infer<typeof ImportRunSummarySchema>;

export const ImportRunSchema = ImportRunSummarySchema.extend({
  report: z.array(ImportProblemSchema).describe('Refused rows by line number (at most 1,000 are kept).'),
});
export type ImportRun = z.infer<typeof ImportRunSchema>;

export const ImportRunListSchema = z.object({ data: z.array(ImportRunSummarySchema) });

export const CsvImportQuerySchema = z
  .object({
    integration: z.string().trim().min(1).max(100).optional().describe('Integration name for rows without one (default "csv").'),
    fileName: z.string().trim().min(1).max(255).optional(),
  })
  .strict();
