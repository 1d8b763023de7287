// Merchant API: connect a Shopify shop, replace its credentials, import all its orders.
import { ErrorSchema } from '@retour/contracts/common';
import { IntegrationSchema } from '@retour/contracts/integrations';
import { ShopifyBackfillResultSchema, ShopifyConnectSchema, ShopifyIdParamsSchema, ShopifyUpdateSchema } from '@retour/contracts/shopify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { connectShopify } from '../use-cases/integrations/shopify/connect-shopify.ts';
import { startShopifyBackfill } from '../use-cases/integrations/shopify/start-shopify-backfill.ts';
import { updateShopifyCredentials } from '../use-cases/integrations/shopify/update-shopify-credentials.ts';

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  502: ErrorSchema,
};

export function shopifyRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/integrations/shopify',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Connect a Shopify shop (client ID and secret of an app installed on it)',
          description:
            'Checks the credentials with the client-credentials grant and a shop query, subscribes the order and fulfillment ' +
            'webhooks to the returned webhookUrl, and stores the credentials sealed. 422 provider_rejected_credentials when ' +
            'Shopify refuses them, 502 provider_error when Shopify cannot be reached.',
          body: ShopifyConnectSchema,
          response: { 201: IntegrationSchema, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await connectShopify(ctx, authOf(req).merchantId, req.body)),
    );
    app.patch(
      '/integrations/shopify/:id',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Replace the client ID and secret of a Shopify connection (checked like a new connection)',
          params: ShopifyIdParamsSchema,
          body: ShopifyUpdateSchema,
          response: { 200: IntegrationSchema, ...errors },
        },
      },
      async (req) => updateShopifyCredentials(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.post(
      '/integrations/shopify/:id/backfill',
      {
        schema: {
          tags: ['integrations'],
          summary: "Import all of the shop's orders in the background (a bulk operation); follow the import run",
          params: ShopifyIdParamsSchema,
          response: { 202: ShopifyBackfillResultSchema, ...errors },
        },
      },
      async (req, reply) => reply.code(202).send(await startShopifyBackfill(ctx, authOf(req).merchantId, req.params.id)),
    );
  };
}
