// Uploaded images, public: logos and portal backgrounds are shown to shoppers.
import { ErrorSchema } from '@retour/contracts/common';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { loadUpload } from '../use-cases/settings/upload-image.ts';

const Params = z.object({ merchantId: z.string().min(1).max(64), id: z.string().min(1).max(64) });

export function uploadRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/uploads/:merchantId/:id',
      { schema: { tags: ['uploads'], summary: 'An uploaded image', params: Params, response: { 404: ErrorSchema } } },
      async (req, reply) => {
        const upload = await loadUpload(ctx, req.params.merchantId, req.params.id);
        return (reply as FastifyReply)
          .header('content-type', upload.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('content-security-policy', "default-src 'none'")
          .send(upload.data);
      },
    );
  };
}
