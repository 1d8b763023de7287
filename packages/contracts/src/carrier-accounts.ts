// Merchants' carrier accounts (issue #11): connect with the carrier's own credentials (checked
// against the carrier, stored sealed, never returned), test, list the account's services, choose a
// service per country and return method, disconnect. The account's `code` is the carrier code the
// portal settings (`carriers: { country: [codes] }`) and returns use.
import { RETURN_METHODS } from '@retour/domain/fees';
import { z } from 'zod';
import { CountrySchema, IdSchema, InstantSchema } from './common.ts';

/** Same list as CARRIER_PROVIDERS in @retour/integrations/carriers/adapter (the server checks they match). */
export const CARRIER_ACCOUNT_PROVIDERS = ['sendcloud', 'postnl', 'dhl_parcel', 'ups'] as const;
export const CarrierAccountProviderSchema = z.enum(CARRIER_ACCOUNT_PROVIDERS);

const secret = (what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(500);

/** Credentials per provider, the shapes of `CarrierCredentials` in the carrier port. */
export const SendcloudCredentialsSchema = z
  .object({ publicKey: secret('Sendcloud public API key'), secretKey: secret('Sendcloud secret API key') })
  .strict();
export const PostnlCredentialsSchema = z
  .object({
    apiKey: secret('PostNL API key'),
    customerCode: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{4}$/, 'Use the four-letter PostNL customer code, e.g. "DEVC".'),
    customerNumber: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'Use the eight-digit PostNL customer number.'),
    collectionLocation: z.string().trim().max(20).nullable().optional(),
  })
  .strict();
export const DhlParcelCredentialsSchema = z
  .object({ userId: secret('DHL Parcel user id'), key: secret('DHL Parcel API key'), accountId: secret('DHL Parcel account number') })
  .strict();
export const UpsCredentialsSchema = z
  .object({
    clientId: secret('UPS client id'),
    clientSecret: secret('UPS client secret'),
    accountNumber: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{6}$/i, 'Use the six-character UPS shipper account number.'),
  })
  .strict();

export const CarrierCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, 'Use 2–32 lowercase letters, digits or _ starting with a letter, e.g. "postnl_nl".');

const connectBase = {
  /** The carrier code the portal settings and returns use (unique per merchant, not a sandbox code). */
  code: CarrierCodeSchema,
  /** Shown to shoppers; default the provider's name. */
  name: z.string().trim().min(1).max(80).optional(),
};

export const CarrierAccountConnectBodySchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('sendcloud'), ...connectBase, credentials: SendcloudCredentialsSchema }).strict(),
  z.object({ provider: z.literal('postnl'), ...connectBase, credentials: PostnlCredentialsSchema }).strict(),
  z.object({ provider: z.literal('dhl_parcel'), ...connectBase, credentials: DhlParcelCredentialsSchema }).strict(),
  z.object({ provider: z.literal('ups'), ...connectBase, credentials: UpsCredentialsSchema }).strict(),
]);
export type CarrierAccountConnectBody = z.infer<typeof CarrierAccountConnectBodySchema>;

const CarrierMethodSchema = z.enum(RETURN_METHODS.filter((m) => m !== 'in_store') as [string, ...string[]]);

/** One chosen service: for returns from `country` (or '*': every other country) with `method`. */
export const CarrierServiceChoiceSchema = z
  .object({
    country: z.union([z.literal('*'), CountrySchema]),
    method: CarrierMethodSchema,
    service: z.string().trim().min(1).max(120),
  })
  .strict();
export type CarrierServiceChoice = z.infer<typeof CarrierServiceChoiceSchema>;

export const CarrierAccountSettingsSchema = z
  .object({ services: z.array(CarrierServiceChoiceSchema).max(500) })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.services.forEach((c, i) => {
      const key = `${c.country}:${c.method}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['services', i], message: `A service for ${c.country} and ${c.method} is chosen twice.` });
      seen.add(key);
    });
  });
export type CarrierAccountSettings = z.infer<typeof CarrierAccountSettingsSchema>;

export const ChosenServiceSchema = z.object({
  country: z.string(),
  method: z.string(),
  service: z.string(),
  name: z.string(),
  carrier: z.string(),
  phoneRequired: z.boolean(),
  price: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
});
export type ChosenService = z.infer<typeof ChosenServiceSchema>;

export const CarrierAccountStatusSchema = z.enum(['active', 'auth_failed']);

export const CarrierAccountSchema = z.object({
  id: IdSchema,
  provider: CarrierAccountProviderSchema,
  code: z.string(),
  name: z.string(),
  /** The carrier's own name of the account, when its API says. */
  accountName: z.string().nullable(),
  status: CarrierAccountStatusSchema,
  /** The carrier's last refusal of these credentials and what to do (status auth_failed). */
  lastError: z.object({ message: z.string(), at: InstantSchema, action: z.string() }).nullable(),
  /** The chosen services, with the carrier's name, phone rule and price of each (as the carrier listed it when chosen). */
  settings: z.object({ services: z.array(ChosenServiceSchema) }),
  /** Where the carrier pushes tracking events (set it in the carrier's panel); null when it is polled. */
  webhookUrl: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type CarrierAccount = z.infer<typeof CarrierAccountSchema>;
export const CarrierAccountListSchema = z.object({ data: z.array(CarrierAccountSchema) });

export const CarrierAccountParamsSchema = z.object({ id: IdSchema });

export const CarrierServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  carrier: z.string(),
  methods: z.array(z.string()),
  fromCountries: z.array(z.string()),
  phoneRequired: z.boolean(),
  price: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
});
export type CarrierServiceView = z.infer<typeof CarrierServiceSchema>;
export const CarrierServiceListSchema = z.object({ data: z.array(CarrierServiceSchema) });

export const CarrierAccountTestSchema = z.object({
  ok: z.boolean(),
  status: CarrierAccountStatusSchema,
  accountName: z.string().nullable(),
  /** The carrier's answer when it refused, and what to do. */
  message: z.string().nullable(),
});
export type CarrierAccountTest = z.infer<typeof CarrierAccountTestSchema>;

export const CarrierAccountDeletedSchema = z.object({ deleted: z.boolean() });
