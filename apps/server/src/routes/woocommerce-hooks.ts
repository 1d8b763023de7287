// Public: WooCommerce webhook deliveries. The body stays raw bytes here (this plugin only), as in
// carrier-webhooks.ts, so the signature is checked over exactly what WooCommerce signed; the use
// case parses it after that check.
import { ErrorSchema } from '@retour/contracts/common';
import {
  WOO_DELIVERY_HEADER,
  WOO_SIGNATURE_HEADER,
  WOO_TOPIC_HEADER,
  WooHookParamsSchema,
  WooHookResultSchema,
} from '@retour/contracts/woocommerce';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { receiveWoocommerceWebhook } from '../use-cases/integrations/woocommerce/receive-woocommerce-webhook.ts';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export function woocommerceHookRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const rawBodies = new WeakMap<FastifyRequest, Buffer>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, null);
    });

    app.post(
      '/api/hooks/woocommerce/:hookKey',
      {
        schema: {
          tags: ['integrations'],
          summary: 'Order webhooks from a connected WooCommerce shop (signed)',
          description:
            'Set up by POST /api/v1/integrations/woocommerce. Deliveries of order.created / order.updated carry ' +
            'X-WC-Webhook-Signature (base64 HMAC-SHA256 of the raw body with the webhook secret) and X-WC-Webhook-Delivery-ID; ' +
            'repeated deliveries are answered 200 without change, as is the ping sent when a webhook is saved.',
          params: WooHookParamsSchema,
          response: { 200: WooHookResultSchema, 400: ErrorSchema, 401: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (req) =>
        receiveWoocommerceWebhook(ctx, req.params.hookKey, {
          signature: header(req, WOO_SIGNATURE_HEADER),
          topic: header(req, WOO_TOPIC_HEADER),
          deliveryId: header(req, WOO_DELIVERY_HEADER),
          raw: rawBodies.get(req) ?? Buffer.alloc(0),
        }),
    );
  };
}
