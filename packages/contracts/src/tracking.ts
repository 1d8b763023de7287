// Carrier tracking webhooks: what a carrier posts to Retour and what it gets back.
import { z } from 'zod';
import { InstantSchema } from './common.ts';

export const MAX_WEBHOOK_EVENTS = 500;
/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const CARRIER_SIGNATURE_HEADER = 'x-retour-signature';

export const CarrierWebhookParamsSchema = z.object({
  carrier: z.string().min(1).max(100),
  merchantId: z.string().min(1).max(100),
});

// Unknown fields are ignored rather than refused: a carrier that adds a field must not have its
// events refused (and retried) forever.
export const CarrierWebhookEventSchema = z.object({
  trackingNumber: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(100),
  at: InstantSchema,
  message: z.string().trim().max(1000).optional(),
});
export type CarrierWebhookEvent = z.infer<typeof CarrierWebhookEventSchema>;

export const CarrierWebhookBodySchema = z.object({
  events: z.array(CarrierWebhookEventSchema).max(MAX_WEBHOOK_EVENTS),
});
export type CarrierWebhookBody = z.infer<typeof CarrierWebhookBodySchema>;

export const CarrierWebhookResultSchema = z.object({
  accepted: z.number().int().describe('Events recorded now.'),
  duplicates: z.number().int().describe('Events recorded before (or twice in this payload); nothing changed.'),
  unknownTrackingNumbers: z
    .array(z.string())
    .describe('Tracking numbers of no return of this merchant, as sent; their events are dropped, not retried.'),
});
export type CarrierWebhookResult = z.infer<typeof CarrierWebhookResultSchema>;

export const CarrierWebhookInfoSchema = z
  .object({
    url: z.string().describe('Where the carrier posts events for this merchant.'),
    secret: z.string().describe('Key of the HMAC-SHA256 signature in the x-retour-signature header: "sha256=<hex>".'),
  })
  .nullable()
  .describe('Null for carriers that Retour polls for events.');
