// Connections to shops (Shopify, WooCommerce) as the API shows them. Credentials go in on the
// provider's own create/update call and never come out: the view says only whether they are set.
import { z } from 'zod';
import { IdSchema, InstantSchema } from './common.ts';

export const INTEGRATION_KINDS = ['api', 'csv', 'sendcloud', 'shopify', 'woocommerce'] as const;
export const IntegrationKindSchema = z.enum(INTEGRATION_KINDS);

export const IntegrationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: IntegrationKindSchema,
  status: z.enum(['active', 'error', 'disconnected']),
  /** Non-secret settings, e.g. { shopDomain } or { siteUrl }. */
  settings: z.record(z.string(), z.unknown()),
  credentialsSet: z.boolean(),
  /** Where the provider sends its webhooks (null for kinds without inbound webhooks). */
  webhookUrl: z.string().nullable(),
  lastSyncAt: InstantSchema.nullable(),
  lastError: z.string().nullable(),
  createdAt: InstantSchema,
});
export type Integration = z.infer<typeof IntegrationSchema>;
export const IntegrationListSchema = z.object({ data: z.array(IntegrationSchema) });

/** DELETE /integrations/:id: whether the row went (false: kept, without credentials, for its orders) and what happened at the shop. */
export const IntegrationDisconnectedSchema = z.object({
  deleted: z.boolean(),
  /** done: Retour's webhooks were removed at the provider; failed: they could not be (see message); none: nothing to remove. */
  remoteCleanup: z.enum(['done', 'failed', 'none']),
  /** A sentence for the merchant; after `failed`, which webhooks to remove in the shop's admin. */
  message: z.string(),
});
export type IntegrationDisconnected = z.infer<typeof IntegrationDisconnectedSchema>;
