// Carrier tracking webhooks. The body stays raw bytes here (this plugin only) so the signature is
// checked over exactly what the carrier signed; the use case parses it after that check. The bytes
// are kept beside the request, not as its body: app-wide hooks that walk the body (the NUL guard)
// would otherwise walk an unauthenticated megabyte byte by byte.
import { ErrorSchema } from '@retour/contracts/common';
import { CARRIER_SIGNATURE_HEADER, CarrierWebhookParamsSchema, CarrierWebhookResultSchema } from '@retour/contracts/tracking';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { receiveCarrierWebhook } from '../use-cases/carriers/receive-carrier-webhook.ts';
import { receiveAccountWebhook } from '../use-cases/carriers/track-account-returns.ts';
import { z } from 'zod';

export function carrierWebhookRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const rawBodies = new WeakMap<FastifyRequest, Buffer>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, null);
    });

    app.post(
      '/api/carriers/accounts/:accountId/webhook',
      {
        schema: {
          tags: ['carriers'],
          summary: "Tracking events pushed by the carrier of a merchant's carrier account, in the carrier's own format",
          description:
            "Set this URL (each account's `webhookUrl`) in the carrier's panel. The carrier's own signature is checked " +
            '(Sendcloud: header Sendcloud-Signature, hex HMAC-SHA256 of the raw body keyed with the API secret key).',
          params: z.object({ accountId: z.string().min(1).max(64) }),
          response: { 200: CarrierWebhookResultSchema, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (req) => receiveAccountWebhook(ctx, req.params.accountId, req.headers, rawBodies.get(req) ?? Buffer.alloc(0)),
    );
    app.post(
      '/api/carriers/:carrier/webhooks/:merchantId',
      {
        schema: {
          tags: ['carriers'],
          summary: 'Tracking events from a carrier (signed)',
          description:
            'Body: { "events": [ { "trackingNumber", "code", "at", "message"? } ] } (at most 500), signed: ' +
            'header x-retour-signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret of GET /api/v1/carriers>. ' +
            'Events of unknown tracking numbers are reported in unknownTrackingNumbers, not refused.',
          params: CarrierWebhookParamsSchema,
          response: { 200: CarrierWebhookResultSchema, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (req) =>
        receiveCarrierWebhook(
          ctx,
          req.params.carrier,
          req.params.merchantId,
          req.headers[CARRIER_SIGNATURE_HEADER],
          rawBodies.get(req) ?? Buffer.alloc(0),
        ),
    );
  };
}
