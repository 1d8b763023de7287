// The public portal API (api.md "Customer portal API").
import { ErrorSchema } from '@retour/contracts/common';
import { PortalLangQuerySchema, PortalParamsSchema, PublicPortalSchema } from '@retour/contracts/portal';
import {
  AccessQuerySchema,
  LabelFormatSchema,
  LinkLookupBodySchema,
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
import { getPortalSettings } from '../use-cases/portal/get-portal-settings.ts';
import { getShopperReturn } from '../use-cases/portal/get-shopper-return.ts';
import { lookupOrder } from '../use-cases/portal/lookup-order.ts';
import { requestReturn } from '../use-cases/portal/request-return.ts';
import { getShopperDocument } from '../use-cases/returns/get-return-document.ts';
import { getWithdrawalForm } from '../use-cases/portal/get-withdrawal-form.ts';
import { lookupOrderByLink } from '../use-cases/portal/lookup-order-by-link.ts';
import { sendDocument } from '../http/send-document.ts';

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
          summary: 'Find an order by two of order number, email, postal code and tracking number',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          body: LookupBodySchema,
          response: { 200: LookupResultSchema, ...errors },
        },
      },
      async (req) => lookupOrder(ctx, req.params.slug, req.body, req.ip, requestLanguage(req.query, req.headers['accept-language'])),
    );

    app.post(
      '/api/portal/:slug/lookup/link',
      {
        schema: {
          tags: ['portal'],
          summary: 'Find an order by a signed deep link from the shop (its query string)',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          body: LinkLookupBodySchema,
          response: { 200: LookupResultSchema, ...errors, 410: ErrorSchema },
        },
      },
      async (req) => lookupOrderByLink(ctx, req.params.slug, req.body, req.ip, requestLanguage(req.query, req.headers['accept-language'])),
    );

    app.post(
      '/api/portal/:slug/returns',
      {
        config: { idempotencyKey: true },
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

    const ReturnParams = PortalParamsSchema.extend({ id: z.string().min(1).max(64) });
    const docErrors = { 400: ErrorSchema, 404: ErrorSchema };
    app.get(
      '/api/portal/:slug/returns/:id/label',
      {
        schema: {
          tags: ['portal'],
          summary: 'The return label: PDF (a6, a4, 4x6) or ZPL',
          params: ReturnParams,
          querystring: AccessQuerySchema.extend({ format: LabelFormatSchema.default('a4') }),
          response: docErrors,
        },
      },
      async (req, reply) =>
        sendDocument(
          reply,
          await getShopperDocument(ctx, req.params.slug, req.params.id, req.query.access, { kind: 'label', format: req.query.format }),
        ),
    );

    app.get(
      '/api/portal/:slug/returns/:id/qr',
      {
        schema: {
          tags: ['portal'],
          summary: 'PNG QR code for a label-less drop-off',
          params: ReturnParams,
          querystring: AccessQuerySchema,
          response: docErrors,
        },
      },
      async (req, reply) =>
        sendDocument(reply, await getShopperDocument(ctx, req.params.slug, req.params.id, req.query.access, { kind: 'qr' })),
    );

    app.get(
      '/api/portal/:slug/returns/:id/customs',
      {
        schema: {
          tags: ['portal'],
          summary: 'CN23 customs declaration (returns crossing a customs border)',
          params: ReturnParams,
          querystring: AccessQuerySchema,
          response: docErrors,
        },
      },
      async (req, reply) =>
        sendDocument(reply, await getShopperDocument(ctx, req.params.slug, req.params.id, req.query.access, { kind: 'customs' })),
    );

    app.get(
      '/api/portal/:slug/withdrawal-form',
      {
        schema: {
          tags: ['portal'],
          summary: 'The EU model withdrawal form (Annex I(B)) as PDF',
          params: PortalParamsSchema,
          querystring: PortalLangQuerySchema,
          response: docErrors,
        },
      },
      async (req, reply) =>
        sendDocument(
          reply,
          await getWithdrawalForm(ctx, req.params.slug, req.query.lang ?? requestLanguage(undefined, req.headers['accept-language'])),
        ),
    );
  };
}
