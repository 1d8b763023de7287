// Returns: the shared return object, the portal flow (lookup, create) and staff actions.
import { PhotoRequirementSchema, ReturnPhotoSchema } from './photos.ts';
import { CONDITIONS } from '@retour/domain/return-ledger';
import { ITEM_CONDITIONS } from '@retour/domain/return-rules-catalogue';
import { RuleOutcomeViewSchema } from './return-rules.ts';
import { RESOLUTIONS, RETURN_METHODS } from '@retour/domain/fees';
import { RETURN_STATUSES } from '@retour/domain/state-machine';
import { z } from 'zod';
import { CalendarDateSchema, EmailSchema, IdSchema, InstantSchema, LanguageSchema, MoneySchema, PhoneSchema } from './common.ts';
import { ItemExchangeInputSchema } from './catalogue.ts';
import { CarrierWebhookInfoSchema } from './tracking.ts';

export const ReturnStatusSchema = z.enum(RETURN_STATUSES);
export const ReturnMethodSchema = z.enum(RETURN_METHODS);
export const ResolutionSchema = z.enum(RESOLUTIONS);
export const LabelStatusSchema = z.enum(['pending', 'ready', 'failed', 'none']);

export const TimelineEntrySchema = z.object({
  at: InstantSchema,
  type: z.string(),
  status: ReturnStatusSchema.optional(),
  message: z.string().optional(),
  tracking: z
    .object({ carrier: z.string(), trackingNumber: z.string(), trackingUrl: z.string().nullable() })
    .optional()
    .describe('On an `exchange_shipped` entry: the parcel that brings the exchange, with its tracking link when the shop gave one.'),
  hold: z
    .object({ captured: MoneySchema, released: MoneySchema })
    .optional()
    .describe(
      "On a `hold_released` / `hold_captured` entry: what of the instant exchange's hold was captured (charged) and what released.",
    ),
});

export const ReturnItemViewSchema = z.object({
  orderItemId: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  reason: z.string(),
  comment: z.string().nullable(),
  condition: z.enum(ITEM_CONDITIONS).nullable().describe('The condition the shopper stated (null: not asked).'),
  kept: z.boolean().describe('A return rule lets the shopper keep it: refunded without a shipment, not in the parcel.'),
  photos: z
    .array(z.object({ id: z.string() }))
    .optional()
    .describe("The shopper's photos of this item, when there are any (GET /api/portal/{slug}/returns/{id}/photos/{photoId}?access=…)."),
});

/** Store credit given on a return; in a connected shop a gift card (Shopify) or coupon (WooCommerce). */
export const StoreCreditViewSchema = z.object({
  amount: MoneySchema,
  /** Shown once it can be used: recorded (no shop) or issued in the shop. */
  code: z.string().nullable(),
  expiresOn: CalendarDateSchema.nullable(),
  shop: z.enum(['shopify', 'woocommerce']).nullable(),
  state: z
    .enum(['recorded', 'pending', 'issued', 'failed'])
    .describe(
      'recorded: no shop connected, the code is kept in Retour; pending: being created in the shop; issued: it exists in the shop; failed: the shop refused it (staff give it by hand).',
    ),
  /** Where the shopper spends it (the shop's address), once issued. */
  shopUrl: z.string().nullable(),
});

export const ReturnViewSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: ReturnStatusSchema,
  portal: z.string().nullable(),
  orderNumber: z.string(),
  createdAt: InstantSchema,
  items: z.array(ReturnItemViewSchema),
  method: ReturnMethodSchema,
  carrier: z.string().nullable(),
  resolution: ResolutionSchema,
  fee: MoneySchema,
  amountDue: MoneySchema.optional().describe('Paid before the label: the up-front fee plus what the exchanges cost more.'),
  bonusCredit: MoneySchema.optional().describe('Extra credit for choosing an exchange or store credit.'),
  refundTotal: MoneySchema,
  label: z.object({
    status: LabelStatusSchema,
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    formats: z
      .array(z.enum(['a6', 'a4', '4x6', 'zpl', 'png', 'gif', 'qr']))
      .describe("Download with GET …/label?format=… (qr: GET …/qr). A carrier account's labels are served as the carrier made them."),
    customsDeclaration: z
      .boolean()
      .describe("A CN23 customs declaration (or the carrier's customs papers) goes with the label: GET …/customs."),
    /** Why the label is not ready yet, or why it failed (carrier accounts). */
    reason: z.object({ code: z.string(), message: z.string(), field: z.string().nullable().optional() }).nullable().optional(),
    /** Pickups on a carrier account: the date and window the carrier booked. */
    pickup: z.object({ date: z.string(), from: z.string().nullable(), to: z.string().nullable() }).nullable().optional(),
  }),
  accessCode: z.string().optional(),
  storeCredits: z.array(StoreCreditViewSchema),
  timeline: z.array(TimelineEntrySchema),
  dropOffBy: z
    .object({ expiresAt: InstantSchema, timezone: z.string() })
    .optional()
    .describe(
      "While the label is unused and the portal lets returns expire: the instant the return expires (the last day to hand the parcel in ends then) and the shop's time zone to count it in.",
    ),
  instantExchange: z
    .object({
      amount: MoneySchema.describe("Authorised (reserved, not charged) on the shopper's payment method."),
      deadline: z
        .string()
        .nullable()
        .describe("The last local day (YYYY-MM-DD) on which the carrier's scan releases the hold; null until authorised."),
      state: z.enum(['awaiting_authorisation', 'held', 'released', 'captured']),
      captured: MoneySchema.nullable().describe(
        "Once settled: the part charged (all of it when `captured`; on `released`, what the return owed anyway, such as a fee or a dearer exchange's difference). Null before.",
      ),
      released: MoneySchema.nullable().describe('Once settled: the part given back to the payment method. Null before.'),
    })
    .optional()
    .describe('An instant exchange: the replacement ships before the return arrives, against a Mollie authorisation.'),
});
export type ReturnView = z.infer<typeof ReturnViewSchema>;

/** The merchant view: the shared object plus internal fields. */
export const MerchantReturnSchema = ReturnViewSchema.extend({
  orderId: z.string(),
  language: LanguageSchema,
  contact: z.object({ email: z.string(), phone: z.string().nullable() }),
  exchangeNote: z.string().nullable(),
  windowOverridden: z.boolean(),
  items: z.array(ReturnItemViewSchema.extend({ unitPrice: MoneySchema, receivedQuantity: z.number().int() })),
  refunds: z.array(z.object({ at: InstantSchema, amount: MoneySchema, note: z.string().nullable(), actor: z.string() })),
  storeCredits: z.array(
    StoreCreditViewSchema.extend({
      at: InstantSchema,
      code: z.string(),
      actor: z.string(),
      /** The gift card (gid) or coupon id in the shop, and its page in the shop's admin. */
      shopId: z.string().nullable(),
      adminUrl: z.string().nullable(),
      /** Why the shop refused it, when it did. */
      problem: z.string().nullable(),
    }),
  ),
  replacements: z.array(z.object({ at: InstantSchema, carrier: z.string(), trackingNumber: z.string(), actor: z.string() })),
  exchanges: z
    .object({
      asked: z.array(
        z.object({
          returnItemId: z.string(),
          kind: z.enum(['variant', 'product']),
          productTitle: z.string(),
          variantTitle: z.string(),
          sku: z.string().nullable(),
          quantity: z.number().int(),
          unitPrice: MoneySchema,
        }),
      ),
      replacementOrder: z
        .object({
          at: InstantSchema,
          provider: z.enum(['shopify', 'woocommerce']),
          orderId: z.string(),
          orderNumber: z.string(),
          adminUrl: z.string().nullable(),
          subtotal: MoneySchema.describe('The new items at their full price.'),
          discount: MoneySchema.describe('The one discount for what comes back.'),
          balance: MoneySchema.describe('What the shopper paid for the order (the difference).'),
        })
        .nullable(),
      problem: z.string().nullable().describe('Why the shop did not take the replacement order, when it did not.'),
    })
    .describe('What the shopper asked to exchange and the replacement order made in the shop.'),
  proposedRefund: MoneySchema,
  proposedCredit: MoneySchema.describe('Store credit offered: the proposed refund plus the bonus credit still owed (issue #14).'),
  refundableRemaining: MoneySchema,
  allowedActions: z.array(z.string()),
  timeline: z.array(TimelineEntrySchema.extend({ actor: z.string(), data: z.record(z.string(), z.unknown()).nullable() })),
  rules: RuleOutcomeViewSchema.nullable().optional().describe('What the return rules decided when it was made (null: no rules in force).'),
  photos: z.array(ReturnPhotoSchema).describe('The shopper’s photos of the returned items (issue #15), oldest first.'),
});
export type MerchantReturn = z.infer<typeof MerchantReturnSchema>;

// ── Portal flow ─────────────────────────────────────────────────────────────────────
export const LookupBodySchema = z
  .object({
    orderNumber: z.string().trim().min(1).max(100).optional(),
    trackingNumber: z.string().trim().min(1).max(100).optional(),
    postalCode: z.string().trim().min(1).max(20).optional(),
    email: z.string().trim().min(3).max(254).optional(),
    gift: z.boolean().optional().describe('A gift recipient returns: store credit or exchange only, no prices (if the shop allows).'),
  })
  .strict()
  .superRefine((b, ctx) => {
    const { gift: _gift, ...fields } = b;
    if (Object.values(fields).filter((v) => v !== undefined).length === 2) return;
    ctx.addIssue({
      code: 'custom',
      // Today's pairs both hold the postal code: name it when missing, else the order number.
      path: [b.postalCode === undefined ? 'postalCode' : 'orderNumber'],
      message:
        'Give exactly two of orderNumber, email, postalCode and trackingNumber (GET /api/portal/{slug} lists the pairs this shop accepts).',
    });
  });
export type LookupBody = z.infer<typeof LookupBodySchema>;

const CarrierOptionSchema = z.object({ code: z.string(), name: z.string(), fee: MoneySchema, phoneRequired: z.boolean() });
export const LookupResultSchema = z.object({
  token: z.string(),
  expiresAt: InstantSchema,
  order: z.object({
    orderNumber: z.string(),
    placedAt: InstantSchema,
    country: z.string(),
    email: z.string().describe('Masked, e.g. "j***@example.com".'),
    phoneKnown: z.boolean(),
    items: z.array(
      z.object({
        id: z.string(),
        sku: z.string(),
        name: z.string(),
        variant: z.string().nullable(),
        imageUrl: z.string().nullable(),
        quantity: z.number().int(),
        returnableQuantity: z.number().int(),
        unitPrice: MoneySchema.nullable().describe('Null in a gift return: the recipient does not see prices.'),
        eligible: z.boolean(),
        ineligibleReason: z.enum(['not_returnable', 'already_returned', 'return_window_expired', 'blocked_by_rule']).nullable(),
        returnDeadline: CalendarDateSchema,
        // Return rules (issue #15)
        ruleMessage: z.string().nullable().optional().describe('Why a return rule blocks this item (the merchant’s words).'),
        photos: z
          .object({ required: z.boolean(), min: z.number().int() })
          .optional()
          .describe('Photos a return rule asks for with this item.'),
        keepItem: z.boolean().optional().describe('A return rule lets the shopper keep this item: refunded without sending it back.'),
      }),
    ),
  }),
  returnDeadline: CalendarDateSchema.nullable(),
  crossesCustomsBorder: z.boolean(),
  gift: z.boolean().describe('A gift return: store credit or exchange only, to the recipient’s email, without prices.'),
  options: z.object({
    methods: z.array(z.object({ method: ReturnMethodSchema, carriers: z.array(CarrierOptionSchema) })),
    resolutions: z.array(ResolutionSchema),
    reasons: z.array(
      z.object({ code: z.string(), label: z.string(), commentRequired: z.boolean(), photos: PhotoRequirementSchema.optional() }),
    ),
  }),
});
export type LookupResult = z.infer<typeof LookupResultSchema>;

/** A signed deep link's query string, as the shop built it (see README "Deep links"). */
export const LinkLookupBodySchema = z.object({ query: z.string().trim().min(1).max(2000) }).strict();
export type LinkLookupBody = z.infer<typeof LinkLookupBodySchema>;

export const ReturnItemInputSchema = z
  .object({
    orderItemId: IdSchema,
    quantity: z.number().int().min(1).max(10_000),
    reason: z.string().min(1).max(40),
    comment: z.string().trim().max(2000).nullish(),
    exchange: ItemExchangeInputSchema.nullish().describe(
      'Exchange this item for a variant of the catalogue (GET /api/portal/{slug}/exchange-options lists them); needs the "exchange" resolution.',
    ),
    condition: z.enum(ITEM_CONDITIONS).nullish().describe('The item’s condition as the shopper states it (return rules may test it).'),
    photoIds: z
      .array(z.string().min(1).max(100))
      .max(10)
      .optional()
      .describe('Photos of this item uploaded with POST /api/portal/{slug}/photos (at most 10 per return).'),
  })
  .strict();

const ReturnChoiceFields = {
  items: z.array(ReturnItemInputSchema).min(1).max(200),
  method: ReturnMethodSchema,
  carrier: z.string().min(1).max(40).nullish(),
  servicePointId: z.string().min(1).max(100).nullish(),
  pickup: z.object({ date: CalendarDateSchema }).strict().nullish(),
  storeAddressId: IdSchema.nullish(),
  resolution: ResolutionSchema,
  exchangeNote: z.string().trim().max(1000).nullish(),
};

export const PortalReturnBodySchema = z
  .object({
    ...ReturnChoiceFields,
    contact: z.object({ email: EmailSchema, phone: PhoneSchema.nullish() }).strict(),
    language: LanguageSchema,
    withdrawal: z
      .boolean()
      .optional()
      .describe(
        'The shopper came through "withdraw from contract here": this return is their withdrawal statement (EU art. 11a) and they get an acknowledgement.',
      ),
  })
  .strict();
export type PortalReturnBody = z.infer<typeof PortalReturnBodySchema>;

export const ManualReturnBodySchema = z
  .object({
    ...ReturnChoiceFields,
    orderId: IdSchema,
    portalId: IdSchema,
    overrideWindow: z.boolean().default(false),
    overrideBrand: z.boolean().default(false),
    overrideReason: z.string().trim().max(500).nullish(),
    contact: z.object({ email: EmailSchema.optional(), phone: PhoneSchema.nullish() }).strict().optional(),
    language: LanguageSchema.optional(),
  })
  .strict();
export type ManualReturnBody = z.infer<typeof ManualReturnBodySchema>;

export const LabelFormatSchema = z.enum(['a6', 'a4', '4x6', 'zpl', 'png', 'gif']);
export const AccessQuerySchema = z.object({ access: z.string().min(1).max(100), lang: LanguageSchema.optional() });

// ── Staff actions ───────────────────────────────────────────────────────────────────
export const ReasonBodySchema = z.object({ reason: z.string().trim().max(1000).nullish() }).strict();
export const EmptyBodySchema = z.object({}).strict();
export const ReceiveBodySchema = z
  .object({
    items: z
      .array(
        z
          .object({
            orderItemId: IdSchema,
            quantity: z.number().int().min(0).max(10_000),
            condition: z.enum(CONDITIONS),
            restocked: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict();
export const NoteBodySchema = z.object({ message: z.string().trim().min(1).max(5000) }).strict();
export const RefundBodySchema = z.object({ amount: MoneySchema.optional(), note: z.string().trim().max(2000).nullish() }).strict();
export const StoreCreditBodySchema = z
  .object({
    amount: MoneySchema.optional().describe(
      'Without one: proposedCredit (what a refund would be plus the bonus credit still owed). The proposed amount carries the bonus.',
    ),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/)
      .optional()
      .describe('Without one a code is made. For a connected Shopify or WooCommerce shop: 8–20 letters and digits.'),
    expiresOn: CalendarDateSchema.optional().describe('The last day the credit can be used (in the shop too); none: it does not expire.'),
  })
  .strict();
export const ReplacementBodySchema = z
  .object({ carrier: z.string().trim().min(1).max(100), trackingNumber: z.string().trim().min(1).max(100) })
  .strict();
export const TRACKING_STATUSES = ['in_transit', 'delivered', 'exception', 'info'] as const;
export const TrackingEventBodySchema = z
  .object({
    at: InstantSchema,
    status: z.enum(TRACKING_STATUSES).optional(),
    carrierCode: z.string().trim().min(1).max(100).optional(),
    message: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((e) => e.status !== undefined || e.carrierCode !== undefined, {
    message: 'Give a status, a carrierCode, or both.',
    path: ['status'],
  });

export const ReturnListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(ReturnStatusSchema).min(1))
    .optional(),
  portal: z.string().max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  createdFrom: InstantSchema.optional(),
  createdTo: InstantSchema.optional(),
  hasPhotos: z.enum(['true', 'false']).optional().describe('Only returns with (true) or without (false) shopper photos.'),
});
export type ReturnListQuery = z.infer<typeof ReturnListQuerySchema>;

export const CarrierSchema = z.object({
  code: z.string(),
  name: z.string(),
  methods: z.array(ReturnMethodSchema),
  countries: z.array(z.string()).describe('"*" means every country.'),
  phoneRequired: z.boolean(),
  prices: z.record(z.string(), MoneySchema),
  webhook: CarrierWebhookInfoSchema,
  /** The merchant's carrier account behind this code (its webhook is the account's `webhookUrl`); null for a built-in carrier. */
  accountId: z.string().nullable(),
  /** The account's provider (sendcloud, postnl, dhl_parcel, ups); null for a built-in carrier. */
  provider: z.string().nullable(),
  /** `auth_failed`: the account's credentials were refused and it books nothing until reconnected. */
  status: z.enum(['active', 'auth_failed']),
});
export const CarrierListSchema = z.object({ data: z.array(CarrierSchema) });
