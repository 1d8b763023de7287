// The back office: sessions (cookie + CSRF token), users, returns overview helpers, insights,
// the shipping-rule tester and uploads (api.md "Web": /admin).
import { z } from 'zod';
import { CalendarDateSchema, CountrySchema, EmailSchema, IdSchema, InstantSchema, LanguageSchema, MoneySchema } from './common.ts';
import { AddressSchema } from './config.ts';
import { ResolutionSchema, ReturnListQuerySchema, ReturnMethodSchema, ReturnStatusSchema } from './returns.ts';

// ── Sessions ────────────────────────────────────────────────────────────────────────────
export const ROLES = ['owner', 'staff'] as const;
export const RoleSchema = z.enum(ROLES);

export const LoginBodySchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }).strict();
export const SessionSchema = z.object({
  user: z.object({
    id: IdSchema,
    email: z.string(),
    name: z.string().nullable(),
    role: RoleSchema,
    language: LanguageSchema.nullable().describe('The back-office language the user chose; null = the browser’s.'),
  }),
  merchant: z.object({ id: IdSchema, name: z.string() }),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
/** The signed-in user's own preferences (PATCH /api/session/user). */
export const SessionUserPatchBodySchema = z.object({ language: LanguageSchema.nullable() }).strict();
export const PasswordChangeBodySchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(12).max(200) })
  .strict();

// ── Users ───────────────────────────────────────────────────────────────────────────────
export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  createdAt: InstantSchema,
});
export type User = z.infer<typeof UserSchema>;
export const UserCreateBodySchema = z
  .object({ email: EmailSchema, name: z.string().trim().min(1).max(200).nullish(), role: RoleSchema })
  .strict();
export const UserCreatedSchema = UserSchema.extend({ password: z.string().describe('Shown once.') });
export const UserPatchBodySchema = z.object({ name: z.string().trim().min(1).max(200).nullish(), role: RoleSchema.optional() }).strict();

// ── Returns overview ──────────────────────────────────────────────────────────────────────
export const ReturnFilterQuerySchema = ReturnListQuerySchema.extend({
  reason: z.string().trim().min(1).max(60).optional(),
  method: ReturnMethodSchema.optional(),
  carrier: z.string().trim().min(1).max(40).optional(),
  country: CountrySchema.optional(),
  resolution: ResolutionSchema.optional(),
  kept: z
    .enum(['exchange', 'store_credit'])
    .optional()
    .describe('Returns whose value was kept: a replacement order made in the shop (exchange) or store credit given.'),
  sort: z.enum(['createdAt', '-createdAt']).default('-createdAt'),
});
export type ReturnFilterQuery = z.infer<typeof ReturnFilterQuerySchema>;
export const ReturnExportQuerySchema = ReturnFilterQuerySchema.omit({ limit: true, cursor: true });
export type ReturnExportQuery = z.infer<typeof ReturnExportQuerySchema>;
export const ReturnCountsQuerySchema = z.object({
  portal: z.string().max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  createdFrom: InstantSchema.optional(),
  createdTo: InstantSchema.optional(),
  hasPhotos: z.enum(['true', 'false']).optional(),
});
export type ReturnCountsQuery = z.infer<typeof ReturnCountsQuerySchema>;
export const ReturnCountsSchema = z.object({ counts: z.record(ReturnStatusSchema, z.number().int()) });

export const BulkBodySchema = z.object({ action: z.enum(['approve', 'receive_all']), ids: z.array(IdSchema).min(1).max(200) }).strict();
export const BulkResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true) }),
      z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

// ── Insights ────────────────────────────────────────────────────────────────────────────
export const InsightsQuerySchema = z.object({ from: CalendarDateSchema, to: CalendarDateSchema });
export const InsightsSchema = z.object({
  returnsPerDay: z.array(z.object({ date: CalendarDateSchema, count: z.number().int() })),
  topReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  returnRateBySku: z.array(z.object({ sku: z.string(), ordered: z.number().int(), returned: z.number().int(), rate: z.number() })),
  resolutionMix: z.array(z.object({ resolution: z.string(), count: z.number().int() })),
  labelCostByCarrierMonth: z.array(z.object({ month: z.string(), carrier: z.string(), labels: z.number().int(), total: MoneySchema })),
  revenueKept: z
    .array(
      z.object({
        exchanges: MoneySchema.describe("Value of what came back and was exchanged (the replacement orders' discounts)."),
        storeCredit: MoneySchema,
        refunded: MoneySchema,
        share: z.number().describe('(exchanges + store credit) / (exchanges + store credit + refunded), 0–1.'),
      }),
    )
    .describe('Per currency: the money settled on returns created in the range that the shop kept.'),
});
export type Insights = z.infer<typeof InsightsSchema>;

// ── Shipping-rule tester ────────────────────────────────────────────────────────────────
export const RuleTestBodySchema = z
  .object({
    integration: z.string().trim().min(1).max(100),
    country: CountrySchema,
    tags: z.array(z.string().max(100)).max(100).default([]),
    skus: z.array(z.string().max(100)).max(500).default([]),
  })
  .strict();
export const RuleTestResultSchema = z.object({
  rule: z.object({ id: IdSchema, name: z.string() }).nullable(),
  senderAddress: AddressSchema.nullable(),
  brandId: IdSchema.nullable(),
});

// ── Uploads ─────────────────────────────────────────────────────────────────────────────
export const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
export const UploadBodySchema = z.object({ contentType: z.enum(UPLOAD_TYPES), dataBase64: z.string().min(1).max(4_000_000) }).strict();
export const UploadSchema = z.object({ id: IdSchema, url: z.string() });
