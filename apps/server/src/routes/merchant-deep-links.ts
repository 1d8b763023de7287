// Merchant API: a portal's deep-link secret (shown once, rotatable) and signed links with their QR.
import { ErrorSchema } from '@retour/contracts/common';
import { DeepLinkInputSchema, DeepLinkSchema, LinkSecretSchema } from '@retour/contracts/config';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { createDeepLink } from '../use-cases/portal/create-deep-link.ts';
import { removeLinkSecret, rotateLinkSecret } from '../use-cases/portal/rotate-link-secret.ts';

const Params = z.object({ id: z.string().min(1).max(64) });

export function merchantDeepLinkRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['configuration'];
    const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema };
    app.post(
      '/portals/:id/link-secret',
      {
        schema: {
          tags,
          summary: 'Create or rotate the secret that signs deep links (shown once; older links stop working)',
          params: Params,
          response: { 201: LinkSecretSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await rotateLinkSecret(ctx, authOf(req).merchantId, req.params.id)),
    );
    app.delete(
      '/portals/:id/link-secret',
      {
        schema: {
          tags,
          summary: 'Remove the deep-link secret (deep links stop working)',
          params: Params,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await removeLinkSecret(ctx, authOf(req).merchantId, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/portals/:id/deep-links',
      {
        schema: {
          tags,
          summary: 'A signed, expiring deep link to one order, with its QR code',
          params: Params,
          body: DeepLinkInputSchema,
          response: { 201: DeepLinkSchema, ...errors, 422: ErrorSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createDeepLink(ctx, authOf(req).merchantId, req.params.id, req.body)),
    );
  };
}
