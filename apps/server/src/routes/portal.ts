// The public portal API (api.md "Customer portal API").
import { ErrorSchema } from '@retour/contracts/common';
import { PortalLangQuerySchema, PortalParamsSchema, PublicPortalSchema } from '@retour/contracts/portal';
import {
  AccessQuerySchema,
  LookupBodySchema,
  LookupResultSchema,
  PortalReturnBodySchema,
  ReturnViewSchema,
} from '@retour/contracts/returns';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { idempotent } from '../http/idempotency.ts';
import { requestLanguage } from '../http/portal-messages.ts';
import { getPortalSettings } from '../use-cases/get-portal-settings.ts';
import { getShopperReturn } from '../use-cases/get-shopper-return.ts';
import { lookupOrder } from '../use-cases/lookup-order.ts';
import { requestReturn } from '../use-cases/request-return.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };

export function portalRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/:slug',
      {
        schema: {
          tags: ['portal'],
          summary: 'Public settings of a portal',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          response: { 200: PublicPortalSchema, 404: ErrorSchema },
        },
      },
      async (req) => getPortalSettings(ctx, req.params.slug, req.query.lang ?? requestLanguage(undefined, req.headers['accept-language'])),
    );

    app.post(
      '/api/portal/:slug/lookup',
      {
        schema: {
          tags: ['portal'],
          summary: 'Find an order by order or tracking number plus postal code',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          body: LookupBodySchema,
          response: { 200: LookupResultSchema, ...errors },
        },
      },
      async (req) => lookupOrder(ctx, req.params.slug, req.body, req.ip, requestLanguage(req.query, req.headers['accept-language'])),
    );

    app.post(
      '/api/portal/:slug/returns',
      {
        schema: {
          tags: ['portal'],
          summary: 'Create a return (needs the lookup token)',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          headers: z.object({ authorization: z.string().max(4000).optional(), 'idempotency-key': z.string().optional() }),
          body: PortalReturnBodySchema,
          response: { 201: ReturnViewSchema, ...errors },
        },
      },
      async (req, reply) =>
        idempotent(ctx, req, reply, `portal:${req.params.slug}`, async () => ({
          status: 201,
          body: await requestReturn(ctx, req.params.slug, req.headers.authorization, req.body),
        })),
    );

    app.get(
      '/api/portal/:slug/returns/:id',
      {
        schema: {
          tags: ['portal'],
          summary: "The shopper's view of a return",
          params: PortalParamsSchema.extend({ id: z.string().min(1).max(64) }),
          querystring: AccessQuerySchema,
          response: { 200: ReturnViewSchema, 404: ErrorSchema },
        },
      },
      async (req) => getShopperReturn(ctx, req.params.slug, req.params.id, req.query.access),
    );
  };
}
