// The portal's photo endpoints (issue #15 item 3), with the lookup token: a shopper uploads a photo
// of an item (the file itself as the body, any declared type: the content decides) and may take
// one back before submitting. The photo ids go with the return (items[].photoIds).
import { ErrorSchema } from '@retour/contracts/common';
import { PhotoParamsSchema, PhotoUploadQuerySchema, ShopperPhotoParamsSchema, UploadedPhotoSchema } from '@retour/contracts/photos';
import { AccessQuerySchema } from '@retour/contracts/returns';
import { PortalParamsSchema } from '@retour/contracts/portal';
import { MAX_PHOTO_BYTES } from '@retour/domain/photos';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { sendPhoto } from '../http/send-photo.ts';
import { getShopperPhoto } from '../use-cases/portal/get-shopper-photo.ts';
import { removePhoto } from '../use-cases/photos/remove-photo.ts';
import { uploadPhoto } from '../use-cases/photos/upload-photo.ts';

const headers = z.object({ authorization: z.string().max(4000).optional() });
/** Room for a 10 MB photo; a larger body is cut off with 413 payload_too_large before it is read whole. */
const BODY_LIMIT = MAX_PHOTO_BYTES + 1;

export function portalPhotoRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    // The photo's bytes as they are, whatever type the browser declares (the content is checked).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

    app.post(
      '/api/portal/:slug/photos',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['portal'],
          summary: 'Add a photo of an order item (the image file as the body: JPEG, PNG, HEIC or WebP, ≤ 10 MB; needs the lookup token)',
          params: PortalParamsSchema,
          querystring: PhotoUploadQuerySchema,
          headers,
          response: {
            201: UploadedPhotoSchema,
            400: ErrorSchema,
            401: ErrorSchema,
            404: ErrorSchema,
            413: ErrorSchema,
            422: ErrorSchema,
            429: ErrorSchema,
            503: ErrorSchema,
          },
        },
      },
      async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : undefined;
        const photo = await uploadPhoto(ctx, req.params.slug, req.headers.authorization, req.query.orderItemId, body);
        return reply.status(201).send(photo);
      },
    );

    app.delete(
      '/api/portal/:slug/photos/:photoId',
      {
        schema: {
          tags: ['portal'],
          summary: 'Take back a photo not yet sent with a return (needs the lookup token)',
          params: PhotoParamsSchema,
          headers,
          response: { 204: z.null(), 401: ErrorSchema, 404: ErrorSchema, 503: ErrorSchema },
        },
      },
      async (req, reply) => {
        await removePhoto(ctx, req.params.slug, req.headers.authorization, req.params.photoId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/portal/:slug/returns/:id/photos/:photoId',
      {
        schema: {
          tags: ['portal'],
          summary: 'A photo the shopper sent with the return (JPEG, without metadata; with the access code)',
          params: ShopperPhotoParamsSchema,
          querystring: AccessQuerySchema,
          response: { 404: ErrorSchema, 503: ErrorSchema },
        },
      },
      async (req, reply) => {
        return sendPhoto(
          reply as FastifyReply,
          await getShopperPhoto(ctx, req.params.slug, req.params.id, req.query.access, req.params.photoId),
        );
      },
    );
  };
}
