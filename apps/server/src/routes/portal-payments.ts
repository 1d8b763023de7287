// The shopper pays a return's up-front fee (same access rules as the other portal return routes).
import { ErrorSchema } from '@retour/contracts/common';
import { CheckoutSchema } from '@retour/contracts/payments';
import { PortalParamsSchema } from '@retour/contracts/portal';
import { AccessQuerySchema } from '@retour/contracts/returns';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { payReturn } from '../use-cases/payments/pay-return.ts';

export function portalPaymentRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/portal/:slug/returns/:id/payments',
      {
        schema: {
          tags: ['portal'],
          summary: "Pay the return's up-front fee: answers the provider's checkout URL to send the shopper to",
          params: PortalParamsSchema.extend({ id: z.string().min(1).max(64) }),
          querystring: AccessQuerySchema,
          response: { 201: CheckoutSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 502: ErrorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await payReturn(ctx, req.params.slug, req.params.id, req.query.access)),
    );
  };
}
