// Connecting a WooCommerce shop (REST API keys), importing its orders and receiving its webhooks.
import { z } from 'zod';

const SiteUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('The shop address, e.g. https://shop.example.com (HTTPS: the keys are sent with every request).');
const ConsumerKey = z
  .string()
  .trim()
  .regex(/^ck_[A-Za-z0-9]{8,128}$/, 'Use the consumer key from WooCommerce → Settings → Advanced → REST API; it starts with ck_.');
const ConsumerSecret = z
  .string()
  .trim()
  .regex(/^cs_[A-Za-z0-9]{8,128}$/, 'Use the consumer secret from WooCommerce → Settings → Advanced → REST API; it starts with cs_.');
const RefundThroughGateway = z
  .boolean()
  .describe('Refunds made in Retour are sent to WooCommerce with api_refund = this (true: the payment gateway pays the shopper back).');

export const WooConnectBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional().describe('Shown in Retour; default "WooCommerce <host>".'),
    siteUrl: SiteUrl,
    consumerKey: ConsumerKey,
    consumerSecret: ConsumerSecret,
    refundThroughGateway: RefundThroughGateway.default(true),
  })
  .strict();
export type WooConnectBody = z.infer<typeof WooConnectBodySchema>;

export const WooUpdateBodySchema = z
  .object({
    consumerKey: ConsumerKey.optional(),
    consumerSecret: ConsumerSecret.optional(),
    refundThroughGateway: RefundThroughGateway.optional(),
  })
  .strict()
  .refine((b) => (b.consumerKey === undefined) === (b.consumerSecret === undefined), {
    message: 'Send the consumer key and the consumer secret together.',
    path: ['consumerSecret'],
  });
export type WooUpdateBody = z.infer<typeof WooUpdateBodySchema>;

export const WooIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const WooBackfillResultSchema = z.object({ importRunId: z.string() });

export const WooHookParamsSchema = z.object({ hookKey: z.string().min(1).max(100) });
export const WooHookResultSchema = z.object({
  /** What happened: the order was stored, the delivery was a duplicate, a ping, or not about an order we import. */
  outcome: z.enum(['stored', 'duplicate', 'ping', 'ignored']),
});
export type WooHookResult = z.infer<typeof WooHookResultSchema>;

/** Headers WooCommerce sends with every delivery. */
export const WOO_SIGNATURE_HEADER = 'x-wc-webhook-signature';
export const WOO_TOPIC_HEADER = 'x-wc-webhook-topic';
export const WOO_DELIVERY_HEADER = 'x-wc-webhook-delivery-id';
