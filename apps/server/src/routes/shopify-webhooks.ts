// Webhooks from connected Shopify shops. As for carrier webhooks, the body stays raw bytes in this
// plugin only (kept beside the request, not as its body) so the HMAC is checked over exactly what
// Shopify signed; the use case parses it after that check.
import { ErrorSchema } from '@retour/contracts/common';
import { ShopifyHookParamsSchema, ShopifyWebhookResultSchema } from '@retour/contracts/shopify';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { receiveShopifyWebhook } from '../use-cases/integrations/shopify/receive-shopify-webhook.ts';

export function shopifyWebhookRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const rawBodies = new WeakMap<FastifyRequest, Buffer>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, null);
    });

    app.post(
      '/api/hooks/shopify/:hookKey',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Webhooks from a connected Shopify shop (signed with the app client secret)',
          description:
            'Topics: orders/create, orders/updated, fulfillments/create, fulfillments/update, customers/data_request, ' +
            'customers/redact, shop/redact; others are acknowledged and ignored. Header X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 ' +
            'of the raw body keyed with the client secret; X-Shopify-Event-Id makes repeated deliveries no-ops.',
          params: ShopifyHookParamsSchema,
          response: { 200: ShopifyWebhookResultSchema, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (req) => {
        const { log, ...result } = await receiveShopifyWebhook(
          ctx,
          req.params.hookKey,
          {
            hmac: req.headers['x-shopify-hmac-sha256'],
            topic: req.headers['x-shopify-topic'],
            eventId: req.headers['x-shopify-event-id'],
            webhookId: req.headers['x-shopify-webhook-id'],
          },
          rawBodies.get(req) ?? Buffer.alloc(0),
        );
        // Ids only: no personal data in logs.
        if (log) req.log.info({ shopifyWebhook: result.outcome, ...log }, 'shopify webhook');
        return result;
      },
    );
  };
}
