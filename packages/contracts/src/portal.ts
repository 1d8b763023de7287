// The public face of a portal, as the shopper's browser (or a merchant's own front end) sees it.
import { LOOKUP_FIELDS } from '@retour/domain/order-lookup';
import { z } from 'zod';
import { BonusCreditSettingSchema } from './catalogue.ts';
import { LanguageSchema, MoneySchema } from './common.ts';
import { PhotoRequirementSchema } from './photos.ts';
import { ResolutionSchema, ReturnMethodSchema } from './returns.ts';

export const PortalParamsSchema = z.object({ slug: z.string().min(1).max(63) });
export const PortalLangQuerySchema = z.object({ lang: LanguageSchema.optional() });

export const PublicPortalSchema = z.object({
  slug: z.string(),
  brand: z.object({
    name: z.string(),
    logoUrl: z.string().nullable(),
    colors: z.object({ primary: z.string(), background: z.string() }),
  }),
  language: LanguageSchema,
  languages: z.array(LanguageSchema),
  defaultLanguage: LanguageSchema,
  reasons: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      commentRequired: z.boolean(),
      photos: PhotoRequirementSchema.optional().describe('Photos with items returned for this reason (absent: none asked).'),
    }),
  ),
  methods: z.array(ReturnMethodSchema),
  resolutions: z.array(ResolutionSchema),
  fee: z.object({ amount: MoneySchema, payment: z.enum(['upfront', 'deduct_from_refund']) }).nullable(),
  lookup: z.object({
    byOrderNumber: z.boolean(),
    byTrackingNumber: z.boolean(),
    pairs: z
      .array(z.array(z.enum(LOOKUP_FIELDS)).length(2))
      .describe('The pairs of fields that find an order here (POST /api/portal/{slug}/lookup takes exactly one pair).'),
    giftReturns: z.boolean().describe('Gift recipients may return (lookup with gift: true).'),
  }),
  returnWindowDays: z.number().int(),
  policyUrl: z.string().nullable(),
  instructionsHtml: z.string().nullable(),
  appearance: z.object({
    layout: z.enum(['standard', 'background']),
    backgroundImageUrl: z.string().nullable(),
    showHeader: z.boolean(),
    showFooter: z.boolean(),
  }),
  withdrawalFunction: z.boolean(),
  exchanges: z
    .object({
      reasons: z.array(z.string()),
      otherProducts: z.boolean(),
      bonusCredit: BonusCreditSettingSchema.nullable().describe(
        'Extra credit for choosing an exchange or store credit instead of a refund.',
      ),
      instantHoldDays: z
        .number()
        .int()
        .optional()
        .describe(
          "Present when the portal ships exchanges before the return arrives (instant exchange): the days the shopper has, after reserving the new items' value, to hand in the parcel.",
        ),
    })
    .optional()
    .describe(
      'Present when the portal offers exchanges: for which reasons (empty = every reason), whether other products may be chosen, and the bonus credit.',
    ),
});
export type PublicPortal = z.infer<typeof PublicPortalSchema>;
