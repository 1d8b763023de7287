// Merchant API: the shoppers' photos of a return (issue #15 item 3), merchant-scoped like every
// return route. The back office shows them as thumbnails; webhooks link here.
import { ErrorSchema } from '@retour/contracts/common';
import { ReturnPhotoParamsSchema } from '@retour/contracts/photos';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { sendPhoto } from '../http/send-photo.ts';
import { authOf } from '../http/auth.ts';
import { getReturnPhoto } from '../use-cases/returns/get-return-photo.ts';

export function merchantPhotoRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/returns/:id/photos/:photoId',
      {
        schema: {
          tags: ['returns'],
          summary: 'One photo the shopper added to the return (JPEG, without metadata)',
          params: ReturnPhotoParamsSchema,
          response: { 401: ErrorSchema, 404: ErrorSchema, 503: ErrorSchema },
        },
      },
      async (req, reply) => {
        return sendPhoto(reply as FastifyReply, await getReturnPhoto(ctx, authOf(req).merchantId, req.params.id, req.params.photoId));
      },
    );
  };
}
