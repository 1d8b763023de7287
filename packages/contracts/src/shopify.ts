// Shopify connections: connect a shop with a custom app's client id and secret (client-credentials
// grant), replace them, and start a backfill of every order. The shop is named by its permanent
// *.myshopify.com domain (not a custom storefront domain).
import { z } from 'zod';

export const ShopDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/,
    'Use the shop\'s permanent domain ending in .myshopify.com (Shopify admin → Settings → Domains), e.g. "my-shop.myshopify.com".',
  );

const Credentials = {
  clientId: z.string().trim().min(1).max(200).describe('Client ID of the app (Dev Dashboard → app → Settings).'),
  clientSecret: z.string().trim().min(1).max(500).describe('Client secret of the same app; it also signs the webhooks.'),
};

export const ShopifyConnectSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional().describe('How orders from this shop are labelled; default "Shopify <shop>".'),
    shopDomain: ShopDomainSchema,
    ...Credentials,
  })
  .strict();
export type ShopifyConnect = z.infer<typeof ShopifyConnectSchema>;

export const ShopifyUpdateSchema = z.object(Credentials).strict();
export type ShopifyUpdate = z.infer<typeof ShopifyUpdateSchema>;

export const ShopifyIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const ShopifyHookParamsSchema = z.object({ hookKey: z.string().min(1).max(100) });

export const ShopifyBackfillResultSchema = z.object({ importRunId: z.string() });

export const ShopifyWebhookResultSchema = z.object({
  received: z.boolean(),
  duplicate: z.boolean(),
  /** What the webhook changed, e.g. "order_upserted", "shipments_upserted", "ignored". */
  outcome: z.string(),
});
export type ShopifyWebhookResult = z.infer<typeof ShopifyWebhookResultSchema>;
