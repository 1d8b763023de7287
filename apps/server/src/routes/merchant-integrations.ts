// Merchant API: the integrations (order sources and shop connections). Each provider adds its
// own connect/backfill routes beside these (routes/shopify.ts, routes/woocommerce.ts).
import { ErrorSchema } from '@retour/contracts/common';
import { IntegrationDisconnectedSchema, IntegrationListSchema } from '@retour/contracts/integrations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { disconnectIntegration } from '../use-cases/integrations/disconnect-integration.ts';
import { listMerchantIntegrations } from '../use-cases/integrations/list-merchant-integrations.ts';

export function merchantIntegrationRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/integrations',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Order sources and shop connections (credentials are never returned)',
          response: { 200: IntegrationListSchema, 401: ErrorSchema },
        },
      },
      async (req) => ({ data: await listMerchantIntegrations(ctx, authOf(req).merchantId) }),
    );
    app.delete(
      '/integrations/:id',
      {
        schema: {
          tags: ['integrations'],
          summary:
            'Disconnect an integration: its webhooks at the shop are removed, then it is kept, without credentials, while orders point at it',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: IntegrationDisconnectedSchema, 401: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req) => disconnectIntegration(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
