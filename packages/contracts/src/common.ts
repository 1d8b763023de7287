// Shapes shared by every endpoint: money, errors, pagination, addresses, identifiers.
import { isKnownCurrency, parseMoneyValue } from '@retour/domain/money';
import { SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
export const InstantSchema = z.iso.datetime({ offset: true });
export const CalendarDateSchema = z.iso.date();
export const CountrySchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'Use a two-letter ISO 3166 country code, e.g. "NL".')
  .transform((c) => c.toUpperCase());
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code, e.g. "EUR".')
  .refine(isKnownCurrency, 'Unknown currency code.');
export const LanguageSchema = z.enum(SUPPORTED_LANGUAGES);
export const EmailSchema = z.email().max(254);
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{6,24}$/, 'Use a phone number with digits, optionally starting with +.');

/** Money on the wire: a decimal string in the currency's own precision, never a float. */
export const MoneySchema = z
  .object({ value: z.string().regex(/^-?\d{1,15}(\.\d{1,3})?$/, 'Use a decimal string such as "12.50".'), currency: CurrencySchema })
  .strict()
  .superRefine((m, ctx) => {
    if (parseMoneyValue(m.value, m.currency) === null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Too many decimals for ${m.currency}.` });
    }
  });
export type Money = z.infer<typeof MoneySchema>;

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const AddressFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  company: z.string().trim().max(200).nullish(),
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().max(20).nullish(),
  addressLine2: z.string().trim().max(200).nullish(),
  postalCode: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).nullish(),
  country: CountrySchema,
});

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
});
