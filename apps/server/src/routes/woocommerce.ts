// Merchant API: connect a WooCommerce shop, replace its keys or refund setting, import its orders.
import { ErrorSchema } from '@retour/contracts/common';
import { IntegrationSchema } from '@retour/contracts/integrations';
import { WooBackfillResultSchema, WooConnectBodySchema, WooIdParamsSchema, WooUpdateBodySchema } from '@retour/contracts/woocommerce';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { connectWoocommerce } from '../use-cases/integrations/woocommerce/connect-woocommerce.ts';
import { startWoocommerceBackfill } from '../use-cases/integrations/woocommerce/start-woocommerce-backfill.ts';
import { updateWoocommerce } from '../use-cases/integrations/woocommerce/update-woocommerce.ts';

const tags = ['integrations'];
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  502: ErrorSchema,
};

export function woocommerceRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/integrations/woocommerce',
      {
        schema: {
          tags,
          summary: 'Connect a WooCommerce shop (REST API keys with Read/Write; creates its order webhooks)',
          body: WooConnectBodySchema,
          response: { 201: IntegrationSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await connectWoocommerce(ctx, authOf(req).merchantId, req.body)),
    );
    app.patch(
      '/integrations/woocommerce/:id',
      {
        schema: {
          tags,
          summary: 'Replace the API keys of a WooCommerce connection, or change how its refunds are sent',
          params: WooIdParamsSchema,
          body: WooUpdateBodySchema,
          response: { 200: IntegrationSchema, ...errors },
        },
      },
      async (req) => updateWoocommerce(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.post(
      '/integrations/woocommerce/:id/backfill',
      {
        schema: {
          tags,
          summary: "Import all of the shop's orders in the background (progress in the import run)",
          params: WooIdParamsSchema,
          response: { 202: WooBackfillResultSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(202).send(await startWoocommerceBackfill(ctx, authOf(req).merchantId, req.params.id)),
    );
  };
}
