// Portal: drop-off points near the shopper for a carrier the portal offers.
import { ErrorSchema } from '@retour/contracts/common';
import { PortalParamsSchema } from '@retour/contracts/portal';
import { ServicePointListSchema, ServicePointQuerySchema } from '@retour/contracts/service-points';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { findServicePoints } from '../use-cases/portal/find-service-points.ts';

export function servicePointRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/:slug/service-points',
      {
        schema: {
          tags: ['portal'],
          summary: 'Drop-off points near a postal code or a position, nearest first',
          params: PortalParamsSchema,
          querystring: ServicePointQuerySchema,
          response: { 200: ServicePointListSchema, 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (req) => findServicePoints(ctx, req.params.slug, req.query),
    );
  };
}
