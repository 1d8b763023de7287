// Payment provider accounts (Mollie) and the shopper's checkout of a return's up-front fee.
// The API key goes in on PUT and never comes out: the view says only the mode and that it is set.
import { z } from 'zod';

export const PAYMENT_PROVIDERS = ['mollie'] as const;
export const PaymentProviderParamsSchema = z.object({ provider: z.enum(PAYMENT_PROVIDERS) });

export const MollieAccountBodySchema = z
  .object({
    apiKey: z
      .string()
      .trim()
      .regex(/^(test|live)_[A-Za-z0-9]{20,64}$/, 'Use a Mollie API key: "test_…" or "live_…" (Mollie dashboard → Developers → API keys).'),
  })
  .strict();
export type MollieAccountBody = z.infer<typeof MollieAccountBodySchema>;

export const PaymentAccountSchema = z.object({
  provider: z.enum(PAYMENT_PROVIDERS),
  /** test_ keys take test payments only; null when not configured. */
  mode: z.enum(['test', 'live']).nullable(),
  configured: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type PaymentAccount = z.infer<typeof PaymentAccountSchema>;
export const PaymentAccountDeletedSchema = z.object({ deleted: z.boolean() });

/** Answer to the shopper's "Pay": where to send the browser. */
export const CheckoutSchema = z.object({ checkoutUrl: z.string() });
export type Checkout = z.infer<typeof CheckoutSchema>;

/** Mollie's classic webhook body (form-encoded): only the payment id, which is never trusted as is. */
export const MollieWebhookBodySchema = z.object({ id: z.string().regex(/^tr_[A-Za-z0-9]{1,64}$/, 'Expected a Mollie payment id (tr_…).') });
export const MollieWebhookParamsSchema = z.object({ merchantId: z.string().min(1).max(64) });
export const MollieWebhookResultSchema = z.object({ received: z.literal(true) });
