// Merchant configuration: brands, addresses, portals and shipping rules.
import { ReasonPhotosSchema } from './photos.ts';
import { RESOLUTIONS, RETURN_METHODS } from '@retour/domain/fees';
import { SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import {
  RETURN_WINDOW_MAX_DAYS,
  RETURN_WINDOW_MIN_DAYS,
  TRANSIT_ALLOWANCE_MAX_DAYS,
  TRANSIT_ALLOWANCE_MIN_DAYS,
} from '@retour/domain/return-window';
import { isValidTimezone } from '@retour/domain/calendar';
import { LOOKUP_FIELDS } from '@retour/domain/order-lookup';
import {
  DROP_OFF_REMINDER_MAX_DAYS,
  DROP_OFF_REMINDER_MIN_DAYS,
  EXPIRY_MAX_DAYS,
  EXPIRY_MIN_DAYS,
  LABEL_REMINDER_MAX_DAYS,
  LABEL_REMINDER_MIN_DAYS,
} from '@retour/domain/reminders';
import { z } from 'zod';
import { ExchangeSettingsSchema } from './catalogue.ts';
import { AddressFieldsSchema, EmailSchema, IdSchema, InstantSchema, LanguageSchema, MoneySchema, PhoneSchema } from './common.ts';

const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a hex colour such as "#1a73e8".');
const HttpsUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

// ── Brands ──────────────────────────────────────────────────────────────────────────
export const BrandInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    logoUrl: HttpsUrlSchema.nullish(),
    colors: z.object({ primary: ColorSchema, background: ColorSchema }).strict().optional(),
    defaultLanguage: LanguageSchema.optional(),
  })
  .strict();
export const BrandPatchSchema = BrandInputSchema.partial().strict();
export const BrandSchema = z.object({
  id: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  colors: z.object({ primary: z.string(), background: z.string() }),
  defaultLanguage: LanguageSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type BrandInput = z.infer<typeof BrandInputSchema>;
export type Brand = z.infer<typeof BrandSchema>;

// ── Addresses ───────────────────────────────────────────────────────────────────────
export const ADDRESS_KINDS = ['sender', 'return', 'store'] as const;
export const AddressInputSchema = AddressFieldsSchema.extend({
  kind: z.enum(ADDRESS_KINDS),
  brandId: IdSchema.nullish(),
  email: EmailSchema.nullish(),
  phone: PhoneSchema.nullish(),
}).strict();
export const AddressPatchSchema = AddressInputSchema.partial().strict();
export const AddressSchema = z.object({
  id: z.string(),
  kind: z.enum(ADDRESS_KINDS),
  brandId: z.string().nullable(),
  name: z.string(),
  company: z.string().nullable(),
  street: z.string(),
  houseNumber: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type AddressInput = z.infer<typeof AddressInputSchema>;
export type Address = z.infer<typeof AddressSchema>;

// ── Portals ─────────────────────────────────────────────────────────────────────────
const CarrierMapKey = z.string().regex(/^([A-Z]{2}|\*)$/, 'Use a country code such as "NL", or "*" for every other country.');
const ReasonSettingSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a lowercase code such as "too_small".'),
    labels: z.partialRecord(LanguageSchema, z.string().trim().min(1).max(120)),
    photos: ReasonPhotosSchema.optional(),
  })
  .strict();
const OriginSchema = z
  .string()
  .regex(
    /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/i,
    'Use an origin such as "https://shop.example" (https, no path; http only for localhost while developing).',
  );

/** Every portal setting; all optional so that POST fills defaults and PATCH changes any subset. */
export const PortalSettingsInputSchema = z
  .object({
    brandId: IdSchema,
    enabled: z.boolean(),
    returnAddressId: IdSchema.nullable(),
    returnWindowDays: z.number().int().min(RETURN_WINDOW_MIN_DAYS).max(RETURN_WINDOW_MAX_DAYS),
    transitAllowanceDays: z.number().int().min(TRANSIT_ALLOWANCE_MIN_DAYS).max(TRANSIT_ALLOWANCE_MAX_DAYS),
    timezone: z.string().refine(isValidTimezone, 'Use an IANA time zone such as "Europe/Amsterdam".'),
    allowReturnsWithoutOutboundShipment: z.boolean(),
    approval: z.enum(['automatic', 'manual']),
    methods: z.array(z.enum(RETURN_METHODS)).min(1).max(RETURN_METHODS.length),
    carriers: z.record(CarrierMapKey, z.array(z.string().min(1).max(40)).max(20)),
    returnFee: z
      .object({ amount: MoneySchema, payment: z.enum(['upfront', 'deduct_from_refund']) })
      .strict()
      .nullable(),
    resolutions: z.array(z.enum(RESOLUTIONS)).min(1).max(RESOLUTIONS.length),
    reasons: z.array(ReasonSettingSchema).max(30),
    notificationEmail: EmailSchema.nullable(),
    policyUrl: HttpsUrlSchema.nullable(),
    instructionsHtml: z.string().max(20_000).nullable(),
    appearance: z
      .object({
        layout: z.enum(['standard', 'background']),
        backgroundImageUrl: HttpsUrlSchema.nullish(),
        showHeader: z.boolean(),
        showFooter: z.boolean(),
      })
      .strict(),
    languages: z.array(LanguageSchema).min(1).max(SUPPORTED_LANGUAGES.length),
    defaultLanguage: LanguageSchema,
    withdrawalFunction: z.boolean(),
    allowedFrameAncestors: z.array(OriginSchema).max(20),
    exchanges: ExchangeSettingsSchema.optional().describe('Exchanges for another variant or product (off when absent).'),
    lookupFields: z
      .array(z.enum(LOOKUP_FIELDS))
      .min(2)
      .max(LOOKUP_FIELDS.length)
      .optional()
      .describe(
        'How shoppers find an order: any two of these fields. Absent: order number (unless allowReturnsWithoutOutboundShipment is false) or tracking number, each with the postal code.',
      ),
    labelReminderDays: z
      .number()
      .int()
      .min(LABEL_REMINDER_MIN_DAYS)
      .max(LABEL_REMINDER_MAX_DAYS)
      .nullable()
      .optional()
      .describe('Email the shopper when the label is still unused this many days after it was made (default 15; null: never).'),
    expiryDays: z
      .number()
      .int()
      .min(EXPIRY_MIN_DAYS)
      .max(EXPIRY_MAX_DAYS)
      .nullable()
      .optional()
      .describe(
        'A return whose label is still unused at the end of this many days after it was made expires, and its label is voided with the carrier where it allows it (absent or null: never).',
      ),
    dropOffReminderDays: z
      .number()
      .int()
      .min(DROP_OFF_REMINDER_MIN_DAYS)
      .max(DROP_OFF_REMINDER_MAX_DAYS)
      .nullable()
      .optional()
      .describe('With expiry on: email the shopper this many days before the last day to hand the parcel in (default 3; null: never).'),
    giftReturns: z
      .boolean()
      .optional()
      .describe('Gift recipients may return for store credit or an exchange, without seeing prices, to their own email.'),
  })
  .strict();

export const PortalCreateSchema = PortalSettingsInputSchema.partial()
  .extend({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use 2–63 lowercase letters, digits and hyphens.'), brandId: IdSchema })
  .strict();
export const PortalPatchSchema = PortalSettingsInputSchema.partial().extend({ slug: PortalCreateSchema.shape.slug.optional() }).strict();

/** The complete, checked settings as stored: cross-field rules on top of the field rules. */
export const PortalSettingsSchema = PortalSettingsInputSchema.superRefine((s, ctx) => {
  if (!s.languages.includes(s.defaultLanguage)) {
    ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: 'The default language must be one of the portal languages.' });
  }
  if (new Set(s.methods).size !== s.methods.length) {
    ctx.addIssue({ code: 'custom', path: ['methods'], message: 'List each method once.' });
  }
  if (s.giftReturns && !s.resolutions.some((r) => r === 'store_credit' || r === 'exchange')) {
    ctx.addIssue({ code: 'custom', path: ['giftReturns'], message: 'Gift returns need store credit or exchange among the resolutions.' });
  }
  if (s.expiryDays != null && s.labelReminderDays != null && s.labelReminderDays >= s.expiryDays) {
    ctx.addIssue({ code: 'custom', path: ['labelReminderDays'], message: 'Send the label reminder before the return expires.' });
  }
  if (s.expiryDays != null && s.dropOffReminderDays != null && s.dropOffReminderDays >= s.expiryDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['dropOffReminderDays'],
      message: 'Send the drop-off reminder fewer days before the last day than the return lasts.',
    });
  }
  if (s.lookupFields && new Set(s.lookupFields).size !== s.lookupFields.length) {
    ctx.addIssue({ code: 'custom', path: ['lookupFields'], message: 'List each lookup field once.' });
  }
  if (new Set(s.reasons.map((r) => r.code)).size !== s.reasons.length) {
    ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'List each reason code once.' });
  }
  const reasonCodes = new Set(s.reasons.map((r) => r.code));
  s.exchanges?.reasons.forEach((code, i) => {
    if (!reasonCodes.has(code))
      ctx.addIssue({ code: 'custom', path: ['exchanges', 'reasons', i], message: "Use one of the portal's reason codes." });
  });
  if (s.exchanges?.instant && !s.exchanges.offered) {
    ctx.addIssue({ code: 'custom', path: ['exchanges', 'instant'], message: 'Offer exchanges to offer instant exchanges.' });
  }
  if (s.exchanges?.offered && !s.resolutions.includes('exchange')) {
    ctx.addIssue({ code: 'custom', path: ['exchanges', 'offered'], message: 'Offer the "exchange" resolution to offer exchanges.' });
  }
  if (s.appearance.layout === 'background' && !s.appearance.backgroundImageUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['appearance', 'backgroundImageUrl'],
      message: 'The background layout needs a background image.',
    });
  }
});
export type PortalSettings = z.infer<typeof PortalSettingsSchema>;

export const PortalSchema = PortalSettingsInputSchema.extend({
  exchanges: ExchangeSettingsSchema,
  id: z.string(),
  slug: z.string(),
  url: z.string(),
  embedSnippet: z
    .string()
    .describe('HTML to paste into the shop: the portal in an iframe (?embed=1). List the shop in allowedFrameAncestors.'),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  deepLinks: z
    .object({ enabled: z.boolean() })
    .describe('Whether signed deep links work: a link secret exists (POST /api/v1/portals/{id}/link-secret).'),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Portal = z.infer<typeof PortalSchema>;

/** A new deep-link secret: shown once; the shop signs its links with it (README "Deep links"). */
export const LinkSecretSchema = z.object({ secret: z.string(), createdAt: InstantSchema });
export const DeepLinkInputSchema = z
  .object({
    orderNumber: z.string().trim().min(1).max(100),
    email: EmailSchema.optional().describe('When given, the link only opens the order if its email matches too.'),
    gift: z.boolean().default(false).describe('A gift-return link: store credit or exchange only, no prices.'),
    expiresInDays: z.number().int().min(1).max(366).default(30),
  })
  .strict();
export const DeepLinkSchema = z.object({
  url: z.string(),
  expiresAt: InstantSchema,
  qrPng: z.string().describe('A QR code of the url: a PNG as a data: URL, for emails and printed slips.'),
});
export type DeepLink = z.infer<typeof DeepLinkSchema>;

// ── Shipping rules ──────────────────────────────────────────────────────────────────
const ConditionSchema = z
  .object({
    field: z.enum(['integration', 'country', 'tag', 'sku']),
    op: z.enum(['eq', 'in']),
    value: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(200)]),
  })
  .strict()
  .refine((c) => (c.op === 'in') === Array.isArray(c.value), {
    message: 'Use a list of values with "in" and a single value with "eq".',
    path: ['value'],
  });
export const ShippingRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    position: z.number().int().min(0).max(100_000),
    conditions: z.array(ConditionSchema).max(20),
    action: z.object({ senderAddressId: IdSchema }).strict(),
  })
  .strict();
export const ShippingRulePatchSchema = ShippingRuleInputSchema.partial().strict();
export const ShippingRuleSchema = ShippingRuleInputSchema.extend({ id: z.string(), createdAt: InstantSchema, updatedAt: InstantSchema });
export type ShippingRuleInput = z.infer<typeof ShippingRuleInputSchema>;
export type ShippingRule = z.infer<typeof ShippingRuleSchema>;

// ── API keys ────────────────────────────────────────────────────────────────────────
export const ApiKeyInputSchema = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: InstantSchema,
  lastUsedAt: InstantSchema.nullable(),
  key: z.string().optional().describe('The secret, shown once in the create response only.'),
});
