// Mollie's payment webhook: a form-encoded `id=tr_…`, unsigned, so the use case fetches the
// payment from Mollie with the merchant's key before acting on it.
import { ErrorSchema } from '@retour/contracts/common';
import { MollieWebhookBodySchema, MollieWebhookParamsSchema, MollieWebhookResultSchema } from '@retour/contracts/payments';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { receiveMollieWebhook } from '../use-cases/payments/receive-mollie-webhook.ts';

export function paymentWebhookRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.post(
      '/api/payments/mollie/:merchantId/webhook',
      {
        schema: {
          tags: ['payments'],
          summary: 'Mollie payment webhook (form body id=tr_…; the payment is fetched from Mollie, never taken from the body)',
          params: MollieWebhookParamsSchema,
          body: MollieWebhookBodySchema,
          response: { 200: MollieWebhookResultSchema, 400: ErrorSchema, 422: ErrorSchema, 502: ErrorSchema },
        },
      },
      async (req) => receiveMollieWebhook(ctx, req.params.merchantId, req.body.id),
    );
  };
}
